package dev.debias.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.evaluate.compare.RunSummary;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chance-and-accuracy reading of the measure-agreement recipe on runs whose every number is set by hand. */
class ChanceAndAccuracyTest {
    private static final String DP = "demographic_parity_difference";
    private static final String FLIP = "flip_rate";
    private static final String GAP = "embedding_gap";

    /*
     * Five runs, accuracy 0.9 0.8 0.7 0.6 0.5 (a model pruned harder each time):
     *   DP        0.30 0.25 0.20 0.15 0.10 -> falls with accuracy: tau(DP, accuracy) = +1; chance 0.12 each run,
     *             at most the median 0.20: a guesser reads as fair
     *   flip rate 0.10 0.20 0.30 0.40 0.50 -> rises as accuracy falls: tau = -1; chance 0.50, above the median 0.30
     *   embedding gap 0.2 0.2 0.3 0.1 0.4 -> no chance level (not a measure of predictions); concordant pairs with
     *             accuracy minus discordant ones: tau-b = -0.316 (one tie)
     * The tau a pair of unrelated measures exceeds with p < 0.05 over 5 runs: 1.96 sqrt(2 (2*5 + 5) / (9*5*4)) = 0.800.
     */
    private static ChanceAndAccuracy reading() {
        double[] acc = {0.9, 0.8, 0.7, 0.6, 0.5};
        double[] dp = {0.30, 0.25, 0.20, 0.15, 0.10};
        double[] flip = {0.1, 0.2, 0.3, 0.4, 0.5};
        double[] gap = {0.2, 0.2, 0.3, 0.1, 0.4};
        List<RunSummary> runs = new ArrayList<>();
        Map<String, Map<String, Double>> chance = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Estimate> m = new LinkedHashMap<>();
            m.put("accuracy", Estimate.of(acc[i], acc[i], acc[i]));
            m.put(DP, Estimate.of(dp[i], dp[i], dp[i]));
            m.put(FLIP, Estimate.of(flip[i], flip[i], flip[i]));
            m.put(GAP, Estimate.of(gap[i], gap[i], gap[i]));
            runs.add(new RunSummary("run" + i, Map.of("model", "m" + i), m));
            chance.put("run" + i, Map.of("accuracy", 0.2, DP, 0.12, FLIP, 0.5));
        }
        return new ChanceAndAccuracy(runs, chance, List.of(DP, FLIP, GAP));
    }

    @Test
    void flagsTheMeasureAGuesserReadsAsFairAndThatFallsWithAccuracy() {
        List<ChanceAndAccuracy.Row> rows = reading().rows();
        ChanceAndAccuracy.Row dp = rows.get(0);
        assertEquals(0.12, dp.chance(), 1e-12);
        assertEquals(1.0, dp.withAccuracy().tau(), 1e-12);
        assertTrue(dp.guesserAsFair());
        assertTrue(dp.fairerWhenWorse());

        ChanceAndAccuracy.Row flip = rows.get(1);
        assertEquals(0.5, flip.chance(), 1e-12);
        assertEquals(-1.0, flip.withAccuracy().tau(), 1e-12);
        assertFalse(flip.guesserAsFair());
        assertFalse(flip.fairerWhenWorse());

        ChanceAndAccuracy.Row gap = rows.get(2);
        assertNull(gap.chance());
        assertFalse(gap.guesserAsFair());
        // accuracy falls from run to run, so a pair of runs i < j is concordant when gap_i > gap_j: (0,3) (1,3) (2,3)
        // are; (0,2) (0,4) (1,2) (1,4) (2,4) (3,4) are discordant; (0,1) ties in the gap.
        // tau-b = (3 - 6) / sqrt((10 - 0) * (10 - 1)) = -0.316
        assertEquals(-3 / Math.sqrt(90), gap.withAccuracy().tau(), 1e-12);
    }

    @Test
    void theReadingNamesTheFlaggedMeasuresAndTheThreshold() {
        List<String> r = reading().reading();
        assertEquals("Against chance: demographic parity difference reads a guessing classifier (each run's predictions "
                + "shuffled) as fair as the median run or fairer, so a low value there does not show a fair model.",
                r.get(0));
        assertTrue(r.get(1).contains("(tau +1.00)"), r.get(1));
        assertTrue(r.get(1).contains("above 0.80 over 5 runs"), r.get(1));
        assertTrue(r.get(1).contains("it rewards the model getting worse"), r.get(1));
        assertFalse(r.get(1).contains(Report.label(FLIP)), r.get(1));
    }

    @Test
    void effectsCarryTheTauAndTheChanceLevelOrWhyThereIsNone() {
        List<Report.Effect> e = reading().effects();
        assertEquals(6, e.size());
        assertEquals(1.0, e.get(0).value().value(), 1e-12);
        assertEquals(0.12, e.get(1).value().value(), 1e-12);
        assertEquals("not a measure of predictions", e.get(5).value().undefined());
    }
}
