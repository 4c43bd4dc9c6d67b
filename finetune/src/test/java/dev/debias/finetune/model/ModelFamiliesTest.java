package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.debias.finetune.load.PretrainedModel;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metamorphic tests on real weights: the embedded MiniLM (a BERT) rewritten into the tensor layout of
 * RoBERTa, DistilBERT and ELECTRA, where the rewritten model computes the same function, must give the
 * same token states and logits to 1e-5. Each rewrite is the family's real difference: RoBERTa counts
 * positions after its padding index and has one token type (BERT's type-0 row is folded into the
 * positions); DistilBERT renames every layer tensor and has no token types; ELECTRA's embeddings may be
 * of another width and are projected to the hidden width.
 */
class ModelFamiliesTest {
    private static final float TOLERANCE = 1e-5f;
    private static final int LABELS = 3;
    /** "[CLS] she is a nurse . [SEP]" and a longer text, in MiniLM's word pieces; the first is padded. */
    private static final long[][] SEQS = {
        {101, 2016, 2003, 1037, 6821, 1012, 102},
        {101, 1996, 3460, 2001, 5305, 2000, 1996, 2902, 2044, 2014, 2147, 1012, 102},
    };

    private static NDManager manager;
    private static BertConfig bert;
    private static Weights minilm;

    @BeforeAll
    static void load() throws IOException {
        manager = NDManager.newBaseManager(Device.cpu());
        PretrainedModel pre = PretrainedModel.load(PretrainedModel.MINILM);
        bert = pre.config();
        minilm = withHead(pre.weights(), bert.hiddenSize());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** MiniLM's weights plus a pooler and a 3-label head drawn from a fixed seed. */
    private static Weights withHead(Weights pre, int h) {
        Weights w = copy(pre, Map.of());
        SplittableRandom r = new SplittableRandom(11);
        w.put("pooler.dense.weight", new long[] {h, h}, gaussian(r, h * h, 0.05));
        w.put("pooler.dense.bias", new long[] {h}, gaussian(r, h, 0.05));
        w.put("classifier.weight", new long[] {LABELS, h}, gaussian(r, LABELS * h, 0.3));
        w.put("classifier.bias", new long[] {LABELS}, gaussian(r, LABELS, 0.1));
        return w;
    }

    private static float[] gaussian(SplittableRandom r, int n, double sd) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (r.nextGaussian() * sd);
        }
        return out;
    }

    /** {@code w} with each tensor renamed by {@code names} (kept when absent). */
    private static Weights copy(Weights w, Map<String, String> names) {
        Weights out = new Weights();
        w.all().forEach((k, t) -> out.put(names.getOrDefault(k, k), t.shape(), t.data()));
        return out;
    }

    /** Position rows shifted down by {@code offset} (the rows before it random), with type row 0 added. */
    private static float[] foldedPositions(int offset) {
        Weights.Tensor pos = minilm.get("embeddings.position_embeddings.weight");
        float[] type0 = Arrays.copyOf(minilm.get("embeddings.token_type_embeddings.weight").data(), bert.hiddenSize());
        int h = bert.hiddenSize();
        float[] out = gaussian(new SplittableRandom(5), (bert.maxPositions() + offset) * h, 1.0);
        for (int p = 0; p < bert.maxPositions(); p++) {
            for (int j = 0; j < h; j++) {
                out[(p + offset) * h + j] = pos.data()[p * h + j] + type0[j];
            }
        }
        return out;
    }

    /** Every tensor renamed by the family's Hugging Face names (head included), as a task checkpoint holds them. */
    private static Weights huggingFace(Weights canonical, ModelFamily family) {
        Weights out = new Weights();
        canonical.all().forEach((k, t) -> {
            String name = family.huggingFaceName(k);
            out.put(name == null ? k : name, t.shape(), t.data());
        });
        return out;
    }

    private static NDList run(BertClassifier m, boolean types) {
        int len = Arrays.stream(SEQS).mapToInt(s -> s.length).max().orElseThrow();
        long[] ids = new long[SEQS.length * len];
        long[] mask = new long[SEQS.length * len];
        for (int i = 0; i < SEQS.length; i++) {
            for (int j = 0; j < SEQS[i].length; j++) {
                ids[i * len + j] = SEQS[i][j];
                mask[i * len + j] = 1;
            }
        }
        Shape s = new Shape(SEQS.length, len);
        NDList in = new NDList(manager.create(ids, s), manager.create(mask, s));
        if (types) {
            in.add(manager.create(new long[SEQS.length * len], s));
        }
        return m.forward(new ParameterStore(manager, false), in, false);
    }

    /** Largest difference over the token states of real (unpadded) tokens and over the logits. */
    private static float difference(NDList a, NDList b) {
        float d = maxAbs(a.get(0).toFloatArray(), b.get(0).toFloatArray());
        int len = (int) a.get(2).getShape().get(1);
        int h = (int) a.get(2).getShape().get(2);
        float[] x = a.get(2).toFloatArray();
        float[] y = b.get(2).toFloatArray();
        for (int i = 0; i < SEQS.length; i++) {
            for (int j = 0; j < SEQS[i].length; j++) {
                for (int k = 0; k < h; k++) {
                    int at = (i * len + j) * h + k;
                    d = Math.max(d, Math.abs(x[at] - y[at]));
                }
            }
        }
        return d;
    }

    private static float maxAbs(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static BertClassifier bertModel(Pooling pooling, boolean pooler) {
        BertClassifier m = new BertClassifier(bert, LABELS, pooling, 0f, pooler);
        assertEquals(List.of(), m.load(manager, minilm, 0));
        return m;
    }

    @Test
    void robertaWithShiftedPositionsAndOneTypeIsMiniLm() {
        int offset = 2;   // RoBERTa's padding index 1, plus one
        Weights w = copy(minilm, Map.of());
        w.put("embeddings.position_embeddings.weight", new long[] {bert.maxPositions() + offset, bert.hiddenSize()},
                foldedPositions(offset));
        w.put("embeddings.token_type_embeddings.weight", new long[] {1, bert.hiddenSize()},
                new float[bert.hiddenSize()]);
        BertConfig roberta = new BertConfig(bert.vocabSize(), bert.hiddenSize(), bert.layers(), bert.heads(),
                bert.intermediateSize(), bert.maxPositions() + offset, 1, bert.layerNormEps(), ModelFamily.ROBERTA,
                bert.hiddenSize(), offset);
        assertEquals(bert.maxLength(), roberta.maxLength());
        for (Pooling pooling : Pooling.values()) {
            boolean pooler = pooling == Pooling.CLS;
            BertClassifier r = new BertClassifier(roberta, LABELS, pooling, 0f, pooler);
            // under RoBERTa's own names: roberta.embeddings..., classifier.dense (tanh), classifier.out_proj
            assertEquals(List.of(), r.load(manager, huggingFace(w, ModelFamily.ROBERTA), 0));
            float d = difference(run(bertModel(pooling, pooler), true), run(r, false));
            assertTrue(d < TOLERANCE, pooling + ": RoBERTa layout differs from MiniLM by " + d);
        }
    }

    @Test
    void distilBertWithRenamedTensorsAndNoTypesIsMiniLm() {
        Weights w = copy(minilm, Map.of());
        w.put("embeddings.position_embeddings.weight", new long[] {bert.maxPositions(), bert.hiddenSize()},
                foldedPositions(0));
        Weights renamed = huggingFace(w, ModelFamily.DISTILBERT);
        assertTrue(renamed.get("distilbert.transformer.layer.5.attention.q_lin.weight") != null);
        assertTrue(renamed.get("distilbert.transformer.layer.0.output_layer_norm.bias") != null);
        assertTrue(renamed.get("pre_classifier.weight") != null);
        BertConfig distil = new BertConfig(bert.vocabSize(), bert.hiddenSize(), bert.layers(), bert.heads(),
                bert.intermediateSize(), bert.maxPositions(), 0, bert.layerNormEps(), ModelFamily.DISTILBERT,
                bert.hiddenSize(), 0);
        BertClassifier d = new BertClassifier(distil, LABELS, Pooling.MEAN, 0f, false);
        List<String> fresh = d.load(manager, renamed, 0);
        assertEquals(List.of(), fresh);
        float diff = difference(run(bertModel(Pooling.MEAN, false), true), run(d, false));
        assertTrue(diff < TOLERANCE, "DistilBERT layout differs from MiniLM by " + diff);

        // the first-token head is pre_classifier -> ReLU -> classifier, worked out here from the token states
        BertClassifier cls = new BertClassifier(distil, LABELS, Pooling.CLS, 0f, true);
        assertEquals(List.of(), cls.load(manager, renamed, 0));
        NDList out = run(cls, false);
        int h = bert.hiddenSize();
        int len = (int) out.get(2).getShape().get(1);
        float[] states = out.get(2).toFloatArray();
        float[] logits = out.get(0).toFloatArray();
        float[] wd = w.get("pooler.dense.weight").data();
        float[] bd = w.get("pooler.dense.bias").data();
        float[] wc = w.get("classifier.weight").data();
        float[] bc = w.get("classifier.bias").data();
        for (int i = 0; i < SEQS.length; i++) {
            double[] hidden = new double[h];
            for (int o = 0; o < h; o++) {
                double s = bd[o];
                for (int k = 0; k < h; k++) {
                    s += wd[o * h + k] * states[(i * len) * h + k];
                }
                hidden[o] = Math.max(0, s);
            }
            for (int c = 0; c < LABELS; c++) {
                double s = bc[c];
                for (int k = 0; k < h; k++) {
                    s += wc[c * h + k] * hidden[k];
                }
                assertEquals(s, logits[i * LABELS + c], 1e-4, "logit " + c + " of text " + i);
            }
        }
    }

    @Test
    void electraWithWiderEmbeddingsProjectedBackIsMiniLm() {
        // embeddings [e, e] of width 2h: LayerNorm gives [LN(e), LN(e)] with its weights doubled, and the
        // projection [I 0] keeps the first half, so the encoder sees what MiniLM's embeddings give
        int h = bert.hiddenSize();
        Weights w = copy(minilm, Map.of());
        for (String name : List.of("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias")) {
            Weights.Tensor t = minilm.get(name);
            long rows = t.shape().length == 2 ? t.shape()[0] : 1;
            float[] wide = new float[t.data().length * 2];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(t.data(), r * h, wide, r * 2 * h, h);
                System.arraycopy(t.data(), r * h, wide, r * 2 * h + h, h);
            }
            w.put(name, t.shape().length == 2 ? new long[] {rows, 2L * h} : new long[] {2L * h}, wide);
        }
        float[] project = new float[h * 2 * h];
        for (int i = 0; i < h; i++) {
            project[i * 2 * h + i] = 1f;
        }
        w.put("embeddings_project.weight", new long[] {h, 2L * h}, project);
        w.put("embeddings_project.bias", new long[] {h}, new float[h]);
        BertConfig electra = new BertConfig(bert.vocabSize(), h, bert.layers(), bert.heads(), bert.intermediateSize(),
                bert.maxPositions(), bert.typeVocabSize(), bert.layerNormEps(), ModelFamily.ELECTRA, 2 * h, 0);
        BertClassifier e = new BertClassifier(electra, LABELS, Pooling.MEAN, 0f, false);
        Weights renamed = huggingFace(w, ModelFamily.ELECTRA);
        assertTrue(renamed.get("electra.embeddings_project.weight") != null);
        assertTrue(renamed.get("classifier.out_proj.weight") != null);
        assertEquals(List.of(), e.load(manager, renamed, 0));
        float d = difference(run(bertModel(Pooling.MEAN, false), true), run(e, true));
        assertTrue(d < TOLERANCE, "ELECTRA layout differs from MiniLM by " + d);
    }

    @Test
    void aWrongFamilyLayoutIsNotSilentlyEqual() {
        // the check can fail: RoBERTa's layout read without the position offset gives other outputs
        Weights w = copy(minilm, Map.of());
        w.put("embeddings.position_embeddings.weight", new long[] {bert.maxPositions() + 2, bert.hiddenSize()},
                foldedPositions(2));
        w.put("embeddings.token_type_embeddings.weight", new long[] {1, bert.hiddenSize()},
                new float[bert.hiddenSize()]);
        BertConfig noOffset = new BertConfig(bert.vocabSize(), bert.hiddenSize(), bert.layers(), bert.heads(),
                bert.intermediateSize(), bert.maxPositions() + 2, 1, bert.layerNormEps(), ModelFamily.ROBERTA,
                bert.hiddenSize(), 0);
        BertClassifier r = new BertClassifier(noOffset, LABELS, Pooling.MEAN, 0f, false);
        r.load(manager, w, 0);
        assertTrue(difference(run(bertModel(Pooling.MEAN, false), true), run(r, false)) > 1e-2);
    }
}
