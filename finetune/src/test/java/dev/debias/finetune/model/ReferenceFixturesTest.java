package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each family against an independent reference: tiny random models (hidden 32, 2 layers, 4 heads)
 * and their outputs computed by a numpy implementation of the published architecture
 * ({@code finetune/src/test/python/make_reference.py}; the fixtures' README says what each holds and
 * why it is not Hugging Face output: {@code transformers} cannot be run here). The Hugging Face
 * directory is read as a user's would be, under the family's own tensor names, and the token states,
 * the mean-pooled vectors and the logits of the family's own first-token classification head must
 * match to 1e-4 (DeBERTa-v2's logits to 1e-5), and so must the masked-LM head's logits where the family has
 * one. The two DeBERTa-v2 fixtures cover v3's settings (no token types or absolute positions, shared keys,
 * log buckets reached by 12 tokens) and the other switches (separate position projections, absolute
 * positions, token types, a narrower embedding, a clamped relative span, no LayerNorm on the table).
 */
class ReferenceFixturesTest {
    private static final double TOLERANCE = 1e-4;

    private static Path fixture(String family) throws URISyntaxException {
        return Path.of(ReferenceFixturesTest.class.getResource("/dev/debias/finetune/reference/" + family
                + "/config.json").toURI()).getParent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "roberta", "xlm-roberta", "distilbert", "electra", "deberta-v2",
        "deberta-v2-variant"})
    void matchesTheNumpyReference(String modelType) throws Exception {
        Path dir = fixture(modelType);
        BertConfig config = BertConfig.read(dir.resolve("config.json"));
        assertEquals(modelType.replace("-variant", ""), config.family().modelType());
        Weights weights = SafeTensors.read(dir.resolve("model.safetensors"));
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        JsonNode in = ref.get("inputs");
        int batch = in.get("input_ids").size();
        int len = in.get("input_ids").get(0).size();
        long[] ids = flat(in.get("input_ids"), batch * len);
        long[] mask = flat(in.get("attention_mask"), batch * len);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Shape s = new Shape(batch, len);
            NDList inputs = new NDList(m.create(ids, s), m.create(mask, s));
            if (in.has("token_type_ids")) {
                inputs.add(m.create(flat(in.get("token_type_ids"), batch * len), s));
            }
            BertClassifier cls = new BertClassifier(config, 3, Pooling.CLS, 0f, true);
            assertEquals(List.of(), cls.load(m, weights, 0), "every tensor found under the family's names");
            NDList out = cls.forward(new ParameterStore(m, false), inputs, false);
            JsonNode expected = ref.get("outputs");
            // DeBERTa's logits are held to 1e-5, as its relative terms are new here
            assertClose(expected.get("logits"), out.get(0).toFloatArray(), null, modelType + " logits",
                    config.relative() != null ? 1e-5 : TOLERANCE);
            assertClose(expected.get("last_hidden_state"), out.get(2).toFloatArray(), mask, modelType + " token states");

            BertClassifier mean = new BertClassifier(config, 0, Pooling.MEAN, 0f);
            mean.load(m, weights, 0);
            NDList pooled = mean.forward(new ParameterStore(m, false), inputs, false);
            assertClose(expected.get("mean_pooled"), pooled.get(0).toFloatArray(), null, modelType + " mean pooled");
        }
    }

    /**
     * ModernBERT (hidden 32, 3 layers, 4 heads, intermediate 48, sequences of 10 to 14 tokens): layers 0 and 2
     * global, layer 1 local with a window of +-2 in {@code modernbert}; every bias on, a window of +-3 and only
     * layer 0 global in {@code modernbert-variant}. The logits of both poolings of its own head ({@code
     * classifier_pooling} cls and mean: dense, gelu, {@code head.norm}, classifier) to 1e-5, the token
     * states and both pooled vectors to 1e-4.
     */
    @ParameterizedTest
    @ValueSource(strings = {"modernbert", "modernbert-variant"})
    void modernBertMatchesTheNumpyReference(String fixture) throws Exception {
        Path dir = fixture(fixture);
        BertConfig config = BertConfig.read(dir.resolve("config.json"));
        assertEquals(ModelFamily.MODERNBERT, config.family());
        Weights weights = SafeTensors.read(dir.resolve("model.safetensors"));
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        JsonNode in = ref.get("inputs");
        JsonNode expected = ref.get("outputs");
        int batch = in.get("input_ids").size();
        int len = in.get("input_ids").get(0).size();
        long[] mask = flat(in.get("attention_mask"), batch * len);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Shape s = new Shape(batch, len);
            NDList inputs = new NDList(m.create(flat(in.get("input_ids"), batch * len), s), m.create(mask, s));
            for (Pooling pooling : Pooling.values()) {
                String name = pooling.name().toLowerCase(java.util.Locale.ROOT);
                BertClassifier cls = new BertClassifier(config, 3, pooling, 0f, true);
                assertEquals(List.of(), cls.load(m, weights, 0), "every tensor found under ModernBERT's names");
                NDList out = cls.forward(new ParameterStore(m, false), inputs, false);
                assertClose(expected.get("logits_" + name), out.get(0).toFloatArray(), null,
                        fixture + " logits (" + name + ")", 1e-5);
                assertClose(expected.get(name + "_pooled"), out.get(1).toFloatArray(), null,
                        fixture + " " + name + " pooled");
                assertClose(expected.get("last_hidden_state"), out.get(2).toFloatArray(), mask,
                        fixture + " token states");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "roberta", "xlm-roberta", "distilbert", "deberta-v2", "deberta-v2-variant",
        "modernbert", "modernbert-variant"})
    void theMaskedLmHeadMatchesTheNumpyReference(String modelType) throws Exception {
        Path dir = fixture(modelType);
        BertConfig config = BertConfig.read(dir.resolve("config.json"));
        Weights weights = SafeTensors.read(dir.resolve("model.safetensors"));
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        JsonNode in = ref.get("inputs");
        int batch = in.get("input_ids").size();
        int len = in.get("input_ids").get(0).size();
        long[] mask = flat(in.get("attention_mask"), batch * len);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Shape s = new Shape(batch, len);
            NDList inputs = new NDList(m.create(flat(in.get("input_ids"), batch * len), s), m.create(mask, s));
            if (in.has("token_type_ids")) {
                inputs.add(m.create(flat(in.get("token_type_ids"), batch * len), s));
            }
            BertClassifier encoder = new BertClassifier(config, 0, Pooling.MEAN, 0f);
            encoder.load(m, weights, 0);
            NDList out = encoder.forward(new ParameterStore(m, false), inputs, false);
            float[] logits = MaskedLmHead.load(m, weights, config, modelType).logits(out.get(1)).toFloatArray();
            assertClose(ref.get("outputs").get("mlm_logits"), logits, mask, modelType + " masked-LM logits");
        }
    }

    @org.junit.jupiter.api.Test
    void debertasOriginalMaskedLmNamesAreRefusedByName() throws Exception {
        Weights fixture = SafeTensors.read(fixture("deberta-v2").resolve("model.safetensors"));
        Weights original = new Weights();
        fixture.all().forEach((k, t) -> original.put(k.replace("cls.predictions.transform.", "lm_predictions.lm_head.")
                .replace("cls.predictions.bias", "lm_predictions.lm_head.bias"), t.shape(), t.data()));
        dev.debias.core.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.debias.core.InvalidInputException.class, () -> MaskedLmHead.requirePresent(original, "v3"));
        assertTrue(e.getMessage().contains("original lm_predictions.lm_head.*"), e.getMessage());
        assertTrue(MaskedLmHead.present(fixture));
    }

    private static long[] flat(JsonNode rows, int n) {
        long[] out = new long[n];
        int i = 0;
        for (JsonNode row : rows) {
            for (JsonNode v : row) {
                out[i++] = v.asLong();
            }
        }
        assertEquals(n, i);
        return out;
    }

    /** Compares nested arrays to {@code actual}, skipping positions whose mask is 0 (when a mask is given). */
    private static void assertClose(JsonNode expected, float[] actual, long[] mask, String what) {
        assertClose(expected, actual, mask, what, TOLERANCE);
    }

    private static void assertClose(JsonNode expected, float[] actual, long[] mask, String what, double tolerance) {
        double[] e = new double[actual.length];
        int[] n = {0};
        flatten(expected, e, n);
        assertEquals(actual.length, n[0], what + ": size");
        int per = mask == null ? 1 : actual.length / mask.length;
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < actual.length; i++) {
            if (mask != null && mask[i / per] == 0) {
                continue;
            }
            worst = Math.max(worst, Math.abs(e[i] - actual[i]));
            scale = Math.max(scale, Math.abs(e[i]));
        }
        assertTrue(scale > 0.1, what + ": the reference is not near zero (" + scale + ")");
        assertTrue(worst < tolerance, what + " differ from the numpy reference by " + worst);
        System.out.printf(java.util.Locale.ROOT, "%s: max |difference| %.3g%n", what, worst);
    }

    private static void flatten(JsonNode node, double[] out, int[] at) {
        if (node.isArray()) {
            node.forEach(c -> flatten(c, out, at));
        } else {
            out[at[0]++] = node.asDouble();
        }
    }
}
