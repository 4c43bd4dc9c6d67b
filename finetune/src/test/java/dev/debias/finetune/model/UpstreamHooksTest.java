package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream hooks of {@link BertClassifier} as part of the model: edits saved as {@code debias.*}
 * tensors and restored by {@code load}, shape checks, what a switched-off head means, and gates.
 */
class UpstreamHooksTest {
    private static final BertConfig CONFIG = TinyBert.CONFIG;
    private static final int H = CONFIG.hiddenSize();
    private static final int HD = CONFIG.headSize();
    private static final String VALUE0 = "encoder.layer.0.attention.self.value.weight";
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

    /** An encoder without head (0 labels) with the given weights. */
    private BertClassifier encoder(Weights w) {
        BertClassifier m = new BertClassifier(CONFIG, 0, Pooling.MEAN, 0f);
        assertEquals(List.of(), m.load(manager, w, 3));
        return m;
    }

    /** Right-padded ids, mask and types. */
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

    /** The pooled vectors of SHORT and LONG (output 0 of an encoder without head). */
    private float[] pooled(BertClassifier m) {
        NDList out = m.forward(new ParameterStore(manager, false), batch(SHORT, LONG), false);
        assertEquals(2, out.size(), "pooled vectors and token states");
        return out.get(0).toFloatArray();
    }

    /** Pooled vectors and token states, concatenated. */
    private float[] everything(BertClassifier m) {
        NDList out = m.forward(new ParameterStore(manager, false), batch(SHORT, LONG), false);
        float[] a = out.get(0).toFloatArray();
        float[] b = out.get(1).toFloatArray();
        float[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static float[] randomMatrix(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[H * H];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextGaussian() / Math.sqrt(H));
        }
        return p;
    }

    private static Weights copy(Weights w) {
        Weights out = new Weights();
        w.all().forEach((k, t) -> out.put(k, t.shape(), t.data().clone()));
        return out;
    }

    private static float[][] neuronMask() {
        float[][] mask = new float[CONFIG.layers()][CONFIG.intermediateSize()];
        for (float[] row : mask) {
            Arrays.fill(row, 1f);
        }
        Arrays.fill(mask[1], 10, 30, 0f);
        mask[0][5] = 0.5f; // masks are multiplicative: a fractional value survives the round trip too
        return mask;
    }

    @Test
    void editsRoundTripThroughSafeTensorsAndGiveTheSameOutputs(@TempDir Path dir) throws Exception {
        Weights plain = TinyBert.randomWeights(7);
        BertClassifier m = encoder(plain);
        float[] unedited = pooled(m);
        float[] projection = randomMatrix(5);
        float[][] heads = {{1, 0}, {1, 1}};
        float[][] neurons = neuronMask();
        m.setProjection(projection);
        m.setHeadMask(heads);
        m.setNeuronMask(neurons);
        m.setWeightSparsity(0.3f);
        float[] edited = everything(m);
        assertTrue(maxAbsDiff(unedited, pooled(m)) > 1e-3, "the edits change the output");

        Weights w = m.weights();
        assertEquals(plain.size() + 4, w.size(), "the parameters and four edit tensors");
        assertArrayEquals(new long[] {H, H}, w.get(BertClassifier.PROJECTION).shape());
        assertArrayEquals(new long[] {2, 2}, w.get(BertClassifier.HEAD_MASK).shape());
        assertArrayEquals(new long[] {2, 64}, w.get(BertClassifier.NEURON_MASK).shape());
        assertArrayEquals(new long[] {1}, w.get(BertClassifier.WEIGHT_SPARSITY).shape());
        assertArrayEquals(new float[] {1, 0, 1, 1}, w.get(BertClassifier.HEAD_MASK).data());

        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, w);
        Weights read = SafeTensors.read(file);
        BertClassifier fresh = encoder(read);

        assertArrayEquals(projection, fresh.projection());
        assertTrue(Arrays.deepEquals(heads, fresh.headMask()), Arrays.deepToString(fresh.headMask()));
        assertTrue(Arrays.deepEquals(neurons, fresh.neuronMask()));
        assertEquals(0.3f, fresh.weightSparsity());
        assertEquals(0f, maxAbsDiff(edited, everything(fresh)), "the same pooled vectors and token states");
        // and saving the restored model writes the same tensors again
        Weights again = fresh.weights();
        assertEquals(w.all().keySet(), again.all().keySet());
        for (String name : w.all().keySet()) {
            assertArrayEquals(w.get(name).data(), again.get(name).data(), name);
        }
    }

    @Test
    void theAccessorsReturnCopies() {
        BertClassifier m = encoder(TinyBert.randomWeights(7));
        float[] projection = randomMatrix(5);
        float[][] heads = {{1, 0}, {1, 1}};
        m.setProjection(projection);
        m.setHeadMask(heads);
        float[] before = pooled(m);
        projection[0] = 100f;
        heads[0][0] = 0f;
        m.projection()[1] = 100f;
        m.headMask()[1][1] = 0f;
        assertEquals(0f, maxAbsDiff(before, pooled(m)), "changing the caller's or the returned arrays changes nothing");
    }

    @Test
    void weightsWithoutEditsClearTheEditsOnLoad() {
        BertClassifier edited = encoder(TinyBert.randomWeights(7));
        edited.setProjection(randomMatrix(5));
        edited.setHeadMask(new float[][] {{0, 1}, {1, 1}});
        edited.setNeuronMask(neuronMask());
        edited.setWeightSparsity(0.5f);
        Weights withEdits = edited.weights();

        Weights plain = TinyBert.randomWeights(7);
        float[] reference = pooled(encoder(plain));
        BertClassifier m = encoder(withEdits);
        assertNotNull(m.projection());
        assertNotNull(m.headMask());
        assertNotNull(m.neuronMask());
        assertEquals(0.5f, m.weightSparsity());
        assertTrue(maxAbsDiff(reference, pooled(m)) > 1e-3);

        // loading again (in place) with plain weights: no edit survives
        m.load(manager, plain, 3);
        assertNull(m.projection());
        assertNull(m.headMask());
        assertNull(m.neuronMask());
        assertEquals(0f, m.weightSparsity());
        assertEquals(0f, maxAbsDiff(reference, pooled(m)));
        assertEquals(plain.size(), m.weights().size(), "and none is saved");
    }

    @Test
    void wrongShapedEditTensorsAreRefusedNamingTheTensor() {
        Object[][] cases = {
            {BertClassifier.PROJECTION, new long[] {H, H / 2}},
            {BertClassifier.PROJECTION, new long[] {(long) H * H}},
            {BertClassifier.HEAD_MASK, new long[] {2, 3}},
            {BertClassifier.HEAD_MASK, new long[] {1, 2}},
            {BertClassifier.NEURON_MASK, new long[] {2, 32}},
            {BertClassifier.NEURON_MASK, new long[] {64, 2}},
            {BertClassifier.WEIGHT_SPARSITY, new long[] {2}},
            {BertClassifier.WEIGHT_SPARSITY, new long[] {1, 1}},
        };
        for (Object[] c : cases) {
            String name = (String) c[0];
            long[] shape = (long[]) c[1];
            Weights w = copy(TinyBert.randomWeights(7));
            w.put(name, shape, new float[(int) new Shape(shape).size()]);
            BertClassifier m = new BertClassifier(CONFIG, 0, Pooling.MEAN, 0f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.load(manager, w, 3),
                    name + " " + Arrays.toString(shape));
            assertTrue(e.getMessage().contains(name) && e.getMessage().contains(Arrays.toString(shape)), e.getMessage());
        }
        // a sparsity outside [0, 1) is refused too
        Weights w = copy(TinyBert.randomWeights(7));
        w.put(BertClassifier.WEIGHT_SPARSITY, new long[] {1}, new float[] {1f});
        assertThrows(IllegalArgumentException.class,
                () -> new BertClassifier(CONFIG, 0, Pooling.MEAN, 0f).load(manager, w, 3));
        // and masks of the wrong shape through the setters
        BertClassifier m = encoder(TinyBert.randomWeights(7));
        assertThrows(IllegalArgumentException.class, () -> m.setHeadMask(new float[][] {{1, 1}}));
        assertThrows(IllegalArgumentException.class, () -> m.setHeadMask(new float[][] {{1, 1}, {1, 1, 1}}));
        assertThrows(IllegalArgumentException.class, () -> m.setNeuronMask(new float[2][63]));
        assertThrows(IllegalArgumentException.class, () -> m.setWeightSparsity(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> m.setWeightSparsity(Float.NaN));
    }

    /** The weights with the rows of layer 0's value projection that feed {@code head} perturbed. */
    private static Weights perturbValueRows(Weights w, int head) {
        Weights out = copy(w);
        float[] v = out.get(VALUE0).data();
        SplittableRandom r = new SplittableRandom(17 + head);
        // Linear weights are (out, in): output dimension o (row o) belongs to head o / headSize
        for (int row = head * HD; row < (head + 1) * HD; row++) {
            for (int col = 0; col < H; col++) {
                v[row * H + col] += (float) (r.nextGaussian() * 0.5);
            }
        }
        return out;
    }

    @Test
    void aSwitchedOffHeadContributesNothing() {
        Weights w = TinyBert.randomWeights(7);
        float[][] offHead1 = {{1, 0}, {1, 1}};
        BertClassifier base = encoder(w);
        base.setHeadMask(offHead1);
        float[] masked = everything(base);

        BertClassifier head1Changed = encoder(perturbValueRows(w, 1));
        head1Changed.setHeadMask(offHead1);
        assertEquals(0f, maxAbsDiff(masked, everything(head1Changed)), "head 1 of layer 0 is off: its values do not matter");

        BertClassifier head0Changed = encoder(perturbValueRows(w, 0));
        head0Changed.setHeadMask(offHead1);
        assertTrue(maxAbsDiff(masked, everything(head0Changed)) > 1e-3, "head 0 is on: its values matter");

        // without the mask head 1's values matter (so the first comparison could have failed)
        head1Changed.setHeadMask(null);
        base.setHeadMask(null);
        assertTrue(maxAbsDiff(everything(base), everything(head1Changed)) > 1e-3);
    }

    @Test
    void gatesOfOnesChangeNothingAndAZeroGateIsAMask() {
        BertClassifier m = encoder(TinyBert.randomWeights(7));
        float[] plain = everything(m);
        NDArray headOnes = manager.ones(new Shape(CONFIG.layers(), CONFIG.heads()));
        NDArray neuronOnes = manager.ones(new Shape(CONFIG.layers(), CONFIG.intermediateSize()));
        m.setGates(headOnes, neuronOnes);
        assertEquals(0f, maxAbsDiff(plain, everything(m)));
        m.setGates(headOnes, null);
        assertEquals(0f, maxAbsDiff(plain, everything(m)));

        // gate 0 on head (0, 1) == mask on head (0, 1)
        m.setGates(manager.create(new float[] {1, 0, 1, 1}, new Shape(2, 2)), neuronOnes);
        float[] gated = everything(m);
        assertTrue(maxAbsDiff(plain, gated) > 1e-3, "the zero gate switches the head off");
        m.setGates(null, null);
        assertEquals(0f, maxAbsDiff(plain, everything(m)), "gates removed");
        m.setHeadMask(new float[][] {{1, 0}, {1, 1}});
        assertEquals(0f, maxAbsDiff(gated, everything(m)));
        m.setHeadMask(null);

        // zero neuron gates == a neuron mask with the same zeros
        float[][] neurons = neuronMask();
        neurons[0][5] = 1f;
        float[] flat = new float[2 * 64];
        System.arraycopy(neurons[0], 0, flat, 0, 64);
        System.arraycopy(neurons[1], 0, flat, 64, 64);
        m.setGates(null, manager.create(flat, new Shape(2, 64)));
        float[] neuronGated = everything(m);
        assertTrue(maxAbsDiff(plain, neuronGated) > 1e-4);
        m.setGates(null, null);
        m.setNeuronMask(neurons);
        assertEquals(0f, maxAbsDiff(neuronGated, everything(m)));

        // gates stack on masks, and are not saved
        m.setNeuronMask(null);
        m.setHeadMask(new float[][] {{1, 1}, {0, 1}});
        m.setGates(manager.create(new float[] {1, 0, 1, 1}, new Shape(2, 2)), null);
        float[] both = everything(m);
        assertNull(m.weights().get(BertClassifier.NEURON_MASK));
        assertArrayEquals(new float[] {1, 1, 0, 1}, m.weights().get(BertClassifier.HEAD_MASK).data());
        m.setGates(null, null);
        m.setHeadMask(new float[][] {{1, 0}, {0, 1}});
        assertEquals(0f, maxAbsDiff(both, everything(m)));

        assertThrows(IllegalArgumentException.class, () -> m.setGates(manager.ones(new Shape(2, 3)), null));
        assertThrows(IllegalArgumentException.class, () -> m.setGates(null, manager.ones(new Shape(64, 2))));
    }
}
