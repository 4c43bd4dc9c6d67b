package dev.debias.audit;

import java.util.List;

/**
 * How a cell of an intersection shows up in the corpus.
 *
 * @param group the cell, e.g. {@code female+black}
 * @param parts the group of each component, e.g. {@code [female, black]}
 * @param units units in the cell (in each of its component groups)
 * @param exclusiveUnits units in this cell and in no other cell of the intersection
 */
public record IntersectionGroup(String group, List<String> parts, long units, long exclusiveUnits) {
    public IntersectionGroup {
        parts = List.copyOf(parts);
    }
}
