package dev.debias.evaluate.intrinsic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** WEAT on hand-computed 2-D cases, exact against sampled p-values, and argument errors. */
class WeatTest {
    // Integer coordinates are exact in float; cosines are then exact up to double rounding.
    // With A = {(1, 0)} and B = {(0, 1)}, s(w) = cos(w, A) - cos(w, B) = (w1 - w2) / |w|:
    private static final float[] E1 = {1, 0};  // s = 1
    private static final float[] E2 = {0, 1};  // s = -1
    private static final float[] P43 = {4, 3}; // s = 0.8 - 0.6 = 0.2
    private static final float[] P34 = {3, 4}; // s = 0.6 - 0.8 = -0.2
    private static final float[][] A = {{1, 0}};
    private static final float[][] B = {{0, 1}};

    @Test
    void handComputedEffectSizeAndExactPValue() {
        // X = {E1, P43}: s = 1, 0.2; Y = {E2, P34}: s = -1, -0.2.
        // mean s(X) = 0.6, mean s(Y) = -0.6; over all four, mean 0, sum of squares 1 + 0.04 + 1 + 0.04 = 2.08,
        // sample variance 2.08 / 3, so d = 1.2 / sqrt(2.08 / 3) = 1.44115...
        // S(X, Y) = 1.2 - (-1.2) = 2.4. The C(4, 2) = 6 partitions, by the s values in X_i:
        //   {1, 0.2} -> 2.4 (observed), {1, -1} -> 0, {1, -0.2} -> 1.6,
        //   {0.2, -1} -> -1.6, {0.2, -0.2} -> 0, {-1, -0.2} -> -2.4; only the observed one is >= 2.4: p = 1/6.
        WeatResult r = Weat.test(new float[][] {E1, P43}, new float[][] {E2, P34}, A, B, WeatOptions.defaults());
        assertEquals(1.2 / Math.sqrt(2.08 / 3), r.effectSize(), 1e-9);
        assertEquals(1.44115338424578, r.effectSize(), 1e-9);
        assertNull(r.undefined());
        assertEquals(1.0 / 6, r.pValue(), 1e-9);
        assertTrue(r.exact());
        assertEquals(6, r.partitions());
        assertEquals(2.4, r.statistic(), 1e-9);
        assertEquals(0.6, r.meanAssociationX(), 1e-9);
        assertEquals(-0.6, r.meanAssociationY(), 1e-9);
        assertEquals(2, r.sizeX());
        assertEquals(2, r.sizeY());
        assertEquals(1, r.sizeA());
        assertEquals(1, r.sizeB());
    }

    @Test
    void swappingTheTargetsFlipsTheEffect() {
        // X = {E2, P34}, Y = {E1, P43}: d = -1.44115..., S = -2.4, and every partition has S_i >= -2.4: p = 1
        WeatResult r = Weat.test(new float[][] {E2, P34}, new float[][] {E1, P43}, A, B, WeatOptions.defaults());
        assertEquals(-1.2 / Math.sqrt(2.08 / 3), r.effectSize(), 1e-9);
        assertEquals(1.0, r.pValue(), 1e-12);
    }

    @Test
    void tiesWithTheObservedPartitionCount() {
        // X = {E1, E2}: s = 1, -1; Y = {P43, P34}: s = 0.2, -0.2. Means 0 and 0, so d = 0.
        // S = 0. Partitions: {1, -1} -> 0 (observed), {1, 0.2} -> 2.4, {1, -0.2} -> 1.6,
        //   {-1, 0.2} -> -1.6, {-1, -0.2} -> -2.4, {0.2, -0.2} -> 0 (a tie); four are >= 0: p = 4/6.
        WeatResult r = Weat.test(new float[][] {E1, E2}, new float[][] {P43, P34}, A, B, WeatOptions.defaults());
        assertEquals(0, r.effectSize(), 1e-9);
        assertEquals(4.0 / 6, r.pValue(), 1e-9);
    }

    @Test
    void tiesUpToRoundingCount() {
        // Pythagorean triples: s = (w1 - w2) / |w|, in 65ths: (12, 5) -> 35, (33, 56) -> -23, (5, 12) -> -35,
        // (63, 16) -> 47. X = {35, -23} and Y = {-35, 47} both sum to 12, so S = 0 (rounding leaves +1.1e-16).
        // Sums of X_i (total 24, S_i = 2 sum - 24): {35, -23} -> 0 (observed), {35, -35} -> -24, {35, 47} -> 140,
        //   {-23, -35} -> -140, {-23, 47} -> 24, {-35, 47} -> 0, a tie that rounding puts at -1.1e-16.
        // Four are >= 0: p = 4/6 (without the tolerance it would be 3/6).
        WeatResult r = Weat.test(new float[][] {{12, 5}, {33, 56}}, new float[][] {{5, 12}, {63, 16}}, A, B,
                WeatOptions.defaults());
        assertEquals(4.0 / 6, r.pValue(), 1e-9);
        assertEquals(0, r.effectSize(), 1e-9);
        assertEquals(0, r.statistic(), 1e-12);
    }

    @Test
    void unevenSetsAndSeveralAttributes() {
        // A = {(1, 0), (2, 0)} and B = {(0, 1), (0, 5)} average to the same cosines as before.
        // X = {E1}: s = 1; Y = {P43, P34, E2}: s = 0.2, -0.2, -1 (mean -1/3).
        // All four: mean 0, sum of squares 2.08, sd = sqrt(2.08 / 3); d = (1 + 1/3) / sd.
        // S = 1 - (0.2 - 0.2 - 1) = 2; C(4, 1) = 4 partitions, X_i = {1} is the only one with S_i >= 2: p = 1/4.
        WeatResult r = Weat.test(new float[][] {E1}, new float[][] {P43, P34, E2}, new float[][] {{1, 0}, {2, 0}},
                new float[][] {{0, 1}, {0, 5}}, WeatOptions.defaults());
        assertEquals((4.0 / 3) / Math.sqrt(2.08 / 3), r.effectSize(), 1e-9);
        assertEquals(0.25, r.pValue(), 1e-9);
        assertEquals(4, r.partitions());
        assertEquals(2.0, r.statistic(), 1e-9);
    }

    /** Random d-dimensional vectors, the X ones shifted towards A. */
    private static float[][] random(SplittableRandom r, int n, int d, float[] shift, double by) {
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = (float) (r.nextGaussian() + (shift == null ? 0 : by * shift[j]));
            }
        }
        return out;
    }

    @Test
    void sampledPValueApproximatesTheExactOne() {
        SplittableRandom r = new SplittableRandom(42);
        int d = 16;
        float[][] a = random(r, 6, d, null, 0);
        float[][] b = random(r, 6, d, null, 0);
        float[][] x = random(r, 8, d, a[0], 0.3);
        float[][] y = random(r, 8, d, null, 0);
        // C(16, 8) = 12870 partitions
        WeatResult exact = Weat.test(x, y, a, b, WeatOptions.defaults());
        assertTrue(exact.exact());
        assertEquals(12870, exact.partitions());
        WeatResult sampled = Weat.test(x, y, a, b, WeatOptions.defaults().withExactLimit(12869).withPermutations(20_000)
                .withSeed(7));
        assertFalse(sampled.exact());
        assertEquals(20_000, sampled.partitions());
        // the sampled p has a standard error of at most sqrt(0.25 / 20000) = 0.0035
        assertEquals(exact.pValue(), sampled.pValue(), 0.02, "exact " + exact.pValue() + ", sampled " + sampled.pValue());
        assertTrue(exact.pValue() > 0.02 && exact.pValue() < 0.98, "a p-value that sampling could miss: " + exact.pValue());
        // effect size and statistic do not depend on how p is computed
        assertEquals(exact.effectSize(), sampled.effectSize(), 0);
        assertEquals(exact.statistic(), sampled.statistic(), 0);

        WeatResult again = Weat.test(x, y, a, b, WeatOptions.defaults().withExactLimit(0).withPermutations(20_000)
                .withSeed(7));
        assertEquals(sampled.pValue(), again.pValue(), 0, "same seed, same p");
        WeatResult other = Weat.test(x, y, a, b, WeatOptions.defaults().withExactLimit(0).withPermutations(20_000)
                .withSeed(8));
        assertTrue(other.pValue() != sampled.pValue(), "another seed draws other partitions");
    }

    @Test
    void sampledPValueCountsTheObservedPartition() {
        // the hand case sampled: p = (1 + #{S_i >= 2.4}) / (1 + N); about 1/6 of random partitions tie the observed one
        WeatResult r = Weat.test(new float[][] {E1, P43}, new float[][] {E2, P34}, A, B,
                new WeatOptions(0, 6000, 3));
        assertFalse(r.exact());
        assertEquals(1.0 / 6, r.pValue(), 0.02);
        assertTrue(r.pValue() * 6001 >= 1, "the observed partition counts");
        WeatResult one = Weat.test(new float[][] {E2, P34}, new float[][] {E1, P43}, A, B, new WeatOptions(0, 10, 3));
        assertEquals(1.0, one.pValue(), 0, "every partition is >= the least statistic: (1 + 10) / (1 + 10)");
    }

    @Test
    void effectSizeIsUndefinedWhenEveryAssociationIsEqual() {
        // every target is P43 (s = 0.2): the pooled sd is 0
        WeatResult r = Weat.test(new float[][] {P43, {8, 6}}, new float[][] {{4, 3}, {40, 30}}, A, B,
                WeatOptions.defaults());
        assertNull(r.effectSize());
        assertNotNull(r.undefined());
        assertTrue(r.undefined().contains("standard deviation"), r.undefined());
        // every partition ties: p = 1
        assertEquals(1.0, r.pValue(), 0);
    }

    @Test
    void argumentErrors() {
        float[][] ok = {E1};
        WeatOptions o = WeatOptions.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Weat.test(new float[0][], ok, A, B, o));
        assertTrue(e.getMessage().contains("X") && e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Weat.test(ok, ok, A, new float[0][], o));
        assertTrue(e.getMessage().contains("B"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Weat.test(ok, new float[][] {{1, 0, 0}}, A, B, o));
        assertTrue(e.getMessage().contains("Y") && e.getMessage().contains("3 dimensions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Weat.test(ok, new float[][] {{0, 0}}, A, B, o));
        assertTrue(e.getMessage().contains("zero vector"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Weat.test(ok, ok, A, B, null));
        assertThrows(IllegalArgumentException.class, () -> o.withPermutations(0));
        assertThrows(IllegalArgumentException.class, () -> o.withExactLimit(-1));
    }

    @Test
    void binomialSaturates() {
        assertEquals(6, Weat.binomial(4, 2));
        assertEquals(184_756, Weat.binomial(20, 10));
        assertEquals(Long.MAX_VALUE, Weat.binomial(200, 100));
        assertEquals(WeatOptions.EXACT_LIMIT, WeatOptions.defaults().exactLimit());
        assertEquals(WeatOptions.PERMUTATIONS, WeatOptions.defaults().permutations());
    }
}
