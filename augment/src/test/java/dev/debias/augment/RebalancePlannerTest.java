package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.SeededShuffle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RebalancePlannerTest {
    private static final int F = 0;
    private static final int M = 1;
    private static final int NONE = -1;

    /**
     * Label a: records 0-5 female, 6-7 male; label b: record 8 female, 9-11 male; label z: record 12
     * without a group. Every grouped record's copy is of the other group.
     */
    private static Census sixToTwo() {
        List<int[]> rs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rs.add(new int[] {0, F, M});
        }
        rs.add(new int[] {0, M, F});
        rs.add(new int[] {0, M, F});
        rs.add(new int[] {1, F, M});
        for (int i = 0; i < 3; i++) {
            rs.add(new int[] {1, M, F});
        }
        rs.add(new int[] {2, NONE, NONE});
        return CensusTest.census(CensusTest.FM, List.of("a", "b", "z"), rs.toArray(int[][]::new));
    }

    private static RebalancePlanner planner(double rate, String group, boolean drop, long seed) {
        return new RebalancePlanner("gender", group, rate, drop, seed);
    }

    /** The first {@code n} of {@code candidates} in the order the planner shuffles label {@code l}'s with {@code seed}. */
    private static List<Integer> firstShuffled(List<Integer> candidates, long seed, int l, int n) {
        List<Integer> c = new ArrayList<>(candidates);
        SeededShuffle.shuffle(c, new SplittableRandom(RebalancePlanner.shuffleSeed(seed, l)));
        return c.subList(0, n);
    }

    private static int sum(int[] a, int from, int to) {
        return Arrays.stream(a, from, to).sum();
    }

    @Test
    void theShuffleSeedIsTheSeedTimes31PlusTheLabel() {
        assertEquals(31, RebalancePlanner.shuffleSeed(1, 0));
        assertEquals(65, RebalancePlanner.shuffleSeed(2, 3));
        assertEquals(-30, RebalancePlanner.shuffleSeed(-1, 1));
    }

    @Test
    void addsTheFewestCopiesOfTheOverRepresentedGroup() {
        Plan p = planner(0.5, null, false, 1).plan(sixToTwo());
        // a: 6 / (8 + x) = 0.5 -> x = 4 copies of female records; b: (1 + x) / (4 + x) = 0.5 -> x = 2 copies of male ones
        assertEquals(4, sum(p.copies(), 0, 6));
        assertTrue(Arrays.stream(p.copies(), 0, 6).allMatch(c -> c <= 1), "no record copied twice");
        assertEquals(0, sum(p.copies(), 6, 9), "no copy of a's males or of b's female");
        assertEquals(2, sum(p.copies(), 9, 12));
        assertEquals(0, p.copies()[12]);
        // which records: the first of each label's candidates in the seeded shuffle
        for (int i : firstShuffled(List.of(0, 1, 2, 3, 4, 5), 1, 0, 4)) {
            assertEquals(1, p.copies()[i], "record " + i);
        }
        for (int i : firstShuffled(List.of(9, 10, 11), 1, 1, 2)) {
            assertEquals(1, p.copies()[i], "record " + i);
        }
        assertArrayEquals(new boolean[13], p.drop());
        assertEquals(List.of("label z: no record with exactly one group; left as it is"), p.warnings());
    }

    @Test
    void dropsTheFewestRecordsOfTheOverRepresentedGroup() {
        Plan p = planner(0.5, null, true, 1).plan(sixToTwo());
        // a: (6 - y) / (8 - y) = 0.5 -> y = 4 female dropped; b: 1 / (4 - y) = 0.5 -> y = 2 male dropped
        boolean[] expected = new boolean[13];
        firstShuffled(List.of(0, 1, 2, 3, 4, 5), 1, 0, 4).forEach(i -> expected[i] = true);
        firstShuffled(List.of(9, 10, 11), 1, 1, 2).forEach(i -> expected[i] = true);
        assertArrayEquals(expected, p.drop());
        assertArrayEquals(new int[13], p.copies());
    }

    @Test
    void targetsTheNamedGroup() {
        Plan p = planner(0.3, "male", false, 1).plan(sixToTwo());
        // a: male share 2/8 = 0.25 < 0.3; (2 + x) / (8 + x) = 0.3 -> x = 0.57, and 1 copy (3/9) is nearer than 0 (2/8)
        assertEquals(1, sum(p.copies(), 0, 6));
        // b: male share 3/4; 3 / (4 + x) = 0.3 -> x = 6 copies of male records, from 3 candidates: two each
        assertArrayEquals(new int[] {2, 2, 2}, Arrays.copyOfRange(p.copies(), 9, 12));
        assertEquals(List.of("label b: 6 copies needed from 3 candidate records; some records are copied more than once",
                "label z: no record with exactly one group; left as it is").stream().sorted().toList(),
                p.warnings().stream().sorted().toList());
    }

    @Test
    void copiesCandidatesRoundRobinWhenThereAreTooFewAndSaysSo() {
        // label c: 5 female, 1 male; female 0.2 -> 5 / (6 + x) = 0.2 -> x = 19 copies from 5 female records
        int[][] rs = new int[6][];
        for (int i = 0; i < 5; i++) {
            rs[i] = new int[] {0, F, M};
        }
        rs[5] = new int[] {0, M, F};
        Plan p = planner(0.2, null, false, 1).plan(CensusTest.census(CensusTest.FM, List.of("c"), rs));
        assertEquals(19, sum(p.copies(), 0, 5));
        List<Integer> order = firstShuffled(List.of(0, 1, 2, 3, 4), 1, 0, 5);
        assertEquals(List.of(4, 4, 4, 4, 3), order.stream().map(i -> p.copies()[i]).toList(),
                "19 = 3 rounds of 5 and 4 more, in shuffled order");
        assertEquals(0, p.copies()[5]);
        assertEquals(List.of("label c: 19 copies needed from 5 candidate records; some records are copied more than once"),
                p.warnings());
    }

    @Test
    void onlyRecordsWhoseCopyLandsInTheOtherGroupAreCandidates() {
        // label a: 3 female records whose text has nothing to swap (no copy), 1 male; target 0.5
        int[][] rs = {{0, F, NONE}, {0, F, NONE}, {0, F, NONE}, {0, M, F}};
        Plan p = planner(0.5, null, false, 1).plan(CensusTest.census(CensusTest.FM, List.of("a"), rs));
        assertArrayEquals(new int[4], p.copies());
        assertEquals(List.of("label a: no female record whose counterfactual is male; cannot rebalance it"), p.warnings());
        // dropping needs no copy
        Plan d = planner(0.5, null, true, 1).plan(CensusTest.census(CensusTest.FM, List.of("a"), rs));
        assertEquals(2, IntStream.range(0, 3).filter(i -> d.drop()[i]).count(), "(3 - y) / (4 - y) = 0.5 -> y = 2");
    }

    @Test
    void leavesALabelAlreadyAtItsTarget() {
        Plan p = planner(0.75, null, false, 1).plan(sixToTwo());
        assertEquals(0, sum(p.copies(), 0, 9), "a is at female 6/8 = 0.75");
        // b: (1 + x) / (4 + x) = 0.75 -> x = 8 copies from 3 male records
        assertEquals(8, sum(p.copies(), 9, 12));
    }

    @Test
    void theSameSeedPicksTheSameRecordsAndAnotherSeedOthers() {
        // one label, 60 female and 40 male records: 60 / (100 + x) = 0.5 -> 20 copies of 60 candidates
        int[][] rs = new int[100][];
        for (int i = 0; i < 100; i++) {
            rs[i] = i < 60 ? new int[] {0, F, M} : new int[] {0, M, F};
        }
        Census c = CensusTest.census(CensusTest.FM, List.of("a"), rs);
        int[] one = planner(0.5, null, false, 1).plan(c).copies();
        assertEquals(20, sum(one, 0, 100));
        assertArrayEquals(one, planner(0.5, null, false, 1).plan(c).copies());
        assertNotEquals(Arrays.toString(one), Arrays.toString(planner(0.5, null, false, 2).plan(c).copies()));
    }

    @Test
    void theNearestIntegerWithinBoundsIsTaken() {
        RebalancePlanner p = planner(0.3, null, false, 1);
        // 1 / (1 + x) = 0.3 -> x = 2.33: x = 2 gives 0.333 (0.033 off), x = 3 gives 0.25 (0.05 off)
        assertEquals(2, p.best(7.0 / 3, x -> 1.0 / (1 + x), Long.MAX_VALUE));
        // x / 10 = 0.3 -> x = 2.6: 3 is exact
        assertEquals(3, p.best(2.6, x -> x / 10.0, Long.MAX_VALUE));
        assertEquals(3, p.best(5.5, x -> x / 10.0, 3), "at most max");
        assertEquals(0, p.best(-0.4, x -> x / 10.0, Long.MAX_VALUE), "at least 0");
    }

    @Test
    void needsAnAxisWithAtLeastTwoGroupsAndAKnownTargetGroup() {
        Census one = CensusTest.census(List.of("female"), List.of("a"), new int[][] {{0, 0}});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> planner(0.5, null, false, 1).plan(one));
        assertEquals("rebalance needs an axis with at least two groups; gender has [female]", e.getMessage());
        InvalidInputException g = assertThrows(InvalidInputException.class,
                () -> planner(0.5, "nonbinary", false, 1).plan(sixToTwo()));
        assertEquals("unknown group 'nonbinary'; the axis has [female, male]", g.getMessage());
    }

    @Test
    void itLooksAtCopyGroups() {
        assertTrue(planner(0.5, null, false, 1).needsCopyGroups());
        assertTrue(!new OneSidedPlanner().needsCopyGroups() && !new ReweighPlanner().needsCopyGroups());
    }
}
