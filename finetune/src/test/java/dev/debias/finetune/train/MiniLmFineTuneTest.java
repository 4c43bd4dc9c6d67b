package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.Record;
import dev.debias.demo.BiosGenerator;
import dev.debias.finetune.export.OnnxRunExport;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.Pooling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One short fine-tune of the real all-MiniLM-L6-v2 on demo bios: 8 occupations, well above chance after
 * one epoch; and its ONNX export gives debias predict's probabilities on 200 records in ONNX Runtime.
 */
class MiniLmFineTuneTest {
    @Test
    void oneEpochOnDemoBiosLearnsTheOccupations(@TempDir Path dir) throws Exception {
        List<Record> bios = BiosGenerator.builder().setCount(360).optSeed(3).build().stream().toList();
        Path train = TinyBert.write(dir.resolve("train.jsonl"), bios.subList(0, 240));
        Path eval = TinyBert.write(dir.resolve("eval.jsonl"), bios.subList(240, 360));
        TrainConfig c = TrainConfig.builder().setModel(PretrainedModel.MINILM).setTrain(train).setEval(eval)
                .setFields(new FieldMapping("text", "label", List.of(), "id")).optEpochs(1).optBatchSize(16)
                .optMaxLength(48).optLearningRate(1e-4).optWeightDecay(0.01).optWarmupFraction(0.1).optClipNorm(1.0)
                .optPatience(0).optMetric(Metric.ACCURACY).optPooling(Pooling.MEAN).optDropout(0.1f)
                .optDevice(ComputeDevice.CPU).optSeed(1).build();
        RunResult r = FineTuner.builder().setConfig(c).setRunDir(dir.resolve("run")).build().run();

        assertEquals(8, r.labels().size(), r.labels().toString());
        EpochMetrics m = r.epochs().get(0);
        assertEquals(15, m.steps());
        // chance is 1/8; this run reaches 0.65 on this machine
        assertTrue(m.accuracy() >= 0.4, "accuracy " + m);
        assertTrue(m.macroF1() >= 0.3, "macro-F1 " + m);
        assertTrue(m.evalLoss() < Math.log(8), "eval loss below the uniform guess: " + m);
        assertTrue(r.truncatedTrain() > 0, "bios are longer than 48 word pieces: truncation is counted");

        // the ONNX export of the run gives debias predict's probabilities on 200 records, in ONNX Runtime
        Path onnx = dir.resolve("onnx");
        OnnxRunExport.write(dir.resolve("run"), onnx);
        List<String> texts = bios.subList(160, 360).stream().map(Record::text).toList();
        float[][] expected;
        try (Predictor p = Predictor.load(dir.resolve("run"))) {
            expected = p.predict(texts);
        }
        double worst = 0;
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (TextEncoder enc = new TextEncoder(Files.readAllBytes(onnx.resolve("tokenizer.json")), 48);
                ai.onnxruntime.OrtSession s = env.createSession(onnx.resolve("model.onnx").toString(),
                        new ai.onnxruntime.OrtSession.SessionOptions())) {
            for (int i = 0; i < texts.size(); i++) {
                long[][] e = enc.encode(texts.get(i));
                long[] mask = new long[e[0].length];
                java.util.Arrays.fill(mask, 1);
                try (var ids = ai.onnxruntime.OnnxTensor.createTensor(env, new long[][] {e[0]});
                        var am = ai.onnxruntime.OnnxTensor.createTensor(env, new long[][] {mask});
                        var types = ai.onnxruntime.OnnxTensor.createTensor(env, new long[][] {e[1]});
                        var out = s.run(java.util.Map.of("input_ids", ids, "attention_mask", am, "token_type_ids", types))) {
                    float[] logits = ((float[][]) out.get("logits").orElseThrow().getValue())[0];
                    double max = Double.NEGATIVE_INFINITY;
                    for (float l : logits) {
                        max = Math.max(max, l);
                    }
                    double sum = 0;
                    for (float l : logits) {
                        sum += Math.exp(l - max);
                    }
                    for (int k = 0; k < logits.length; k++) {
                        worst = Math.max(worst, Math.abs(Math.exp(logits[k] - max) / sum - expected[i][k]));
                    }
                }
            }
        }
        assertTrue(worst < 1e-4, "ONNX Runtime's probabilities differ from debias predict's by " + worst);
    }
}
