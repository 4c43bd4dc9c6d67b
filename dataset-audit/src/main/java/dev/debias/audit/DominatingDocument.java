package dev.debias.audit;

/**
 * A document holding more than the dominance share of a group's units or of a cell's units at
 * sentence or window scope.
 *
 * @param axis the axis or ground-truth field
 * @param group the group
 * @param target the cell's target or label, or null when the document dominates the group's units
 * @param document the record id
 * @param units the units of the group (or cell) in that document
 * @param of the units of the group (or cell) in the corpus
 * @param share {@code units / of}
 */
public record DominatingDocument(String axis, String group, String target, String document, long units, long of,
        double share) {}
