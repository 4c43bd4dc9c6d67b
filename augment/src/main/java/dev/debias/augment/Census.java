package dev.debias.augment;

import java.util.List;

/**
 * What planning knows of a corpus, record by record (by ordinal): each record's label, its group
 * and the group its counterfactual copy would have, as indexes into {@code labels} and {@code groups}
 * (-1: no label of the list, no single group, or no copy looked at), and the counts of records per
 * group and label that planners work from.
 *
 * @param groups the axis' groups
 * @param labels the labels, in the order of the audit's rates
 * @param labelOf each record's label index, or -1
 * @param groupOf each record's group index, or -1 (none, or several)
 * @param copyGroupOf the group index of each record's counterfactual copy, or -1 (no copy with a changed text, or not looked at)
 * @param counts {@code counts[g][l]}: records of group {@code g} and label {@code l}
 * @param copyTargets on an axis of more than two groups, each record's bit set of the groups {@code h} whose
 *     copy, the record's own group swapped with {@code h} ({@code GroupMapping.pair}), changes the text and is
 *     detected as {@code h}; zero when none or not looked at (an axis of at most 31 groups)
 */
record Census(List<String> groups, List<String> labels, int[] labelOf, int[] groupOf, int[] copyGroupOf,
        long[][] counts, int[] copyTargets) {
    Census {
        groups = List.copyOf(groups);
        labels = List.copyOf(labels);
        if (labelOf.length != groupOf.length || labelOf.length != copyGroupOf.length
                || labelOf.length != copyTargets.length) {
            throw new IllegalArgumentException("one label, group, copy group and copy targets per record: "
                    + labelOf.length + ", " + groupOf.length + ", " + copyGroupOf.length + ", " + copyTargets.length);
        }
    }

    /** The census of records with these label, group and copy-group indexes; the counts are made here. */
    static Census of(List<String> groups, List<String> labels, int[] labelOf, int[] groupOf, int[] copyGroupOf) {
        return of(groups, labels, labelOf, groupOf, copyGroupOf, new int[labelOf.length]);
    }

    /** The census of records with these label, group, copy-group indexes and copy targets; the counts are made here. */
    static Census of(List<String> groups, List<String> labels, int[] labelOf, int[] groupOf, int[] copyGroupOf,
            int[] copyTargets) {
        long[][] counts = new long[groups.size()][labels.size()];
        for (int i = 0; i < labelOf.length; i++) {
            if (groupOf[i] >= 0 && labelOf[i] >= 0) {
                counts[groupOf[i]][labelOf[i]]++;
            }
        }
        return new Census(groups, labels, labelOf, groupOf, copyGroupOf, counts, copyTargets);
    }

    /** Whether record {@code i}'s copy toward group {@code h} changes its text and is detected as {@code h}. */
    boolean canCopyToward(int i, int h) {
        return (copyTargets[i] & (1 << h)) != 0;
    }

    /** How many records. */
    int size() {
        return labelOf.length;
    }
}
