package dev.debias.evaluate.group;

import static dev.debias.evaluate.group.GroupData.assertClass;
import static dev.debias.evaluate.group.GroupData.assertUndefined;
import static dev.debias.evaluate.group.GroupData.assertValue;
import static dev.debias.evaluate.group.GroupData.gap;
import static dev.debias.evaluate.group.GroupData.gapValue;
import static dev.debias.evaluate.group.GroupData.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Estimate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Undefined metrics are reported as undefined with a reason, never as 0, under both policies. */
class GroupFairnessUndefinedTest {
    /*
     * a: 1->1, 1->0, 0->0, 0->1    TPR(1) 1/2, FPR(1) 1/2, selection(1) 2/4
     * b: 1->1 x2, 0->0 x2          TPR(1) 1,   FPR(1) 0,   selection(1) 2/4
     * c: 0->0 x3, 0->1             no record labelled 1: TPR(1) undefined, FPR(1) 1/4, selection(1) 1/4;
     *                              every record labelled 0: FPR(0) undefined
     */
    private static GroupData data() {
        return new GroupData()
                .add("c", "0", "0", 3).add("c", "0", "1")
                .add("a", "1", "1").add("a", "1", "0").add("a", "0", "0").add("a", "0", "1")
                .add("b", "1", "1", 2).add("b", "0", "0", 2);
    }

    @Test
    void aGroupWithoutPositivesHasAnUndefinedTprNeverZero() {
        GroupFairnessResult r = data().builder().optPositiveLabel("1").build().evaluate();
        GroupMetrics c = group(r, "c");
        assertUndefined(GroupData.cls(c, "1").tpr(), "TPR of '1' in c", "'1'", "'c'");
        // FPR(1) = 1/4; precision(1) = 0/1 is a real 0 (predicted once, wrongly); selection 1/4
        assertClass(c, "1", 0, 1, Double.NaN, 0.25, 0.0, 0.25);
        // class 0: TPR 3/4, FPR undefined because every record of c is labelled 0, precision 3/3
        assertClass(c, "0", 4, 3, 0.75, Double.NaN, 1.0, 0.75);
        assertUndefined(GroupData.cls(c, "0").fpr(), "FPR of '0' in c", "'0'", "'c'");
    }

    @Test
    void skipGroupComputesTheGapOverTheOtherGroupsAndListsTheLeftOutGroup() {
        GroupFairnessResult r = data().builder().optPositiveLabel("1").build().evaluate();
        // EO over a and b: 1 - 1/2
        Gap eo = gap(r, Gap.EQUAL_OPPORTUNITY);
        assertValue(0.5, eo.value(), "EO skipping c");
        assertEquals(List.of("c"), eo.excludedGroups());
        // EOdds: TPR range 1/2 over a, b; FPR range over a, b, c: 1/2 - 0 -> 1/2; c left out of the TPR side
        Gap eodds = gap(r, Gap.EQUALIZED_ODDS);
        assertValue(0.5, eodds.value(), "EOdds skipping c");
        assertEquals(List.of("c"), eodds.excludedGroups());
        // selection rates are defined everywhere: DP 1/2 - 1/4, DI (1/4)/(1/2), nothing left out
        assertValue(0.25, gapValue(r, Gap.DEMOGRAPHIC_PARITY), "DP");
        assertValue(0.5, gapValue(r, Gap.DISPARATE_IMPACT), "DI");
        assertEquals(List.of(), gap(r, Gap.DEMOGRAPHIC_PARITY).excludedGroups());
        assertEquals(UndefinedPolicy.SKIP_GROUP, UndefinedPolicy.values()[0]);
        // the explicit policy gives the same result as the default
        assertEquals(r, data().builder().optPositiveLabel("1").optUndefinedPolicy(UndefinedPolicy.SKIP_GROUP).build()
                .evaluate());
    }

    @Test
    void propagateMakesTheGapUndefinedAsSoonAsOneGroupIs() {
        GroupFairnessResult r = data().builder().optPositiveLabel("1").optUndefinedPolicy(UndefinedPolicy.PROPAGATE)
                .build().evaluate();
        assertUndefined(gapValue(r, Gap.EQUAL_OPPORTUNITY), "EO under PROPAGATE", "c");
        assertUndefined(gapValue(r, Gap.EQUALIZED_ODDS), "EOdds under PROPAGATE", "c");
        // the group's own metric stays undefined, not 0
        assertUndefined(GroupData.cls(group(r, "c"), "1").tpr(), "TPR of '1' in c");
        // gaps of metrics defined in every group are unaffected
        assertValue(0.25, gapValue(r, Gap.DEMOGRAPHIC_PARITY), "DP under PROPAGATE");
        assertValue(0.5, gapValue(r, Gap.DISPARATE_IMPACT), "DI under PROPAGATE");

        // without a positive label the worst class is undefined as soon as one class's gap is
        GroupFairnessResult none = data().builder().optUndefinedPolicy(UndefinedPolicy.PROPAGATE).build().evaluate();
        assertUndefined(gapValue(none, Gap.EQUAL_OPPORTUNITY), "worst-class EO under PROPAGATE");
    }

    @Test
    void undefinedNeverReadsAsZeroAnywhere() {
        for (UndefinedPolicy policy : UndefinedPolicy.values()) {
            GroupFairnessResult r = data().builder().optPositiveLabel("1").optGapGroups("a", "c").optUndefinedPolicy(policy)
                    .build().evaluate();
            for (GroupMetrics g : r.groups()) {
                for (ClassMetrics c : g.classes()) {
                    for (Estimate e : List.of(c.tpr(), c.fpr(), c.precision(), c.selectionRate())) {
                        assertTrue(e.isDefined() || e.undefined() != null, g.group() + "/" + c.label());
                    }
                }
            }
            // the only undefined per-group values are c's TPR(1) and FPR(0)
            assertEquals(2, r.groups().stream().flatMap(g -> g.classes().stream())
                    .flatMap(c -> java.util.stream.Stream.of(c.tpr(), c.fpr(), c.precision(), c.selectionRate()))
                    .filter(e -> !e.isDefined()).count(), policy.name());
        }
    }

    @Test
    void perClassTprGapWithAnUndefinedSide() {
        // gap groups a minus c: TPR(1) undefined in c; TPR(0): a 1/2, c 3/4 -> -1/4
        GroupFairnessResult skip = data().builder().optGapGroups("a", "c").build().evaluate();
        assertUndefined(gapValue(skip, Gap.TPR_GAP + "[1]"), "tpr_gap[1]", "'1'", "'c'");
        assertValue(-0.25, gapValue(skip, Gap.TPR_GAP + "[0]"), "tpr_gap[0]");
        // RMS over the classes with a defined gap: sqrt(1/16)
        Gap rms = gap(skip, Gap.GAP_RMS);
        assertValue(0.25, rms.value(), "GAP-RMS skipping class 1");
        assertEquals(1, rms.excludedGroups().size(), rms.excludedGroups().toString());
        assertTrue(rms.excludedGroups().get(0).contains("1"), rms.excludedGroups().toString());

        GroupFairnessResult prop = data().builder().optGapGroups("a", "c").optUndefinedPolicy(UndefinedPolicy.PROPAGATE)
                .build().evaluate();
        assertUndefined(gapValue(prop, Gap.GAP_RMS), "GAP-RMS under PROPAGATE", "1");
        assertValue(-0.25, gapValue(prop, Gap.TPR_GAP + "[0]"), "tpr_gap[0] under PROPAGATE");
    }

    @Test
    void aGapDefinedInFewerThanTwoGroupsIsUndefinedEvenWhenSkipping() {
        // only a has records labelled 1
        GroupData d = new GroupData().add("a", "1", "1").add("a", "0", "0")
                .add("b", "0", "0", 2).add("c", "0", "1", 2);
        GroupFairnessResult r = d.builder().optPositiveLabel("1").build().evaluate();
        assertUndefined(gapValue(r, Gap.EQUAL_OPPORTUNITY), "EO with one defined group", "two");
        assertUndefined(gapValue(r, Gap.EQUALIZED_ODDS), "EOdds with one defined group");
        // selection of 1: 1/2, 0, 1 -> DP 1
        assertValue(1.0, gapValue(r, Gap.DEMOGRAPHIC_PARITY), "DP");
    }

    @Test
    void disparateImpactIsUndefinedWhenNoGroupIsPredictedPositive() {
        GroupData d = new GroupData().add("a", "1", "0").add("a", "0", "0").add("b", "1", "0").add("b", "0", "0");
        GroupFairnessResult r = d.builder().optPositiveLabel("1").build().evaluate();
        // selection rates 0 and 0: DP is a true 0, DI is 0/0
        assertValue(0.0, gapValue(r, Gap.DEMOGRAPHIC_PARITY), "DP");
        assertUndefined(gapValue(r, Gap.DISPARATE_IMPACT), "DI with max 0", "'1'");
        assertUndefined(GroupData.cls(group(r, "a"), "1").precision(), "precision of never-predicted '1'", "'1'");
        // and TPR 0 in both groups is a true 0, so EO is 0
        assertValue(0.0, gapValue(r, Gap.EQUAL_OPPORTUNITY), "EO");
    }

    @Test
    void oneGroupLeavesEveryGapUndefined() {
        GroupData d = new GroupData().add("only", "1", "1", 3).add("only", "0", "1").add("only", "0", "0", 2);
        GroupFairnessResult r = d.builder().optPositiveLabel("1").optBootstrap(50).build().evaluate();
        assertEquals(List.of(), r.gapGroups());
        assertTrue(r.gaps().size() >= 4 + 2 + 2, r.gaps().toString());
        for (Gap g : r.gaps()) {
            assertUndefined(g.value(), g.name(), "only one group");
        }
        // the group's own metrics are defined: accuracy 5/6, selection 4/6
        assertValue(5.0 / 6, group(r, "only").accuracy(), "accuracy");
        assertValue(4.0 / 6, r.overall().selectionRate(), "selection rate");
        assertNotNull(group(r, "only").accuracy().low());
    }

    @Test
    void withoutAPositiveLabelTheWorstClassListsItsLeftOutGroups() {
        // a: 1->0, 0->0 x2; b: 1->1, 0->0 x2; c: 0->0 x2 (no record labelled 1)
        // TPR(1): a 0, b 1, c undefined -> range 1 skipping c; TPR(0): 1, 1, 1 -> range 0
        GroupData d = new GroupData().add("a", "1", "0").add("a", "0", "0", 2).add("b", "1", "1").add("b", "0", "0", 2)
                .add("c", "0", "0", 2);
        GroupFairnessResult r = d.builder().build().evaluate();
        Gap eo = gap(r, Gap.EQUAL_OPPORTUNITY);
        assertValue(1.0, eo.value(), "worst-class EO");
        assertEquals(List.of("c"), eo.excludedGroups());
        GroupFairnessResult prop = d.builder().optUndefinedPolicy(UndefinedPolicy.PROPAGATE).build().evaluate();
        assertUndefined(gapValue(prop, Gap.EQUAL_OPPORTUNITY), "worst-class EO under PROPAGATE", "'1'");
    }
}
