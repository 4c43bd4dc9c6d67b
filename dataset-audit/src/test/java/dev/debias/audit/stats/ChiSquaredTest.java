package dev.debias.audit.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reference values come from Python's standard library (math.erfc, math.lgamma, math.exp) through
 * closed forms of the chi-squared survival function that do not use the incomplete gamma function:
 * <ul>
 *   <li>df = 1: Q = erfc(sqrt(x / 2));
 *   <li>df = 2: Q = exp(-x / 2);
 *   <li>even df = 2k: Q = exp(-y) * sum_{i < k} y^i / i!, with y = x / 2 (Poisson sum; summed in log
 *       space with math.lgamma(i + 1));
 *   <li>odd df = 2k + 1: Q = erfc(sqrt(y)) + sum_{i = 1..k} exp(-y) y^(i - 1/2) / Gamma(i + 1/2).
 * </ul>
 */
class ChiSquaredTest {

    private static void assertRelative(double expected, double actual, double tolerance) {
        assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
            () -> "expected " + expected + " but was " + actual);
    }

    @Test
    void criticalValuesGiveFivePercent() {
        // qchisq(0.95, 1) = 1.959963984540054^2 = 3.841458820694124; qchisq(0.95, 2) = -2 ln 0.05.
        assertEquals(0.05, ChiSquared.survival(3.841458820694124, 1), 1e-9);
        assertEquals(0.05, ChiSquared.survival(5.991464547107979, 2), 1e-9);
    }

    @Test
    void oneDegreeOfFreedomMatchesErfc() {
        // python: math.erfc(math.sqrt(x / 2))
        double[] x = {0.5, 10, 30};
        double[] expected = {0.4795001221869535, 0.0015654022580025488, 4.320463057827492e-08};
        for (int i = 0; i < x.length; i++) {
            assertRelative(expected[i], ChiSquared.survival(x[i], 1), 1e-10);
        }
    }

    @Test
    void twoDegreesOfFreedomIsExponential() {
        for (double x = 0.01; x < 80; x *= 1.37) {
            assertRelative(Math.exp(-x / 2), ChiSquared.survival(x, 2), 1e-10);
        }
    }

    @Test
    void smallDegreesOfFreedomMatchClosedForms() {
        // python: odd/even closed forms (see class comment) for df = 3 and df = 4.
        assertRelative(0.9600284803068777, ChiSquared.survival(0.3, 3), 1e-10);
        assertRelative(0.5724067044708799, ChiSquared.survival(2, 3), 1e-10);
        assertRelative(0.05033109785985336, ChiSquared.survival(7.8, 3), 1e-10);
        assertRelative(0.9898141728888165, ChiSquared.survival(0.3, 4), 1e-10);
        assertRelative(0.7357588823428847, ChiSquared.survival(2, 4), 1e-10);
        assertRelative(0.09918536608444152, ChiSquared.survival(7.8, 4), 1e-10);
    }

    @Test
    void largeDegreesOfFreedomMatchPython() {
        // df = 100: Poisson sum with k = 50; df = 101: odd closed form with k = 50.
        assertRelative(0.9994811085374555, ChiSquared.survival(60, 100), 1e-10);
        assertRelative(0.48119168452795585, ChiSquared.survival(100, 100), 1e-10);
        assertRelative(0.05000071576997271, ChiSquared.survival(124.342, 100), 1e-10);
        assertRelative(0.0009039320423539946, ChiSquared.survival(150, 100), 1e-10);
        assertRelative(7.766936403539309e-15, ChiSquared.survival(250, 100), 1e-9);
        assertRelative(0.9390344747705024, ChiSquared.survival(80, 101), 1e-10);
        assertRelative(0.48128504536922195, ChiSquared.survival(101, 101), 1e-10);
        assertRelative(0.006220050005554109, ChiSquared.survival(140, 101), 1e-10);
    }

    @Test
    void verySmallTailIsPositiveAndAccurate() {
        // python: math.erfc(math.sqrt(200 / 2)) = math.erfc(10)
        double p = ChiSquared.survival(200, 1);
        assertTrue(p > 0);
        assertRelative(2.088487583762545e-45, p, 1e-9);
    }

    @Test
    void nonPositiveStatisticHasSurvivalOne() {
        assertEquals(1.0, ChiSquared.survival(0, 1));
        assertEquals(1.0, ChiSquared.survival(-3, 5));
    }

    @Test
    void rejectsDegreesOfFreedomBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> ChiSquared.survival(1, 0));
        assertThrows(IllegalArgumentException.class, () -> ChiSquared.survival(1, -2));
    }

    @Test
    void survivalDecreasesInXAndStaysInUnitInterval() {
        // Crosses the series / continued-fraction switch at x = df + 2 for each df.
        for (int df : new int[] {1, 2, 3, 7, 30, 100}) {
            double previous = 1;
            for (double x = 0.05; x < 4 * df + 60; x += 0.05 * Math.sqrt(df)) {
                double p = ChiSquared.survival(x, df);
                assertTrue(p >= 0 && p <= 1, "out of [0,1] at x=" + x + " df=" + df);
                assertTrue(p <= previous + 1e-12, "not monotone at x=" + x + " df=" + df);
                previous = p;
            }
        }
    }

    @Test
    void continuousAcrossTheSwitchBetweenSeriesAndFraction() {
        // Q(a, x) switches method at x = a + 1; the two sides must agree.
        for (double a : new double[] {0.5, 1.5, 5, 50}) {
            double below = ChiSquared.upperGamma(a, a + 1 - 1e-9);
            double above = ChiSquared.upperGamma(a, a + 1 + 1e-9);
            assertEquals(below, above, 1e-8, "a=" + a);
        }
    }

    @Test
    void logGammaMatchesPython() {
        // python: math.lgamma(v)
        double[] v = {0.1, 0.5, 1, 2.5, 10, 50, 171.5, 1000};
        double[] expected = {2.2527126517342055, 0.5723649429247004, 0.0, 0.2846828704729196,
            12.801827480081467, 144.5657439463449, 709.1431630309282, 5905.220423209181};
        for (int i = 0; i < v.length; i++) {
            assertEquals(expected[i], ChiSquared.logGamma(v[i]), 1e-12 * Math.max(1, Math.abs(expected[i])),
                "lgamma(" + v[i] + ")");
        }
    }
}
