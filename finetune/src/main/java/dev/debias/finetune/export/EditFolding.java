package dev.debias.finetune.export;

import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.Weights;

/**
 * Writes a model's upstream edits into its ordinary weights, so that a runtime without debias's hooks
 * computes what the edited model computes. Exact for each edit: a head switched off contributes its
 * context columns to {@code attention.output.dense} (ModernBERT: {@code attn.Wo}) only, so zeroing those
 * columns removes it; a neuron switched off reaches the layer output only through its column of {@code
 * output.dense} (ModernBERT: {@code mlp.Wo}, whose input is the gated product); the projection {@code P}
 * applied to the pooled vector before the pooler becomes {@code W' = W P^T} of {@code pooler.dense}. Magnitude-pruned weights already hold their zeros.
 */
public final class EditFolding {
    private EditFolding() {}

    /**
     * The canonical weights with the edits folded in and the {@code debias.*} tensors removed.
     *
     * @throws IllegalArgumentException when a projection is set but there is no pooler to fold it into
     */
    public static Weights fold(Weights canonical, BertConfig config) {
        Weights out = new Weights();
        canonical.all().forEach((name, t) -> {
            if (!name.startsWith("debias.")) {
                out.put(name, t.shape(), t.data().clone());
            }
        });
        int h = config.hiddenSize();
        boolean modern = config.modern() != null;
        Weights.Tensor heads = canonical.get(BertClassifier.HEAD_MASK);
        if (heads != null) {
            int hd = config.headSize();
            for (int l = 0; l < config.layers(); l++) {
                float[] w = out.get("encoder.layer." + l + (modern ? ".attn.Wo.weight"
                        : ".attention.output.dense.weight")).data();
                for (int head = 0; head < config.heads(); head++) {
                    scaleColumns(w, h, h, head * hd, (head + 1) * hd, heads.data()[l * config.heads() + head]);
                }
            }
        }
        Weights.Tensor neurons = canonical.get(BertClassifier.NEURON_MASK);
        if (neurons != null) {
            int inter = config.intermediateSize();
            for (int l = 0; l < config.layers(); l++) {
                float[] w = out.get("encoder.layer." + l + (modern ? ".mlp.Wo.weight" : ".output.dense.weight")).data();
                for (int n = 0; n < inter; n++) {
                    scaleColumns(w, h, inter, n, n + 1, neurons.data()[l * inter + n]);
                }
            }
        }
        Weights.Tensor projection = canonical.get(BertClassifier.PROJECTION);
        if (projection != null) {
            Weights.Tensor dense = out.get("pooler.dense.weight");
            if (dense == null) {
                throw new IllegalArgumentException("the projection acts on the pooled vector, and without a pooler "
                        + "(pooler.dense) there is no weight to fold it into");
            }
            float[] w = dense.data();
            float[] p = projection.data();
            float[] folded = new float[h * h];
            for (int o = 0; o < h; o++) {
                for (int i = 0; i < h; i++) {
                    double s = 0;
                    for (int k = 0; k < h; k++) {
                        s += (double) w[o * h + k] * p[i * h + k];   // (W P^T)[o][i] = sum_k W[o][k] P[i][k]
                    }
                    folded[o * h + i] = (float) s;
                }
            }
            out.put("pooler.dense.weight", dense.shape(), folded);
        }
        return out;
    }

    private static void scaleColumns(float[] w, int rows, int cols, int from, int to, float factor) {
        if (factor == 1f) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = from; c < to; c++) {
                w[r * cols + c] *= factor;
            }
        }
    }
}
