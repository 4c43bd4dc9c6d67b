package dev.debias.evaluate.scores;

import static dev.debias.evaluate.scores.ScoreData.assertUndefined;
import static dev.debias.evaluate.scores.ScoreData.assertValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.evaluate.group.GroupMetrics;
import dev.debias.evaluate.group.UndefinedPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every AUC, BPSN, BNSP, calibration value and power mean of tiny data sets, worked out by hand. */
class ThresholdFreeHandWorkedTest {
    /*
     * (label, p(1)) per group; b's positive 0.6 ties a's negative 0.6.
     *   a: (1, .9) (1, .4) (0, .6) (0, .2)
     *   b: (1, .8) (1, .6) (0, .7) (0, .1)
     */
    private static ScoreData data() {
        return new ScoreData().add("b", 1, 0.8).add("b", 1, 0.6).add("b", 0, 0.7).add("b", 0, 0.1)
                .add("a", 1, 0.9).add("a", 1, 0.4).add("a", 0, 0.6).add("a", 0, 0.2);
    }

    @Test
    void aucsOfEveryKindWithACrossGroupTie() {
        ThresholdFree t = data().builder().optBootstrap(0).build().evaluate();
        // 4 records of each label: the minority rule takes the second class on a tie
        assertEquals("minority class", t.positiveChoice());
        assertEquals(1, t.results().size());
        ScoreResult r = t.results().get(0);
        assertEquals("1", r.positiveLabel());
        assertEquals(List.of("a", "b"), r.groups().stream().map(SubgroupScores::group).toList());
        // overall: positives .9 .4 .8 .6 against negatives .6 .2 .7 .1
        //   .9 beats 4; .4 beats .2 .1 = 2; .8 beats 4; .6 beats .2 .1 and ties .6 = 2.5; 12.5 / 16
        assertEquals(GroupMetrics.OVERALL, r.overall().group());
        assertValue(12.5 / 16, r.overall().auc(), "overall AUC");
        assertNull(r.overall().bpsnAuc());
        SubgroupScores a = r.group("a").orElseThrow();
        SubgroupScores b = r.group("b").orElseThrow();
        assertEquals(4, a.count());
        assertEquals(2, a.positives());
        // subgroup a: .9 > .6, .9 > .2, .4 < .6, .4 > .2: 3 / 4; subgroup b: .8 > .7, .8 > .1, .6 < .7, .6 > .1: 3 / 4
        assertValue(0.75, a.auc(), "subgroup AUC a");
        assertValue(0.75, b.auc(), "subgroup AUC b");
        // BPSN a: b's positives .8 .6 against a's negatives .6 .2: 1 + 1 + 1/2 (the tie) + 1 = 3.5 / 4
        assertValue(0.875, a.bpsnAuc(), "BPSN a");
        // BNSP a: a's positives .9 .4 against b's negatives .7 .1: 1 + 1 + 0 + 1 = 3 / 4
        assertValue(0.75, a.bnspAuc(), "BNSP a");
        // BPSN b = a's positives against b's negatives = BNSP a; BNSP b = b's positives against a's negatives = BPSN a
        assertValue(0.75, b.bpsnAuc(), "BPSN b");
        assertValue(0.875, b.bnspAuc(), "BNSP b");
        // power means, p = -5: subgroup (.75, .75) -> .75; BPSN and BNSP (.875, .75):
        //   ((.875^-5 + .75^-5) / 2)^(-1/5) = ((1.949664 + 4.213992) / 2)^(-0.2) = 0.798433
        double m = Math.pow((Math.pow(0.875, -5) + Math.pow(0.75, -5)) / 2, -0.2);
        assertEquals(0.798433, m, 1e-6);
        assertValue(0.75, r.mean(PowerMean.SUBGROUP_AUC).orElseThrow().value(), "subgroup power mean");
        assertValue(m, r.mean(PowerMean.BPSN_AUC).orElseThrow().value(), "BPSN power mean");
        assertValue(m, r.mean(PowerMean.BNSP_AUC).orElseThrow().value(), "BNSP power mean");
        // final score: (.78125 + .75 + .798433 + .798433) / 4 = 0.782029
        assertValue(0.25 * (12.5 / 16 + 0.75 + 2 * m), r.finalScore(), "final score");
        assertEquals(0.782029, r.finalScore().value(), 1e-6);
    }

    @Test
    void calibrationErrorAndDifference() {
        ScoreResult r = data().builder().optBootstrap(0).build().evaluate().results().get(0);
        SubgroupScores a = r.group("a").orElseThrow();
        SubgroupScores b = r.group("b").orElseThrow();
        // 10 bins; every record of a is alone in its bin (9, 4, 6, 2):
        //   ECE a = (|.9 - 1| + |.4 - 1| + |.6 - 0| + |.2 - 0|) / 4 = 1.5 / 4
        assertValue(0.375, a.calibrationError(), "ECE a");
        // b: bins 8, 6, 7, 1: (.2 + .4 + .7 + .1) / 4 = 1.4 / 4
        assertValue(0.35, b.calibrationError(), "ECE b");
        // calibration difference: mean p minus observed rate; a: 2.1 / 4 - .5, b: 2.2 / 4 - .5
        assertValue(0.025, a.calibrationDifference(), "calibration difference a");
        assertValue(0.05, b.calibrationDifference(), "calibration difference b");
        // overall, bin 6 holds a's negative .6 and b's positive .6: |1.2 - 1| = .2; the others as above:
        //   (.1 + .6 + .2 + .2 + .2 + .7 + .1) / 8 = 2.1 / 8
        assertValue(2.1 / 8, r.overall().calibrationError(), "overall ECE");
        assertValue(4.3 / 8 - 0.5, r.overall().calibrationDifference(), "overall calibration difference");
    }

    @Test
    void fewerBinsPoolRecords() {
        // 2 bins: [0, .5) and [.5, 1]. Group a: bin 0 {.4 (1), .2 (0)}: |.6 - 1| = .4; bin 1 {.9 (1), .6 (0)}:
        // |1.5 - 1| = .5; ECE = .9 / 4
        ScoreResult r = data().builder().optBootstrap(0).optBins(2).build().evaluate().results().get(0);
        assertValue(0.9 / 4, r.group("a").orElseThrow().calibrationError(), "ECE a, 2 bins");
        // one bin: ECE is |mean p - rate| = |calibration difference|
        ScoreResult one = data().builder().optBootstrap(0).optBins(1).build().evaluate().results().get(0);
        assertValue(0.025, one.group("a").orElseThrow().calibrationError(), "ECE a, 1 bin");
    }

    @Test
    void allTiedScoresGiveAnAucOfOneHalf() {
        // every score .5: each of the 2 x 2 pairs is a tie, counted 1/2
        ScoreData d = new ScoreData().add("a", 1, 0.5).add("a", 1, 0.5).add("a", 0, 0.5).add("a", 0, 0.5)
                .add("b", 1, 0.5).add("b", 0, 0.5);
        ScoreResult r = d.builder().optBootstrap(0).build().evaluate().results().get(0);
        assertValue(0.5, r.overall().auc(), "overall");
        assertValue(0.5, r.group("a").orElseThrow().auc(), "subgroup a");
        assertValue(0.5, r.group("b").orElseThrow().bpsnAuc(), "BPSN b");
    }

    @Test
    void aGroupWithoutPositivesHasUndefinedSubgroupAndBnspAucs() {
        // c has only negatives (.3, .5): its subgroup AUC and BNSP are undefined; its BPSN is defined:
        //   background positives .9 .4 .8 .6 against c's negatives .3 .5: .9 2, .4 1, .8 2, .6 2 = 7 / 8
        ScoreData d = data().add("c", 0, 0.3).add("c", 0, 0.5);
        ScoreResult r = d.builder().optBootstrap(0).build().evaluate().results().get(0);
        SubgroupScores c = r.group("c").orElseThrow();
        assertUndefined(c.auc(), "no records of '1' in group 'c'", "subgroup AUC c");
        assertUndefined(c.bnspAuc(), "no records of '1' in group 'c'", "BNSP c");
        assertValue(7.0 / 8, c.bpsnAuc(), "BPSN c");
        // skip-group: the subgroup mean is over a and b (.75), and names c
        PowerMean sub = r.mean(PowerMean.SUBGROUP_AUC).orElseThrow();
        assertValue(0.75, sub.value(), "subgroup power mean");
        assertEquals(List.of("c"), sub.excludedGroups());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("subgroup_auc_power_mean") && w.contains("[c]")),
                r.warnings().toString());
        // the BPSN mean takes all three groups; c adds no positive to any background, so BPSN a stays .875 and
        // BPSN b .75, and c's is 7/8: ((2 x .875^-5 + .75^-5) / 3)^(-1/5)
        double bpsn = Math.pow((2 * Math.pow(0.875, -5) + Math.pow(0.75, -5)) / 3, -0.2);
        assertValue(bpsn, r.mean(PowerMean.BPSN_AUC).orElseThrow().value(), "BPSN power mean");
        // propagate: the subgroup and BNSP means become undefined, naming c; so does the final score
        ScoreResult p = d.builder().optBootstrap(0).optUndefinedPolicy(UndefinedPolicy.PROPAGATE).build().evaluate()
                .results().get(0);
        assertUndefined(p.mean(PowerMean.SUBGROUP_AUC).orElseThrow().value(), "group 'c'", "propagated mean");
        assertUndefined(p.finalScore(), "a part is undefined", "final score");
        assertValue(bpsn, p.mean(PowerMean.BPSN_AUC).orElseThrow().value(), "BPSN power mean, propagate");
    }

    @Test
    void smallGroupsAreShownButLeftOutOfTheMeans() {
        // minimum 5: a and b (4 records each) are shown, both left out, so no mean is defined
        ScoreResult r = data().builder().optBootstrap(0).optMinGroupSize(5).build().evaluate().results().get(0);
        assertValue(0.75, r.group("a").orElseThrow().auc(), "subgroup a is still shown");
        PowerMean sub = r.mean(PowerMean.SUBGROUP_AUC).orElseThrow();
        assertUndefined(sub.value(), "no group of at least 5 records", "mean without groups");
        assertEquals(List.of("a", "b"), sub.excludedGroups());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("group 'a' of group has 4 records (fewer than 5)")),
                r.warnings().toString());
    }

    @Test
    void aNamedPositiveLabelSwapsTheRolesOfTheGroups() {
        // positive '0' scores p(0) = 1 - p(1) with the label-0 records positive. The overall AUC is the same pairs
        // read the other way round (12.5 / 16); BPSN a of '0' pairs b's label-0 records with a's label-1 records,
        // which is BNSP a of '1' (.75), and BNSP a of '0' is BPSN a of '1' (.875)
        ScoreResult r = data().builder().optBootstrap(0).optPositiveLabel("0").build().evaluate().results().get(0);
        assertEquals("0", r.positiveLabel());
        assertValue(12.5 / 16, r.overall().auc(), "overall AUC of '0'");
        assertValue(0.75, r.group("a").orElseThrow().bpsnAuc(), "BPSN a of '0'");
        assertValue(0.875, r.group("a").orElseThrow().bnspAuc(), "BNSP a of '0'");
        // calibration of '0' in a: mean p(0) = (.1 + .6 + .4 + .8) / 4 = .475, rate .5: -.025
        assertValue(-0.025, r.group("a").orElseThrow().calibrationDifference(), "calibration difference of '0'");
    }

    @Test
    void multiClassWithoutAPositiveLabelIsOneVsRestForEveryClass() {
        // (label, p(A), p(B), p(C)): (A .7 .2 .1) (B .2 .5 .3) (C .3 .3 .4) (A .4 .5 .1)
        // A: positives .7 .4 against .2 .3: 4 / 4. B: positive .5 against .2 .3 .5 (a tie): 2.5 / 3.
        // C: positive .4 against .1 .3 .1: 3 / 3
        List<String> labels = List.of("A", "B", "C", "A");
        List<String> values = List.of("A=.7;B=.2;C=.1", "B=.5;A=.2;C=.3", "A=.3;B=.3;C=.4", "A=.4;B=.5;C=.1");
        dev.debias.evaluate.group.PredictionSet set = dev.debias.evaluate.group.PredictionSet.of(labels,
                List.of("A", "B", "C", "B"), java.util.Map.of("g", List.of("x", "x", "x", "x")), null);
        ScoreTable.Builder tb = ScoreTable.builder("probabilities", set.classes(), null, null);
        values.forEach(tb::add);
        ThresholdFree t = ThresholdFreeMeasures.builder().setPredictions(set).setScores(tb.build())
                .setGroupings(List.of(set.grouping("g"))).optBootstrap(0).optMinGroupSize(1).build().evaluate();
        assertEquals("one-vs-rest", t.positiveChoice());
        assertEquals(List.of("A", "B", "C"), t.results().stream().map(ScoreResult::positiveLabel).toList());
        assertValue(1.0, t.result("g", "A").orElseThrow().overall().auc(), "AUC of A");
        assertValue(2.5 / 3, t.result("g", "B").orElseThrow().overall().auc(), "AUC of B");
        assertValue(1.0, t.result("g", "C").orElseThrow().overall().auc(), "AUC of C");
        // one group: no background, so BPSN and BNSP are undefined
        assertUndefined(t.result("g", "A").orElseThrow().group("x").orElseThrow().bpsnAuc(), "background",
                "BPSN with one group");
    }
}
