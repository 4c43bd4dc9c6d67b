package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The BERT block on the tiny configuration: shapes, padding invariance, hooks, loading. */
class BertClassifierTest {
    private static final BertConfig CONFIG = TinyBert.CONFIG;
    private static final int LABELS = 3;
    private static final long[] SHORT = {2, 20, 25, 30, 3};
    private static final long[] LONG = {2, 9, 14, 18, 40, 41, 42, 43, 12, 3};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A classifier with random encoder weights from seed 7 and a head from seed 3. */
    private BertClassifier model(int labels, Pooling pooling) {
        BertClassifier m = new BertClassifier(CONFIG, labels, pooling, 0.1f);
        m.load(manager, TinyBert.randomWeights(7), 3);
        return m;
    }

    /** Right-padded ids, mask and types for the given sequences. */
    private NDList batch(long[]... seqs) {
        int len = Arrays.stream(seqs).mapToInt(s -> s.length).max().orElseThrow();
        long[] ids = new long[seqs.length * len];
        long[] mask = new long[seqs.length * len];
        for (int i = 0; i < seqs.length; i++) {
            for (int j = 0; j < seqs[i].length; j++) {
                ids[i * len + j] = seqs[i][j];
                mask[i * len + j] = 1;
            }
        }
        Shape s = new Shape(seqs.length, len);
        return new NDList(manager.create(ids, s), manager.create(mask, s), manager.create(new long[seqs.length * len], s));
    }

    private NDList forward(BertClassifier m, NDList inputs) {
        return m.forward(new ParameterStore(manager, false), inputs, false);
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void outputsLogitsPooledAndTokenStates() {
        BertClassifier m = model(LABELS, Pooling.MEAN);
        NDList out = forward(m, batch(SHORT, LONG));
        assertEquals(3, out.size());
        assertEquals(new Shape(2, LABELS), out.get(0).getShape());
        assertEquals(new Shape(2, 32), out.get(1).getShape());
        assertEquals(new Shape(2, 10, 32), out.get(2).getShape());
        assertArrayEquals(new Shape[] {new Shape(2, LABELS), new Shape(2, 32), new Shape(2, 10, 32)},
                m.getOutputShapes(new Shape[] {new Shape(2, 10)}));
        for (float v : out.get(0).toFloatArray()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void anEncoderWithoutHeadHasNoLogits() {
        BertClassifier m = model(0, Pooling.MEAN);
        assertTrue(m.parameterNames().stream().noneMatch(n -> n.startsWith("classifier")));
        NDList out = forward(m, batch(SHORT));
        assertEquals(2, out.size());
        assertEquals(new Shape(1, 32), out.get(0).getShape());
        assertEquals(new Shape(1, 5, 32), out.get(1).getShape());
    }

    @Test
    void theTypeIdsAreOptional() {
        BertClassifier m = model(LABELS, Pooling.MEAN);
        NDList full = batch(SHORT);
        float[] withTypes = forward(m, full).get(1).toFloatArray();
        float[] without = forward(m, new NDList(full.get(0), full.get(1))).get(1).toFloatArray();
        assertEquals(0f, maxAbsDiff(withTypes, without));
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void paddingDoesNotChangeASentencesVectorOrLogits(Pooling pooling) {
        BertClassifier m = model(LABELS, pooling);
        NDList alone = forward(m, batch(SHORT));
        NDList padded = forward(m, batch(LONG, SHORT));
        float[] pooledAlone = alone.get(1).toFloatArray();
        float[] pooledPadded = padded.get(1).get(1).toFloatArray();
        assertTrue(maxAbsDiff(pooledAlone, pooledPadded) < 1e-5, "pooled differs by " + maxAbsDiff(pooledAlone, pooledPadded));
        assertTrue(maxAbsDiff(alone.get(0).toFloatArray(), padded.get(0).get(1).toFloatArray()) < 1e-5);
        // and the token states of the real tokens
        float[] tokensAlone = alone.get(2).toFloatArray();
        float[] tokensPadded = padded.get(2).get("1, 0:5, :").toFloatArray();
        assertTrue(maxAbsDiff(tokensAlone, tokensPadded) < 1e-5);
        // the sentences differ, so the pooled vectors do too (the comparison above can fail)
        assertTrue(maxAbsDiff(padded.get(1).get(0).toFloatArray(), pooledAlone) > 1e-3);
    }

    @Test
    void meanPoolingIsTheMaskedMeanAndClsTheFirstToken() {
        BertClassifier mean = model(LABELS, Pooling.MEAN);
        NDList out = forward(mean, batch(LONG, SHORT));
        NDArray tokens = out.get(2);
        float[] expected = tokens.get("1, 0:5, :").mean(new int[] {0}).toFloatArray();
        assertTrue(maxAbsDiff(expected, out.get(1).get(1).toFloatArray()) < 1e-5);
        BertClassifier cls = model(LABELS, Pooling.CLS);
        NDList c = forward(cls, batch(LONG, SHORT));
        assertEquals(0f, maxAbsDiff(c.get(2).get("1, 0, :").toFloatArray(), c.get(1).get(1).toFloatArray()));
    }

    @Test
    void switchingOffEveryHeadChangesTheOutputAndAllOnChangesNothing() {
        BertClassifier m = model(LABELS, Pooling.MEAN);
        NDList in = batch(SHORT, LONG);
        float[] base = forward(m, in).get(1).toFloatArray();
        m.setHeadMask(new float[][] {{1, 1}, {1, 1}});
        assertEquals(0f, maxAbsDiff(base, forward(m, in).get(1).toFloatArray()));
        m.setHeadMask(new float[][] {{0, 0}, {0, 0}});
        float[] off = forward(m, in).get(1).toFloatArray();
        assertTrue(maxAbsDiff(base, off) > 1e-3, "all heads off must change the pooled vector");
        m.setHeadMask(new float[][] {{1, 0}, {1, 1}});
        float[] one = forward(m, in).get(1).toFloatArray();
        assertTrue(maxAbsDiff(base, one) > 1e-4 && maxAbsDiff(off, one) > 1e-4);
        m.setHeadMask(null);
        assertEquals(0f, maxAbsDiff(base, forward(m, in).get(1).toFloatArray()));
    }

    @Test
    void switchingOffNeuronsChangesTheOutput() {
        BertClassifier m = model(LABELS, Pooling.MEAN);
        NDList in = batch(SHORT, LONG);
        float[] base = forward(m, in).get(1).toFloatArray();
        float[][] on = new float[2][64];
        for (float[] row : on) {
            Arrays.fill(row, 1f);
        }
        m.setNeuronMask(on);
        assertEquals(0f, maxAbsDiff(base, forward(m, in).get(1).toFloatArray()));
        float[][] half = {on[0].clone(), on[1].clone()};
        Arrays.fill(half[1], 0, 32, 0f);
        m.setNeuronMask(half);
        assertTrue(maxAbsDiff(base, forward(m, in).get(1).toFloatArray()) > 1e-4);
        m.setNeuronMask(new float[2][64]);
        assertTrue(maxAbsDiff(base, forward(m, in).get(1).toFloatArray()) > 1e-3);
    }

    @Test
    void anIdentityProjectionChangesNothingAndAnotherProjectsThePooledVector() {
        BertClassifier m = model(LABELS, Pooling.MEAN);
        NDList in = batch(SHORT, LONG);
        NDList base = forward(m, in);
        float[] identity = new float[32 * 32];
        for (int i = 0; i < 32; i++) {
            identity[i * 32 + i] = 1f;
        }
        m.setProjection(identity);
        NDList same = forward(m, in);
        assertEquals(0f, maxAbsDiff(base.get(1).toFloatArray(), same.get(1).toFloatArray()));
        assertEquals(0f, maxAbsDiff(base.get(0).toFloatArray(), same.get(0).toFloatArray()));

        // remove direction e0: P = I - e0 e0^T zeroes the pooled vector's first coordinate, keeps the rest
        float[] remove = identity.clone();
        remove[0] = 0f;
        m.setProjection(remove);
        NDList projected = forward(m, in);
        float[] p = projected.get(1).toFloatArray();
        float[] b = base.get(1).toFloatArray();
        for (int row = 0; row < 2; row++) {
            assertEquals(0f, p[row * 32]);
            for (int j = 1; j < 32; j++) {
                assertEquals(b[row * 32 + j], p[row * 32 + j], 1e-6);
            }
        }
        assertTrue(maxAbsDiff(base.get(0).toFloatArray(), projected.get(0).toFloatArray()) > 0, "logits follow");
        assertEquals(0f, maxAbsDiff(base.get(2).toFloatArray(), projected.get(2).toFloatArray()), "token states do not");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.setProjection(new float[31 * 31]));
        assertTrue(e.getMessage().contains("hidden x hidden"), e.getMessage());
    }

    @Test
    void loadTakesNamedWeightsInitializesTheRestAndReportsThem() {
        Weights enc = TinyBert.randomWeights(7);
        BertClassifier m = new BertClassifier(CONFIG, LABELS, Pooling.MEAN, 0f);
        List<String> fresh = m.load(manager, enc, 3);
        assertEquals(List.of("classifier.weight", "classifier.bias"), fresh);
        assertEquals(enc.size() + 2, m.parameterNames().size());
        for (String name : enc.all().keySet()) {
            assertArrayEquals(enc.get(name).data(), m.parameter(name).getArray().toFloatArray(), name);
        }
        assertArrayEquals(new float[LABELS], m.parameter("classifier.bias").getArray().toFloatArray());
        float[] head = m.parameter("classifier.weight").getArray().toFloatArray();
        double sq = 0;
        for (float v : head) {
            sq += v * v;
        }
        assertEquals(0.02, Math.sqrt(sq / head.length), 0.01, "N(0, 0.02)");

        // the same seed gives the same head; another seed another head
        BertClassifier again = new BertClassifier(CONFIG, LABELS, Pooling.MEAN, 0f);
        again.load(manager, enc, 3);
        assertArrayEquals(head, again.parameter("classifier.weight").getArray().toFloatArray());
        BertClassifier other = new BertClassifier(CONFIG, LABELS, Pooling.MEAN, 0f);
        other.load(manager, enc, 4);
        assertNotEquals(Arrays.toString(head), Arrays.toString(other.parameter("classifier.weight").getArray().toFloatArray()));
    }

    @Test
    void loadingAgainReplacesTheWeights() {
        Weights enc = TinyBert.randomWeights(7);
        BertClassifier m = new BertClassifier(CONFIG, LABELS, Pooling.MEAN, 0f);
        m.load(manager, enc, 3);
        Weights other = TinyBert.randomWeights(8);
        m.load(manager, other, 3);
        assertArrayEquals(other.get("embeddings.word_embeddings.weight").data(),
                m.parameter("embeddings.word_embeddings.weight").getArray().toFloatArray());
    }

    @Test
    void loadAcceptsTheBertPrefixOfClassificationCheckpoints() {
        Weights enc = TinyBert.randomWeights(7);
        Weights prefixed = new Weights();
        enc.all().forEach((k, t) -> prefixed.put("bert." + k, t.shape(), t.data()));
        BertClassifier m = new BertClassifier(CONFIG, 0, Pooling.MEAN, 0f);
        assertEquals(List.of(), m.load(manager, prefixed, 1));
        assertArrayEquals(enc.get("embeddings.word_embeddings.weight").data(),
                m.parameter("embeddings.word_embeddings.weight").getArray().toFloatArray());
    }

    @Test
    void freshInitializationIsLayerNormOnesBiasesZerosWeightsSmall() {
        BertClassifier m = new BertClassifier(CONFIG, 2, Pooling.MEAN, 0f);
        List<String> fresh = m.load(manager, null, 1);
        assertEquals(m.parameterNames(), fresh);
        for (float v : m.parameter("encoder.layer.1.output.LayerNorm.weight").getArray().toFloatArray()) {
            assertEquals(1f, v);
        }
        for (float v : m.parameter("encoder.layer.1.attention.self.key.bias").getArray().toFloatArray()) {
            assertEquals(0f, v);
        }
    }

    @Test
    void aShapeMismatchInLoadIsRefusedNamingTheWeight() {
        Weights enc = TinyBert.randomWeights(7);
        Weights bad = new Weights();
        enc.all().forEach((k, t) -> bad.put(k, t.shape(), t.data()));
        bad.put("encoder.layer.1.intermediate.dense.weight", new long[] {32, 64}, new float[32 * 64]);
        BertClassifier m = new BertClassifier(CONFIG, LABELS, Pooling.MEAN, 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.load(manager, bad, 1));
        assertEquals("weight encoder.layer.1.intermediate.dense.weight has shape [32, 64], the model needs [64, 32]",
                e.getMessage());
        // a head trained for another number of labels is a checkpoint's, not the run's: it starts fresh
        Weights head = new Weights();
        enc.all().forEach((k, t) -> head.put(k, t.shape(), t.data()));
        head.put("classifier.weight", new long[] {5, 32}, new float[5 * 32]);
        assertEquals(List.of("classifier.weight", "classifier.bias"),
                new BertClassifier(CONFIG, LABELS, Pooling.MEAN, 0f).load(manager, head, 1));
    }

    @Test
    void anInputLongerThanThePositionTableIsRefused() {
        BertClassifier m = model(LABELS, Pooling.MEAN);
        long[] tooLong = new long[65];
        Arrays.fill(tooLong, 20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> forward(m, batch(tooLong)));
        assertTrue(e.getMessage().contains("input of 65 tokens is longer than the model's 64"), e.getMessage());
    }

    @Test
    void dropoutActsOnlyInTraining() {
        BertClassifier m = model(LABELS, Pooling.MEAN);
        NDList in = batch(SHORT, LONG);
        ParameterStore ps = new ParameterStore(manager, false);
        float[] a = m.forward(ps, in, false).get(0).toFloatArray();
        float[] b = m.forward(ps, in, false).get(0).toFloatArray();
        assertEquals(0f, maxAbsDiff(a, b), "inference is deterministic");
        float[] t = m.forward(ps, in, true).get(0).toFloatArray();
        assertTrue(maxAbsDiff(a, t) > 0, "dropout 0.1 in training changes the logits");
    }

    @Test
    void configReadsAndWritesHuggingFaceConfigJson(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("config.json"), CONFIG.toJson());
        assertEquals(CONFIG, BertConfig.read(f));
        Files.writeString(f, """
                {"model_type": "bert", "vocab_size": 100, "hidden_size": 48, "num_hidden_layers": 1,
                 "num_attention_heads": 4, "intermediate_size": 96, "max_position_embeddings": 16}
                """);
        BertConfig c = BertConfig.read(f);
        assertEquals(new BertConfig(100, 48, 1, 4, 96, 16, 2, 1e-12), c);
        assertEquals(12, c.headSize());
        Files.writeString(f, "{\"model_type\": \"t5\"}");
        assertTrue(assertThrows(RuntimeException.class, () -> BertConfig.read(f)).getMessage()
                .contains("model_type is 't5'; debias runs bert, roberta, xlm-roberta, distilbert, electra"));
        Files.writeString(f, "{\"vocab_size\": 100, \"hidden_size\": 48}");
        assertTrue(assertThrows(RuntimeException.class, () -> BertConfig.read(f)).getMessage()
                .contains("missing 'num_hidden_layers'"));
        assertThrows(IllegalArgumentException.class, () -> new BertConfig(100, 50, 1, 4, 96, 16, 2, 1e-12));
        assertThrows(IllegalArgumentException.class, () -> new BertConfig(100, 48, 0, 4, 96, 16, 2, 1e-12));
    }
}
