package dev.debias.audit;

import java.util.List;

/**
 * One audited intersection, in the shape of an {@link AxisReport} plus its own cells: the cells of
 * the intersection are its groups, and its term and label cells are {@link AuditCell}s computed by the
 * same statistics as an axis' (comparison: units in another cell but not this one; no-term: units in
 * no cell of the intersection; the same minimum support and dominance checks).
 *
 * @param axis the intersection's name, e.g. {@code gender+race}
 * @param components the axes (or {@code field:FIELD} group fields) it intersects, in order
 * @param anyGroupUnits units in at least one cell
 * @param groups per cell, its units (every cell, empty ones too, first component outermost)
 * @param termsSummary summary against the term targets, or null when there are none
 * @param labelsSummary summary against the labels, or null when there is no label field
 * @param cells cell x term target cells
 * @param labels cell x label cells (empty without a label field)
 */
public record IntersectionReport(String axis, List<String> components, long anyGroupUnits,
        List<IntersectionGroup> groups, AuditSummary termsSummary, AuditSummary labelsSummary, List<AuditCell> cells,
        List<AuditCell> labels) {
    public IntersectionReport {
        components = List.copyOf(components);
        groups = List.copyOf(groups);
        cells = List.copyOf(cells);
        labels = List.copyOf(labels);
    }
}
