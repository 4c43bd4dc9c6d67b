package dev.debias.finetune.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.ModelFamily;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.testing.TinyBert;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A model with a head mask, a neuron mask and a projection computes what its folded weights compute without them. */
class EditFoldingTest {
    private static final BertConfig CONFIG = TinyBert.CONFIG;

    private static NDList batch(NDManager m) {
        long[] ids = {2, 20, 25, 30, 9, 3, 2, 14, 18, 40, 41, 42, 43, 3};
        long[] mask = {1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1};
        Shape s = new Shape(2, 7);
        return new NDList(m.create(ids, s), m.create(mask, s), m.create(new long[14], s));
    }

    /** BERT first-token pooled; ModernBERT mean-pooled through its head (attn.Wo, mlp.Wo and head.dense take the edits). */
    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"BERT", "MODERNBERT"})
    void foldedEditsGiveTheEditedLogits(ModelFamily family) {
        BertConfig config = TinyBert.config(family);
        Pooling pooling = family == ModelFamily.MODERNBERT ? Pooling.MEAN : Pooling.CLS;
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            BertClassifier random = new BertClassifier(config, 0, Pooling.MEAN, 0f);
            random.load(m, null, 7);
            BertClassifier edited = new BertClassifier(config, 3, pooling, 0f, true);
            edited.load(m, random.weights(), 3);
            edited.setHeadMask(new float[][] {{1, 0}, {0, 1}});
            float[][] neurons = new float[2][config.intermediateSize()];
            for (float[] row : neurons) {
                java.util.Arrays.fill(row, 1f);
            }
            neurons[0][5] = 0;
            neurons[1][17] = 0;
            neurons[1][63] = 0;
            edited.setNeuronMask(neurons);
            int h = config.hiddenSize();
            float[] p = new float[h * h];
            SplittableRandom r = new SplittableRandom(4);
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) ((i / h == i % h ? 1 : 0) + 0.1 * r.nextGaussian());
            }
            edited.setProjection(p);
            Weights withEdits = edited.weights();
            Weights folded = EditFolding.fold(withEdits, config);
            assertNull(folded.get(BertClassifier.HEAD_MASK));
            BertClassifier plain = new BertClassifier(config, 3, pooling, 0f, true);
            plain.load(m, folded, 0);
            assertNull(plain.headMask());
            float[] a = edited.forward(new ParameterStore(m, false), batch(m), false).get(0).toFloatArray();
            float[] b = plain.forward(new ParameterStore(m, false), batch(m), false).get(0).toFloatArray();
            BertClassifier unedited = new BertClassifier(config, 3, pooling, 0f, true);
            unedited.load(m, FoldingTestWeights.without(withEdits), 0);
            float[] c = unedited.forward(new ParameterStore(m, false), batch(m), false).get(0).toFloatArray();
            float same = 0;
            float moved = 0;
            for (int i = 0; i < a.length; i++) {
                same = Math.max(same, Math.abs(a[i] - b[i]));
                moved = Math.max(moved, Math.abs(a[i] - c[i]));
            }
            assertTrue(same < 1e-5, family + ": folded weights differ by " + same);
            assertTrue(moved > 1e-3, "the edits change the logits (by " + moved + "), so the check can fail");
        }
    }

    @Test
    void aProjectionWithoutAPoolerCannotBeFolded() {
        Weights w = TinyBert.randomWeights(7);
        w.put(BertClassifier.PROJECTION, new long[] {32 * 32}, new float[32 * 32]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EditFolding.fold(w, CONFIG));
        assertTrue(e.getMessage().contains("without a pooler"), e.getMessage());
    }

    /** The weights without debias's edit tensors. */
    static final class FoldingTestWeights {
        static Weights without(Weights w) {
            Weights out = new Weights();
            w.all().forEach((k, t) -> {
                if (!k.startsWith("debias.")) {
                    out.put(k, t.shape(), t.data());
                }
            });
            return out;
        }
    }
}
