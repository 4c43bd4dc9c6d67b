package dev.debias.evaluate.intrinsic;

/**
 * A bias subspace of an embedding space: {@code k} orthonormal directions (rows), e.g. the gender
 * direction found by {@link BiasSubspaces#fromPairs}. {@link #projectionMatrix()} is the matrix that
 * removes the subspace (hard debiasing, Bolukbasi et al. 2016), in the row-vector convention of
 * {@code BertClassifier.setProjection} ({@code v <- v P}).
 *
 * @param directions {@code k x d}, orthonormal rows, strongest first
 * @param explainedVariance the share of the total variance of the pair differences along each direction
 * @param pairs how many pairs the subspace was estimated from
 */
public record BiasSubspace(float[][] directions, double[] explainedVariance, int pairs) {
    public BiasSubspace {
        if (directions == null || directions.length == 0 || directions[0].length == 0) {
            throw new IllegalArgumentException("a bias subspace needs at least one direction");
        }
        if (explainedVariance == null || explainedVariance.length != directions.length) {
            throw new IllegalArgumentException("one explained-variance share per direction");
        }
        for (float[] r : directions) {
            if (r.length != directions[0].length) {
                throw new IllegalArgumentException("directions of different widths");
            }
        }
    }

    /** Number of directions k. */
    public int k() {
        return directions.length;
    }

    /** Width d of the embedding space. */
    public int dimension() {
        return directions[0].length;
    }

    /** I − VᵀV ({@code d x d}, row-major, symmetric), which removes the subspace from a vector. */
    public float[] projectionMatrix() {
        int d = dimension();
        float[] p = new float[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = i == j ? 1 : 0;
                for (float[] u : directions) {
                    v -= (double) u[i] * u[j];
                }
                p[i * d + j] = (float) v;
                p[j * d + i] = (float) v;
            }
        }
        return p;
    }

    /** {@code v} without its components along the directions: v − Σ_j (v·u_j) u_j. */
    public float[] project(float[] v) {
        int d = dimension();
        if (v.length != d) {
            throw new IllegalArgumentException("a vector of " + v.length + " dimensions; the subspace lives in " + d);
        }
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = v[i];
        }
        for (float[] u : directions) {
            double dot = 0;
            for (int i = 0; i < d; i++) {
                dot += (double) v[i] * u[i];
            }
            for (int i = 0; i < d; i++) {
                out[i] -= dot * u[i];
            }
        }
        float[] f = new float[d];
        for (int i = 0; i < d; i++) {
            f[i] = (float) out[i];
        }
        return f;
    }
}
