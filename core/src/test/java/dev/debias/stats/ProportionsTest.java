package dev.debias.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reference values: Newcombe (1998), "Interval estimation for the difference between independent
 * proportions", Statistics in Medicine 17:873-890, Table II, method 10; and Newcombe (1998), "Two-sided
 * confidence intervals for the single proportion", ibid. 17:857-872, for Wilson's 81/263. The Wilson
 * bounds were also recomputed in Python by bisection on the score equation (p - t)^2 = z^2 t (1 - t) / n,
 * which does not use the closed form.
 */
class ProportionsTest {
    private static final double Z = 1.959963984540054;

    // ---- Wilson ----

    @Test
    void wilsonPublishedExample() {
        Estimate e = Proportions.wilson(81, 263);
        assertEquals(81.0 / 263, e.value(), 1e-15);
        assertEquals(0.2553, e.low(), 5e-5);
        assertEquals(0.3662, e.high(), 5e-5);
        // python bisection on the score equation
        assertEquals(0.2552885198782743, e.low(), 1e-12);
        assertEquals(0.3662095769828001, e.high(), 1e-12);
    }

    @Test
    void wilsonSmallSample() {
        // python bisection on the score equation for 1 of 3
        Estimate e = Proportions.wilson(1, 3);
        assertEquals(0.061491944720396235, e.low(), 1e-12);
        assertEquals(0.7923403991979523, e.high(), 1e-12);
    }

    @Test
    void wilsonBoundsSolveTheScoreEquation() {
        // Independent characterization: each interior bound t satisfies |p - t| = z sqrt(t (1 - t) / n).
        long[][] cases = {{3, 17}, {50, 100}, {1, 1000}, {999, 1000}, {7, 8}};
        for (long[] c : cases) {
            Estimate e = Proportions.wilson(c[0], c[1]);
            double p = (double) c[0] / c[1];
            for (double t : new double[] {e.low(), e.high()}) {
                assertEquals(Math.abs(p - t), Z * Math.sqrt(t * (1 - t) / c[1]), 1e-12, c[0] + "/" + c[1]);
            }
        }
    }

    @Test
    void wilsonZeroDenominatorIsUndefinedNotZero() {
        Estimate e = Proportions.wilson(0, 0);
        assertFalse(e.isDefined());
        assertNull(e.value());
        assertNotNull(e.undefined());
        assertFalse(e.undefined().isBlank());
    }

    @Test
    void wilsonZeroAndFullCountsStayInUnitInterval() {
        Estimate none = Proportions.wilson(0, 10);
        assertEquals(0.0, none.value());
        assertTrue(none.low() >= 0);
        assertEquals(0.0, none.low(), 1e-15);
        // python bisection: upper bound for 0/10
        assertEquals(0.27753279986288926, none.high(), 1e-12);

        Estimate all = Proportions.wilson(10, 10);
        assertEquals(1.0, all.value());
        assertTrue(all.high() <= 1);
        assertEquals(1.0, all.high(), 1e-15);
        assertEquals(0.7224672001371109, all.low(), 1e-12);
    }

    @Test
    void wilsonRejectsInvalidCounts() {
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(11, 10));
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(0, -1));
        assertThrows(IllegalArgumentException.class, () -> Proportions.wilson(1, 0));
    }

    @Test
    void wilsonPropertyContainsEstimateWithinUnitInterval() {
        Random random = new Random(20240611L);
        for (int i = 0; i < 20_000; i++) {
            long n = 1 + random.nextInt(i % 2 == 0 ? 30 : 100_000);
            long x = (long) (random.nextDouble() * (n + 1));
            x = Math.min(x, n);
            Estimate e = Proportions.wilson(x, n);
            String label = x + "/" + n;
            assertTrue(e.low() >= 0 && e.high() <= 1, label);
            assertTrue(e.low() <= e.value() && e.value() <= e.high(), label);
            assertTrue(e.low() < e.high(), label);
        }
    }

    // ---- Newcombe difference ----

    @Test
    void differencePublishedExamples() {
        // Newcombe 1998, Table II, method 10 (also recomputed in python from Wilson bounds by bisection).
        assertDifference(56, 70, 48, 80, 0.2000, 0.0524, 0.3339);
        assertDifference(9, 10, 3, 10, 0.6000, 0.1705, 0.8090);
        assertDifference(5, 56, 0, 29, 0.0893, -0.0381, 0.1926);
        assertDifference(0, 10, 0, 20, 0.0000, -0.1611, 0.2775);
        assertDifference(0, 10, 0, 10, 0.0000, -0.2775, 0.2775);
        assertDifference(10, 10, 0, 20, 1.0000, 0.6791, 1.0000);
        assertDifference(10, 10, 0, 10, 1.0000, 0.6075, 1.0000);
    }

    private static void assertDifference(long x1, long n1, long x2, long n2, double d, double low, double high) {
        Estimate e = Proportions.difference(x1, n1, x2, n2);
        String label = x1 + "/" + n1 + " - " + x2 + "/" + n2;
        assertEquals(d, e.value(), 5e-5, label);
        assertEquals(low, e.low(), 5e-5, label);
        assertEquals(high, e.high(), 5e-5, label);
    }

    @Test
    void differenceIsAntisymmetric() {
        Estimate ab = Proportions.difference(56, 70, 48, 80);
        Estimate ba = Proportions.difference(48, 80, 56, 70);
        assertEquals(-ab.value(), ba.value(), 1e-15);
        assertEquals(-ab.high(), ba.low(), 1e-15);
        assertEquals(-ab.low(), ba.high(), 1e-15);
    }

    @Test
    void differenceWithEmptyGroupIsUndefined() {
        for (Estimate e : new Estimate[] {Proportions.difference(0, 0, 3, 10), Proportions.difference(3, 10, 0, 0),
                Proportions.difference(0, 0, 0, 0)}) {
            assertFalse(e.isDefined());
            assertNull(e.value());
            assertNotNull(e.undefined());
        }
    }

    @Test
    void differenceRejectsInvalidCounts() {
        assertThrows(IllegalArgumentException.class, () -> Proportions.difference(11, 10, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> Proportions.difference(1, 10, 11, 10));
        assertThrows(IllegalArgumentException.class, () -> Proportions.difference(-1, 10, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> Proportions.difference(1, 10, 1, -10));
        // Invalid counts are rejected even when the other denominator is 0.
        assertThrows(IllegalArgumentException.class, () -> Proportions.difference(0, 0, 5, 3));
    }

    @Test
    void differencePropertyContainsEstimateWithinMinusOneOne() {
        Random random = new Random(42L);
        for (int i = 0; i < 20_000; i++) {
            int bound = i % 2 == 0 ? 25 : 50_000;
            long n1 = 1 + random.nextInt(bound);
            long n2 = 1 + random.nextInt(bound);
            long x1 = random.nextInt((int) n1 + 1);
            long x2 = random.nextInt((int) n2 + 1);
            Estimate e = Proportions.difference(x1, n1, x2, n2);
            String label = x1 + "/" + n1 + " - " + x2 + "/" + n2;
            assertEquals((double) x1 / n1 - (double) x2 / n2, e.value(), 1e-15, label);
            assertTrue(e.low() >= -1 - 1e-12 && e.high() <= 1 + 1e-12, label);
            assertTrue(e.low() <= e.value() && e.value() <= e.high(), label);
        }
    }

    // ---- Katz ratio ----

    @Test
    void ratioHandComputed() {
        // 20/100 vs 10/100: RR = 2; SE(ln RR) = sqrt(1/20 - 1/100 + 1/10 - 1/100) = sqrt(0.13);
        // bounds 2 exp(-/+ 1.959964 * 0.3605551) (python: 0.9865632067317821, 4.054479198804628).
        Estimate e = Proportions.ratio(20, 100, 10, 100);
        assertEquals(2.0, e.value(), 1e-15);
        assertEquals(0.9865632067317821, e.low(), 1e-12);
        assertEquals(4.054479198804628, e.high(), 1e-12);
        assertNull(e.undefined());
        // The Katz interval is symmetric on the log scale: low * high = RR^2.
        assertEquals(4.0, e.low() * e.high(), 1e-12);
    }

    @Test
    void ratioWithZeroComparisonRateIsUndefined() {
        Estimate e = Proportions.ratio(5, 10, 0, 10);
        assertFalse(e.isDefined());
        assertNotNull(e.undefined());
        Estimate both = Proportions.ratio(0, 10, 0, 10);
        assertFalse(both.isDefined());
    }

    @Test
    void ratioWithZeroFirstRateIsZeroWithoutInterval() {
        Estimate e = Proportions.ratio(0, 10, 3, 10);
        assertTrue(e.isDefined());
        assertEquals(0.0, e.value());
        assertNull(e.low());
        assertNull(e.high());
        assertNotNull(e.undefined());
    }

    @Test
    void ratioWithEmptyGroupIsUndefined() {
        assertFalse(Proportions.ratio(0, 0, 3, 10).isDefined());
        assertFalse(Proportions.ratio(3, 10, 0, 0).isDefined());
    }

    @Test
    void ratioRejectsInvalidCounts() {
        assertThrows(IllegalArgumentException.class, () -> Proportions.ratio(11, 10, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> Proportions.ratio(1, 10, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> Proportions.ratio(1, -10, 1, 10));
    }

    @Test
    void ratioPropertyContainsEstimate() {
        Random random = new Random(7L);
        for (int i = 0; i < 20_000; i++) {
            int bound = i % 2 == 0 ? 25 : 50_000;
            long n1 = 1 + random.nextInt(bound);
            long n2 = 1 + random.nextInt(bound);
            long x1 = 1 + random.nextInt((int) n1);
            long x2 = 1 + random.nextInt((int) n2);
            Estimate e = Proportions.ratio(x1, n1, x2, n2);
            String label = x1 + "/" + n1 + " / " + x2 + "/" + n2;
            assertEquals(((double) x1 / n1) / ((double) x2 / n2), e.value(), 1e-12 * e.value(), label);
            assertTrue(e.low() > 0, label);
            assertTrue(e.low() <= e.value() && e.value() <= e.high(), label);
        }
    }
}
