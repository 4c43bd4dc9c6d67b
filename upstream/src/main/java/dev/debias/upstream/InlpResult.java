package dev.debias.upstream;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link InlpProjection#run}: the projection that removes every direction the probes found, and
 * one {@link InlpIteration} per probe trained. {@code projection} is {@code d x d}, row-major and
 * symmetric, applied in the row-vector convention {@code v <- v P} (as
 * {@code BiasSubspace.projectionMatrix()} and {@code BertClassifier.setProjection}).
 *
 * @param projection I − BᵀB with B the orthonormal removed directions, {@code d x d} row-major
 * @param dimension the width d of the representation
 * @param iterations the probes in order, iteration 0 (the original representation) first; never empty
 * @param majorityRate the share of the dev set's most frequent label
 * @param reachedChance whether the last probe's dev accuracy was within the tolerance of majorityRate
 */
public record InlpResult(float[] projection, int dimension, List<InlpIteration> iterations, double majorityRate,
        boolean reachedChance) {
    /**
     * Validates and copies the arguments.
     *
     * @throws IllegalArgumentException when the projection is not {@code dimension x dimension}, there
     *     are no iterations, or the majority rate is not in [0, 1]
     */
    public InlpResult {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension " + dimension + " must be >= 1");
        }
        if (projection == null || projection.length != dimension * dimension) {
            throw new IllegalArgumentException("a projection of " + (projection == null ? "null" : projection.length)
                    + " entries; a " + dimension + " x " + dimension + " one has " + dimension * dimension);
        }
        Objects.requireNonNull(iterations, "iterations");
        if (iterations.isEmpty()) {
            throw new IllegalArgumentException("an INLP result needs at least iteration 0");
        }
        if (!(majorityRate >= 0 && majorityRate <= 1)) {
            throw new IllegalArgumentException("majority rate " + majorityRate + " must be in [0, 1]");
        }
        projection = projection.clone();
        iterations = List.copyOf(iterations);
    }

    /** The last probe trained, whose dev accuracy decided {@link #reachedChance()}. */
    public InlpIteration last() {
        return iterations.get(iterations.size() - 1);
    }

    /** The rank of the removed subspace, d minus the rank of the projection. */
    public int rankRemoved() {
        return last().rankRemoved();
    }

    /**
     * {@code v P}: the vector with the removed subspace taken out.
     *
     * @throws IllegalArgumentException when {@code v} is not {@link #dimension()} wide
     */
    public float[] project(float[] v) {
        int d = dimension;
        if (v == null || v.length != d) {
            throw new IllegalArgumentException("a vector of " + (v == null ? "null" : v.length)
                    + " dimensions; the projection is " + d + " x " + d);
        }
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            double vi = v[i];
            if (vi == 0) {
                continue;
            }
            int row = i * d;
            for (int j = 0; j < d; j++) {
                out[j] += vi * projection[row + j];
            }
        }
        float[] f = new float[d];
        for (int j = 0; j < d; j++) {
            f[j] = (float) out[j];
        }
        return f;
    }

    /**
     * Every row projected with {@link #project(float[])}, as new arrays.
     *
     * @throws IllegalArgumentException when a row is not {@link #dimension()} wide
     */
    public float[][] project(float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = project(rows[i]);
        }
        return out;
    }
}
