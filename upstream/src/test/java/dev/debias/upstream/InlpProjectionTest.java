package dev.debias.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** INLP: planted group signal removed to chance, projection properties, no-signal data, determinism. */
class InlpProjectionTest {
    private static final int D = 50;

    /** Rows and labels. */
    record Data(float[][] x, int[] y) {}

    /**
     * Two groups (label 1 with probability 0.6) offset by ±{@code a} along each of three random unit
     * directions, plus N(0, 1) noise in every dimension.
     */
    private static Data twoGroups(int n, double a, long seed) {
        SplittableRandom dirs = new SplittableRandom(100);
        double[][] u = new double[3][];
        for (int k = 0; k < 3; k++) {
            u[k] = LinearProbeTest.unit(dirs, D);
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][D];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextDouble() < 0.6 ? 1 : 0;
            double s = y[i] == 1 ? a : -a;
            for (int j = 0; j < D; j++) {
                double v = r.nextGaussian();
                for (double[] uk : u) {
                    v += s * uk[j];
                }
                x[i][j] = (float) v;
            }
        }
        return new Data(x, y);
    }

    /** The planted mean difference of {@link #twoGroups}, normalised. */
    private static double[] plantedDirection() {
        SplittableRandom dirs = new SplittableRandom(100);
        double[] m = new double[D];
        for (int k = 0; k < 3; k++) {
            double[] uk = LinearProbeTest.unit(dirs, D);
            for (int j = 0; j < D; j++) {
                m[j] += uk[j];
            }
        }
        double n = Math.sqrt(dot(m, m));
        for (int j = 0; j < D; j++) {
            m[j] /= n;
        }
        return m;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** {@code v P} by hand, in double. */
    private static double[] times(double[] v, float[] p) {
        int d = v.length;
        double[] out = new double[d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) {
                out[j] += v[i] * p[i * d + j];
            }
        }
        return out;
    }

    private static void assertChanceReached(InlpResult r, InlpOptions o) {
        InlpIteration last = r.last();
        assertTrue(r.reachedChance(), () -> "not at chance: " + r.iterations());
        assertTrue(last.devAccuracy() <= r.majorityRate() + o.tolerance() + 1e-12, r::toString);
        assertTrue(last.devAccuracy() <= r.majorityRate() + 0.05, r::toString);
    }

    @Test
    void removesAPlantedGroupSignal() {
        Data train = twoGroups(600, 1.0, 1);
        Data dev = twoGroups(300, 1.0, 2);
        InlpOptions o = InlpOptions.defaults();
        InlpResult r = InlpProjection.run(train.x(), train.y(), dev.x(), dev.y(), 2, o);
        List<InlpIteration> its = r.iterations();
        assertEquals(0, its.get(0).iteration());
        assertEquals(0, its.get(0).rankRemoved());
        assertTrue(its.get(0).devAccuracy() > 0.9, () -> "initial probe " + its.get(0));
        assertTrue(its.get(0).trainAccuracy() > 0.9, () -> "initial probe " + its.get(0));
        assertTrue(its.size() >= 2, its::toString);
        for (int i = 0; i < its.size(); i++) {
            assertEquals(i, its.get(i).iteration());
            // two classes: one direction per projection step
            assertEquals(i, its.get(i).rankRemoved());
        }
        assertChanceReached(r, o);
        int ones = 0;
        for (int label : dev.y()) {
            ones += label;
        }
        assertEquals(Math.max(ones, 300 - ones) / 300.0, r.majorityRate(), 1e-15);
        assertEquals(D, r.dimension());
        assertEquals(its.size() - 1, r.rankRemoved());

        // the planted direction is (almost) gone, while a random direction keeps most of its length
        double[] m = plantedDirection();
        double[] mp = times(m, r.projection());
        assertTrue(Math.sqrt(dot(mp, mp)) < 0.3, () -> "planted direction keeps " + Math.sqrt(dot(mp, mp)));
        double[] e = LinearProbeTest.unit(new SplittableRandom(55), D);
        double[] ep = times(e, r.projection());
        assertTrue(Math.sqrt(dot(ep, ep)) > 0.8, () -> "random direction keeps " + Math.sqrt(dot(ep, ep)));

        // a fresh probe on the data projected with the returned matrix is at chance on dev too
        float[][] px = r.project(train.x());
        float[][] pd = r.project(dev.x());
        LinearProbe again = LinearProbe.train(px, train.y(), 2, o.probe());
        assertTrue(again.accuracy(pd, dev.y()) <= r.majorityRate() + 0.05, () -> "re-trained " + again.accuracy(pd, dev.y()));
        // and its weight difference has nothing left along the removed directions: (w1 - w0) P = w1 - w0
        // up to what Adam puts into the removed (zero-variance) coordinates, which P annihilates
        float[][] w = again.weights();
        double[] diff = new double[D];
        for (int j = 0; j < D; j++) {
            diff[j] = (double) w[1][j] - w[0][j];
        }
        double[] dp = times(diff, r.projection());
        double[] dpp = times(dp, r.projection());
        for (int j = 0; j < D; j++) {
            assertEquals(dp[j], dpp[j], 1e-4);
        }
    }

    @Test
    void projectionIsSymmetricIdempotentAndProjectMatchesVP() {
        Data train = twoGroups(600, 1.0, 3);
        Data dev = twoGroups(300, 1.0, 4);
        InlpResult r = InlpProjection.run(train.x(), train.y(), dev.x(), dev.y(), 2, InlpOptions.defaults());
        float[] p = r.projection();
        int d = r.dimension();
        assertEquals(d * d, p.length);
        assertTrue(r.rankRemoved() > 0);
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += p[i * d + i];
            for (int j = 0; j < d; j++) {
                assertEquals(p[i * d + j], p[j * d + i], 0f, "P is symmetric");
                double pp = 0;
                for (int k = 0; k < d; k++) {
                    pp += (double) p[i * d + k] * p[k * d + j];
                }
                assertEquals(p[i * d + j], pp, 1e-4, "P P == P");
            }
        }
        // an orthogonal projection's trace is its rank: d minus the removed rank
        assertEquals(d - r.rankRemoved(), trace, 1e-4);

        float[] v = train.x()[11];
        double[] vd = new double[d];
        for (int j = 0; j < d; j++) {
            vd[j] = v[j];
        }
        double[] byHand = times(vd, p);
        float[] projected = r.project(v);
        for (int j = 0; j < d; j++) {
            assertEquals(byHand[j], projected[j], 1e-5);
        }
        float[][] rows = r.project(new float[][] {v, train.x()[12]});
        assertArrayEquals(projected, rows[0]);
        assertArrayEquals(r.project(train.x()[12]), rows[1]);
        assertThrows(IllegalArgumentException.class, () -> r.project(new float[d + 1]));
    }

    @Test
    void resultCopiesItsArray() {
        float[] p = {1, 0, 0, 1};
        InlpResult r = new InlpResult(p, 2, List.of(new InlpIteration(0, 0.5, 0.5, 0)), 0.5, true);
        p[0] = 7;
        assertEquals(1f, r.projection()[0]);
        assertThrows(IllegalArgumentException.class,
                () -> new InlpResult(new float[3], 2, List.of(new InlpIteration(0, 0.5, 0.5, 0)), 0.5, true));
        assertThrows(IllegalArgumentException.class, () -> new InlpResult(p, 2, List.of(), 0.5, true));
        assertThrows(IllegalArgumentException.class, () -> new InlpIteration(0, 1.5, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new InlpIteration(-1, 0.5, 0.5, 0));
    }

    /** Three groups centred on 2.5 times three random unit directions, N(0, 1) noise. */
    private static Data threeGroups(int n, long seed) {
        SplittableRandom dirs = new SplittableRandom(200);
        double[][] u = new double[3][];
        for (int k = 0; k < 3; k++) {
            u[k] = LinearProbeTest.unit(dirs, D);
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][D];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
            for (int j = 0; j < D; j++) {
                x[i][j] = (float) (2.5 * u[y[i]][j] + r.nextGaussian());
            }
        }
        return new Data(x, y);
    }

    @Test
    void threeGroupsReachChance() {
        Data train = threeGroups(600, 5);
        Data dev = threeGroups(300, 6);
        InlpOptions o = InlpOptions.defaults();
        InlpResult r = InlpProjection.run(train.x(), train.y(), dev.x(), dev.y(), 3, o);
        assertTrue(r.iterations().get(0).devAccuracy() > 0.9, r::toString);
        assertChanceReached(r, o);
        // up to two directions (w1 - w0, w2 - w0) per step
        for (int i = 1; i < r.iterations().size(); i++) {
            int step = r.iterations().get(i).rankRemoved() - r.iterations().get(i - 1).rankRemoved();
            assertTrue(step >= 1 && step <= 2, r::toString);
        }
        float[][] px = r.project(train.x());
        float[][] pd = r.project(dev.x());
        LinearProbe again = LinearProbe.train(px, train.y(), 3, o.probe());
        assertTrue(again.accuracy(pd, dev.y()) <= r.majorityRate() + 0.05, () -> "re-trained " + again.accuracy(pd, dev.y()));
    }

    @Test
    void noGroupSignalStopsAtIterationZero() {
        SplittableRandom rnd = new SplittableRandom(9);
        float[][] tx = new float[600][D];
        int[] ty = new int[600];
        float[][] dx = new float[600][D];
        int[] dy = new int[600];
        for (float[][] x : List.of(tx, dx)) {
            for (float[] row : x) {
                for (int j = 0; j < D; j++) {
                    row[j] = (float) rnd.nextGaussian();
                }
            }
        }
        for (int[] y : List.of(ty, dy)) {
            for (int i = 0; i < y.length; i++) {
                y[i] = rnd.nextInt(2);
            }
        }
        InlpResult r = InlpProjection.run(tx, ty, dx, dy, 2, InlpOptions.defaults());
        assertEquals(1, r.iterations().size(), r::toString);
        assertEquals(0, r.iterations().get(0).rankRemoved());
        assertEquals(0, r.rankRemoved());
        assertTrue(r.reachedChance());
        float[] identity = new float[D * D];
        for (int i = 0; i < D; i++) {
            identity[i * D + i] = 1;
        }
        assertArrayEquals(identity, r.projection());
    }

    @Test
    void maxIterationsCapsTheProjectionSteps() {
        Data train = twoGroups(600, 1.0, 1);
        Data dev = twoGroups(300, 1.0, 2);
        InlpResult zero = InlpProjection.run(train.x(), train.y(), dev.x(), dev.y(), 2, InlpOptions.defaults().withMaxIterations(0));
        assertEquals(1, zero.iterations().size());
        assertFalse(zero.reachedChance());
        assertEquals(0, zero.rankRemoved());
        // a zero tolerance and a cap of 1: exactly one projection step, and the second probe is recorded
        InlpResult one = InlpProjection.run(train.x(), train.y(), dev.x(), dev.y(), 2,
                InlpOptions.defaults().withMaxIterations(1).withTolerance(0));
        assertEquals(2, one.iterations().size());
        assertEquals(1, one.rankRemoved());
    }

    @Test
    void deterministic() {
        Data train = threeGroups(400, 7);
        Data dev = threeGroups(200, 8);
        InlpResult a = InlpProjection.run(train.x(), train.y(), dev.x(), dev.y(), 3, InlpOptions.defaults());
        InlpResult b = InlpProjection.run(train.x(), train.y(), dev.x(), dev.y(), 3, InlpOptions.defaults());
        assertTrue(Arrays.equals(a.projection(), b.projection()));
        assertEquals(a.iterations(), b.iterations());
        assertEquals(a.reachedChance(), b.reachedChance());
    }

    @Test
    void badInputAndOptions() {
        Data train = twoGroups(20, 1.0, 1);
        Data dev = twoGroups(10, 1.0, 2);
        InlpOptions o = InlpOptions.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InlpProjection.run(train.x(), train.y(), new float[][] {{1, 2}}, new int[] {0}, 2, o));
        assertTrue(e.getMessage().contains("same representation"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> InlpProjection.run(train.x(), train.y(), dev.x(), new int[] {0, 1}, 2, o));
        assertThrows(IllegalArgumentException.class,
                () -> InlpProjection.run(train.x(), train.y(), new float[0][], new int[0], 2, o));
        assertThrows(IllegalArgumentException.class, () -> InlpProjection.run(train.x(), train.y(), dev.x(), dev.y(), 1, o));
        float[][] nan = dev.x().clone();
        nan[2] = nan[2].clone();
        nan[2][4] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> InlpProjection.run(train.x(), train.y(), nan, dev.y(), 2, o));
        assertTrue(e.getMessage().contains("dev row 2 has a non-finite value"), e.getMessage());
        int[] bad = dev.y().clone();
        bad[3] = 5;
        assertThrows(IllegalArgumentException.class, () -> InlpProjection.run(train.x(), train.y(), dev.x(), bad, 2, o));
        assertEquals(new InlpOptions(20, 0.02, ProbeOptions.defaults()), o);
        assertThrows(IllegalArgumentException.class, () -> o.withMaxIterations(-1));
        assertThrows(IllegalArgumentException.class, () -> o.withTolerance(-0.1));
        assertThrows(IllegalArgumentException.class, () -> o.withTolerance(Double.NaN));
        assertThrows(NullPointerException.class, () -> o.withProbe(null));
    }
}
