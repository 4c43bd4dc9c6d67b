package dev.debias.evaluate.group;

import static dev.debias.evaluate.group.GroupData.assertClass;
import static dev.debias.evaluate.group.GroupData.assertUndefined;
import static dev.debias.evaluate.group.GroupData.assertValue;
import static dev.debias.evaluate.group.GroupData.gapValue;
import static dev.debias.evaluate.group.GroupData.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Three classes over three groups: per-class metrics, worst-class gaps, per-class TPR gaps, GAP-RMS, correlation. */
class GroupFairnessMulticlassTest {
    private static final List<String> CLASSES = List.of("p", "q", "r");

    /*
     * Confusion matrices, rows true p,q,r, columns predicted p,q,r (10 records per group):
     *   a: p [3,1,0]  q [0,2,1]  r [1,0,2]   predicted p 4, q 3, r 3
     *   b: p [2,0,0]  q [1,3,0]  r [0,2,2]   predicted p 3, q 5, r 2
     *   c: p [1,1,1]  q [0,4,0]  r [0,1,2]   predicted p 1, q 6, r 3
     * Per group, TPR = diagonal / row sum; FPR = (column sum - diagonal) / (10 - row sum):
     *   TPR  a: 3/4, 2/3, 2/3     b: 1, 3/4, 1/2     c: 1/3, 1, 2/3
     *   FPR  a: 1/6, 1/7, 1/7     b: 1/8, 1/3, 0     c: 0, 1/3, 1/7
     *   sel  a: .4, .3, .3        b: .3, .5, .2       c: .1, .6, .3
     */
    private static GroupData data() {
        return new GroupData()
                .matrix("c", CLASSES, new int[][] {{1, 1, 1}, {0, 4, 0}, {0, 1, 2}})
                .matrix("a", CLASSES, new int[][] {{3, 1, 0}, {0, 2, 1}, {1, 0, 2}})
                .matrix("b", CLASSES, new int[][] {{2, 0, 0}, {1, 3, 0}, {0, 2, 2}});
    }

    @Test
    void perClassMetricsOfAGroupAndOverall() {
        GroupFairnessResult r = data().builder().build().evaluate();
        assertEquals(CLASSES, r.classes());
        assertEquals(List.of("a", "b", "c"), r.groups().stream().map(GroupMetrics::group).toList());

        GroupMetrics a = group(r, "a");
        assertEquals(10, a.count());
        // correct 3 + 2 + 2 = 7 of 10
        assertValue(0.7, a.accuracy(), "a accuracy");
        // p: TP 3, support 4, predicted 4: TPR 3/4, FPR (4-3)/(10-4) = 1/6, precision 3/4, selection 4/10
        assertClass(a, "p", 4, 4, 0.75, 1.0 / 6, 0.75, 0.4);
        // q: TP 2, support 3, predicted 3: TPR 2/3, FPR (3-2)/7, precision 2/3, selection 3/10
        assertClass(a, "q", 3, 3, 2.0 / 3, 1.0 / 7, 2.0 / 3, 0.3);
        // r: TP 2, support 3, predicted 3: TPR 2/3, FPR 1/7, precision 2/3, selection 3/10
        assertClass(a, "r", 3, 3, 2.0 / 3, 1.0 / 7, 2.0 / 3, 0.3);
        // F1 = 2TP/(support + predicted): p 6/8, q 4/6, r 4/6; mean (9 + 8 + 8)/12/3 = 25/36
        assertValue(25.0 / 36, a.macroF1(), "a macro-F1");
        // no positive label: the selection rate is undefined, not 0
        assertUndefined(a.selectionRate(), "a selection rate", "positive label");

        GroupMetrics b = group(r, "b");
        // p: TP 2, support 2, predicted 3: TPR 1, FPR 1/8, precision 2/3, selection .3
        assertClass(b, "p", 2, 3, 1.0, 1.0 / 8, 2.0 / 3, 0.3);
        // q: TP 3, support 4, predicted 5: TPR 3/4, FPR 2/6, precision 3/5, selection .5
        assertClass(b, "q", 4, 5, 0.75, 1.0 / 3, 0.6, 0.5);
        // r: TP 2, support 4, predicted 2: TPR 1/2, FPR 0/6, precision 1, selection .2
        assertClass(b, "r", 4, 2, 0.5, 0.0, 1.0, 0.2);
        // F1: p 4/5, q 6/9, r 4/6; mean (4/5 + 4/3)/3 = 32/45
        assertValue(32.0 / 45, b.macroF1(), "b macro-F1");

        // c: F1 p 2/(3+1) = 1/2, q 8/(4+6) = 4/5, r 4/(3+3) = 2/3; mean (15 + 24 + 20)/30/3 = 59/90
        assertValue(59.0 / 90, group(r, "c").macroF1(), "c macro-F1");

        // overall matrix: p [6,2,1], q [1,9,1], r [1,3,6]; predicted p 8, q 14, r 8; correct 21 of 30
        GroupMetrics all = r.overall();
        assertEquals(30, all.count());
        assertValue(0.7, all.accuracy(), "overall accuracy");
        // p: TPR 6/9, FPR (8-6)/21, precision 6/8, selection 8/30
        assertClass(all, "p", 9, 8, 6.0 / 9, 2.0 / 21, 0.75, 8.0 / 30);
        // F1: p 12/17, q 18/25, r 12/18
        assertValue((12.0 / 17 + 18.0 / 25 + 12.0 / 18) / 3, all.macroF1(), "overall macro-F1");
    }

    @Test
    void gapsWithoutAPositiveLabelAreTheWorstClass() {
        GroupFairnessResult r = data().builder().build().evaluate();
        // DP per class: p .4-.1 = .3, q .6-.3 = .3, r .3-.2 = .1 -> .3
        assertValue(0.3, gapValue(r, Gap.DEMOGRAPHIC_PARITY), "DP");
        // DI per class: p .1/.4 = .25, q .3/.6 = .5, r .2/.3 = 2/3 -> smallest .25
        assertValue(0.25, gapValue(r, Gap.DISPARATE_IMPACT), "DI");
        // EO per class: p 1 - 1/3 = 2/3, q 1 - 2/3 = 1/3, r 2/3 - 1/2 = 1/6 -> 2/3
        assertValue(2.0 / 3, gapValue(r, Gap.EQUAL_OPPORTUNITY), "EO");
        // FPR ranges: p 1/6 - 0 = 1/6, q 1/3 - 1/7 = 4/21, r 1/7 - 0 = 1/7
        // EOdds per class: p max(2/3, 1/6), q max(1/3, 4/21), r max(1/6, 1/7) -> 2/3
        assertValue(2.0 / 3, gapValue(r, Gap.EQUALIZED_ODDS), "EOdds");
    }

    @Test
    void gapsWithAPositiveLabel() {
        GroupFairnessResult q = data().builder().optPositiveLabel("q").build().evaluate();
        // selection of q: .3, .5, .6; TPR of q: 2/3, 3/4, 1; FPR of q: 1/7, 1/3, 1/3
        assertValue(0.3, group(q, "a").selectionRate(), "a selection of q");
        assertValue(0.6 - 0.3, gapValue(q, Gap.DEMOGRAPHIC_PARITY), "DP(q)");
        assertValue(0.3 / 0.6, gapValue(q, Gap.DISPARATE_IMPACT), "DI(q)");
        assertValue(1 - 2.0 / 3, gapValue(q, Gap.EQUAL_OPPORTUNITY), "EO(q)");
        // max(1/3, 1/3 - 1/7 = 4/21)
        assertValue(1.0 / 3, gapValue(q, Gap.EQUALIZED_ODDS), "EOdds(q)");

        GroupFairnessResult p = data().builder().optPositiveLabel("p").build().evaluate();
        // selection of p: .4, .3, .1; TPR of p: 3/4, 1, 1/3; FPR of p: 1/6, 1/8, 0
        assertValue(0.4 - 0.1, gapValue(p, Gap.DEMOGRAPHIC_PARITY), "DP(p)");
        assertValue(0.1 / 0.4, gapValue(p, Gap.DISPARATE_IMPACT), "DI(p)");
        assertValue(1 - 1.0 / 3, gapValue(p, Gap.EQUAL_OPPORTUNITY), "EO(p)");
        assertValue(2.0 / 3, gapValue(p, Gap.EQUALIZED_ODDS), "EOdds(p)");
    }

    @Test
    void withThreeGroupsAndNoGapGroupsThereAreNoPerClassGaps() {
        GroupFairnessResult r = data().builder().build().evaluate();
        assertEquals(List.of(), r.gapGroups());
        for (String c : CLASSES) {
            assertUndefined(gapValue(r, Gap.TPR_GAP + "[" + c + "]"), "tpr_gap[" + c + "]");
        }
        assertUndefined(gapValue(r, Gap.GAP_RMS), "GAP-RMS");
        assertUndefined(gapValue(r, Gap.GAP_SHARE_CORRELATION), "correlation");
    }

    @Test
    void perClassTprGapsGapRmsAndCorrelation() {
        Map<String, Double> shares = Map.of("p", 0.2, "q", 0.5, "r", 0.8);
        GroupFairnessResult r = data().builder().optGapGroups("a", "b").optTrainShares(shares).build().evaluate();
        assertEquals(List.of("a", "b"), r.gapGroups());
        // TPR a minus b: p 3/4 - 1 = -1/4, q 2/3 - 3/4 = -1/12, r 2/3 - 1/2 = 1/6
        assertValue(-0.25, gapValue(r, Gap.TPR_GAP + "[p]"), "tpr_gap[p]");
        assertValue(-1.0 / 12, gapValue(r, Gap.TPR_GAP + "[q]"), "tpr_gap[q]");
        assertValue(1.0 / 6, gapValue(r, Gap.TPR_GAP + "[r]"), "tpr_gap[r]");
        // GAP-RMS = sqrt((1/16 + 1/144 + 1/36)/3) = sqrt((9 + 1 + 4)/144/3) = sqrt(7/216)
        assertValue(Math.sqrt(7.0 / 216), gapValue(r, Gap.GAP_RMS), "GAP-RMS");
        // Pearson: x = (-9, -3, 6)/36, mean -1/18 -> dx = (-7, -1, 8)/36, sum dx^2 = 114/1296
        //          y = (.2, .5, .8), mean .5     -> dy = (-.3, 0, .3),   sum dy^2 = .18
        //          cov = (2.1 + 2.4)/36 = 4.5/36; r = (4.5/36) / (sqrt(114 * .18)/36) = 4.5/sqrt(20.52) = 15/sqrt(228)
        assertValue(15 / Math.sqrt(228), gapValue(r, Gap.GAP_SHARE_CORRELATION), "correlation");

        // b minus a: the gaps and the correlation change sign, the RMS stays
        GroupFairnessResult ba = data().builder().optGapGroups("b", "a").optTrainShares(shares).build().evaluate();
        assertValue(0.25, gapValue(ba, Gap.TPR_GAP + "[p]"), "tpr_gap[p] b-a");
        assertValue(Math.sqrt(7.0 / 216), gapValue(ba, Gap.GAP_RMS), "GAP-RMS b-a");
        assertValue(-15 / Math.sqrt(228), gapValue(ba, Gap.GAP_SHARE_CORRELATION), "correlation b-a");
    }

    @Test
    void correlationNeedsThreeClassesWithAShare() {
        Map<String, Double> twoShares = new HashMap<>(Map.of("p", 0.2, "q", 0.5));
        GroupFairnessResult r = data().builder().optGapGroups("a", "b").optTrainShares(twoShares).build().evaluate();
        assertUndefined(gapValue(r, Gap.GAP_SHARE_CORRELATION), "correlation over 2 classes", "3");
        // the per-class gaps and RMS do not need shares
        assertValue(Math.sqrt(7.0 / 216), gapValue(r, Gap.GAP_RMS), "GAP-RMS");

        // equal shares: no variance, undefined rather than 0
        GroupFairnessResult flat = data().builder().optGapGroups("a", "b")
                .optTrainShares(Map.of("p", 0.5, "q", 0.5, "r", 0.5)).build().evaluate();
        assertUndefined(gapValue(flat, Gap.GAP_SHARE_CORRELATION), "correlation with constant shares");
    }

    @Test
    void macroF1LeavesOutClassesAbsentFromAGroupButCountsPredictedOnlyClassesAsZero() {
        GroupData d = new GroupData()
                // x: p->p x2, q->q x1, q->p x1; r neither true nor predicted
                .add("x", "p", "p", 2).add("x", "q", "q").add("x", "q", "p")
                // y: p->p x2, p->r x1, q->q x1; r predicted but never true
                .add("y", "p", "p", 2).add("y", "p", "r").add("y", "q", "q");
        GroupFairnessResult r = d.builder().build().evaluate();
        GroupMetrics x = group(r, "x");
        // x: F1 p = 2*2/(2 + 3) = 4/5, F1 q = 2*1/(2 + 1) = 2/3; r left out: (4/5 + 2/3)/2 = 11/15
        assertValue(11.0 / 15, x.macroF1(), "x macro-F1");
        // r in x: TPR undefined (no r records), precision undefined (never predicted), FPR 0/4, selection 0
        assertClass(x, "r", 0, 0, Double.NaN, 0.0, Double.NaN, 0.0);
        assertUndefined(GroupData.cls(x, "r").tpr(), "x TPR of r", "'r'", "'x'");
        assertUndefined(GroupData.cls(x, "r").precision(), "x precision of r", "'r'");
        // y: F1 p = 4/(3 + 2) = 4/5, q = 2/(1 + 1) = 1, r = 0/(0 + 1) = 0 (predicted, so counted): 1.8/3 = 3/5
        assertValue(0.6, group(r, "y").macroF1(), "y macro-F1");

        // a class of a fixed class order that never occurs is left out of the macro-F1 as well
        PredictionSet s = PredictionSet.of(List.of("p", "q"), List.of("p", "p"), Map.of("g", List.of("u", "u")),
                List.of("p", "q", "z"));
        GroupFairnessResult z = GroupFairness.builder().setPredictions(s).setGrouping(s.grouping("g")).optBootstrap(0)
                .build().evaluate();
        // F1 p = 2/(1 + 2) = 2/3, F1 q = 0/(1 + 0) = 0, z absent: (2/3 + 0)/2 = 1/3
        assertValue(1.0 / 3, z.overall().macroF1(), "macro-F1 with an absent class");
        assertTrue(z.classes().contains("z"));
    }
}
