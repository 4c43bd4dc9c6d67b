package dev.debias.evaluate.intrinsic;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Estimates a bias subspace from pairs of embeddings that differ in one attribute (an original text and
 * its counterfactual, "he"/"she", ...), by principal components of the pair differences as in
 * Bolukbasi et al. (2016) and Liang et al. (2020).
 */
public final class BiasSubspaces {
    private BiasSubspaces() {}

    /**
     * The top {@code k} principal directions of the pairs {@code (original[i], counterfactual[i])}:
     * each pair is centred on its mean, leaving the rows ±dᵢ with dᵢ = (aᵢ − bᵢ)/2, and the directions
     * are the leading eigenvectors of their covariance (1/n) Σ dᵢdᵢᵀ. Each direction's sign is chosen
     * so that the mean projection of aᵢ − bᵢ on it is ≥ 0 (when it is exactly 0, so that its first
     * non-zero component is positive). Deterministic.
     *
     * @throws IllegalArgumentException when there are no pairs, the rows differ in width, k is not in
     *     [1, d], or every pair is identical
     */
    public static BiasSubspace fromPairs(float[][] original, float[][] counterfactual, int k) {
        if (original == null || counterfactual == null || original.length == 0) {
            throw new IllegalArgumentException("no pairs: a bias subspace needs at least one pair of embeddings");
        }
        if (original.length != counterfactual.length) {
            throw new IllegalArgumentException(original.length + " originals but " + counterfactual.length
                    + " counterfactuals; pairs need one of each");
        }
        int n = original.length;
        int d = original[0].length;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("k = " + k + " directions must be in [1, " + d + "]");
        }
        double[][] diffs = new double[n][d];
        for (int i = 0; i < n; i++) {
            if (original[i].length != d || counterfactual[i].length != d) {
                throw new IllegalArgumentException("pair " + i + " has widths " + original[i].length + " and "
                        + counterfactual[i].length + ", expected " + d);
            }
            for (int j = 0; j < d; j++) {
                diffs[i][j] = ((double) original[i][j] - counterfactual[i][j]) / 2;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] di : diffs) {
            for (int r = 0; r < d; r++) {
                double v = di[r];
                if (v == 0) {
                    continue;
                }
                for (int c = r; c < d; c++) {
                    cov[r][c] += v * di[c];
                }
            }
        }
        double trace = 0;
        for (int r = 0; r < d; r++) {
            for (int c = r; c < d; c++) {
                cov[r][c] /= n;
                cov[c][r] = cov[r][c];
            }
            trace += cov[r][r];
        }
        if (!(trace > 0)) {
            throw new IllegalArgumentException("every pair is identical (or not finite): the differences have no "
                    + "variance, so there is no bias direction");
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
        double[] values = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]).thenComparingInt(i -> i));
        float[][] directions = new float[k][];
        double[] explained = new double[k];
        double[] meanDiff = new double[d];
        for (double[] di : diffs) {
            for (int j = 0; j < d; j++) {
                meanDiff[j] += 2 * di[j] / n;
            }
        }
        for (int j = 0; j < k; j++) {
            RealVector v = eig.getEigenvector(order[j]);
            double[] u = v.toArray();
            double norm = Math.sqrt(dot(u, u));
            double along = dot(u, meanDiff);
            double sign = along > 0 ? 1 : along < 0 ? -1 : firstNonZeroSign(u);
            directions[j] = new float[d];
            for (int c = 0; c < d; c++) {
                directions[j][c] = (float) (sign * u[c] / norm);
            }
            explained[j] = Math.max(0, values[order[j]]) / trace;
        }
        return new BiasSubspace(directions, explained, n);
    }

    private static double firstNonZeroSign(double[] u) {
        for (double v : u) {
            if (v != 0) {
                return Math.signum(v);
            }
        }
        return 1;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
