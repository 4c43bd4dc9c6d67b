package dev.debias.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Estimate;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/** The statistics behind the readings, against values worked out by hand. */
class EffectsTest {
    @Test
    void poolingSeedsGivesTheMeanWithAStudentTInterval() {
        Effects.Summary s = Effects.pool(List.of(Estimate.of(0.1, 0, 1), Estimate.of(0.2, 0, 1), Estimate.of(0.3, 0, 1)));
        assertEquals(0.2, s.mean(), 1e-12);
        double se = 0.1 / Math.sqrt(3);
        double t = new TDistribution(2).inverseCumulativeProbability(0.975);
        assertEquals(0.2 - t * se, s.estimate().low(), 1e-12);
        assertEquals(3, s.runs());
    }

    @Test
    void oneRunKeepsItsBootstrapIntervalAndUndefinedRunsAreLeftOut() {
        Effects.Summary s = Effects.pool(List.of(Estimate.of(0.5, 0.4, 0.6), Estimate.undefined("no positives")));
        assertEquals(0.5, s.mean());
        assertEquals(0.4, s.estimate().low());
        assertEquals(0.1 / 1.959964, s.se(), 1e-9);
        Effects.Summary none = Effects.pool(List.of(Estimate.undefined("no positives")));
        assertFalse(none.defined());
        assertEquals("no positives", none.estimate().undefined());
    }

    @Test
    void theDifferenceOfTwoSingleRunsIsNormalFromTheirIntervals() {
        Effects.Summary a = Effects.pool(List.of(Estimate.of(0.30, 0.30 - 1.959964 * 0.03, 0.30 + 1.959964 * 0.03)));
        Effects.Summary b = Effects.pool(List.of(Estimate.of(0.10, 0.10 - 1.959964 * 0.04, 0.10 + 1.959964 * 0.04)));
        Estimate d = Effects.difference(a, b);
        assertEquals(0.2, d.value(), 1e-12);
        assertEquals(0.2 - 1.959964 * 0.05, d.low(), 1e-9);
        assertTrue(Effects.clearOfZero(d));
    }

    @Test
    void theDifferenceOfPooledSeedsUsesWelch() {
        Effects.Summary a = Effects.pool(List.of(Estimate.of(1, 0, 2), Estimate.of(2, 0, 2), Estimate.of(3, 0, 2)));
        Effects.Summary b = Effects.pool(List.of(Estimate.of(1, 0, 2), Estimate.of(1.5, 0, 2)));
        Estimate d = Effects.difference(a, b);
        double va = 1.0 / 3;
        double vb = 0.125 / 2;
        double df = (va + vb) * (va + vb) / (va * va / 2 + vb * vb / 1);
        double t = new TDistribution(df).inverseCumulativeProbability(0.975);
        assertEquals(0.75, d.value(), 1e-12);
        assertEquals(0.75 + t * Math.sqrt(va + vb), d.high(), 1e-9);
    }

    @Test
    void theSlopeOfAnExactLineHasNoWidthAndNoisyPointsGetAnInterval() {
        Estimate exact = Effects.slope(new double[] {0.5, 0.7, 0.9}, new double[] {0.1, 0.3, 0.5});
        assertEquals(1.0, exact.value(), 1e-12);
        assertEquals(1.0, exact.low(), 1e-9);
        Estimate noisy = Effects.slope(new double[] {0, 1, 2, 3}, new double[] {0, 1.2, 1.8, 3.1});
        // by hand: mean x 1.5, mean y 1.525, sxx = 5, sxy = 4.95, b = 0.99
        assertEquals(0.99, noisy.value(), 1e-12);
        assertTrue(noisy.low() < 0.99 && noisy.high() > 0.99);
        assertNull(Effects.slope(new double[] {1, 1, 1}, new double[] {1, 2, 3}).value());
    }

    @Test
    void theSlopesPValueIsItsTTestWithNMinus2DegreesOfFreedom() {
        // the noisy points above: a = 1.525 - 0.99 * 1.5 = 0.04; residuals -0.04, 0.17, -0.22, 0.09, sse = 0.087;
        // se = sqrt(0.087 / 2 / 5) = 0.0932738, t = 10.613914; with 2 df, P(|T| > t) = 1 - t / sqrt(2 + t^2)
        double t = 0.99 / Math.sqrt(0.087 / 2 / 5);
        assertEquals(1 - t / Math.sqrt(2 + t * t), Effects.slopeP(new double[] {0, 1, 2, 3},
                new double[] {0, 1.2, 1.8, 3.1}), 1e-9);
        assertEquals(0.0, Effects.slopeP(new double[] {0.5, 0.7, 0.9}, new double[] {0.1, 0.3, 0.5}), 1e-12,
                "a perfect line (up to rounding in its standard error)");
        assertTrue(Double.isNaN(Effects.slopeP(new double[] {1, 1, 1}, new double[] {1, 2, 3})), "one distinct x");
    }

    @Test
    void theReductionIsPairedAndBootstrapped() {
        double[] before = {0.2, 0.4, 0.6, 0.8};
        double[] after = {0.1, 0.2, 0.3, 0.4};
        Estimate r = Effects.reduction(before, after, 200, 1);
        assertEquals(0.5, r.value(), 1e-12);
        // every resample keeps the ratio: each pair halves
        assertEquals(0.5, r.low(), 1e-12);
        assertEquals(0.5, r.high(), 1e-12);
        assertEquals(r, Effects.reduction(before, after, 200, 1));
        Estimate mixed = Effects.reduction(before, new double[] {0.2, 0.1, 0.6, 0.2}, 500, 3);
        assertTrue(mixed.low() < mixed.value() && mixed.value() < mixed.high());
    }
}
