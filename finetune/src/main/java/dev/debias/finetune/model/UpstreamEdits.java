package dev.debias.finetune.model;

import java.util.Arrays;

/**
 * The upstream interventions of a {@link BertClassifier}: a projection of the pooled vector, a head mask,
 * a neuron mask and the sparsity of magnitude-pruned weights. Each is validated against the encoder's
 * shape and copied on the way in and out, and all of them travel as the {@code debias.*} tensors of a
 * {@link Weights}.
 */
final class UpstreamEdits {
    private final BertConfig config;
    private float[][] headMask;
    private float[][] neuronMask;
    private float[] projection;
    private float weightSparsity;

    /** No edits, for an encoder of shape {@code config}. */
    UpstreamEdits(BertConfig config) {
        this.config = config;
    }

    /** Sets every edit from its tensor in {@code weights}, clearing those it lacks (all when null). */
    void load(Weights weights) {
        Weights.Tensor t = weights == null ? null : weights.get(BertClassifier.PROJECTION);
        setProjection(t == null ? null : checked(t, BertClassifier.PROJECTION, config.hiddenSize(),
                config.hiddenSize()).data());
        t = weights == null ? null : weights.get(BertClassifier.HEAD_MASK);
        setHeadMask(t == null ? null : rows(checked(t, BertClassifier.HEAD_MASK, config.layers(), config.heads())));
        t = weights == null ? null : weights.get(BertClassifier.NEURON_MASK);
        setNeuronMask(t == null ? null
                : rows(checked(t, BertClassifier.NEURON_MASK, config.layers(), config.intermediateSize())));
        t = weights == null ? null : weights.get(BertClassifier.WEIGHT_SPARSITY);
        setWeightSparsity(t == null ? 0f : checked(t, BertClassifier.WEIGHT_SPARSITY, 1).data()[0]);
    }

    /** Adds a tensor for each edit that is set to {@code w}: projection, head mask, neuron mask, sparsity. */
    void addTo(Weights w) {
        int h = config.hiddenSize();
        if (projection != null) {
            w.put(BertClassifier.PROJECTION, new long[] {h, h}, projection.clone());
        }
        if (headMask != null) {
            w.put(BertClassifier.HEAD_MASK, new long[] {config.layers(), config.heads()}, flat(headMask));
        }
        if (neuronMask != null) {
            w.put(BertClassifier.NEURON_MASK, new long[] {config.layers(), config.intermediateSize()}, flat(neuronMask));
        }
        if (weightSparsity > 0) {
            w.put(BertClassifier.WEIGHT_SPARSITY, new long[] {1}, new float[] {weightSparsity});
        }
    }

    void setHeadMask(float[][] mask) {
        this.headMask = validMask(mask, config.heads(), "head");
    }

    void setNeuronMask(float[][] mask) {
        this.neuronMask = validMask(mask, config.intermediateSize(), "neuron");
    }

    /** A copy of the head mask, or null. */
    float[][] headMask() {
        return headMask == null ? null : validMask(headMask, config.heads(), "head");
    }

    /** A copy of the neuron mask, or null. */
    float[][] neuronMask() {
        return neuronMask == null ? null : validMask(neuronMask, config.intermediateSize(), "neuron");
    }

    /** Layer {@code l}'s head mask, not copied (for the forward pass), or null for all heads on. */
    float[] headRow(int l) {
        return headMask == null ? null : headMask[l];
    }

    /** Layer {@code l}'s neuron mask, not copied (for the forward pass), or null for all neurons on. */
    float[] neuronRow(int l) {
        return neuronMask == null ? null : neuronMask[l];
    }

    void setProjection(float[] matrix) {
        if (matrix != null && matrix.length != config.hiddenSize() * config.hiddenSize()) {
            throw new IllegalArgumentException("the projection must be hidden x hidden = " + config.hiddenSize() + "^2");
        }
        this.projection = matrix == null ? null : matrix.clone();
    }

    /** A copy of the projection, or null. */
    float[] projection() {
        return projection == null ? null : projection.clone();
    }

    /** The projection, not copied (for the forward pass), or null. */
    float[] projectionView() {
        return projection;
    }

    void setWeightSparsity(float sparsity) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("weight sparsity " + sparsity + " must be in [0, 1)");
        }
        this.weightSparsity = sparsity;
    }

    float weightSparsity() {
        return weightSparsity;
    }

    private float[][] validMask(float[][] mask, int width, String what) {
        if (mask == null) {
            return null;
        }
        if (mask.length != config.layers()) {
            throw new IllegalArgumentException("the " + what + " mask has " + mask.length + " layers, the model "
                    + config.layers());
        }
        float[][] copy = new float[mask.length][];
        for (int l = 0; l < mask.length; l++) {
            if (mask[l].length != width) {
                throw new IllegalArgumentException("the " + what + " mask of layer " + l + " has " + mask[l].length
                        + " entries, the model " + width);
            }
            copy[l] = mask[l].clone();
        }
        return copy;
    }

    private static Weights.Tensor checked(Weights.Tensor t, String name, long... shape) {
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(t.shape())
                    + ", the model needs " + Arrays.toString(shape));
        }
        return t;
    }

    private static float[][] rows(Weights.Tensor t) {
        int r = (int) t.shape()[0];
        int c = (int) t.shape()[1];
        float[][] out = new float[r][];
        for (int i = 0; i < r; i++) {
            out[i] = Arrays.copyOfRange(t.data(), i * c, (i + 1) * c);
        }
        return out;
    }

    private static float[] flat(float[][] rows) {
        int c = rows[0].length;
        float[] out = new float[rows.length * c];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * c, c);
        }
        return out;
    }
}
