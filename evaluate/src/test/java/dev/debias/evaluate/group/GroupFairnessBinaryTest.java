package dev.debias.evaluate.group;

import static dev.debias.evaluate.group.GroupData.EPS;
import static dev.debias.evaluate.group.GroupData.assertClass;
import static dev.debias.evaluate.group.GroupData.assertUndefined;
import static dev.debias.evaluate.group.GroupData.assertValue;
import static dev.debias.evaluate.group.GroupData.gap;
import static dev.debias.evaluate.group.GroupData.gapValue;
import static dev.debias.evaluate.group.GroupData.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Binary classification over two groups: every metric and gap against hand-computed values. */
class GroupFairnessBinaryTest {
    /*
     * female (10 records): TP (1->1) x4, FN (1->0) x1, FP (0->1) x2, TN (0->0) x3
     * male   (10 records): TP x3,          FN x1,        FP x0,        TN x6
     * Male records are added first: the groups must still come out sorted (female, male).
     */
    private static GroupData data() {
        return new GroupData()
                .add("male", "1", "1", 3).add("male", "1", "0", 1).add("male", "0", "0", 6)
                .add("female", "1", "1", 4).add("female", "1", "0", 1).add("female", "0", "1", 2)
                .add("female", "0", "0", 3);
    }

    @Test
    void perGroupAndOverallMetricsWithAPositiveLabel() {
        GroupFairnessResult r = data().builder().optPositiveLabel("1").build().evaluate();
        assertEquals(List.of("0", "1"), r.classes());
        assertEquals("1", r.positiveLabel());
        assertEquals(List.of("female", "male"), r.groups().stream().map(GroupMetrics::group).toList());

        GroupMetrics f = group(r, "female");
        assertEquals(10, f.count());
        // accuracy (TP + TN) / n = (4 + 3) / 10
        assertValue(0.7, f.accuracy(), "female accuracy");
        // class 1: support TP+FN = 5, predicted TP+FP = 6; TPR 4/5, FPR 2/(2+3), precision 4/6, selection 6/10
        assertClass(f, "1", 5, 6, 0.8, 0.4, 4.0 / 6, 0.6);
        // class 0 (one-vs-rest, TP0 = TN = 3): support 5, predicted FN+TN = 4; TPR 3/5, FPR FN/(TP+FN) = 1/5,
        // precision 3/4, selection 4/10
        assertClass(f, "0", 5, 4, 0.6, 0.2, 0.75, 0.4);
        // F1(1) = 2*4/(2*4 + 2 + 1) = 8/11; F1(0) = 2*3/(2*3 + 1 + 2) = 6/9 = 2/3; mean = (8/11 + 2/3)/2 = 23/33
        assertValue(23.0 / 33, f.macroF1(), "female macro-F1");
        assertValue(0.6, f.selectionRate(), "female selection rate of '1'");

        GroupMetrics m = group(r, "male");
        assertEquals(10, m.count());
        // (3 + 6) / 10
        assertValue(0.9, m.accuracy(), "male accuracy");
        // class 1: support 4, predicted 3; TPR 3/4, FPR 0/6, precision 3/3, selection 3/10
        assertClass(m, "1", 4, 3, 0.75, 0.0, 1.0, 0.3);
        // class 0: support 6, predicted 7; TPR 6/6, FPR 1/4, precision 6/7, selection 7/10
        assertClass(m, "0", 6, 7, 1.0, 0.25, 6.0 / 7, 0.7);
        // F1(1) = 6/(6+0+1) = 6/7; F1(0) = 12/(12+1+0) = 12/13; mean = (78 + 84)/91/2 = 81/91
        assertValue(81.0 / 91, m.macroF1(), "male macro-F1");
        assertValue(0.3, m.selectionRate(), "male selection rate of '1'");

        GroupMetrics all = r.overall();
        assertEquals(GroupMetrics.OVERALL, all.group());
        assertEquals(20, all.count());
        // overall TP 7, FN 2, FP 2, TN 9: accuracy 16/20
        assertValue(0.8, all.accuracy(), "overall accuracy");
        // class 1: TPR 7/9, FPR 2/11, precision 7/9, selection 9/20
        assertClass(all, "1", 9, 9, 7.0 / 9, 2.0 / 11, 7.0 / 9, 0.45);
        // class 0: TPR 9/11, FPR 2/9, precision 9/11, selection 11/20
        assertClass(all, "0", 11, 11, 9.0 / 11, 2.0 / 9, 9.0 / 11, 0.55);
        // F1(1) = 14/18 = 7/9, F1(0) = 18/22 = 9/11; mean (77 + 81)/99/2 = 79/99
        assertValue(79.0 / 99, all.macroF1(), "overall macro-F1");
        assertValue(0.45, all.selectionRate(), "overall selection rate");
    }

    @Test
    void gapsWithAPositiveLabel() {
        GroupFairnessResult r = data().builder().optPositiveLabel("1").build().evaluate();
        // selection rate of '1': female 0.6, male 0.3
        assertValue(0.6 - 0.3, gapValue(r, Gap.DEMOGRAPHIC_PARITY), "DP difference");
        assertValue(0.3 / 0.6, gapValue(r, Gap.DISPARATE_IMPACT), "DI ratio");
        // TPR of '1': female 0.8, male 0.75
        assertValue(0.05, gapValue(r, Gap.EQUAL_OPPORTUNITY), "EO difference");
        // FPR of '1': female 0.4, male 0 -> max(0.05, 0.4): here the FPR side dominates
        assertValue(0.4, gapValue(r, Gap.EQUALIZED_ODDS), "EOdds difference");
        for (Gap g : r.gaps()) {
            assertTrue(g.excludedGroups().isEmpty(), g.name() + " excludes " + g.excludedGroups());
            assertNotNull(g.definition(), g.name());
        }
        assertTrue(gap(r, Gap.DEMOGRAPHIC_PARITY).definition().contains("'1'"));
    }

    @Test
    void defaultGapGroupsAreTheTwoGroupsInSortedOrder() {
        GroupFairnessResult r = data().builder().optPositiveLabel("1").build().evaluate();
        assertEquals(List.of("female", "male"), r.gapGroups());
        // TPR gap female minus male: class 0: 0.6 - 1.0 = -0.4; class 1: 0.8 - 0.75 = 0.05
        assertValue(-0.4, gapValue(r, Gap.TPR_GAP + "[0]"), "tpr_gap[0]");
        assertValue(0.05, gapValue(r, Gap.TPR_GAP + "[1]"), "tpr_gap[1]");
        assertEquals("0", gap(r, Gap.TPR_GAP + "[0]").label());
        // GAP-RMS = sqrt((0.16 + 0.0025) / 2)
        assertValue(Math.sqrt((0.16 + 0.0025) / 2), gapValue(r, Gap.GAP_RMS), "GAP-RMS");
        // no training shares given
        assertUndefined(gapValue(r, Gap.GAP_SHARE_CORRELATION), "correlation without shares");

        // the explicit reverse order flips the signs and keeps the RMS
        GroupFairnessResult rev = data().builder().optGapGroups("male", "female").build().evaluate();
        assertEquals(List.of("male", "female"), rev.gapGroups());
        assertValue(0.4, gapValue(rev, Gap.TPR_GAP + "[0]"), "tpr_gap[0] male minus female");
        assertValue(-0.05, gapValue(rev, Gap.TPR_GAP + "[1]"), "tpr_gap[1] male minus female");
        assertValue(Math.sqrt((0.16 + 0.0025) / 2), gapValue(rev, Gap.GAP_RMS), "GAP-RMS reversed");
    }

    @Test
    void correlationIsUndefinedWithFewerThanThreeClasses() {
        GroupFairnessResult r = data().builder().optTrainShares(Map.of("0", 0.3, "1", 0.7)).build().evaluate();
        assertUndefined(gapValue(r, Gap.GAP_SHARE_CORRELATION), "correlation over 2 classes", "3");
    }

    @Test
    void withoutAPositiveLabelEachGapIsTheWorstClass() {
        GroupFairnessResult r = data().builder().build().evaluate();
        assertEquals(null, r.positiveLabel());
        assertUndefined(group(r, "female").selectionRate(), "selection rate without a positive label", "positive label");
        assertUndefined(r.overall().selectionRate(), "overall selection rate without a positive label");
        // DP per class: '1' 0.6 - 0.3 = 0.3; '0' 0.7 - 0.4 = 0.3 -> worst 0.3
        assertValue(0.3, gapValue(r, Gap.DEMOGRAPHIC_PARITY), "DP worst class");
        // DI per class: '1' 0.3/0.6 = 0.5; '0' 0.4/0.7 = 4/7 -> smallest 0.5
        assertValue(0.5, gapValue(r, Gap.DISPARATE_IMPACT), "DI worst class");
        // EO per class: '1' |0.8 - 0.75| = 0.05; '0' |0.6 - 1.0| = 0.4 -> worst 0.4
        assertValue(0.4, gapValue(r, Gap.EQUAL_OPPORTUNITY), "EO worst class");
        // EOdds per class: '1' max(0.05, |0.4 - 0|) = 0.4; '0' max(0.4, |0.2 - 0.25|) = 0.4 -> 0.4
        assertValue(0.4, gapValue(r, Gap.EQUALIZED_ODDS), "EOdds worst class");
    }

    @Test
    void binaryEqualOpportunityWithoutPositiveEqualsEqualizedOddsWithPositive() {
        // TPR(0) = 1 - FPR(1) and FPR(0) = 1 - TPR(1) in every group, so the worst-class TPR range is the
        // larger of the TPR and FPR ranges of either class: EO(no positive) = EOdds('1') = EOdds('0')
        GroupData fixed = data();
        assertIdentity(fixed);
        Random random = new Random(42);
        for (int trial = 0; trial < 25; trial++) {
            GroupData d = new GroupData();
            for (String g : List.of("a", "b", "c")) {
                // one record of each true class so that every TPR and FPR is defined
                d.add(g, "0", random.nextBoolean() ? "0" : "1").add(g, "1", random.nextBoolean() ? "0" : "1");
                for (int i = random.nextInt(15); i > 0; i--) {
                    d.add(g, random.nextBoolean() ? "0" : "1", random.nextBoolean() ? "0" : "1");
                }
            }
            assertIdentity(d);
        }
    }

    private static void assertIdentity(GroupData d) {
        GroupFairnessResult none = d.builder().build().evaluate();
        GroupFairnessResult one = d.builder().optPositiveLabel("1").build().evaluate();
        GroupFairnessResult zero = d.builder().optPositiveLabel("0").build().evaluate();
        for (GroupMetrics g : none.groups()) {
            assertEquals(1 - GroupData.cls(g, "1").fpr().value(), GroupData.cls(g, "0").tpr().value(), EPS, g.group());
            assertEquals(1 - GroupData.cls(g, "1").tpr().value(), GroupData.cls(g, "0").fpr().value(), EPS, g.group());
        }
        double eoNone = gapValue(none, Gap.EQUAL_OPPORTUNITY).value();
        assertEquals(gapValue(one, Gap.EQUALIZED_ODDS).value(), eoNone, EPS, "EO(no positive) vs EOdds('1')");
        assertEquals(gapValue(zero, Gap.EQUALIZED_ODDS).value(), eoNone, EPS, "EO(no positive) vs EOdds('0')");
        assertEquals(gapValue(one, Gap.EQUALIZED_ODDS).value(), gapValue(none, Gap.EQUALIZED_ODDS).value(), EPS,
                "EOdds(no positive)");
    }

    @Test
    void smallGroupsAreWarnedAbout() {
        GroupFairnessResult r = data().builder().build().evaluate();
        // both groups have 10 records, fewer than the default 30
        assertEquals(2, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("'female'")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("'male'")), r.warnings().toString());
        assertEquals(List.of(), data().builder().optMinGroupSize(10).build().evaluate().warnings());
        assertEquals(2, data().builder().optMinGroupSize(11).build().evaluate().warnings().size());

        // default threshold 30: a group of exactly 30 is not warned about, one of 29 is
        GroupData d = new GroupData().add("big", "1", "1", 15).add("big", "0", "0", 15)
                .add("small", "1", "1", 15).add("small", "0", "0", 14);
        List<String> w = d.builder().build().evaluate().warnings();
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("'small'") && w.get(0).contains("29"), w.get(0));
    }
}
