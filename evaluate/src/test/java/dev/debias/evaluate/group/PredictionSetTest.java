package dev.debias.evaluate.group;

import static dev.debias.evaluate.group.GroupData.assertUndefined;
import static dev.debias.evaluate.group.GroupData.assertValue;
import static dev.debias.evaluate.group.GroupData.gapValue;
import static dev.debias.evaluate.group.GroupData.group;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Coding of labels, groupings, intersections and empty group values. */
class PredictionSetTest {
    @Test
    void classesAreTheSortedUnionOfLabelsAndPredictionsUnlessAnOrderIsGiven() {
        PredictionSet s = PredictionSet.of(List.of("b", "c"), List.of("a", "b"), Map.of(), null);
        assertEquals(List.of("a", "b", "c"), s.classes());
        assertEquals(2, s.size());
        assertEquals(1, s.label(0));
        assertEquals(2, s.label(1));
        assertEquals(0, s.prediction(0));
        assertEquals(1, s.prediction(1));

        PredictionSet ordered = PredictionSet.of(List.of("b", "c"), List.of("a", "b"), Map.of(), List.of("c", "b", "a", "d"));
        assertEquals(List.of("c", "b", "a", "d"), ordered.classes());
        assertEquals(1, ordered.label(0));
        assertEquals(0, ordered.label(1));
        assertEquals(2, ordered.prediction(0));
    }

    @Test
    void aGroupingHasSortedGroupsAndEachRecordsGroup() {
        PredictionSet s = PredictionSet.of(List.of("1", "0", "1"), List.of("1", "0", "0"),
                Map.of("gender", List.of("male", "female", "male")), null);
        Grouping g = s.grouping("gender");
        assertEquals("gender", g.name());
        assertEquals(List.of("female", "male"), g.groups());
        assertArrayEquals(new int[] {1, 0, 1}, g.groupOf());
        assertEquals(3, g.size());
        assertEquals(List.of("gender"), s.groupFields());
    }

    private static PredictionSet intersectionData() {
        Map<String, List<String>> cols = new LinkedHashMap<>();
        // fb: 1->1, 0->1, 0->0 | fw: 1->1, 1->1 | mb: 1->0, 0->0 | mw: 1->1, 0->0, 0->0 (rows shuffled)
        cols.put("gender", List.of("male", "female", "female", "male", "female", "male", "male", "female", "male", "female"));
        cols.put("race", List.of("white", "black", "white", "black", "black", "white", "black", "white", "white", "black"));
        List<String> labels = List.of("1", "1", "1", "1", "0", "0", "0", "1", "0", "0");
        List<String> preds = List.of("1", "1", "1", "0", "1", "0", "0", "1", "0", "0");
        return PredictionSet.of(labels, preds, cols, null);
    }

    @Test
    void intersectionGroupsAreTheSortedCombinations() {
        PredictionSet s = intersectionData();
        assertEquals(List.of("gender", "race"), s.groupFields());
        Grouping g = s.intersection(List.of("gender", "race"));
        assertEquals("gender x race", g.name());
        assertEquals(List.of("female x black", "female x white", "male x black", "male x white"), g.groups());
        // record 0 is male/white, record 1 female/black
        assertEquals(3, g.groupOf(0));
        assertEquals(0, g.groupOf(1));
        // one field is its plain grouping
        Grouping one = s.intersection(List.of("gender"));
        assertEquals(s.grouping("gender").name(), one.name());
        assertEquals(s.grouping("gender").groups(), one.groups());
        assertArrayEquals(s.grouping("gender").groupOf(), one.groupOf());
        // the field order sets the name order
        assertEquals(List.of("black x female", "black x male", "white x female", "white x male"),
                s.intersection(List.of("race", "gender")).groups());
    }

    @Test
    void metricsOnAnIntersection() {
        PredictionSet s = intersectionData();
        GroupFairnessResult r = GroupFairness.builder().setPredictions(s).setGrouping(s.intersection(List.of("gender", "race")))
                .optPositiveLabel("1").optBootstrap(0).build().evaluate();
        assertEquals("gender x race", r.grouping());
        assertEquals(List.of("female x black", "female x white", "male x black", "male x white"),
                r.groups().stream().map(GroupMetrics::group).toList());
        // female x black: 1->1, 0->1, 0->0: 3 records, accuracy 2/3, selection 2/3, TPR 1/1, FPR 1/2
        GroupMetrics fb = group(r, "female x black");
        assertEquals(3, fb.count());
        assertValue(2.0 / 3, fb.accuracy(), "fb accuracy");
        assertValue(2.0 / 3, fb.selectionRate(), "fb selection");
        assertValue(0.5, GroupData.cls(fb, "1").fpr(), "fb FPR");
        // female x white: 1->1 x2: accuracy 1, selection 1; FPR undefined (every record is labelled 1)
        GroupMetrics fw = group(r, "female x white");
        assertEquals(2, fw.count());
        assertValue(1.0, fw.selectionRate(), "fw selection");
        assertUndefined(GroupData.cls(fw, "1").fpr(), "fw FPR", "'female x white'");
        // male x black: 1->0, 0->0: accuracy 1/2, selection 0, TPR 0
        GroupMetrics mb = group(r, "male x black");
        assertValue(0.5, mb.accuracy(), "mb accuracy");
        assertValue(0.0, mb.selectionRate(), "mb selection");
        // male x white: 1->1, 0->0 x2: accuracy 1, selection 1/3
        assertValue(1.0 / 3, group(r, "male x white").selectionRate(), "mw selection");
        // DP 1 - 0; DI 0/1 is a real 0; EO: TPR 1, 1, 0, 1 -> 1
        assertValue(1.0, gapValue(r, Gap.DEMOGRAPHIC_PARITY), "DP");
        assertValue(0.0, gapValue(r, Gap.DISPARATE_IMPACT), "DI");
        assertValue(1.0, gapValue(r, Gap.EQUAL_OPPORTUNITY), "EO");
        // four groups: no default gap groups
        assertEquals(List.of(), r.gapGroups());
        // TPR of 0 (fb 1/2, mw 2/2) and of 1 (fb 1, mw 1) for the named pair
        GroupFairnessResult pair = GroupFairness.builder().setPredictions(s).setGrouping(s.intersection(List.of("gender", "race")))
                .optGapGroups("female x black", "male x white").optBootstrap(0).build().evaluate();
        assertValue(-0.5, gapValue(pair, Gap.TPR_GAP + "[0]"), "tpr_gap[0]");
        assertValue(0.0, gapValue(pair, Gap.TPR_GAP + "[1]"), "tpr_gap[1]");
    }

    @Test
    void emptyGroupValuesFormTheEmptyGroupWithAWarning() {
        List<String> gender = Arrays.asList("female", "", null, "  ", "male", "female");
        PredictionSet s = PredictionSet.of(List.of("1", "0", "1", "0", "1", "0"), List.of("1", "0", "0", "0", "1", "1"),
                Map.of("gender", gender), null);
        Grouping g = s.grouping("gender");
        assertEquals(List.of(PredictionSet.EMPTY_GROUP, "female", "male"), g.groups());
        assertEquals("(empty)", PredictionSet.EMPTY_GROUP);
        GroupFairnessResult r = GroupFairness.builder().setPredictions(s).setGrouping(g).optBootstrap(0).optMinGroupSize(1)
                .build().evaluate();
        GroupMetrics empty = group(r, "(empty)");
        assertEquals(3, empty.count());
        // (empty): 0->0, 1->0, 0->0: accuracy 2/3
        assertValue(2.0 / 3, empty.accuracy(), "(empty) accuracy");
        // male has no positives here, so the TPR-based gaps also warn that they leave it out
        List<String> aboutEmpty = r.warnings().stream().filter(w -> w.contains("form the group")).toList();
        assertEquals(1, aboutEmpty.size(), r.warnings().toString());
        assertTrue(aboutEmpty.get(0).contains("(empty)") && aboutEmpty.get(0).contains("gender"), aboutEmpty.get(0));
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("equal_opportunity_difference of gender leaves out [male]")),
                r.warnings().toString());

        // in an intersection too
        PredictionSet both = PredictionSet.of(List.of("1", "0"), List.of("1", "0"),
                new LinkedHashMap<>(Map.of("gender", Arrays.asList("", "male"), "race", List.of("black", "white"))), null);
        assertTrue(both.intersection(List.of("gender", "race")).groups().contains("(empty) x black"));
    }

    @Test
    void buildErrors() {
        // mismatched list lengths
        assertThrows(IllegalArgumentException.class,
                () -> PredictionSet.of(List.of("a", "b"), List.of("a"), Map.of(), null));
        assertThrows(IllegalArgumentException.class,
                () -> PredictionSet.of(List.of("a", "b"), List.of("a", "b"), Map.of("g", List.of("x")), null));
        // labels or predictions outside the class order
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> PredictionSet.of(List.of("a", "zz"), List.of("a", "b"), Map.of(), List.of("a", "b")));
        assertTrue(label.getMessage().contains("zz"), label.getMessage());
        IllegalArgumentException pred = assertThrows(IllegalArgumentException.class,
                () -> PredictionSet.of(List.of("a", "b"), List.of("a", "yy"), Map.of(), List.of("a", "b")));
        assertTrue(pred.getMessage().contains("yy"), pred.getMessage());
        // unknown fields
        PredictionSet s = PredictionSet.of(List.of("a"), List.of("a"), Map.of("g", List.of("x")), null);
        assertThrows(IllegalArgumentException.class, () -> s.grouping("nope"));
        assertThrows(IllegalArgumentException.class, () -> s.intersection(List.of("g", "nope")));
        assertThrows(IllegalArgumentException.class, () -> s.intersection(List.of()));
        // a grouping's record indexes must name its groups
        assertThrows(IllegalArgumentException.class, () -> new Grouping("g", List.of("x"), new int[] {0, 1}));
    }
}
