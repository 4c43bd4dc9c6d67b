package dev.debias.upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Iterative nullspace projection (INLP) after Ravfogel et al. (2020), "Null It Out: Guarding Protected
 * Attributes by Iterative Nullspace Projection" (ACL 2020): repeatedly trains a linear probe
 * ({@link LinearProbe}) to predict a protected attribute from a representation, and projects the
 * representation onto the intersection of the probes' nullspaces, until a fresh probe does no better
 * than the majority class on a dev set. The result is a projection {@code P} that a model can apply to
 * its representation ({@code v <- v P}) to make the attribute linearly unrecoverable.
 */
public final class InlpProjection {
    /** A direction whose residual after orthogonalisation is below this share of its norm is dropped. */
    private static final double DROP = 1e-6;
    /** Slack for comparing an accuracy with the majority rate plus the tolerance. */
    private static final double SLACK = 1e-12;

    private InlpProjection() {}

    /**
     * Runs INLP. Starting from {@code P = I}, each iteration projects the training and dev rows with
     * {@code P}, trains a fresh probe on the projected training rows and records its training and dev
     * accuracy. It stops when the dev accuracy is at most the dev set's majority-class rate plus
     * {@code o.tolerance()}, after {@code o.maxIterations()} projection steps, or when a probe offers no
     * direction that is not already removed. Otherwise it removes the probe's directions, the
     * differences {@code w_c − w_0} of its weight rows for {@code c = 1 .. classes − 1} (for two classes
     * the one row {@code w_1 − w_0}, the only part of a softmax probe that affects its predictions):
     * they are added in order to the removed set by Gram–Schmidt in double precision with
     * re-orthogonalisation, dropping those that are (nearly) in the set already, and {@code P} becomes
     * {@code I − BᵀB} with {@code B} the orthonormal rows. Deterministic: the same input gives the same
     * result bit for bit.
     *
     * @param trainX the training representations, all of the same width d
     * @param trainY the protected attribute of each training row, in [0, classes)
     * @param devX the dev representations, of width d, on which the stopping rule is measured
     * @param devY the protected attribute of each dev row, in [0, classes)
     * @param classes the number of attribute values, at least 2
     * @param o when to stop and how to train the probes
     * @return the projection and one record per probe trained
     * @throws IllegalArgumentException when a set is empty, lengths or widths differ, a value is not
     *     finite, a label is out of range, or there are fewer than 2 classes
     */
    public static InlpResult run(float[][] trainX, int[] trainY, float[][] devX, int[] devY, int classes,
            InlpOptions o) {
        Objects.requireNonNull(o, "INLP options; use InlpOptions.defaults()");
        int d = LinearProbe.checkData(trainX, trainY, classes, "training");
        int dd = LinearProbe.checkData(devX, devY, classes, "dev");
        if (dd != d) {
            throw new IllegalArgumentException("dev rows of width " + dd + " but training rows of width " + d
                    + "; both sets must come from the same representation");
        }
        if ((long) d * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + d + " x " + d + " projection does not fit in one array");
        }
        double majority = majorityRate(devY, classes);
        List<double[]> basis = new ArrayList<>();
        List<InlpIteration> iterations = new ArrayList<>();
        boolean chance;
        for (int it = 0;; it++) {
            float[][] tx = project(trainX, basis);
            float[][] dx = project(devX, basis);
            LinearProbe probe = LinearProbe.train(tx, trainY, classes, o.probe());
            double devAccuracy = probe.accuracy(dx, devY);
            iterations.add(new InlpIteration(it, probe.accuracy(tx, trainY), devAccuracy, basis.size()));
            chance = devAccuracy <= majority + o.tolerance() + SLACK;
            if (chance || it >= o.maxIterations()) {
                break;
            }
            int before = basis.size();
            double[] w0 = probe.weightRow(0);
            for (int c = 1; c < classes; c++) {
                double[] v = probe.weightRow(c);
                for (int j = 0; j < d; j++) {
                    v[j] -= w0[j];
                }
                addOrthonormal(basis, v);
            }
            if (basis.size() == before) {
                break;
            }
        }
        return new InlpResult(projectionMatrix(basis, d), d, iterations, majority, chance);
    }

    /** The share of the most frequent label. */
    static double majorityRate(int[] y, int classes) {
        int[] counts = new int[classes];
        int max = 0;
        for (int label : y) {
            max = Math.max(max, ++counts[label]);
        }
        return (double) max / y.length;
    }

    /**
     * Adds {@code v} to the orthonormal {@code basis} unless it (nearly) lies in its span: two passes of
     * Gram–Schmidt (the first is {@code v P}, the second repairs rounding), then normalisation.
     */
    static void addOrthonormal(List<double[]> basis, double[] v) {
        double norm = norm(v);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            return;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (double[] u : basis) {
                double dot = 0;
                for (int j = 0; j < v.length; j++) {
                    dot += v[j] * u[j];
                }
                for (int j = 0; j < v.length; j++) {
                    v[j] -= dot * u[j];
                }
            }
        }
        double rest = norm(v);
        if (!(rest > DROP * norm)) {
            return;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= rest;
        }
        basis.add(v);
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** Each row without its components along the orthonormal basis, {@code x (I − BᵀB)}. */
    private static float[][] project(float[][] x, List<double[]> basis) {
        int d = x[0].length;
        float[][] out = new float[x.length][d];
        double[] r = new double[d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                r[j] = x[i][j];
            }
            for (double[] u : basis) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += (double) x[i][j] * u[j];
                }
                for (int j = 0; j < d; j++) {
                    r[j] -= dot * u[j];
                }
            }
            for (int j = 0; j < d; j++) {
                out[i][j] = (float) r[j];
            }
        }
        return out;
    }

    /** I − BᵀB, {@code d x d} row-major. */
    private static float[] projectionMatrix(List<double[]> basis, int d) {
        float[] p = new float[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = i == j ? 1 : 0;
                for (double[] u : basis) {
                    v -= u[i] * u[j];
                }
                p[i * d + j] = (float) v;
                p[j * d + i] = (float) v;
            }
        }
        return p;
    }
}
