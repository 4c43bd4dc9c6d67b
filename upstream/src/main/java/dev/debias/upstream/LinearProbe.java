package dev.debias.upstream;

import java.util.Arrays;
import java.util.Objects;

/**
 * A multinomial logistic-regression (softmax) classifier over dense vectors: scores {@code W v + b}
 * with {@code W} of shape {@code classes x d}, predicting the highest score. Trained by
 * {@link #train} with full-batch Adam on the mean cross-entropy plus an L2 penalty on {@code W} (not on
 * {@code b}), in double precision from a zero start: no randomness, so the same data and options give
 * the same probe bit for bit.
 */
public final class LinearProbe {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final int classes;
    private final int dimension;
    /** classes x d, row-major. */
    private final double[] w;
    private final double[] b;

    private LinearProbe(int classes, int dimension, double[] w, double[] b) {
        this.classes = classes;
        this.dimension = dimension;
        this.w = w;
        this.b = b;
    }

    /**
     * Trains a probe that predicts {@code y[i]} from {@code x[i]}, with {@code o.steps()} full-batch Adam
     * steps from zero weights.
     *
     * @param x the rows, all of the same width d &ge; 1
     * @param y one label per row, each in [0, classes)
     * @param classes the number of classes, at least 2
     * @param o the number of steps, step size and L2 penalty
     * @return the trained probe
     * @throws IllegalArgumentException when there are no rows, the lengths or widths differ, a value is
     *     not finite, a label is out of range, there are fewer than 2 classes, or the rows do not fit in
     *     one array
     */
    public static LinearProbe train(float[][] x, int[] y, int classes, ProbeOptions o) {
        Objects.requireNonNull(o, "probe options; use ProbeOptions.defaults()");
        int d = checkData(x, y, classes, "training");
        int n = x.length;
        int k = classes;
        if ((long) n * d > Integer.MAX_VALUE - 8 || (long) k * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " rows of width " + d + " do not fit in one array; train on a sample");
        }
        // the rows twice, as float (exact, and half the memory traffic of double): row-major for the
        // gradient, column-major for the scores, so that both inner loops are vectorisable sums of
        // scaled vectors rather than dot products
        float[] rows = new float[n * d];
        float[] cols = new float[d * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, rows, i * d, d);
            for (int j = 0; j < d; j++) {
                cols[j * n + i] = x[i][j];
            }
        }
        double[] w = new double[k * d];
        double[] b = new double[k];
        double[] gw = new double[k * d];
        double[] gb = new double[k];
        double[] mw = new double[k * d];
        double[] vw = new double[k * d];
        double[] mb = new double[k];
        double[] vb = new double[k];
        double[] z = new double[k * n];
        double[] p = new double[k];
        double lr = o.learningRate();
        double l2 = o.l2();
        double inv = 1.0 / n;
        double beta1t = 1;
        double beta2t = 1;
        for (int step = 0; step < o.steps(); step++) {
            // scores z[c][i] = b[c] + sum_j w[c][j] x[i][j]
            for (int c = 0; c < k; c++) {
                Arrays.fill(z, c * n, (c + 1) * n, b[c]);
            }
            for (int j = 0; j < d; j++) {
                int xo = j * n;
                for (int c = 0; c < k; c++) {
                    double wcj = w[c * d + j];
                    int zo = c * n;
                    for (int i = 0; i < n; i++) {
                        z[zo + i] += wcj * cols[xo + i];
                    }
                }
            }
            // gradient of the summed cross-entropy: (softmax - onehot) x
            Arrays.fill(gw, 0);
            Arrays.fill(gb, 0);
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    max = Math.max(max, z[c * n + i]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    p[c] = StrictMath.exp(z[c * n + i] - max);
                    sum += p[c];
                }
                int off = i * d;
                for (int c = 0; c < k; c++) {
                    double g = p[c] / sum - (y[i] == c ? 1 : 0);
                    gb[c] += g;
                    int go = c * d;
                    for (int j = 0; j < d; j++) {
                        gw[go + j] += g * rows[off + j];
                    }
                }
            }
            // Adam on the mean loss plus the L2 penalty on the weights
            beta1t *= BETA1;
            beta2t *= BETA2;
            double c1 = 1 / (1 - beta1t);
            double c2 = 1 / (1 - beta2t);
            for (int q = 0; q < w.length; q++) {
                double g = gw[q] * inv + l2 * w[q];
                mw[q] = BETA1 * mw[q] + (1 - BETA1) * g;
                vw[q] = BETA2 * vw[q] + (1 - BETA2) * g * g;
                w[q] -= lr * (mw[q] * c1) / (Math.sqrt(vw[q] * c2) + EPSILON);
            }
            for (int c = 0; c < k; c++) {
                double g = gb[c] * inv;
                mb[c] = BETA1 * mb[c] + (1 - BETA1) * g;
                vb[c] = BETA2 * vb[c] + (1 - BETA2) * g * g;
                b[c] -= lr * (mb[c] * c1) / (Math.sqrt(vb[c] * c2) + EPSILON);
            }
        }
        return new LinearProbe(k, d, w, b);
    }

    /** Checks rows (non-empty, equal widths, finite) and labels (in range) and returns the width d. */
    static int checkData(float[][] x, int[] y, int classes, String what) {
        if (classes < 2) {
            throw new IllegalArgumentException(classes + " classes: a probe needs at least 2");
        }
        if (x == null || y == null || x.length == 0) {
            throw new IllegalArgumentException("no " + what + " rows: a probe needs at least one labelled vector");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " " + what + " rows but " + y.length
                    + " labels; give one label per row");
        }
        if (x[0] == null || x[0].length == 0) {
            throw new IllegalArgumentException(what + " row 0 is empty; rows need at least one dimension");
        }
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(what + " row " + i + " has width "
                        + (x[i] == null ? "null" : x[i].length) + ", expected " + d + " like row 0");
            }
            for (float v : x[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(what + " row " + i + " has a non-finite value " + v);
                }
            }
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException(what + " label " + y[i] + " at row " + i + " is not in [0, "
                        + classes + "); labels are class indices");
            }
        }
        return d;
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    /** The width d of the vectors the probe reads. */
    public int dimension() {
        return dimension;
    }

    /**
     * The class with the highest score {@code W v + b}; ties go to the lowest class index.
     *
     * @throws IllegalArgumentException when {@code v} is not {@link #dimension()} wide
     */
    public int predict(float[] v) {
        if (v == null || v.length != dimension) {
            throw new IllegalArgumentException("a vector of " + (v == null ? "null" : v.length)
                    + " dimensions; the probe reads " + dimension);
        }
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double s = b[c];
            int off = c * dimension;
            for (int j = 0; j < dimension; j++) {
                s += w[off + j] * v[j];
            }
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    /**
     * The share of rows whose prediction equals their label.
     *
     * @throws IllegalArgumentException when there are no rows, the lengths differ, a row is not
     *     {@link #dimension()} wide, a value is not finite, or a label is out of range
     */
    public double accuracy(float[][] x, int[] y) {
        int d = checkData(x, y, classes, "evaluation");
        if (d != dimension) {
            throw new IllegalArgumentException("rows of width " + d + "; the probe reads " + dimension);
        }
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            if (predict(x[i]) == y[i]) {
                right++;
            }
        }
        return (double) right / x.length;
    }

    /** A copy of the weights, {@code classes x d}. */
    public float[][] weights() {
        float[][] out = new float[classes][dimension];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < dimension; j++) {
                out[c][j] = (float) w[c * dimension + j];
            }
        }
        return out;
    }

    /** A copy of the bias, one entry per class. */
    public float[] bias() {
        float[] out = new float[classes];
        for (int c = 0; c < classes; c++) {
            out[c] = (float) b[c];
        }
        return out;
    }

    /** Row {@code c} of the weights in double precision, as a new array. */
    double[] weightRow(int c) {
        double[] out = new double[dimension];
        System.arraycopy(w, c * dimension, out, 0, dimension);
        return out;
    }
}
