package dev.debias.evaluate.group;

import static dev.debias.evaluate.group.GroupData.assertValue;
import static dev.debias.evaluate.group.GroupData.gapValue;
import static dev.debias.evaluate.group.GroupData.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Estimate;
import org.junit.jupiter.api.Test;

/** Stratified, seeded 95% percentile bootstrap intervals. */
class GroupFairnessBootstrapTest {
    /*
     * 200 records: a 100 (TP 40, FN 10, FP 10, TN 40: accuracy .8, selection .5),
     *              b 100 (TP 30, FN 10, FP 10, TN 50: accuracy .8, selection .4).
     */
    private static GroupData data() {
        return new GroupData()
                .add("a", "1", "1", 40).add("a", "1", "0", 10).add("a", "0", "1", 10).add("a", "0", "0", 40)
                .add("b", "1", "1", 30).add("b", "1", "0", 10).add("b", "0", "1", 10).add("b", "0", "0", 50);
    }

    private static GroupFairnessResult run(GroupData d, int replicates, long seed) {
        return d.builder().optPositiveLabel("1").optBootstrap(replicates).optSeed(seed).build().evaluate();
    }

    private static double width(Estimate e) {
        assertNotNull(e.low(), "no interval: " + e.undefined());
        return e.high() - e.low();
    }

    @Test
    void intervalsHoldThePointEstimateInAWellBehavedCase() {
        GroupFairnessResult r = run(data(), 1000, 7);
        assertEquals(1000, r.bootstrap());
        assertEquals(7, r.seed());
        Estimate acc = r.overall().accuracy();
        // point (80 + 80)/200
        assertValue(0.8, acc, "overall accuracy");
        assertTrue(acc.low() < 0.8 && 0.8 < acc.high(), acc.toString());
        // binomial standard error sqrt(.8 * .2 / 200) = .0283: the 95% interval is about 4 * .0283 = .11 wide
        assertTrue(width(acc) > 0.08 && width(acc) < 0.14, acc.toString());
        // a well-defined gap: DP point .5 - .4 = .1 lies inside its interval
        Estimate dp = gapValue(r, Gap.DEMOGRAPHIC_PARITY);
        assertValue(0.1, dp, "DP");
        assertTrue(dp.low() <= 0.1 && 0.1 <= dp.high(), dp.toString());
        assertNull(acc.undefined());
    }

    @Test
    void aZeroGapGetsAnIntervalAroundZeroNotAnUpwardBiasedOne() {
        // both groups select exactly half (a: 25 of 50 predicted 1, b: 25 of 50) and have TPR 15/25 = .6:
        // the DP and EO gaps are 0. A max-minus-min over resamples would be >= 0 in every replicate, and
        // its percentile interval would sit above 0; the fixed-pair difference (DP, EO: one pair of
        // groups) spreads on both sides, and equalized odds, the larger of two differences, gets the
        // simultaneous interval of RangeInterval, which starts at 0.
        GroupData d = new GroupData()
                .add("a", "1", "1", 15).add("a", "1", "0", 10).add("a", "0", "1", 10).add("a", "0", "0", 15)
                .add("b", "1", "1", 15).add("b", "1", "0", 10).add("b", "0", "1", 10).add("b", "0", "0", 15);
        GroupFairnessResult r = run(d, 1000, 3);
        for (String name : new String[] {Gap.DEMOGRAPHIC_PARITY, Gap.EQUAL_OPPORTUNITY, Gap.EQUALIZED_ODDS}) {
            Estimate e = gapValue(r, name);
            assertValue(0.0, e, name);
            assertTrue(name.equals(Gap.EQUALIZED_ODDS) ? e.low() == 0 : e.low() < -0.05, name + " " + e);
            assertTrue(e.high() > 0.05, name + " " + e);
        }
        Estimate di = gapValue(r, Gap.DISPARATE_IMPACT);
        assertValue(1.0, di, "DI");
        assertTrue(di.low() < 1 && di.high() > 1, di.toString());
    }

    @Test
    void intervalsShrinkWhenTheDataIsReplicatedFourTimes() {
        GroupFairnessResult one = run(data(), 1000, 3);
        GroupFairnessResult four = run(data().times(4), 1000, 3);
        // same point estimates
        assertEquals(one.overall().accuracy().value(), four.overall().accuracy().value(), 1e-12);
        assertEquals(800, four.overall().count());
        // the standard error halves with 4x the records: allow for bootstrap noise around the ratio 0.5
        double ratio = width(four.overall().accuracy()) / width(one.overall().accuracy());
        assertTrue(ratio > 0.35 && ratio < 0.7, "accuracy width ratio " + ratio);
        double dpRatio = width(gapValue(four, Gap.DEMOGRAPHIC_PARITY)) / width(gapValue(one, Gap.DEMOGRAPHIC_PARITY));
        assertTrue(dpRatio > 0.35 && dpRatio < 0.7, "DP width ratio " + dpRatio);
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedOtherIntervals() {
        GroupFairnessResult first = run(data(), 500, 11);
        GroupFairnessResult second = run(data(), 500, 11);
        assertEquals(first, second);
        GroupFairnessResult other = run(data(), 500, 12);
        assertEquals(first.overall().accuracy().value(), other.overall().accuracy().value());
        assertNotEquals(first, other);
        // the accuracy's percentiles fall on a grid of k/200 and may coincide between seeds; a ratio of two
        // resampled rates takes far more values, so its interval differs almost surely
        Estimate di = gapValue(first, Gap.DISPARATE_IMPACT);
        Estimate diOther = gapValue(other, Gap.DISPARATE_IMPACT);
        assertEquals(di.value(), diOther.value());
        assertNotEquals(di, diOther);
    }

    @Test
    void zeroReplicatesKeepTheValueWithoutAnInterval() {
        GroupFairnessResult r = run(data(), 0, 1);
        assertEquals(0, r.bootstrap());
        Estimate acc = r.overall().accuracy();
        assertValue(0.8, acc, "accuracy without bootstrap");
        assertNull(acc.low());
        assertNull(acc.high());
        assertNotNull(acc.undefined(), "the missing interval is explained");
        Estimate eo = gapValue(r, Gap.EQUAL_OPPORTUNITY);
        // TPR a 40/50 = .8, b 30/40 = .75
        assertValue(0.05, eo, "EO");
        assertNull(eo.low());
        // the same point estimates as with an interval
        assertEquals(acc.value(), run(data(), 200, 1).overall().accuracy().value());
    }

    @Test
    void theResampleIsStratifiedByGroup() {
        // a: 30 records (mixed labels) all predicted 1; b: 70 records (mixed labels) all predicted 0
        GroupData d = new GroupData()
                .add("a", "1", "1", 20).add("a", "0", "1", 10)
                .add("b", "1", "0", 35).add("b", "0", "0", 35);
        GroupFairnessResult r = run(d, 1000, 5);
        assertEquals(30, group(r, "a").count());
        assertEquals(70, group(r, "b").count());
        // every replicate keeps 30 records of a (selection 1) and 70 of b (selection 0)
        Estimate dp = gapValue(r, Gap.DEMOGRAPHIC_PARITY);
        assertEquals(new Estimate(1.0, 1.0, 1.0, null), dp, "DP interval");
        assertEquals(new Estimate(1.0, 1.0, 1.0, null), group(r, "a").selectionRate(), "a selection");
        // so the overall selection rate is 30/100 in every replicate; an unstratified resample would vary
        assertEquals(new Estimate(0.3, 0.3, 0.3, null), r.overall().selectionRate(), "overall selection");
        // while accuracy within a group does vary: a accuracy 20/30
        Estimate accA = group(r, "a").accuracy();
        assertValue(2.0 / 3, accA, "a accuracy");
        assertTrue(width(accA) > 0, accA.toString());
    }
}
