package dev.debias.finetune.export;

import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Weights;
import java.util.Arrays;

/**
 * The canonical weights of an encoder, checked against an {@link EncoderGraphSpec} as they are read:
 * a tensor the graph needs that is missing or has another shape is an {@link IllegalArgumentException}
 * that names it. Also folds the head and neuron masks into the linear weights they gate.
 */
final class ExportWeights {
    private final EncoderGraphSpec spec;
    private final Weights weights;

    ExportWeights(EncoderGraphSpec spec, Weights weights) {
        this.spec = spec;
        this.weights = weights;
    }

    /** The tensor {@code name}, which must have shape {@code shape}. */
    Weights.Tensor require(String name, long... shape) {
        Weights.Tensor t = weights.get(name);
        if (t == null) {
            throw new IllegalArgumentException("tensor " + name + " is missing; the graph needs it with shape "
                    + Arrays.toString(shape));
        }
        return checked(name, t, shape);
    }

    /** The tensor {@code name}, which must have shape {@code shape}, or null when absent. */
    Weights.Tensor optional(String name, long... shape) {
        Weights.Tensor t = weights.get(name);
        return t == null ? null : checked(name, t, shape);
    }

    /**
     * An embedding table {@code (rows, width)} of any row count (at least {@code minRows}).
     */
    Weights.Tensor table(String name, long width, long minRows, boolean required) {
        Weights.Tensor t = weights.get(name);
        if (t == null) {
            if (required) {
                throw new IllegalArgumentException("tensor " + name + " is missing; the graph needs it with shape "
                        + "[rows, " + width + "]");
            }
            return null;
        }
        if (t.shape().length != 2 || t.shape()[1] != width || t.shape()[0] < minRows) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(t.shape())
                    + "; the graph needs [rows, " + width + "] with at least " + minRows + " rows");
        }
        return t;
    }

    /** The projection {@code (hidden, hidden)}, given flat or as a matrix; null when absent. */
    float[] projection() {
        Weights.Tensor t = weights.get(BertClassifier.PROJECTION);
        if (t == null) {
            return null;
        }
        long h = spec.hidden();
        boolean flat = t.shape().length == 1 && t.shape()[0] == h * h;
        boolean square = t.shape().length == 2 && t.shape()[0] == h && t.shape()[1] == h;
        if (!flat && !square) {
            throw new IllegalArgumentException("tensor " + BertClassifier.PROJECTION + " has shape "
                    + Arrays.toString(t.shape()) + "; the graph needs [" + h + ", " + h + "] or [" + h * h + "]");
        }
        return t.data();
    }

    /**
     * Layer {@code layer}'s attention output weight {@code (hidden, hidden)} with the columns that a
     * head of mask value {@code m} feeds multiplied by {@code m}. Multiplying a head's attention
     * probabilities by {@code m} multiplies its context vector, the input of exactly these columns, by
     * {@code m}, so the fold computes the same function (bit for bit for masks of 0 and 1).
     */
    float[] attentionOutput(int layer) {
        int h = spec.hidden();
        String name = "encoder.layer." + layer + ".attention.output.dense.weight";
        float[] w = require(name, h, h).data().clone();
        Weights.Tensor mask = optional(BertClassifier.HEAD_MASK, spec.layers(), spec.heads());
        if (mask != null) {
            int hd = spec.headSize();
            for (int head = 0; head < spec.heads(); head++) {
                scaleColumns(w, h, head * hd, hd, mask.data()[layer * spec.heads() + head]);
            }
        }
        return w;
    }

    /**
     * Layer {@code layer}'s feed-forward output weight {@code (hidden, intermediate)} with neuron
     * {@code j}'s column multiplied by its mask value: the same as multiplying the neuron's activation.
     */
    float[] feedForwardOutput(int layer) {
        int h = spec.hidden();
        int inter = spec.intermediate();
        float[] w = require("encoder.layer." + layer + ".output.dense.weight", h, inter).data().clone();
        Weights.Tensor mask = optional(BertClassifier.NEURON_MASK, spec.layers(), inter);
        if (mask != null) {
            for (int j = 0; j < inter; j++) {
                scaleColumns(w, inter, j, 1, mask.data()[layer * inter + j]);
            }
        }
        return w;
    }

    /** Multiplies columns {@code from .. from+count-1} of a row-major matrix with {@code cols} columns by {@code m}. */
    private static void scaleColumns(float[] w, int cols, int from, int count, float m) {
        if (m == 1f) {
            return;
        }
        for (int r = 0; r < w.length / cols; r++) {
            for (int c = from; c < from + count; c++) {
                w[r * cols + c] *= m;
            }
        }
    }

    /** The transpose of a row-major {@code (rows, cols)} matrix: torch Linear's (out, in) to MatMul's (in, out). */
    static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    private static Weights.Tensor checked(String name, Weights.Tensor t, long... shape) {
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(t.shape())
                    + "; the graph needs " + Arrays.toString(shape));
        }
        return t;
    }
}
