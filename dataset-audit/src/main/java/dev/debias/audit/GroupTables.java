package dev.debias.audit;

import dev.debias.audit.count.ClusterTable;
import dev.debias.audit.count.CountTable;
import dev.debias.audit.count.Feature;
import dev.debias.audit.count.IndexCounter;
import dev.debias.audit.count.Scope;
import dev.debias.corpus.GroupValueMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables of one run of an audit, for anything with groups: an axis, an intersection (its cells
 * are its groups) or a ground-truth field. Every group list goes through the same counting, dominance
 * checks, {@link CellStatistics} cells and summaries, so an intersection's numbers mean what an axis'
 * do. Dominating documents and warnings are appended to the lists given at construction.
 */
final class GroupTables {
    private final IndexCounter counter;
    private final IndexCounter labelCounter;
    private final Targets targets;
    private final List<String> labelNames;
    private final List<Feature> labelFeatures;
    private final Dominance dominance;
    private final double priorStrength;
    private final MinimumSupport support;
    private final long anyTarget;
    private final List<DominatingDocument> dominating;
    private final List<String> warnings;

    /**
     * The term table of a group list, its cells and summaries; the summaries are null (and the cell lists
     * empty) without term targets or without labels.
     */
    record Tables(CountTable terms, List<AuditCell> termCells, AuditSummary termsSummary, List<AuditCell> labelCells,
            AuditSummary labelsSummary) {}

    GroupTables(IndexCounter counter, IndexCounter labelCounter, Targets targets, List<String> labelNames,
            Dominance dominance, double priorStrength, MinimumSupport support, long anyTarget,
            List<DominatingDocument> dominating, List<String> warnings) {
        this.counter = counter;
        this.labelCounter = labelCounter;
        this.targets = targets;
        this.labelNames = List.copyOf(labelNames);
        this.labelFeatures = labelNames.stream().<Feature>map(Feature.FieldValue::label).toList();
        this.dominance = dominance;
        this.priorStrength = priorStrength;
        this.support = support;
        this.anyTarget = anyTarget;
        this.dominating = dominating;
        this.warnings = warnings;
    }

    /** The term and label tables of groups {@code groups} (features {@code features}) of {@code axis}. */
    Tables of(String axis, List<String> groups, List<Feature> features) throws IOException {
        CountTable termTable = counter.table(groups, features, targets.names(), targets.features());
        List<AuditCell> termCells = List.of();
        AuditSummary termsSummary = null;
        ClusterTable clusters = null;
        if (!counter.scope().equals(Scope.DOCUMENT)) {
            clusters = counter.clusters(features, targets.features());
            dominance.check(axis, "terms", termTable, clusters, true, dominating, warnings);
        }
        if (targets.size() > 0) {
            termCells = CellStatistics.cells(axis, termTable, clusters, priorStrength, support);
            termsSummary = CellStatistics.summary(axis, "terms", termTable, termCells, true, anyTarget);
        }
        List<AuditCell> labelCells = new ArrayList<>();
        AuditSummary labelsSummary = labelNames.isEmpty() ? null : labels(axis, groups, features, labelCells);
        return new Tables(termTable, termCells, termsSummary, labelCells, labelsSummary);
    }

    /**
     * The report of one resolved intersection: its cells through the same tables as an axis' groups, and
     * a warning naming the cells that hold no unit.
     */
    IntersectionReport intersection(Intersection x) throws IOException {
        Tables t = of(x.name(), x.groups(), x.features());
        CountTable table = t.terms();
        List<IntersectionGroup> groups = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (int g = 0; g < x.groups().size(); g++) {
            groups.add(new IntersectionGroup(x.groups().get(g), x.parts().get(g), table.group(g), table.exclusive(g)));
            if (table.group(g) == 0) {
                empty.add(x.groups().get(g));
            }
        }
        if (!empty.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "intersection %s: %d of its %d cells hold no unit: %s%s", x.name(),
                    empty.size(), x.groups().size(), String.join(", ", empty.subList(0, Math.min(12, empty.size()))),
                    empty.size() > 12 ? ", ..." : ""));
        }
        return new IntersectionReport(x.name(), x.components(), table.group(0) + table.rest(0), groups,
                t.termsSummary(), t.labelsSummary(), t.termCells(), t.labelCells());
    }

    /** Whether there are label tables to make. */
    boolean hasLabels() {
        return !labelNames.isEmpty();
    }

    /**
     * The label table of group field {@code field}, one row per distinct value ({@code values}) except that
     * values {@code map} maps to one group are one row, named by the group; rows sorted by name.
     */
    AuditSummary fieldLabels(String field, List<String> values, GroupValueMap map, List<AuditCell> out)
            throws IOException {
        Map<String, List<Feature>> rows = new TreeMap<>();
        for (String v : values) {
            String g = map.mapped(v);
            rows.computeIfAbsent(g == null ? v : g, k -> new ArrayList<>()).add(Feature.FieldValue.attribute(field, v));
        }
        List<String> names = List.copyOf(rows.keySet());
        List<Feature> features = names.stream().map(n -> rows.get(n).size() == 1 ? rows.get(n).get(0)
                : new Feature.AnyOf(n, rows.get(n))).toList();
        return labels(field, names, features, out);
    }

    /** One group x label table, clustered when it counts sentences or windows; its cells go to {@code out}. */
    AuditSummary labels(String axis, List<String> groupNames, List<Feature> groups, List<AuditCell> out)
            throws IOException {
        CountTable t = labelCounter.table(groupNames, groups, labelNames, labelFeatures);
        ClusterTable clusters = null;
        if (!labelCounter.scope().equals(Scope.DOCUMENT)) {
            clusters = labelCounter.clusters(groups, labelFeatures);
            dominance.check(axis, "labels", t, clusters, false, dominating, warnings);
        }
        List<AuditCell> c = CellStatistics.cells(axis, t, clusters, priorStrength, support);
        out.addAll(c);
        // one positive label is tested against the rest (a "not positive" column), every label as they are
        boolean one = labelNames.size() == 1;
        return CellStatistics.summary(axis, "labels", t, c, one, one ? t.target(0) : 0);
    }
}
