package dev.debias.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void interpolatesBetweenTheOrderStatisticsAroundPositionNMinus1TimesP() {
        double[] sorted = {1, 2, 3, 4, 5};
        // h = 4 * 0.025 = 0.1: 1 + 0.1 * (2 - 1)
        assertEquals(1.1, Percentiles.of(sorted, 0.025), 1e-12);
        // h = 4 * 0.975 = 3.9: 4 + 0.9 * (5 - 4)
        assertEquals(4.9, Percentiles.of(sorted, 0.975), 1e-12);
        // h = 2 exactly: the middle value, no interpolation
        assertEquals(3, Percentiles.of(sorted, 0.5), 0);
        // h = 1 * 0.25 = 0.25: 10 + 0.25 * (30 - 10)
        assertEquals(15, Percentiles.of(new double[] {10, 30}, 0.25), 1e-12);
    }

    @Test
    void theEndsAreTheMinimumAndTheMaximum() {
        double[] sorted = {-2, 0.5, 7};
        assertEquals(-2, Percentiles.of(sorted, 0), 0);
        assertEquals(7, Percentiles.of(sorted, 1), 0);
        assertEquals(7, Percentiles.of(new double[] {7}, 0.5), 0);
        assertEquals(7, Percentiles.of(new double[] {7}, 1), 0);
    }

    @Test
    void rejectsNoValuesAndFractionsOutsideZeroOne() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new double[0], 0.5));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new double[] {1}, -0.01));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new double[] {1}, 1.01));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new double[] {1}, Double.NaN));
    }

    /**
     * The bounds that recipes' {@code Effects.reduction} takes today from {@code m} sorted replicates:
     * the order statistics just outside position {@code (m - 1) p}, {@code s[floor(0.025 (m - 1))]} and
     * {@code s[ceil(0.975 (m - 1))]}. Written out here to show how its intervals change when it moves to
     * {@link Percentiles#of}.
     */
    private static double[] outwardOrderStatistics(double[] s) {
        int m = s.length;
        return new double[] {s[(int) Math.floor(0.025 * (m - 1))], s[(int) Math.ceil(0.975 * (m - 1))]};
    }

    @Test
    void outwardOrderStatisticsAreWiderByAlmostOneSpacingAtEachEnd() {
        // 1000 replicates 0, 1, ..., 999: position 24.975 and 974.025
        double[] thousand = new double[1000];
        Arrays.setAll(thousand, i -> i);
        assertEquals(24.975, Percentiles.of(thousand, 0.025), 1e-9);
        assertEquals(974.025, Percentiles.of(thousand, 0.975), 1e-9);
        double[] outward = outwardOrderStatistics(thousand);
        assertEquals(24, outward[0], 0);
        assertEquals(975, outward[1], 0);
        // 200 replicates: position 4.975 and 194.025
        double[] twoHundred = Arrays.copyOf(thousand, 200);
        assertEquals(4.975, Percentiles.of(twoHundred, 0.025), 1e-9);
        assertEquals(194.025, Percentiles.of(twoHundred, 0.975), 1e-9);
        assertEquals(4, outwardOrderStatistics(twoHundred)[0], 0);
        assertEquals(195, outwardOrderStatistics(twoHundred)[1], 0);
    }

    @Test
    void bothDefinitionsAgreeWhereThePositionIsAWholeNumber() {
        // m = 1001 or 41: (m - 1) * 0.025 and (m - 1) * 0.975 are whole, no interpolation and no rounding
        for (int m : new int[] {41, 1001}) {
            double[] s = new double[m];
            Arrays.setAll(s, i -> i * i);
            double[] outward = outwardOrderStatistics(s);
            assertEquals(outward[0], Percentiles.of(s, 0.025), 0, "m = " + m);
            assertEquals(outward[1], Percentiles.of(s, 0.975), 0, "m = " + m);
        }
    }

    @Test
    void onResampledReductionsTheInterpolatedIntervalLiesInsideTheOutwardOne() {
        // Effects-like replicates: relative reductions 1 - mean(after) / mean(before) of 6 resampled pairs
        double[] before = {0.21, 0.18, 0.25, 0.30, 0.15, 0.22};
        double[] after = {0.12, 0.15, 0.11, 0.20, 0.14, 0.09};
        SplittableRandom rng = new SplittableRandom(1);
        double[] reps = new double[1000];
        for (int k = 0; k < reps.length; k++) {
            double b = 0;
            double a = 0;
            for (int i = 0; i < before.length; i++) {
                int j = rng.nextInt(before.length);
                b += before[j];
                a += after[j];
            }
            reps[k] = 1 - a / b;
        }
        Arrays.sort(reps);
        double[] outward = outwardOrderStatistics(reps);
        double low = Percentiles.of(reps, 0.025);
        double high = Percentiles.of(reps, 0.975);
        assertTrue(outward[0] <= low && low <= reps[25], outward[0] + " " + low);
        assertTrue(reps[974] <= high && high <= outward[1], high + " " + outward[1]);
        // the lower bound moves up by 0.975 of the spacing s[25] - s[24], the upper down by 0.975 of s[975] - s[974]
        assertEquals(0.975 * (reps[25] - reps[24]), low - outward[0], 1e-12);
        assertEquals(0.975 * (reps[975] - reps[974]), outward[1] - high, 1e-12);
    }
}
