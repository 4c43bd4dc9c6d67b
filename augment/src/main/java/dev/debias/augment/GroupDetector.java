package dev.debias.augment;

import dev.debias.audit.Axis;
import dev.debias.audit.count.ScanCounter;
import dev.debias.audit.count.Scope;
import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.Record;
import java.util.List;

/**
 * A record's group on an axis: the index of the one group its group field stands for (by a
 * {@link GroupValueMap}, then by name), or, without a
 * group field, of the one group the axis lexicon detects in its text; -1 when there is none or more
 * than one. The rule is the audit's, so counts made with it agree with the audit. Not thread-safe.
 */
final class GroupDetector {
    private final Axis axis;
    private final String groupField;
    private final ScanCounter scan;
    private final GroupValueMap map;

    /** Detects groups of {@code axis} by {@code groupField}, or by the axis lexicon when it is null. */
    GroupDetector(Axis axis, String groupField) {
        this(axis, groupField, GroupValueMap.NONE);
    }

    /** Detects groups of {@code axis} by {@code groupField} read with {@code map}, or by the lexicon when it is null. */
    GroupDetector(Axis axis, String groupField, GroupValueMap map) {
        this.axis = axis;
        this.map = map;
        this.groupField = groupField;
        this.scan = new ScanCounter(Scope.DOCUMENT, axis.groups(), axis.features(), List.of(), List.of());
    }

    /** The index of {@code r}'s one group in the axis' groups, or -1 (none, or several). */
    int group(Record r) {
        if (groupField != null) {
            String g = GroupValues.groupOf(r.attributes().getOrDefault(groupField, ""), axis.groups(), map);
            return g == null ? -1 : axis.groups().indexOf(g);
        }
        boolean[] has = scan.documentFeatures(r);
        int found = -1;
        for (int g = 0; g < axis.groups().size(); g++) {
            if (has[g]) {
                if (found >= 0) {
                    return -1;
                }
                found = g;
            }
        }
        return found;
    }
}
