package dev.debias.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Softmax probe: separable blobs, shapes and copies, determinism, bad input, options. */
class LinearProbeTest {

    /** Gaussian blobs: class c centred on {@code spread} times unit vector c (drawn from seed 0), sd 1. */
    static final class Blobs {
        final float[][] x;
        final int[] y;

        Blobs(int classes, int d, int n, double spread, long seed) {
            SplittableRandom centres = new SplittableRandom(0);
            double[][] mu = new double[classes][];
            for (int c = 0; c < classes; c++) {
                mu[c] = unit(centres, d);
            }
            SplittableRandom r = new SplittableRandom(seed);
            x = new float[n][d];
            y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(classes);
                for (int j = 0; j < d; j++) {
                    x[i][j] = (float) (spread * mu[y[i]][j] + r.nextGaussian());
                }
            }
        }
    }

    static double[] unit(SplittableRandom r, int d) {
        double[] g = new double[d];
        double n = 0;
        for (int j = 0; j < d; j++) {
            g[j] = r.nextGaussian();
            n += g[j] * g[j];
        }
        for (int j = 0; j < d; j++) {
            g[j] /= Math.sqrt(n);
        }
        return g;
    }

    @Test
    void separatesTwoBlobs() {
        Blobs train = new Blobs(2, 30, 400, 4, 1);
        Blobs test = new Blobs(2, 30, 400, 4, 2);
        LinearProbe p = LinearProbe.train(train.x, train.y, 2, ProbeOptions.defaults());
        assertTrue(p.accuracy(train.x, train.y) > 0.95, () -> "train " + p.accuracy(train.x, train.y));
        assertTrue(p.accuracy(test.x, test.y) > 0.95, () -> "test " + p.accuracy(test.x, test.y));
    }

    @Test
    void separatesThreeBlobs() {
        Blobs train = new Blobs(3, 40, 600, 5, 3);
        Blobs test = new Blobs(3, 40, 600, 5, 4);
        LinearProbe p = LinearProbe.train(train.x, train.y, 3, ProbeOptions.defaults());
        assertTrue(p.accuracy(train.x, train.y) > 0.95, () -> "train " + p.accuracy(train.x, train.y));
        assertTrue(p.accuracy(test.x, test.y) > 0.95, () -> "test " + p.accuracy(test.x, test.y));
        // every class is predicted for its own centre
        SplittableRandom centres = new SplittableRandom(0);
        for (int c = 0; c < 3; c++) {
            double[] mu = unit(centres, 40);
            float[] v = new float[40];
            for (int j = 0; j < 40; j++) {
                v[j] = (float) (5 * mu[j]);
            }
            assertEquals(c, p.predict(v));
        }
    }

    @Test
    void smallNormsStillSeparate() {
        // encoder outputs are often unit-normalised: shrink the blobs by 10 (norms about 0.6)
        Blobs train = new Blobs(2, 30, 400, 4, 5);
        for (float[] r : train.x) {
            for (int j = 0; j < r.length; j++) {
                r[j] /= 10;
            }
        }
        LinearProbe p = LinearProbe.train(train.x, train.y, 2, ProbeOptions.defaults());
        assertTrue(p.accuracy(train.x, train.y) > 0.95, () -> "train " + p.accuracy(train.x, train.y));
    }

    @Test
    void shapesAndCopies() {
        Blobs train = new Blobs(3, 20, 90, 3, 6);
        LinearProbe p = LinearProbe.train(train.x, train.y, 3, ProbeOptions.defaults().withSteps(20));
        assertEquals(3, p.classes());
        assertEquals(20, p.dimension());
        float[][] w = p.weights();
        assertEquals(3, w.length);
        for (float[] row : w) {
            assertEquals(20, row.length);
        }
        assertEquals(3, p.bias().length);
        float before = w[1][2];
        assertNotEquals(0f, before);
        w[1][2] = 1e6f;
        p.bias()[0] = 1e6f;
        assertEquals(before, p.weights()[1][2]);
        assertTrue(Math.abs(p.bias()[0]) < 1e3);
        // the prediction is the argmax of W v + b
        float[] v = train.x[7];
        float[] b = p.bias();
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 3; c++) {
            double s = b[c];
            for (int j = 0; j < 20; j++) {
                s += (double) p.weights()[c][j] * v[j];
            }
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        assertEquals(best, p.predict(v));
    }

    @Test
    void zeroDataLearnsOnlyThePrior() {
        // no signal at all: the weights stay exactly 0 and the bias favours the more frequent class
        float[][] x = new float[10][4];
        int[] y = {0, 1, 1, 1, 0, 1, 1, 0, 1, 1};
        LinearProbe p = LinearProbe.train(x, y, 2, ProbeOptions.defaults());
        for (float[] row : p.weights()) {
            assertArrayEquals(new float[4], row);
        }
        assertTrue(p.bias()[1] > p.bias()[0]);
        assertEquals(1, p.predict(new float[4]));
        assertEquals(0.7, p.accuracy(x, y), 1e-12);
    }

    @Test
    void deterministic() {
        Blobs train = new Blobs(3, 25, 300, 2, 7);
        LinearProbe a = LinearProbe.train(train.x, train.y, 3, ProbeOptions.defaults());
        LinearProbe b = LinearProbe.train(train.x, train.y, 3, ProbeOptions.defaults());
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(a.weights()[c], b.weights()[c]);
        }
        assertArrayEquals(a.bias(), b.bias());
    }

    @Test
    void separatesWideData() {
        // the width of a sentence encoder's vectors (speed is for `debias bench`, not for a unit test)
        Blobs train = new Blobs(2, 384, 1000, 3, 8);
        LinearProbe p = LinearProbe.train(train.x, train.y, 2, ProbeOptions.defaults());
        assertTrue(p.accuracy(train.x, train.y) > 0.95);
    }

    @Test
    void badInput() {
        float[][] x = {{1, 2}, {3, 4}, {5, 6}};
        int[] y = {0, 1, 0};
        ProbeOptions o = ProbeOptions.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.train(x, new int[] {0, 1}, 2, o));
        assertTrue(e.getMessage().contains("3 training rows but 2 labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinearProbe.train(x, new int[] {0, 2, 1}, 2, o));
        assertTrue(e.getMessage().contains("label 2 at row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearProbe.train(x, new int[] {0, -1, 1}, 2, o));
        e = assertThrows(IllegalArgumentException.class, () -> LinearProbe.train(x, new int[] {0, 0, 0}, 1, o));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearProbe.train(new float[0][], new int[0], 2, o));
        e = assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.train(new float[][] {{1, 2}, {3}}, new int[] {0, 1}, 2, o));
        assertTrue(e.getMessage().contains("row 1 has width 1, expected 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LinearProbe.train(new float[][] {{1, Float.NaN}, {3, 4}}, new int[] {0, 1}, 2, o));
        LinearProbe p = LinearProbe.train(x, y, 2, o.withSteps(5));
        assertThrows(IllegalArgumentException.class, () -> p.predict(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> p.accuracy(new float[][] {{1, 2, 3}}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> p.accuracy(x, new int[] {0, 1, 2}));
    }

    @Test
    void options() {
        ProbeOptions d = ProbeOptions.defaults();
        assertEquals(new ProbeOptions(300, 0.05, 1e-3), d);
        assertEquals(new ProbeOptions(10, 0.1, 0), d.withSteps(10).withLearningRate(0.1).withL2(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withSteps(0));
        assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> d.withL2(-1e-9));
        assertThrows(IllegalArgumentException.class, () -> d.withL2(Double.NaN));
    }
}
