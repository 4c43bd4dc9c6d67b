package dev.debias.finetune.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.ModelFamily;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.testing.TinyBert;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ONNX graph of a classifier, run in ONNX Runtime, gives the DJL block's logits on a padded batch. */
class OnnxExportTest {
    private static final long[][] SEQS = {{2, 20, 25, 30, 9, 3}, {2, 14, 18, 40, 41, 42, 43, 12, 3}, {2, 33, 3},
        {2, 9, 14, 18, 40, 41, 3}};
    private static final int LABELS = 3;

    private static long[][][] batch(boolean pairTypes) {
        int len = 9;
        long[][] ids = new long[SEQS.length][len];
        long[][] mask = new long[SEQS.length][len];
        long[][] types = new long[SEQS.length][len];
        for (int i = 0; i < SEQS.length; i++) {
            for (int j = 0; j < SEQS[i].length; j++) {
                ids[i][j] = SEQS[i][j];
                mask[i][j] = 1;
                types[i][j] = pairTypes && j >= 3 ? 1 : 0;
            }
        }
        return new long[][][] {ids, mask, types};
    }

    private static long[] flat(long[][] a) {
        return java.util.Arrays.stream(a).flatMapToLong(java.util.Arrays::stream).toArray();
    }

    private static float[] djl(NDManager m, BertClassifier model, long[][][] b, boolean types) {
        Shape s = new Shape(b[0].length, b[0][0].length);
        NDList in = new NDList(m.create(flat(b[0]), s), m.create(flat(b[1]), s));
        if (types) {
            in.add(m.create(flat(b[2]), s));
        }
        return model.forward(new ParameterStore(m, false), in, false).get(0).toFloatArray();
    }

    private static float[] ort(byte[] onnx, long[][][] b) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            for (String name : session.getInputNames()) {
                long[][] v = switch (name) {
                    case "input_ids" -> b[0];
                    case "attention_mask" -> b[1];
                    case "token_type_ids" -> b[2];
                    default -> throw new AssertionError("unexpected ONNX input " + name);
                };
                inputs.put(name, OnnxTensor.createTensor(env, v));
            }
            try (OrtSession.Result r = session.run(inputs)) {
                float[][] logits = (float[][]) r.get("logits").orElseThrow().getValue();
                float[] out = new float[logits.length * LABELS];
                for (int i = 0; i < logits.length; i++) {
                    System.arraycopy(logits[i], 0, out, i * LABELS, LABELS);
                }
                return out;
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static float maxAbs(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"BERT", "ROBERTA", "DISTILBERT", "ELECTRA", "DEBERTA_V2"})
    void theGraphGivesTheBlocksLogits(ModelFamily family) throws Exception {
        BertConfig c = TinyBert.config(family);
        boolean types = c.hasTokenTypes() && !family.offsetPositions();
        long[][][] b = batch(types);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (Pooling pooling : Pooling.values()) {
                boolean pooler = pooling == Pooling.CLS;
                BertClassifier model = new BertClassifier(c, LABELS, pooling, 0f, pooler);
                model.load(m, null, 5);
                byte[] onnx = OnnxExport.write(EncoderGraphSpec.of(c, pooling, pooler, LABELS), model.weights());
                float d = maxAbs(djl(m, model, b, c.hasTokenTypes()), ort(onnx, b));
                assertTrue(d < 1e-4, family + " " + pooling + ": ONNX Runtime differs from DJL by " + d);
            }
        }
    }

    /**
     * The graph of each DeBERTa-v2 reference fixture, in ONNX Runtime, gives the numpy reference's logits
     * on its 12-token batch, and the block's on shorter and longer inputs (any length up to the longest).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"deberta-v2", "deberta-v2-variant"})
    void theDebertaGraphGivesTheNumpyReferencesLogits(String fixture) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(OnnxExportTest.class.getResource(
                "/dev/debias/finetune/reference/" + fixture + "/config.json").toURI()).getParent();
        BertConfig c = BertConfig.read(dir.resolve("config.json"));
        com.fasterxml.jackson.databind.JsonNode ref = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("reference.json").toFile());
        com.fasterxml.jackson.databind.JsonNode in = ref.get("inputs");
        long[][][] b = new long[3][][];
        String[] keys = {"input_ids", "attention_mask", "token_type_ids"};
        for (int k = 0; k < 3; k++) {
            b[k] = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(in.has(keys[k]) ? in.get(keys[k])
                    : in.get("input_ids"), long[][].class);
        }
        if (!c.hasTokenTypes()) {
            b[2] = new long[b[0].length][b[0][0].length];
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            BertClassifier model = new BertClassifier(c, LABELS, Pooling.CLS, 0f, true);
            assertEquals(java.util.List.of(), model.load(m, dev.debias.finetune.model.SafeTensors.read(
                    dir.resolve("model.safetensors")), 0));
            byte[] onnx = OnnxExport.write(EncoderGraphSpec.of(c, Pooling.CLS, true, LABELS), model.weights());
            float[] viaOrt = ort(onnx, b);
            float[] expected = new float[viaOrt.length];
            int at = 0;
            for (com.fasterxml.jackson.databind.JsonNode row : ref.get("outputs").get("logits")) {
                for (com.fasterxml.jackson.databind.JsonNode v : row) {
                    expected[at++] = (float) v.asDouble();
                }
            }
            float d = maxAbs(expected, viaOrt);
            dev.debias.core.InvalidInputException e = assertThrows(dev.debias.core.InvalidInputException.class,
                    () -> dev.debias.finetune.load.OnnxBertLoader.load(dev.debias.finetune.load.OnnxGraph.parse(onnx),
                            fixture + ".onnx"));
            assertTrue(e.getMessage().contains("a deberta-v2 graph"), e.getMessage());
            System.out.printf(java.util.Locale.ROOT, "%s ONNX logits vs numpy: max |difference| %.3g%n", fixture, d);
            assertTrue(d < 1e-5, fixture + ": ONNX Runtime differs from the numpy reference by " + d);
            for (int len : new int[] {1, 5, 12, 40}) {
                long[][][] cut = new long[3][b[0].length][len];
                for (int k = 0; k < 3; k++) {
                    for (int r = 0; r < b[0].length; r++) {
                        for (int j = 0; j < len; j++) {
                            // past the fixture's 12 tokens: more real tokens (ids 3..98), types 0
                            cut[k][r][j] = j < b[0][0].length ? b[k][r][j] : k == 0 ? 3 + (r * 7 + j * 13) % 96 : k == 1 ? 1 : 0;
                        }
                    }
                }
                float dl = maxAbs(djl(m, model, cut, c.hasTokenTypes()), ort(onnx, cut));
                assertTrue(dl < 1e-5, fixture + " length " + len + ": ONNX Runtime differs from DJL by " + dl);
            }
        }
    }

    /**
     * The graph of each ModernBERT reference fixture, in ONNX Runtime, gives the numpy reference's logits of
     * both poolings on its 14-token batch (local layers included), and the block's at lengths 1 to 40, with
     * a head mask, a neuron mask and a projection folded in; debias does not read the graph back as a model.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"modernbert", "modernbert-variant"})
    void theModernBertGraphGivesTheNumpyReferencesLogits(String fixture) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(OnnxExportTest.class.getResource(
                "/dev/debias/finetune/reference/" + fixture + "/config.json").toURI()).getParent();
        BertConfig c = BertConfig.read(dir.resolve("config.json"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode ref = json.readTree(dir.resolve("reference.json").toFile());
        long[][] ids = json.convertValue(ref.get("inputs").get("input_ids"), long[][].class);
        long[][][] b = {ids, json.convertValue(ref.get("inputs").get("attention_mask"), long[][].class),
            new long[ids.length][ids[0].length]};
        Weights fixtureWeights = dev.debias.finetune.model.SafeTensors.read(dir.resolve("model.safetensors"));
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (Pooling pooling : Pooling.values()) {
                BertClassifier model = new BertClassifier(c, LABELS, pooling, 0f, true);
                assertEquals(java.util.List.of(), model.load(m, fixtureWeights, 0));
                byte[] onnx = ModernBertGraph.build(c, pooling, true, LABELS, EditFolding.fold(model.weights(), c));
                String key = "logits_" + pooling.name().toLowerCase(java.util.Locale.ROOT);
                float[] expected = flatFloats(json.convertValue(ref.get("outputs").get(key), float[][].class));
                float d = maxAbs(expected, ort(onnx, b));
                System.out.printf(java.util.Locale.ROOT, "%s %s ONNX logits vs numpy: max |difference| %.3g%n",
                        fixture, pooling, d);
                assertTrue(d < 1e-5, fixture + " " + pooling + ": ONNX Runtime differs from the numpy reference by " + d);
                model.setHeadMask(new float[][] {{1, 0, 1, 1}, {0, 1, 1, 0}, {1, 1, 1, 0}});
                float[][] neurons = new float[c.layers()][c.intermediateSize()];
                for (float[] row : neurons) {
                    java.util.Arrays.fill(row, 1f);
                }
                neurons[1][7] = 0;
                neurons[2][40] = 0;
                model.setNeuronMask(neurons);
                float[] p = new float[32 * 32];
                for (int i = 0; i < 32; i++) {
                    p[i * 32 + i] = i % 5 == 0 ? 0f : 1f;
                }
                model.setProjection(p);
                byte[] edited = ModernBertGraph.build(c, pooling, true, LABELS, EditFolding.fold(model.weights(), c));
                for (int len : new int[] {1, 5, 14, 40}) {
                    long[][][] cut = new long[3][ids.length][len];
                    for (int r = 0; r < ids.length; r++) {
                        for (int j = 0; j < len; j++) {
                            // past the fixture's 14 tokens: more real tokens (ids 3..98)
                            cut[0][r][j] = j < ids[0].length ? ids[r][j] : 3 + (r * 7 + j * 13) % 96;
                            cut[1][r][j] = j < ids[0].length ? b[1][r][j] : 1;
                        }
                    }
                    float dl = maxAbs(djl(m, model, cut, false), ort(edited, cut));
                    assertTrue(dl < 1e-5, fixture + " " + pooling + " length " + len + ": ONNX Runtime differs from "
                            + "DJL by " + dl);
                }
                dev.debias.core.InvalidInputException e = assertThrows(dev.debias.core.InvalidInputException.class,
                        () -> dev.debias.finetune.load.OnnxBertLoader.load(
                                dev.debias.finetune.load.OnnxGraph.parse(onnx), fixture + ".onnx"));
                assertTrue(e.getMessage().contains("a modernbert graph"), e.getMessage());
            }
        }
    }

    private static float[] flatFloats(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }

    @Test
    void editsAreCarriedIntoTheGraph() throws Exception {
        BertConfig c = TinyBert.CONFIG;
        long[][][] b = batch(true);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (Pooling pooling : Pooling.values()) {
                BertClassifier model = new BertClassifier(c, LABELS, pooling, 0f, pooling == Pooling.CLS);
                model.load(m, TinyBert.randomWeights(7), 3);
                float[] before = djl(m, model, b, true);
                model.setHeadMask(new float[][] {{1, 0}, {0, 1}});
                float[][] neurons = new float[2][c.intermediateSize()];
                for (float[] row : neurons) {
                    java.util.Arrays.fill(row, 1f);
                }
                neurons[1][7] = 0;
                model.setNeuronMask(neurons);
                float[] p = new float[32 * 32];
                for (int i = 0; i < 32; i++) {
                    p[i * 32 + i] = i % 5 == 0 ? 0f : 1f;
                }
                model.setProjection(p);
                float[] edited = djl(m, model, b, true);
                assertTrue(maxAbs(before, edited) > 1e-3, "the edits change the logits");
                Weights w = model.weights();
                byte[] onnx = OnnxExport.write(EncoderGraphSpec.of(c, pooling, pooling == Pooling.CLS, LABELS), w);
                float d = maxAbs(edited, ort(onnx, b));
                assertTrue(d < 1e-4, pooling + ": the edited graph differs from DJL by " + d);
            }
        }
    }

    @Test
    void aMissingOrMisshapenTensorIsNamed() {
        Weights w = TinyBert.randomWeights(7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.write(EncoderGraphSpec.of(TinyBert.CONFIG, Pooling.MEAN, LABELS), w));
        assertTrue(e.getMessage().contains("classifier.weight"), e.getMessage());
    }
}
