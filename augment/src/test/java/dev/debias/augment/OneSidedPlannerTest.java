package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OneSidedPlannerTest {
    @Test
    void copiesEveryRecordOfEachLabelsOverRepresentedGroupOnce() {
        // a: 2 female, 1 male (female over); b: 1 and 1 (tie); c: no grouped record; d: 1 male (male over);
        // the last record has no listed label
        Census c = CensusTest.census(CensusTest.FM, List.of("a", "b", "c", "d"), new int[][] {
                {0, 0}, {0, 1}, {0, 0}, {1, 0}, {1, 1}, {2, -1}, {3, 1}, {0, -1}, {-1, 0}});
        Plan p = new OneSidedPlanner().plan(c);
        assertArrayEquals(new int[] {1, 0, 1, 0, 0, 0, 1, 0, 0}, p.copies());
        assertArrayEquals(new boolean[9], p.drop(), "one-sided drops nothing");
        assertEquals(List.of(), p.warnings());
        assertEquals(0, p.weights().size());
    }

    @Test
    void theOverRepresentedGroupHasStrictlyTheMostRecords() {
        long[][] counts = {{3, 2, 0, 1}, {1, 2, 0, 4}, {0, 2, 0, 4}};
        assertEquals(0, OneSidedPlanner.overRepresented(counts, 0));
        assertEquals(-1, OneSidedPlanner.overRepresented(counts, 1), "a three-way tie");
        assertEquals(-1, OneSidedPlanner.overRepresented(counts, 2), "no records");
        assertEquals(-1, OneSidedPlanner.overRepresented(counts, 3), "groups 1 and 2 tie at the top");
        assertEquals(2, OneSidedPlanner.overRepresented(new long[][] {{1}, {0}, {5}}, 0));
    }
}
