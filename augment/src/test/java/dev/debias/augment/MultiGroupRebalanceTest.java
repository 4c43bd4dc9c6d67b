package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.SeededShuffle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link MultiGroupRebalance} and {@link TargetShares} on censuses written by hand, three groups a, b, c. */
class MultiGroupRebalanceTest {
    static final List<String> ABC = List.of("a", "b", "c");
    /** Every copy of a record of a (toward b or c), of b and of c is possible. */
    static final int ALL = 0b111;

    /** A census of label x from (group, copy targets) per record. */
    static Census census(int[][] groupAndTargets) {
        int n = groupAndTargets.length;
        int[] labelOf = new int[n];
        int[] groupOf = new int[n];
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            groupOf[i] = groupAndTargets[i][0];
            targets[i] = groupAndTargets[i][1] & ~(1 << groupOf[i]);
        }
        int[] none = new int[n];
        Arrays.fill(none, -1);
        return Census.of(ABC, List.of("x"), labelOf, groupOf, none, targets);
    }

    /** {@code na} records of a, {@code nb} of b, {@code nc} of c, in that order, every copy possible. */
    static Census counts(int na, int nb, int nc) {
        List<int[]> rs = new ArrayList<>();
        for (int i = 0; i < na + nb + nc; i++) {
            rs.add(new int[] {i < na ? 0 : i < na + nb ? 1 : 2, ALL});
        }
        return census(rs.toArray(int[][]::new));
    }

    /** Copies planned toward group {@code g}, all records. */
    static int toward(Plan p, int g) {
        int n = 0;
        for (int i = 0; i < p.copies().length; i++) {
            for (int t : p.targets().of(i)) {
                n += t == g ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void parityByCopiesWorkedOutByHand() {
        // a 6, b 2, c 1; t = 1/3 each. N' = max(6 / (1/3), 2 / (1/3), 1 / (1/3)) = 18 (a is the most
        // over-represented): b needs round(18/3) - 2 = 4 copies, c round(18/3) - 1 = 5, all from a's records.
        // After: 6, 6, 6 of 18, exactly 1/3 each.
        Plan p = MultiGroupRebalance.plan(counts(6, 2, 1), TargetShares.resolve(ABC, Map.of(), null, 0.5, false),
                false, 1);
        assertEquals(0, toward(p, 0));
        assertEquals(4, toward(p, 1));
        assertEquals(5, toward(p, 2));
        assertEquals(0, Arrays.stream(p.copies(), 6, 9).sum(), "b and c are not copied");
        assertEquals(9, Arrays.stream(p.copies()).sum());
        assertEquals(List.of(), p.warnings());
        // which of a's records: the first of the seeded shuffle (seed * 31 + label) of a's records
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
        SeededShuffle.shuffle(order, new SplittableRandom(RebalancePlanner.shuffleSeed(1, 0)));
        for (int j = 0; j < 6; j++) {
            int i = order.get(j);
            int[] expected = j < 4 ? new int[] {1, 2} : j < 5 ? new int[] {2} : new int[0];
            assertArrayEquals(expected, p.targets().of(i), "record " + i + ", " + j + "th in the shuffle");
        }
        assertArrayEquals(new boolean[9], p.drop());
    }

    @Test
    void targetSharesByCopiesWorkedOutByHandWithRounding() {
        // a 5, b 2, c 0 with a = 0.5 (b and c share the rest: 0.25 each). N' = max(10, 8, 0) = 10:
        // b gets round(2.5) - 2 = 1 copy (Math.round rounds half up), c round(2.5) - 0 = 3.
        // After: 5, 3, 3 of 11: shares 0.4545, 0.2727, 0.2727, within (k + 1) / (2M) = 4 / 22 = 0.18 of the targets.
        Plan p = MultiGroupRebalance.plan(counts(5, 2, 0), TargetShares.resolve(ABC, Map.of("a", 0.5), null, 0.5, false),
                false, 1);
        assertEquals(1, toward(p, 1));
        assertEquals(3, toward(p, 2));
    }

    @Test
    void parityByDropsWorkedOutByHand() {
        // a 6, b 2, c 3; M' = min(18, 6, 9) = 6: every group keeps round(6/3) = 2: a drops 4, c drops 1
        Plan p = MultiGroupRebalance.plan(counts(6, 2, 3), TargetShares.resolve(ABC, Map.of(), null, 0.5, false),
                true, 1);
        int[] dropped = new int[3];
        for (int i = 0; i < 11; i++) {
            if (p.drop()[i]) {
                dropped[i < 6 ? 0 : i < 8 ? 1 : 2]++;
            }
        }
        assertArrayEquals(new int[] {4, 0, 1}, dropped);
        assertEquals(0, Arrays.stream(p.copies()).sum());
        // a group with no record cannot get its share by dropping: the label is left as it is
        Plan none = MultiGroupRebalance.plan(counts(6, 2, 0), TargetShares.resolve(ABC, Map.of(), null, 0.5, false),
                true, 1);
        assertArrayEquals(new boolean[8], none.drop());
        assertEquals(List.of("label x: no c record; dropping records cannot give it its share; left as it is"),
                none.warnings());
    }

    @Test
    void copiesGoRoundRobinWhenCandidatesRunOutAndAreWarnedOf() {
        // a 3, b 0, c 0, parity: N' = 9, b and c need 3 each; only record 0 can become b, none can become c
        Census c = census(new int[][] {{0, 0b010}, {0, 0}, {0, 0}});
        Plan p = MultiGroupRebalance.plan(c, TargetShares.resolve(ABC, Map.of(), null, 0.5, false), false, 1);
        assertArrayEquals(new int[] {1, 1, 1}, p.targets().of(0), "three copies of record 0 toward b");
        assertEquals(List.of("label x: 3 copies toward b needed from 1 candidate records; some records are copied more "
                + "than once", "label x: no a record whose counterfactual toward c is c; cannot bring c to its share"),
                p.warnings());
    }

    @Test
    void aLabelAtItsTargetOrWithoutGroupsIsLeftAlone() {
        Plan p = MultiGroupRebalance.plan(counts(2, 2, 2), TargetShares.resolve(ABC, Map.of(), null, 0.5, false),
                false, 1);
        assertEquals(0, Arrays.stream(p.copies()).sum());
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void theRebalancePlannerUsesThemOnMoreThanTwoGroups() {
        Plan p = new RebalancePlanner("t", null, 0.5, false, Map.of(), false, 1).plan(counts(6, 2, 1));
        assertEquals(9, Arrays.stream(p.copies()).sum());
        assertEquals(ABC, p.targets().groups());
        // a target rate for the first group: a 0.5, b and c 0.25 each: N' = 12, b 1 copy, c 2
        Plan r = new RebalancePlanner("t", null, 0.5, true, Map.of(), false, 1).plan(counts(6, 2, 1));
        assertEquals(1, toward(r, 1));
        assertEquals(2, toward(r, 2));
        // two groups: the copies are the swapper's own (no targets)
        assertNull(new RebalancePlanner("gender", null, 0.5, false, 1).plan(CensusTest.census(CensusTest.FM,
                List.of("a"), new int[][] {{0, 0, 1}, {0, 0, 1}, {0, 1, 0}})).targets());
    }

    @Test
    void targetSharesOnTwoGroupsAreTheRateOfTheFirstGroupNamed() {
        Census c = CensusTest.census(CensusTest.FM, List.of("a"), new int[][] {{0, 0, 1}, {0, 0, 1}, {0, 0, 1},
            {0, 1, 0}});
        Plan byShares = new RebalancePlanner("gender", null, 0.5, false, Map.of("male", 0.5), false, 1).plan(c);
        Plan byRate = new RebalancePlanner("gender", "male", 0.5, false, 1).plan(c);
        assertArrayEquals(byRate.copies(), byShares.copies());
        assertEquals(2, Arrays.stream(byShares.copies()).sum());
    }

    // ------------------------------------------------------------------ TargetShares

    @Test
    void sharesNotNamedShareWhatIsLeftEqually() {
        List<String> g = List.of("a", "b", "c", "d");
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, TargetShares.resolve(g, Map.of(), null, 0.5, false));
        assertArrayEquals(new double[] {0.4, 0.2, 0.2, 0.2}, TargetShares.resolve(g, Map.of("a", 0.4), null, 0.5, false),
                1e-12);
        Map<String, Double> two = new LinkedHashMap<>();
        two.put("d", 0.5);
        two.put("b", 0.3);
        assertArrayEquals(new double[] {0.1, 0.3, 0.1, 0.5}, TargetShares.resolve(g, two, null, 0.5, false), 1e-12);
        // a target group and rate: that group at the rate, the others sharing the rest
        assertArrayEquals(new double[] {0.1, 0.1, 0.7, 0.1}, TargetShares.resolve(g, Map.of(), "c", 0.7, false), 1e-12);
        assertArrayEquals(new double[] {0.7, 0.1, 0.1, 0.1}, TargetShares.resolve(g, Map.of(), null, 0.7, true), 1e-12);
        assertArrayEquals(new double[] {0.4, 0.3, 0.2, 0.1},
                TargetShares.resolve(g, Map.of("a", 0.4, "b", 0.3, "c", 0.2, "d", 0.1), null, 0.5, false), 1e-12);
        assertEquals("d=0.5,b=0.3", TargetShares.format(two));
        // shares naming some groups and summing to 1 leave the others nothing
        assertArrayEquals(new double[] {0.5, 0.5, 0, 0}, TargetShares.resolve(g, Map.of("a", 0.5, "b", 0.5), null, 0.5,
                false), 1e-12);
    }

    @Test
    void aGroupOfShareZeroGetsNoCopiesAndIsDroppedWholeWithDrops() {
        double[] t = TargetShares.resolve(ABC, Map.of("a", 0.5, "b", 0.5), null, 0.5, false);
        // a 6, b 2, c 1 toward a = b = 0.5, c = 0: N' = max(12, 4) = 12 over a and b: b gets 6 - 2 = 4 copies;
        // copies cannot take c's one record away: a warning
        Plan copies = MultiGroupRebalance.plan(counts(6, 2, 1), t, false, 1);
        assertEquals(4, toward(copies, 1));
        assertEquals(0, toward(copies, 2));
        assertEquals(List.of("label x: 1 c records against a target share of 0; copies cannot remove them (dropping "
                + "records can)"), copies.warnings());
        // drops: M' = min(12, 4) = 4: a keeps 2 of 6, b its 2, c none of its 1
        Plan drops = MultiGroupRebalance.plan(counts(6, 2, 1), t, true, 1);
        assertEquals(4, Arrays.stream(Arrays.copyOfRange(asInts(drops.drop()), 0, 6)).sum());
        assertEquals(0, Arrays.stream(Arrays.copyOfRange(asInts(drops.drop()), 6, 8)).sum());
        assertTrue(drops.drop()[8]);
        assertEquals(List.of(), drops.warnings());
    }

    static int[] asInts(boolean[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] ? 1 : 0;
        }
        return out;
    }

    @Test
    void sharesThatDoNotAddUpAreRefusedNamingTheSetting() {
        List<String> g = List.of("a", "b", "c");
        for (Map<String, Double> bad : List.of(Map.of("a", 0.5, "b", 0.3, "c", 0.3), Map.of("a", 0.6, "b", 0.5),
                Map.of("a", 1.2), Map.of("a", 0.0, "b", 0.0, "c", 0.0), Map.of("a", -0.1))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> TargetShares.resolve(g, bad, null, 0.5, false), "" + bad);
            assertTrue(e.getMessage().contains("setting 'target shares'"), e.getMessage());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TargetShares.resolve(g, Map.of("jedi", 0.5), null, 0.5, false));
        assertEquals("unknown group 'jedi' in the target shares; the axis has [a, b, c]", e.getMessage());
    }
}
