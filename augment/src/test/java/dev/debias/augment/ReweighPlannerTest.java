package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReweighPlannerTest {
    /** a: 3 female, 1 male; b: 1 female, 1 male, 1 ungrouped; one female record of no listed label. */
    private static Census tiny() {
        return CensusTest.census(CensusTest.FM, List.of("a", "b"), new int[][] {
                {0, 0}, {0, 0}, {0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, -1}, {-1, 0}});
    }

    @Test
    void givesKamiranCaldersWeights() {
        // N = 6 grouped records, n(female) = 4, n(male) = 2, n(a) = 4, n(b) = 2; w(g, l) = n(g) n(l) / (N n(g, l)):
        //   w(female, a) = 4 * 4 / (6 * 3) = 8/9     w(male, a) = 2 * 4 / (6 * 1) = 4/3
        //   w(female, b) = 4 * 2 / (6 * 1) = 4/3     w(male, b) = 2 * 2 / (6 * 1) = 2/3
        // and 1 for the records without a group or a listed label
        Plan p = new ReweighPlanner().plan(tiny());
        assertArrayEquals(new double[] {8.0 / 9, 8.0 / 9, 8.0 / 9, 4.0 / 3, 4.0 / 3, 2.0 / 3, 1, 1}, p.weight(), 1e-15);
        assertEquals(List.of("female|a", "female|b", "male|a", "male|b"), List.copyOf(p.weights().keySet()));
        assertEquals(8.0 / 9, p.weights().get("female|a"), 1e-15);
        assertEquals(4.0 / 3, p.weights().get("male|a"), 1e-15);
        assertEquals(4.0 / 3, p.weights().get("female|b"), 1e-15);
        assertEquals(2.0 / 3, p.weights().get("male|b"), 1e-15);
        assertArrayEquals(new int[8], p.copies());
        assertArrayEquals(new boolean[8], p.drop());
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void anEmptyCellHasNoWeightAndItsRecordsNone() {
        // a: 2 female; b: 1 female, 1 male -> no male|a weight
        Census c = CensusTest.census(CensusTest.FM, List.of("a", "b"), new int[][] {{0, 0}, {0, 0}, {1, 0}, {1, 1}});
        Plan p = new ReweighPlanner().plan(c);
        assertNull(p.weights().get("male|a"));
        // w(female, a) = 3 * 2 / (4 * 2) = 3/4; w(female, b) = 3 * 2 / (4 * 1) = 3/2; w(male, b) = 1 * 2 / (4 * 1) = 1/2
        assertArrayEquals(new double[] {0.75, 0.75, 1.5, 0.5}, p.weight(), 1e-15);
    }

    @Test
    void weightedRatesMakeEveryLabelsShareTheOverallOne() {
        Census c = tiny();
        Map<String, Map<String, Double>> rates = ReweighPlanner.weightedRates(c, new ReweighPlanner().plan(c).weights());
        // a: 3 * 8/9 = 8/3 female against 4/3 male; b: 4/3 against 2/3: both 2/3 female, as 4 of 6 overall
        assertEquals(List.of("a", "b"), List.copyOf(rates.keySet()));
        assertEquals(2.0 / 3, rates.get("a").get("female"), 1e-15);
        assertEquals(1.0 / 3, rates.get("a").get("male"), 1e-15);
        assertEquals(2.0 / 3, rates.get("b").get("female"), 1e-15);
        assertEquals(1.0 / 3, rates.get("b").get("male"), 1e-15);
    }

    @Test
    void weightedRatesOfAMissingWeightCountOneAndOfAnEmptyLabelAreNull() {
        Census c = CensusTest.census(CensusTest.FM, List.of("a", "z"), new int[][] {{0, 0}, {0, 1}, {0, 1}, {1, -1}});
        Map<String, Map<String, Double>> rates = ReweighPlanner.weightedRates(c, Map.of("female|a", 2.0));
        assertEquals(0.5, rates.get("a").get("female"), 1e-15, "2 * 1 female against 1 * 2 male");
        assertNull(rates.get("z").get("female"));
        assertNull(rates.get("z").get("male"));
    }
}
