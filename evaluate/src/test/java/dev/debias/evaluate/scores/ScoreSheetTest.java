package dev.debias.evaluate.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass sheet against the definitions computed pair by pair, with ties and bootstrap weights. */
class ScoreSheetTest {
    /** The Mann-Whitney AUC of weighted positives against weighted negatives, over all pairs: ties count 1/2. */
    private static double pairs(double[] s, boolean[] y, int[] g, int[] w, java.util.function.IntPredicate posIn,
            java.util.function.IntPredicate negIn) {
        double hits = 0;
        double all = 0;
        for (int i = 0; i < s.length; i++) {
            if (!y[i] || !posIn.test(g[i])) {
                continue;
            }
            for (int j = 0; j < s.length; j++) {
                if (y[j] || !negIn.test(g[j])) {
                    continue;
                }
                double pair = (double) w[i] * w[j];
                all += pair;
                hits += s[i] > s[j] ? pair : s[i] == s[j] ? pair / 2 : 0;
            }
        }
        return all == 0 ? Double.NaN : hits / all;
    }

    @Test
    void everyAucMatchesThePairByPairDefinitionOnRandomTiedWeightedData() {
        SplittableRandom random = new SplittableRandom(11);
        int checked = 0;
        for (int trial = 0; trial < 50; trial++) {
            int n = 5 + random.nextInt(60);
            int groups = 1 + random.nextInt(4);
            double[] s = new double[n];
            boolean[] y = new boolean[n];
            int[] g = new int[n];
            int[] w = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = Math.round(random.nextDouble() * 10) / 10.0;     // 11 distinct values: many ties
                y[i] = random.nextDouble() < 0.4;
                g[i] = random.nextInt(groups);
                w[i] = random.nextInt(4);                               // 0 drops a record, as a resample can
            }
            ScoreSheet sheet = new ScoreSheet(s, y, g, groups, 10);
            double[] out = new double[sheet.slots()];
            sheet.compute(w, out);
            assertSame(pairs(s, y, g, w, x -> true, x -> true), out[ScoreSheet.OVERALL_AUC], "overall");
            for (int k = 0; k < groups; k++) {
                int grp = k;
                assertSame(pairs(s, y, g, w, x -> x == grp, x -> x == grp), out[ScoreSheet.slot(k, ScoreSheet.AUC)], "sub");
                assertSame(pairs(s, y, g, w, x -> x != grp, x -> x == grp), out[ScoreSheet.slot(k, ScoreSheet.BPSN)], "bpsn");
                assertSame(pairs(s, y, g, w, x -> x == grp, x -> x != grp), out[ScoreSheet.slot(k, ScoreSheet.BNSP)], "bnsp");
                checked += Double.isNaN(out[ScoreSheet.slot(k, ScoreSheet.BPSN)]) ? 0 : 1;
            }
        }
        assertTrue(checked > 50, "too few defined BPSN values compared: " + checked);
    }

    @Test
    void aScoreOfOneFallsInTheLastBinAndZeroInTheFirst() {
        // 1.0 (positive) and .95 (negative) share bin 9: |1.95 - 1| = .95; 0 (negative) alone in bin 0: 0. ECE .95 / 3
        ScoreSheet sheet = new ScoreSheet(new double[] {1.0, 0.95, 0.0}, new boolean[] {true, false, false},
                new int[] {0, 0, 0}, 1, 10);
        double[] out = new double[sheet.slots()];
        sheet.compute(new int[] {1, 1, 1}, out);
        assertEquals(0.95 / 3, out[ScoreSheet.slot(0, ScoreSheet.ECE)], 1e-12);
        assertEquals(0.95 / 3, out[ScoreSheet.OVERALL_ECE], 1e-12);
    }

    private static void assertSame(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected undefined, got " + actual);
        } else {
            assertEquals(expected, actual, 1e-12, what);
        }
    }
}
