package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CensusTest {
    static final List<String> FM = List.of("female", "male");

    /** A census of records given as (label index, group index) pairs, without copy groups. */
    static Census census(List<String> groups, List<String> labels, int[][] labelAndGroup) {
        int n = labelAndGroup.length;
        int[] labelOf = new int[n];
        int[] groupOf = new int[n];
        int[] copyGroupOf = new int[n];
        for (int i = 0; i < n; i++) {
            labelOf[i] = labelAndGroup[i][0];
            groupOf[i] = labelAndGroup[i][1];
            copyGroupOf[i] = labelAndGroup[i].length > 2 ? labelAndGroup[i][2] : -1;
        }
        return Census.of(groups, labels, labelOf, groupOf, copyGroupOf);
    }

    static Map<String, Double> row(Double female, Double male) {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("female", female);
        r.put("male", male);
        return r;
    }

    @Test
    void countsRecordsPerGroupAndLabelLeavingOutTheUngroupedAndUnlabelled() {
        // a: female, female, male; b: male; plus one ungrouped record of a and one female record of no listed label
        Census c = census(FM, List.of("a", "b"), new int[][] {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {0, -1}, {-1, 0}});
        assertEquals(6, c.size());
        assertArrayEquals(new long[] {2, 0}, c.counts()[0]);
        assertArrayEquals(new long[] {1, 1}, c.counts()[1]);
    }

    @Test
    void everyRecordHasALabelAGroupAndACopyGroup() {
        assertThrows(IllegalArgumentException.class,
                () -> Census.of(FM, List.of("a"), new int[2], new int[2], new int[1]));
    }
}
