package dev.debias.evaluate.intrinsic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Estimate;
import org.junit.jupiter.api.Test;

/** Mean cosine and Euclidean distance of pairs, with a seeded bootstrap interval. */
class EmbeddingGapTest {
    // pair 1: (1, 0) and (1, 0): cos 1, cosine distance 0, Euclidean 0
    // pair 2: (1, 0) and (0, 2): cos 0, cosine distance 1, Euclidean sqrt(1 + 4) = sqrt(5)
    // pair 3: (3, 4) and (4, 3): cos 24/25, cosine distance 0.04, Euclidean sqrt(1 + 1) = sqrt(2)
    private static final float[][] ORIGINAL = {{1, 0}, {1, 0}, {3, 4}};
    private static final float[][] COUNTERFACTUAL = {{1, 0}, {0, 2}, {4, 3}};

    @Test
    void handComputedMeans() {
        EmbeddingGapResult r = EmbeddingGap.of(ORIGINAL, COUNTERFACTUAL, 2000, 1);
        assertEquals(3, r.pairs());
        assertEquals(1.04 / 3, r.meanCosineDistance().value(), 1e-12);
        assertEquals((Math.sqrt(5) + Math.sqrt(2)) / 3, r.meanEuclidean(), 1e-12);
    }

    @Test
    void theIntervalContainsTheMeanAndRepeatsWithTheSeed() {
        Estimate e = EmbeddingGap.of(ORIGINAL, COUNTERFACTUAL, 2000, 1).meanCosineDistance();
        assertTrue(e.low() <= e.value() && e.value() <= e.high(), e.toString());
        // resampled means of {0, 1, 0.04} lie in [0, 1]; the interval is not degenerate
        assertTrue(e.low() >= 0 && e.high() <= 1 && e.high() - e.low() > 0.3, e.toString());
        assertEquals(e, EmbeddingGap.of(ORIGINAL, COUNTERFACTUAL, 2000, 1).meanCosineDistance());
        Estimate none = EmbeddingGap.of(ORIGINAL, COUNTERFACTUAL, 0, 1).meanCosineDistance();
        assertEquals(e.value(), none.value());
        assertNull(none.low());
    }

    @Test
    void quantileInterpolates() {
        double[] sorted = {1, 2, 3, 4, 5};
        // position 0.025 * 4 = 0.1: 1 + 0.1 * (2 - 1)
        assertEquals(1.1, dev.debias.stats.Percentiles.of(sorted, 0.025), 1e-12);
        // position 0.975 * 4 = 3.9: 4 + 0.9 * (5 - 4)
        assertEquals(4.9, dev.debias.stats.Percentiles.of(sorted, 0.975), 1e-12);
        assertEquals(7, dev.debias.stats.Percentiles.of(new double[] {7}, 0.5), 0);
    }

    @Test
    void argumentErrors() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddingGap.of(new float[0][], new float[0][], 10, 1));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingGap.of(ORIGINAL, new float[][] {{1, 0}}, 10, 1));
        assertThrows(IllegalArgumentException.class,
                () -> EmbeddingGap.of(new float[][] {{1, 0}}, new float[][] {{1, 0, 0}}, 10, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingGap.of(new float[][] {{0, 0}}, new float[][] {{1, 0}}, 10, 1));
        assertTrue(e.getMessage().contains("zero vector"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EmbeddingGap.of(ORIGINAL, COUNTERFACTUAL, -1, 1));
    }
}
