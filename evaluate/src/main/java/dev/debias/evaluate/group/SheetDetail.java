package dev.debias.evaluate.group;

import java.util.ArrayList;
import java.util.List;

/**
 * What the point estimate of a {@link MetricSheet} records besides its numbers: why each undefined
 * value is undefined (the first reason found wins), the groups or classes each gap left out under
 * {@link UndefinedPolicy#SKIP_GROUP}, and which class and pair of groups each binary gap came from, so
 * the bootstrap replicates measure the same difference. Bootstrap replicates record nothing: they pass
 * a null detail, which {@link #reason} accepts.
 */
final class SheetDetail {
    /** Per slot, why its value is undefined, or null. */
    final String[] reasons;
    /** Per slot, the groups (or {@code class NAME}s) its gap left out. */
    final List<List<String>> excluded;
    /**
     * Per binary gap (DP, DI, EO, EODDS): the metric, class and the groups that are highest and
     * lowest in the data, {metric, class, high, low}; null where the gap is undefined.
     */
    final int[][] choices = new int[4][];

    SheetDetail(int slots) {
        reasons = new String[slots];
        excluded = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            excluded.add(new ArrayList<>());
        }
    }

    /** Records {@code why} for {@code slot} unless it has a reason already; nothing when {@code detail} is null. */
    static void reason(SheetDetail detail, int slot, String why) {
        if (detail != null && detail.reasons[slot] == null) {
            detail.reasons[slot] = why;
        }
    }
}
