package dev.debias.finetune.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.InvalidInputException;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.ModelFamily;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.Predictor;
import dev.debias.finetune.train.TextEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fine-tuned run of each family, exported as a Hugging Face directory and read back by debias's own
 * Hugging Face loader under the family's classification names, gives the probabilities the run gives, and
 * so does its {@code onnx/model.onnx} in ONNX Runtime (DeBERTa-v2's disentangled attention and ModernBERT's rotary,
 * windowed layers included).
 */
class HuggingFaceExportTest {
    private static final List<String> TEXTS = List.of("the apple is red .", "she likes a banana and the cat .",
            "my old dog sees the river");

    @TempDir
    Path dir;

    private static BertConfig shape(ModelFamily family) {
        return TinyBert.config(family);
    }

    private Path pretrained(ModelFamily family) throws Exception {
        return TinyBert.writeModel(dir.resolve("pre-" + family.modelType()), 11, family);
    }

    private Path finetune(ModelFamily family, Pooling pooling) throws Exception {
        TinyBert.Toy toy = TinyBert.toy(dir.resolve("toy"));
        Path run = dir.resolve("run-" + family.modelType() + "-" + pooling);
        FineTuner.builder().setConfig(toy.config().toBuilder().setModel(pretrained(family).toString()).optEpochs(1)
                .optPooling(pooling).build()).setRunDir(run).build().run();
        return run;
    }

    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"BERT", "ROBERTA", "DISTILBERT", "ELECTRA", "DEBERTA_V2"})
    void anExportedRunGivesTheRunsProbabilities(ModelFamily family) throws Exception {
        Path run = finetune(family, Pooling.CLS);
        Path out = dir.resolve("hf");
        HuggingFaceExport.write(run, out);

        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals(family.classificationArchitecture(), config.get("architectures").get(0).asText());
        assertEquals(2, config.get("num_labels").asInt());
        assertEquals("alpha", config.get("id2label").get("0").asText());
        assertEquals(1, config.get("label2id").get("beta").asInt());
        assertEquals("single_label_classification", config.get("problem_type").asText());
        Weights written = SafeTensors.read(out.resolve("model.safetensors"));
        written.all().keySet().forEach(k -> assertFalse(k.startsWith("debias."), k));
        String head = switch (family) {
            case BERT -> "bert.pooler.dense.weight";
            case DISTILBERT -> "pre_classifier.weight";
            case DEBERTA_V2 -> "pooler.dense.weight";
            case MODERNBERT -> "head.dense.weight";
            default -> "classifier.dense.weight";
        };
        assertTrue(written.get(head) != null, "the family's head " + head + " is written");
        assertTrue(written.get(family.prefix() + "embeddings.word_embeddings.weight") != null);
        if (family == ModelFamily.DEBERTA_V2) {
            assertTrue(written.get("deberta.encoder.layer.1.attention.self.query_proj.weight") != null);
            assertTrue(written.get("deberta.encoder.rel_embeddings.weight") != null);
            assertEquals("DebertaV2ForSequenceClassification", config.get("architectures").get(0).asText());
            assertEquals(8, config.get("position_buckets").asInt());
        }

        PretrainedModel back = PretrainedModel.load(out.toString());
        assertEquals(shape(family), back.config());
        float[][] expected;
        try (Predictor p = Predictor.load(run)) {
            expected = p.predict(TEXTS);
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
                TextEncoder enc = new TextEncoder(back.tokenizerJson(), 64)) {
            BertClassifier model = new BertClassifier(back.config(), 2, Pooling.CLS, 0f, true);
            assertEquals(List.of(), model.load(m, back.weights(), 0), "every tensor found under its Hugging Face name");
            for (int i = 0; i < TEXTS.size(); i++) {
                long[][] e = enc.encode(TEXTS.get(i));
                Shape s = new Shape(1, e[0].length);
                long[] mask = new long[e[0].length];
                java.util.Arrays.fill(mask, 1);
                NDList in = new NDList(m.create(e[0], s), m.create(mask, s), m.create(e[1], s));
                float[] probs = model.forward(new ParameterStore(m, false), in, false).get(0).softmax(-1).toFloatArray();
                for (int c = 0; c < 2; c++) {
                    assertEquals(expected[i][c], probs[c], 1e-6, family + " text " + i + " label " + c);
                }
                float[] viaOnnx = onnxProbabilities(out.resolve("onnx/model.onnx"), e[0], e[1], back.config().hasTokenTypes());
                for (int c = 0; c < 2; c++) {
                    assertEquals(expected[i][c], viaOnnx[c], 1e-5, family + " ONNX, text " + i + " label " + c);
                }
            }
        }
    }

    /**
     * A ModernBERT run exports with either pooling: {@code classifier_pooling} says which, the head is {@code
     * head.dense}/{@code head.norm}, the layers are under {@code model.layers.N.}, and read back by the loader
     * the directory gives the run's probabilities, and so does its {@code onnx/model.onnx} (rotary positions and
     * the sliding window computed in the graph) in ONNX Runtime, at the texts' own lengths and batched with
     * padding.
     */
    @ParameterizedTest
    @EnumSource(Pooling.class)
    void aModernBertRunExportsWithItsPoolingAndAsOnnx(Pooling pooling) throws Exception {
        Path run = finetune(ModelFamily.MODERNBERT, pooling);
        Path out = dir.resolve("hf");
        HuggingFaceExport.write(run, out);
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertEquals("ModernBertForSequenceClassification", config.get("architectures").get(0).asText());
        assertEquals(pooling == Pooling.MEAN ? "mean" : "cls", config.get("classifier_pooling").asText());
        assertEquals(4, config.get("local_attention").asInt());
        Weights written = SafeTensors.read(out.resolve("model.safetensors"));
        for (String name : List.of("head.dense.weight", "head.norm.weight", "classifier.weight", "classifier.bias",
                "model.embeddings.tok_embeddings.weight", "model.layers.1.attn.Wqkv.weight",
                "model.layers.1.attn_norm.weight", "model.layers.0.mlp.Wi.weight", "model.final_norm.weight")) {
            assertTrue(written.get(name) != null, name + " is written: " + written.all().keySet());
        }
        assertTrue(written.get("model.layers.0.attn_norm.weight") == null, "layer 0 has no attn_norm");

        PretrainedModel back = PretrainedModel.load(out.toString());
        assertEquals(shape(ModelFamily.MODERNBERT), back.config());
        float[][] expected;
        try (Predictor p = Predictor.load(run)) {
            expected = p.predict(TEXTS);
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
                TextEncoder enc = new TextEncoder(back.tokenizerJson(), 64)) {
            BertClassifier model = new BertClassifier(back.config(), 2, pooling, 0f, true);
            assertEquals(List.of(), model.load(m, back.weights(), 0), "every tensor found under its Hugging Face name");
            for (int i = 0; i < TEXTS.size(); i++) {
                long[][] e = enc.encode(TEXTS.get(i));
                Shape s = new Shape(1, e[0].length);
                long[] mask = new long[e[0].length];
                java.util.Arrays.fill(mask, 1);
                NDList in = new NDList(m.create(e[0], s), m.create(mask, s));
                float[] probs = model.forward(new ParameterStore(m, false), in, false).get(0).softmax(-1).toFloatArray();
                for (int c = 0; c < 2; c++) {
                    assertEquals(expected[i][c], probs[c], 1e-6, "modernbert " + pooling + " text " + i + " label " + c);
                }
                float[] viaOnnx = onnxProbabilities(out.resolve("onnx/model.onnx"), e[0], e[1], false);
                for (int c = 0; c < 2; c++) {
                    assertEquals(expected[i][c], viaOnnx[c], 1e-5, "modernbert ONNX " + pooling + " text " + i);
                }
            }
        }
        // the texts batched, padded to the longest: padding changes nothing in the graph either
        Path onnxOut = dir.resolve("onnx-out");
        OnnxRunExport.write(run, onnxOut);
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (TextEncoder enc = new TextEncoder(Files.readAllBytes(run.resolve("tokenizer.json")), 64);
                ai.onnxruntime.OrtSession session = env.createSession(onnxOut.resolve("model.onnx").toString(),
                        new ai.onnxruntime.OrtSession.SessionOptions())) {
            int longest = 0;
            long[][] ids = new long[TEXTS.size()][];
            for (int i = 0; i < TEXTS.size(); i++) {
                ids[i] = enc.encode(TEXTS.get(i))[0];
                longest = Math.max(longest, ids[i].length);
            }
            long[][] paddedIds = new long[TEXTS.size()][longest];
            long[][] mask = new long[TEXTS.size()][longest];
            for (int i = 0; i < TEXTS.size(); i++) {
                System.arraycopy(ids[i], 0, paddedIds[i], 0, ids[i].length);
                java.util.Arrays.fill(mask[i], 0, ids[i].length, 1);
            }
            assertTrue(ids[0].length < longest, "a text is padded");
            try (ai.onnxruntime.OnnxTensor a = ai.onnxruntime.OnnxTensor.createTensor(env, paddedIds);
                    ai.onnxruntime.OnnxTensor b = ai.onnxruntime.OnnxTensor.createTensor(env, mask);
                    ai.onnxruntime.OrtSession.Result r = session.run(java.util.Map.of("input_ids", a,
                            "attention_mask", b))) {
                float[][] logits = (float[][]) r.get("logits").orElseThrow().getValue();
                for (int i = 0; i < TEXTS.size(); i++) {
                    double z0 = Math.exp(logits[i][0]);
                    double z1 = Math.exp(logits[i][1]);
                    assertEquals(expected[i][0], z0 / (z0 + z1), 1e-5, "batched ONNX text " + i);
                }
            }
        }
    }

    /** The softmax of the logits ONNX Runtime computes for one text. */
    private static float[] onnxProbabilities(Path onnx, long[] ids, long[] types, boolean withTypes) throws Exception {
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1);
        java.util.Map<String, ai.onnxruntime.OnnxTensor> in = new java.util.HashMap<>();
        try (ai.onnxruntime.OrtSession s = env.createSession(onnx.toString(), new ai.onnxruntime.OrtSession.SessionOptions())) {
            in.put("input_ids", ai.onnxruntime.OnnxTensor.createTensor(env, new long[][] {ids}));
            in.put("attention_mask", ai.onnxruntime.OnnxTensor.createTensor(env, new long[][] {mask}));
            if (withTypes) {
                in.put("token_type_ids", ai.onnxruntime.OnnxTensor.createTensor(env, new long[][] {types}));
            }
            try (ai.onnxruntime.OrtSession.Result r = s.run(in)) {
                float[] logits = ((float[][]) r.get("logits").orElseThrow().getValue())[0];
                double max = Math.max(logits[0], logits[1]);
                double a = Math.exp(logits[0] - max);
                double b = Math.exp(logits[1] - max);
                return new float[] {(float) (a / (a + b)), (float) (b / (a + b))};
            }
        } finally {
            in.values().forEach(ai.onnxruntime.OnnxTensor::close);
        }
    }

    @Test
    void aMeanPooledRunAndAFullFolderAreRefused() throws Exception {
        Path run = finetune(ModelFamily.BERT, Pooling.MEAN);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HuggingFaceExport.write(run, dir.resolve("hf")));
        assertTrue(e.getMessage().contains("the run pools by mean"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("hf")));
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        Path cls = finetune(ModelFamily.BERT, Pooling.CLS);
        Path debris = Files.createDirectories(dir.resolve(".hf.partial-123"));   // as a killed export leaves it
        Files.writeString(debris.resolve("model.safetensors"), "half");
        HuggingFaceExport.write(cls, dir.resolve("hf"));
        assertFalse(Files.exists(debris), "the killed export's folder is cleaned");
        e = assertThrows(InvalidInputException.class, () -> HuggingFaceExport.write(cls, full));
        assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
        assertEquals("mine", Files.readString(full.resolve("notes.txt")));
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "no debris");
        }
    }
}
