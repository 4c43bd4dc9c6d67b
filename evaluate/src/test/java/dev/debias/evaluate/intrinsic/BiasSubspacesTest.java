package dev.debias.evaluate.intrinsic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PCA of pair differences: a hand case, a planted direction, the projection, the orientation rule. */
class BiasSubspacesTest {
    private static final int D = 32;

    @Test
    void handComputedTwoDimensionalCase() {
        // differences d_i = (a_i - b_i) / 2: (1, 0), (0, 1), (1, 0)
        // covariance (1/3) [[2, 0], [0, 1]]: eigenvalues 2/3 and 1/3 of a total of 1, directions e1 and e2;
        // the mean of a_i - b_i is (4/3, 2/3), positive along both, so both keep the + sign
        float[][] a = {{3, 1}, {1, 2}, {2, 2}};
        float[][] b = {{1, 1}, {1, 0}, {0, 2}};
        BiasSubspace s = BiasSubspaces.fromPairs(a, b, 2);
        assertEquals(3, s.pairs());
        assertEquals(2, s.k());
        assertEquals(2, s.dimension());
        assertArrayEquals(new float[] {1, 0}, s.directions()[0], 1e-7f);
        assertArrayEquals(new float[] {0, 1}, s.directions()[1], 1e-7f);
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3}, s.explainedVariance(), 1e-12);
        // the pairs the other way round: the mean of a_i - b_i is (-4/3, -2/3), so both directions flip
        BiasSubspace flipped = BiasSubspaces.fromPairs(b, a, 2);
        assertArrayEquals(new float[] {-1, 0}, flipped.directions()[0], 1e-7f);
        assertArrayEquals(new float[] {0, -1}, flipped.directions()[1], 1e-7f);
        // I - V^T V with V = [e1]: only the second axis survives
        assertArrayEquals(new float[] {0, 0, 0, 1}, BiasSubspaces.fromPairs(a, b, 1).projectionMatrix(), 1e-7f);
        assertArrayEquals(new float[] {0, 5}, BiasSubspaces.fromPairs(a, b, 1).project(new float[] {7, 5}), 1e-6f);
    }

    /** Pairs base ± 2 v plus small independent noise (sd 0.1) on each member. */
    private static float[][][] planted(float[] v, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] a = new float[n][D];
        float[][] b = new float[n][D];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < D; j++) {
                double base = r.nextGaussian();
                a[i][j] = (float) (base + 2 * v[j] + 0.1 * r.nextGaussian());
                b[i][j] = (float) (base - 2 * v[j] + 0.1 * r.nextGaussian());
            }
        }
        return new float[][][] {a, b};
    }

    private static float[] unit(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[D];
        double n = 0;
        double[] g = new double[D];
        for (int j = 0; j < D; j++) {
            g[j] = r.nextGaussian();
            n += g[j] * g[j];
        }
        for (int j = 0; j < D; j++) {
            v[j] = (float) (g[j] / Math.sqrt(n));
        }
        return v;
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
    }

    @Test
    void recoversAPlantedDirection() {
        float[] v = unit(1);
        float[][][] p = planted(v, 50, 2);
        BiasSubspace s = BiasSubspaces.fromPairs(p[0], p[1], 3);
        // d_i = 2 v + noise with variance 0.1^2 * 2 / 4 = 0.005 per axis: 4 of about 4 + 32 * 0.005 = 4.16
        assertTrue(dot(s.directions()[0], v) > 0.99, "cos " + dot(s.directions()[0], v) + " (and positive: a = base + 2v)");
        assertTrue(s.explainedVariance()[0] > 0.9, "explained " + s.explainedVariance()[0]);
        assertTrue(s.explainedVariance()[1] < 0.02 && s.explainedVariance()[2] <= s.explainedVariance()[1]);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 1 : 0, dot(s.directions()[i], s.directions()[j]), 1e-6, "orthonormal " + i + "," + j);
            }
        }
        // the same input gives the same subspace; swapping the members flips the signs
        BiasSubspace again = BiasSubspaces.fromPairs(p[0], p[1], 3);
        BiasSubspace swapped = BiasSubspaces.fromPairs(p[1], p[0], 3);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(s.directions()[i], again.directions()[i], 0f);
            for (int j = 0; j < D; j++) {
                assertEquals(-s.directions()[i][j], swapped.directions()[i][j], 1e-6f);
            }
        }
    }

    @Test
    void theProjectionRemovesTheSubspaceAndIsAProjection() {
        float[][][] p = planted(unit(3), 40, 4);
        BiasSubspace s = BiasSubspaces.fromPairs(p[0], p[1], 2);
        float[] m = s.projectionMatrix();
        assertEquals(D * D, m.length);
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                assertEquals(m[i * D + j], m[j * D + i], 0f, "symmetric");
                double mm = 0;
                for (int k = 0; k < D; k++) {
                    mm += (double) m[i * D + k] * m[k * D + j];
                }
                assertEquals(m[i * D + j], mm, 1e-6, "idempotent at " + i + "," + j);
            }
        }
        // a vector with a large component along the subspace: w P has none left, and equals project(w)
        float[] w = p[0][0];
        float[] wp = new float[D];
        for (int j = 0; j < D; j++) {
            double sum = 0;
            for (int i = 0; i < D; i++) {
                sum += (double) w[i] * m[i * D + j];
            }
            wp[j] = (float) sum;
        }
        assertTrue(Math.abs(dot(w, s.directions()[0])) > 1, "present before: " + dot(w, s.directions()[0]));
        for (float[] u : s.directions()) {
            assertEquals(0, dot(wp, u), 1e-6);
            assertEquals(0, dot(s.project(w), u), 1e-6);
        }
        assertArrayEquals(wp, s.project(w), 1e-5f);
    }

    @Test
    void argumentErrors() {
        float[][] a = {{1, 0}};
        float[][] b = {{0, 1}};
        assertThrows(IllegalArgumentException.class, () -> BiasSubspaces.fromPairs(new float[0][], new float[0][], 1));
        assertThrows(IllegalArgumentException.class, () -> BiasSubspaces.fromPairs(a, new float[][] {{0, 1}, {1, 1}}, 1));
        assertThrows(IllegalArgumentException.class, () -> BiasSubspaces.fromPairs(a, new float[][] {{0, 1, 0}}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BiasSubspaces.fromPairs(a, b, 3));
        assertTrue(e.getMessage().contains("[1, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BiasSubspaces.fromPairs(a, b, 0));
        e = assertThrows(IllegalArgumentException.class, () -> BiasSubspaces.fromPairs(a, a, 1));
        assertTrue(e.getMessage().contains("identical"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BiasSubspaces.fromPairs(a, b, 1).project(new float[3]));
    }
}
