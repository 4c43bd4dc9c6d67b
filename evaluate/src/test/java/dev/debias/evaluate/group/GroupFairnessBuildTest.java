package dev.debias.evaluate.group;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The builder rejects wrong settings with an IllegalArgumentException naming the problem. */
class GroupFairnessBuildTest {
    private static GroupData data() {
        return new GroupData().add("female", "1", "1", 2).add("female", "0", "0").add("male", "1", "0").add("male", "0", "0");
    }

    private static void rejects(Executable build, String... messageParts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void unknownPositiveLabel() {
        rejects(() -> data().builder().optPositiveLabel("yes").build(), "yes");
        assertDoesNotThrow(() -> data().builder().optPositiveLabel("0").build());
    }

    @Test
    void unknownGapGroup() {
        rejects(() -> data().builder().optGapGroups("female", "nobody").build(), "nobody");
        rejects(() -> data().builder().optGapGroups("nobody", "male").build(), "nobody");
        rejects(() -> data().builder().optGapGroups("male", "male").build());
    }

    @Test
    void groupingOfADifferentSize() {
        PredictionSet other = new GroupData().add("female", "1", "1").add("male", "0", "0").set();
        PredictionSet set = data().set();
        rejects(() -> GroupFairness.builder().setPredictions(set).setGrouping(other.grouping(GroupData.FIELD)).build(),
                "2", "5");
    }

    @Test
    void missingPredictionsOrGroupingAndNegativeReplicates() {
        PredictionSet set = data().set();
        rejects(() -> GroupFairness.builder().setPredictions(set).build());
        rejects(() -> GroupFairness.builder().setGrouping(set.grouping(GroupData.FIELD)).build());
        rejects(() -> data().builder().optBootstrap(-1).build(), "-1");
    }

    @Test
    void noRecords() {
        PredictionSet empty = PredictionSet.of(List.of(), List.of(), Map.of("g", List.of()), null);
        rejects(() -> GroupFairness.builder().setPredictions(empty).setGrouping(empty.grouping("g")).build());
    }

    @Test
    void predictionSetErrors() {
        // labels outside a given class order, mismatched lengths (see PredictionSetTest for messages)
        assertThrows(IllegalArgumentException.class,
                () -> PredictionSet.of(List.of("1", "2"), List.of("1", "1"), Map.of(), List.of("0", "1")));
        assertThrows(IllegalArgumentException.class,
                () -> PredictionSet.of(List.of("1", "0"), List.of("1"), Map.of(), null));
        assertThrows(IllegalArgumentException.class,
                () -> PredictionSet.of(List.of("1", "0"), List.of("1", "0"), Map.of("g", List.of("a", "b", "c")), null));
    }

    private static PredictionSet twoFields() {
        return PredictionSet.of(List.of("1", "0", "1", "0"), List.of("1", "0", "0", "0"),
                Map.of("gender", List.of("female", "male", "female", "male"), "race", List.of("black", "black", "white", "white"),
                        "age", List.of("old", "young", "mid", "old")),
                null);
    }

    @Test
    void defaultGapGroupsFollowTheGroupingOfAFreshBuilder() {
        PredictionSet s = twoFields();
        GroupFairnessResult race = GroupFairness.builder().setPredictions(s).setGrouping(s.grouping("race")).optBootstrap(0)
                .build().evaluate();
        assertEquals(List.of("black", "white"), race.gapGroups());
        GroupFairnessResult age = GroupFairness.builder().setPredictions(s).setGrouping(s.grouping("age")).optBootstrap(0)
                .build().evaluate();
        assertEquals(List.of(), age.gapGroups());
    }

    @Test
    void defaultGapGroupsFollowTheGroupingWhenABuilderIsReused() {
        PredictionSet s = twoFields();
        GroupFairness.Builder b = GroupFairness.builder().setPredictions(s).optBootstrap(0);
        assertEquals(List.of("female", "male"), b.setGrouping(s.grouping("gender")).build().evaluate().gapGroups());
        assertEquals(List.of("black", "white"), b.setGrouping(s.grouping("race")).build().evaluate().gapGroups());
        assertEquals(List.of(), b.setGrouping(s.grouping("age")).build().evaluate().gapGroups());
    }
}
