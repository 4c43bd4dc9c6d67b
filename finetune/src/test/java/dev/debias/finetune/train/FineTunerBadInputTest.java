package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.Record;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad data, bad models and diverging training stop with a message that names the culprit. */
class FineTunerBadInputTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TinyBert.Toy toy;

    @BeforeAll
    static void setUp() throws IOException {
        toy = TinyBert.toy(shared);
    }

    private String refusal(TrainConfig c) {
        return assertThrows(InvalidInputException.class, () -> FineTunerTest.run(c, dir.resolve("run"))).getMessage();
    }

    private TrainConfig withEval(Path eval) {
        TrainConfig c = toy.config();
        return c.toBuilder().setEval(eval).optWeightField(null).optEpochs(1).optClassBalanced(false).optPatience(0)
                .build();
    }

    private TrainConfig withModel(Path model) {
        TrainConfig c = toy.config();
        return c.toBuilder().setModel(model.toString()).optWeightField(null).optEpochs(1).optClassBalanced(false)
                .optPatience(0).build();
    }

    /** Toy training records with record {@code i} replaced by {@code r}. */
    private Path trainWith(int i, Record r) throws IOException {
        List<Record> records = new ArrayList<>(TinyBert.toy("t", 200, 1, 2));
        records.set(i, r);
        return TinyBert.write(dir.resolve("train-" + i + ".jsonl"), records);
    }

    @Test
    void anEvalLabelUnknownToTrainingNamesTheRecordAndTheLabels() throws Exception {
        List<Record> eval = new ArrayList<>(TinyBert.toy("e", 20, 2, 2));
        eval.set(7, TinyBert.record("e-7", "The cherry is red.", "gamma", Map.of()));
        Path f = TinyBert.write(dir.resolve("eval.jsonl"), eval);
        String m = refusal(withEval(f));
        assertTrue(m.contains("eval.jsonl"), m);
        assertTrue(m.contains("record e-7 has the label 'gamma'"), m);
        assertTrue(m.contains("(labels: [alpha, beta])"), m);
    }

    @Test
    void anEmptyTextIsRefusedNamingTheRecord() throws Exception {
        Path train = trainWith(3, TinyBert.record("t-3", "", "alpha", Map.of()));
        String m = refusal(FineTunerTest.withData(toy.config(), train));
        assertTrue(m.contains("train-3.jsonl: record t-3 has an empty text"), m);
        Path blank = trainWith(4, TinyBert.record("t-4", "  \t ", "beta", Map.of()));
        assertTrue(refusal(FineTunerTest.withData(toy.config(), blank)).contains("record t-4 has an empty text"));
    }

    @Test
    void fewerThanTwoLabelsAreRefused() throws Exception {
        List<Record> one = TinyBert.toy("t", 30, 1, 1000).stream().filter(r -> r.label().equals("alpha")).toList();
        Path f = TinyBert.write(dir.resolve("one.jsonl"), one);
        TrainConfig c = FineTunerTest.withData(toy.config(), f);
        String m = refusal(c.toBuilder().setEval(f).optWeightField(null).optEpochs(1).optBatchSize(16).optMaxLength(32)
                .optLearningRate(1e-3).optWeightDecay(0).optWarmupFraction(0).optClipNorm(0).optClassBalanced(false)
                .optPatience(0).optMetric(Metric.ACCURACY).optDropout(0f).optDevice(ComputeDevice.CPU).optSeed(1).build());
        assertTrue(m.contains("the labels [alpha] are fewer than two classes"), m);
    }

    @Test
    void aModelDirectoryWithoutTokenizerIsRefusedNamingTheFile() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("no-tokenizer"), 3);
        Files.delete(model.resolve("tokenizer.json"));
        String m = refusal(withModel(model));
        assertTrue(m.contains(model.resolve("tokenizer.json") + ": missing (the tokenizer)"), m);
    }

    @Test
    void nanWeightsAreRefusedNamingTheTensor() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("nan"), 3);
        Weights w = TinyBert.randomWeights(3);
        float[] q = w.get("encoder.layer.0.attention.self.query.weight").data().clone();
        q[17] = Float.NaN;
        w.put("encoder.layer.0.attention.self.query.weight", new long[] {32, 32}, q);
        SafeTensors.write(model.resolve("model.safetensors"), w);
        String m = refusal(withModel(model));
        assertTrue(m.contains("model.safetensors: tensor encoder.layer.0.attention.self.query.weight holds NaN"), m);
    }

    @Test
    void weightsOfTheWrongShapeAreRefusedNamingTheTensor() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("shape"), 3);
        Weights w = TinyBert.randomWeights(3);
        w.put("embeddings.position_embeddings.weight", new long[] {32, 32}, new float[32 * 32]);
        SafeTensors.write(model.resolve("model.safetensors"), w);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FineTunerTest.run(withModel(model), dir.resolve("run")));
        assertTrue(e.getMessage().contains("weight embeddings.position_embeddings.weight has shape [32, 32], the model "
                + "needs [64, 32]"), e.getMessage());
    }

    @Test
    void aNegativeOrNonNumericOrMissingRecordWeightIsRefusedNamingTheRecord() throws Exception {
        for (String bad : List.of("-1", "heavy", "NaN", "Infinity", "")) {
            List<Record> records = new ArrayList<>();
            for (Record r : TinyBert.toy("t", 40, 1, 2)) {
                records.add(r.withAttribute("w", r.id().equals("t-5") ? bad : "1"));
            }
            Path f = TinyBert.write(dir.resolve("weights.jsonl"), records);
            TrainConfig c = FineTunerTest.with(FineTunerTest.withData(toy.config(), f), 1, "w", false, 1);
            String m = refusal(c);
            assertTrue(m.contains("weights.jsonl: record t-5 has the weight '" + bad + "'; weights are finite numbers >= 0"),
                    bad + ": " + m);
        }
        TrainConfig c = FineTunerTest.with(toy.config(), 1, "w", false, 1);
        String m = refusal(c);
        assertTrue(m.contains("record t-0 has no weight field 'w'"), m);
    }

    @Test
    void aDivergingLossStopsNamingTheStep() throws Exception {
        TrainConfig c = toy.config();
        TrainConfig absurd = c.toBuilder().optWeightField(null).optEpochs(1).optBatchSize(16).optMaxLength(32)
                .optLearningRate(1e30).optWeightDecay(0.01).optWarmupFraction(0).optClipNorm(1.0).optClassBalanced(false)
                .optPatience(0).optMetric(Metric.ACCURACY).optDropout(0.1f).optDevice(ComputeDevice.CPU).optSeed(1).build();
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> FineTunerTest.run(absurd, dir.resolve("run")));
        assertEquals(2, e.step());
        assertTrue(Double.isNaN(e.value()) || Double.isInfinite(e.value()), e.getMessage());
        assertTrue(e.getMessage().matches("the (training loss|gradient norm) became (NaN|-?Infinity) at step \\d+.*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("at step 2"), "step 1 is finite, its update blows up step 2: " + e.getMessage());
        assertTrue(!Files.exists(dir.resolve("run/metrics.jsonl")), "no epoch completed");
    }

    @Test
    void aMaxLengthBeyondThePositionTableIsRefusedUpFrontOrClamped() throws Exception {
        List<Record> eval = new ArrayList<>(TinyBert.toy("e", 20, 2, 2));
        StringBuilder longText = new StringBuilder("apple");
        for (int i = 0; i < 67; i++) {
            longText.append(" the dog");
        }
        eval.set(5, TinyBert.record("e-5", longText.toString(), "alpha", Map.of()));
        Path f = TinyBert.write(dir.resolve("long.jsonl"), eval);
        TrainConfig c = withEval(f);
        TrainConfig longer = c.toBuilder().setEval(f).optWeightField(null).optEpochs(1).optBatchSize(16).optMaxLength(100)
                .optWeightDecay(0.01).optWarmupFraction(0.1).optClipNorm(1.0).optClassBalanced(false).optPatience(0)
                .optMetric(Metric.ACCURACY).optDropout(0.1f).optDevice(ComputeDevice.CPU).optSeed(1).build();
        int[] batches = {0};
        ProgressListener count = new ProgressListener() {
            @Override
            public void start(String task, long total, String unit) {}

            @Override
            public void advance(long units) {
                batches[0] += (int) units;
            }

            @Override
            public void finish() {}
        };
        try {
            RunResult r = FineTuner.builder().setConfig(longer).setRunDir(dir.resolve("run")).optProgress(count).build().run();
            assertEquals(1, r.truncatedEval(), "clamped to the 64 positions and counted");
        } catch (RuntimeException e) {
            assertEquals(0, batches[0], "refused before training, not after " + batches[0] + " batches: " + e);
            assertTrue(e.getMessage().contains("64"), e.getMessage());
        }
    }
}
