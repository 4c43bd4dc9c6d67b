package dev.debias.evaluate.group;

import java.util.List;
import java.util.Objects;

/**
 * A partition of records into groups, by one group field or by the intersection of several.
 *
 * @param name the field, or the fields joined by {@code " x "} for an intersection
 * @param groups the group names, sorted; {@code groupOf} indexes this list
 * @param groupOf the group of each record
 */
public record Grouping(String name, List<String> groups, int[] groupOf) {
    public Grouping {
        Objects.requireNonNull(name, "name");
        groups = List.copyOf(groups);
        groupOf = groupOf.clone();
        for (int g : groupOf) {
            if (g < 0 || g >= groups.size()) {
                throw new IllegalArgumentException("group index " + g + " outside 0.." + (groups.size() - 1));
            }
        }
    }

    /** The group of record {@code i}. */
    public int groupOf(int i) {
        return groupOf[i];
    }

    /** The number of records. */
    public int size() {
        return groupOf.length;
    }

    @Override
    public int[] groupOf() {
        return groupOf.clone();
    }
}
