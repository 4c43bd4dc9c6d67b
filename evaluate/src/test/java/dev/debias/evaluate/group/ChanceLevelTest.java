package dev.debias.evaluate.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Estimate;
import org.junit.jupiter.api.Test;

/**
 * The chance level of the headline measures against their expectations under a uniform shuffle of the
 * predictions, worked out by hand. The data is {@link GroupFairnessBinaryTest}'s: 20 records, female and
 * male 10 each; true labels 1 x9, 0 x11; predictions 1 x9 (TP 7 + FP 2), 0 x11.
 */
class ChanceLevelTest {
    private static final int PERMUTATIONS = 4000;

    private static GroupData data() {
        return new GroupData()
                .add("male", "1", "1", 3).add("male", "1", "0", 1).add("male", "0", "0", 6)
                .add("female", "1", "1", 4).add("female", "1", "0", 1).add("female", "0", "1", 2)
                .add("female", "0", "0", 3);
    }

    private static ChanceLevel chance(long seed) {
        return data().builder().optPositiveLabel("1").optChancePermutations(PERMUTATIONS).optSeed(seed).build()
                .evaluate().chance();
    }

    /** C(n, k) as a double. */
    private static double choose(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    @Test
    void accuracyAtChanceIsTheSumOfLabelShareTimesPredictionShare() {
        // a shuffled prediction is any of the 20 with equal probability: P(correct | label 1) = 9/20, | label 0) = 11/20;
        // expected accuracy (9 * 9 + 11 * 11) / 400 = 202/400 = 0.505
        Estimate a = chance(1).measures().get(ResampledMeasures.ACCURACY);
        // the accuracy of one shuffle has sd about sqrt(0.505 * 0.495 / 20) = 0.11, so the mean of 4000 has se 0.0018
        assertEquals(0.505, a.value(), 0.008, a.toString());
        assertTrue(a.low() < 0.505 && 0.505 < a.high(), a.toString());
        // the model itself: 0.8, above the chance range
        assertTrue(a.high() < 0.8, a.toString());
    }

    @Test
    void demographicParityAtChanceIsTheNoiseFloorOfTwoHypergeometricShares() {
        // female gets X of the nine '1' predictions, X ~ hypergeometric(20 records, 9 ones, 10 drawn); male gets 9 - X.
        // DP = |X/10 - (9 - X)/10| = |2X - 9| / 10, so E[DP] = sum_x P(X = x) |2x - 9| / 10
        double expected = 0;
        for (int x = 0; x <= 9; x++) {
            expected += choose(9, x) * choose(11, 10 - x) / choose(20, 10) * Math.abs(2 * x - 9) / 10;
        }
        // C(20,10) = 184756; P(X=4) = P(X=5) = 126 * 462 / 184756 = 0.31507 (DP 0.1), P(X=3) = P(X=6) = 84 * 330 / 184756
        // = 0.15004 (0.3), P(X=2) = P(X=7) = 36 * 165 / 184756 = 0.03215 (0.5), P(X=1) = P(X=8) = 0.00268 (0.7),
        // P(X=0) = P(X=9) = 0.00006 (0.9): E[DP] = 2 * (0.031507 + 0.045012 + 0.016075 + 0.001876 + 0.000054) = 0.18905
        assertEquals(0.18905, expected, 1e-5);
        Estimate dp = chance(1).measures().get(Gap.DEMOGRAPHIC_PARITY);
        // |2X - 9| / 10 has sd about 0.12, so the mean of 4000 shuffles has se 0.002
        assertEquals(expected, dp.value(), 0.008, dp.toString());
        // P(DP = 0.1) = 0.630, so the 2.5th percentile is 0.1; P(DP <= 0.3) = 0.930 and P(DP <= 0.5) = 0.994, so the
        // 97.5th is 0.5
        assertEquals(0.1, dp.low(), 1e-12);
        assertEquals(0.5, dp.high(), 1e-12);
        // the model's own DP (0.6 - 0.3 = 0.3) is inside the chance range: this gap cannot tell it from a guesser
        assertTrue(dp.low() <= 0.3 && 0.3 <= dp.high(), dp.toString());
    }

    @Test
    void theSameSeedGivesTheSameChanceLevelAndAnotherSeedAnotherSample() {
        assertEquals(chance(7), chance(7));
        assertNotEquals(chance(7).measures().get(Gap.GAP_RMS), chance(8).measures().get(Gap.GAP_RMS));
        assertEquals(PERMUTATIONS, chance(7).permutations());
        assertEquals(7, chance(7).seed());
    }

    @Test
    void noPermutationsMeansNoChanceLevelAndANegativeCountIsRefused() {
        assertNull(data().builder().optChancePermutations(0).build().evaluate().chance());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> data().builder().optChancePermutations(-1).build());
        assertTrue(e.getMessage().contains("chance permutations"), e.getMessage());
    }

    @Test
    void aMeasureUndefinedInEveryShuffleIsUndefinedWithItsReason() {
        // one group only: no gap is defined for any order of the predictions
        GroupData one = new GroupData().add("female", "1", "1", 3).add("female", "0", "0", 3);
        ChanceLevel c = one.builder().optPositiveLabel("1").optChancePermutations(20).build().evaluate().chance();
        Estimate dp = c.measures().get(Gap.DEMOGRAPHIC_PARITY);
        assertNull(dp.value(), dp.toString());
        assertTrue(dp.undefined().contains("every shuffle"), dp.undefined());
    }
}
