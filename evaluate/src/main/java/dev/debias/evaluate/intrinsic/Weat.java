package dev.debias.evaluate.intrinsic;

import java.util.SplittableRandom;

/**
 * The Word Embedding Association Test (Caliskan, Bryson and Narayanan, Science 2017) on any vectors:
 * word embeddings, or sentence embeddings as in SEAT (May et al. 2019).
 *
 * <p>With cosine similarity cos, the association of a vector is s(w, A, B) = mean_{a∈A} cos(w, a) −
 * mean_{b∈B} cos(w, b). The effect size is d = (mean_{x∈X} s(x) − mean_{y∈Y} s(y)) / sd_{w∈X∪Y} s(w)
 * with the sample standard deviation (n − 1). The test statistic is S(X, Y) = Σ_x s(x) − Σ_y s(y);
 * its one-sided p-value is the share of partitions (X_i, Y_i) of X ∪ Y with |X_i| = |X| and
 * S(X_i, Y_i) ≥ S(X, Y), the observed partition included. All partitions are enumerated when there are
 * at most {@link WeatOptions#exactLimit()} of them; otherwise N = {@link WeatOptions#permutations()}
 * random partitions are drawn from {@link WeatOptions#seed()} and p = (1 + #{S_i ≥ S}) / (1 + N). The
 * comparison allows a relative tolerance of 1e-12·max(1, |S|), so partitions that tie with the
 * observed one up to rounding count. Arithmetic is in double precision.
 */
public final class Weat {
    private Weat() {}

    /**
     * Runs the test with targets {@code x} and {@code y} and attributes {@code a} and {@code b} (one
     * vector per row).
     *
     * @throws IllegalArgumentException when a set is empty, the rows differ in width, or a row is zero
     */
    public static WeatResult test(float[][] x, float[][] y, float[][] a, float[][] b, WeatOptions o) {
        if (o == null) {
            throw new IllegalArgumentException("options are required (WeatOptions.defaults())");
        }
        int dim = width(x, "X", -1);
        width(y, "Y", dim);
        width(a, "A", dim);
        width(b, "B", dim);
        double[][] an = unit(a, "A");
        double[][] bn = unit(b, "B");
        double[][] xn = unit(x, "X");
        double[][] yn = unit(y, "Y");
        int nx = x.length;
        int n = nx + y.length;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = association(i < nx ? xn[i] : yn[i - nx], an, bn);
        }
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < n; i++) {
            if (i < nx) {
                sumX += s[i];
            } else {
                sumY += s[i];
            }
        }
        double meanX = sumX / nx;
        double meanY = sumY / y.length;
        double mean = (sumX + sumY) / n;
        double ss = 0;
        double maxAbs = 0;
        for (double v : s) {
            ss += (v - mean) * (v - mean);
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double sd = Math.sqrt(ss / (n - 1));
        Double effect = null;
        String undefined = null;
        if (!(sd > 1e-12 * Math.max(1, maxAbs))) {
            undefined = "every target vector has the same association s(w, A, B): the pooled standard deviation is 0";
        } else {
            effect = (meanX - meanY) / sd;
        }

        double total = sumX + sumY;
        double observed = sumX - sumY;
        double threshold = observed - 1e-12 * Math.max(1, Math.abs(observed));
        long all = binomial(n, nx);
        double p;
        long partitions;
        boolean exact = all <= o.exactLimit();
        if (exact) {
            long[] count = new long[1];
            enumerate(s, 0, nx, 0, total, threshold, count);
            partitions = all;
            p = (double) count[0] / all;
        } else {
            SplittableRandom random = new SplittableRandom(o.seed());
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            long count = 0;
            for (int k = 0; k < o.permutations(); k++) {
                double sum = 0;
                for (int i = 0; i < nx; i++) {
                    int j = i + random.nextInt(n - i);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                    sum += s[order[i]];
                }
                if (sum - (total - sum) >= threshold) {
                    count++;
                }
            }
            partitions = o.permutations();
            p = (1.0 + count) / (1.0 + partitions);
        }
        return new WeatResult(effect, undefined, p, exact, partitions, observed, meanX, meanY, nx, y.length, a.length,
                b.length);
    }

    /** Counts the subsets of size {@code left} of {@code s[from..]} completing {@code sum} to a statistic ≥ threshold. */
    private static void enumerate(double[] s, int from, int left, double sum, double total, double threshold,
            long[] count) {
        if (left == 0) {
            if (sum - (total - sum) >= threshold) {
                count[0]++;
            }
            return;
        }
        for (int i = from; i <= s.length - left; i++) {
            enumerate(s, i + 1, left - 1, sum + s[i], total, threshold, count);
        }
    }

    /** s(w, A, B) for a unit vector w and unit rows of A and B. */
    private static double association(double[] w, double[][] a, double[][] b) {
        return meanDot(w, a) - meanDot(w, b);
    }

    private static double meanDot(double[] w, double[][] rows) {
        double sum = 0;
        for (double[] r : rows) {
            double dot = 0;
            for (int k = 0; k < w.length; k++) {
                dot += w[k] * r[k];
            }
            sum += dot;
        }
        return sum / rows.length;
    }

    /** C(n, k), or Long.MAX_VALUE when it does not fit in a long. */
    static long binomial(int n, int k) {
        int kk = Math.min(k, n - k);
        long c = 1;
        for (int i = 0; i < kk; i++) {
            // c * (n - i) / (i + 1) is C(n, i + 1), an integer at every step
            try {
                long num = Math.multiplyExact(c, (long) (n - i));
                c = num / (i + 1);
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return c;
    }

    private static int width(float[][] rows, String set, int expected) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("the set " + set + " is empty; every WEAT set needs at least one vector");
        }
        int dim = expected;
        for (int i = 0; i < rows.length; i++) {
            int w = rows[i] == null ? 0 : rows[i].length;
            if (dim < 0) {
                dim = w;
            }
            if (w == 0 || w != dim) {
                throw new IllegalArgumentException("row " + i + " of " + set + " has " + w + " dimensions, expected "
                        + dim + (dim == 0 ? " (at least one)" : ""));
            }
        }
        return dim;
    }

    /** The rows scaled to unit length, in double precision. */
    private static double[][] unit(float[][] rows, String set) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double norm = 0;
            for (float v : rows[i]) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0) || Double.isInfinite(norm)) {
                throw new IllegalArgumentException("row " + i + " of " + set + " is " + (norm == 0 ? "a zero vector"
                        : "not finite") + "; cosine similarity is undefined");
            }
            out[i] = new double[rows[i].length];
            for (int k = 0; k < rows[i].length; k++) {
                out[i][k] = rows[i][k] / norm;
            }
        }
        return out;
    }
}
