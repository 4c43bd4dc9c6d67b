package dev.debias.augment;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * One-sided augmentation: one counterfactual copy of every record of its label's over-represented
 * group, the group with strictly the most records; a label whose top groups tie, or without any
 * grouped record, gets no copies. On an axis of more than two groups a planned copy is the swapper's:
 * with a per-group swapper (no pair or target) the record gets one copy toward each other group whose
 * copy changes its text ({@link CopyTransform}, ids {@code ID-cf-GROUP}); with a pair or a target, the
 * one copy of that mapping.
 */
final class OneSidedPlanner implements Planner {
    @Override
    public Plan plan(Census census) {
        int n = census.size();
        int[] copies = new int[n];
        for (int l = 0; l < census.labels().size(); l++) {
            int over = overRepresented(census.counts(), l);
            for (int i = 0; i < n; i++) {
                if (over >= 0 && census.labelOf()[i] == l && census.groupOf()[i] == over) {
                    copies[i] = 1;
                }
            }
        }
        return new Plan(copies, new boolean[n], new double[0], new LinkedHashMap<>(), new ArrayList<>());
    }

    /** The group with the most records of label {@code l}, or -1 on a tie or when there are none. */
    static int overRepresented(long[][] counts, int l) {
        int best = -1;
        long bestCount = -1;
        boolean tie = false;
        for (int g = 0; g < counts.length; g++) {
            if (counts[g][l] > bestCount) {
                best = g;
                bestCount = counts[g][l];
                tie = false;
            } else if (counts[g][l] == bestCount) {
                tie = true;
            }
        }
        return tie || bestCount <= 0 ? -1 : best;
    }
}
