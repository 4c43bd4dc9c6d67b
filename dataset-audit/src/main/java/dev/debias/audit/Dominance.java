package dev.debias.audit;

import dev.debias.audit.count.ClusterTable;
import dev.debias.audit.count.CountTable;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.IndexFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the documents that dominate a group or a cell at sentence or window scope: one document
 * holding more than a share of the group's units, or of the units holding both the group and the
 * target, when there are at least {@link #MIN_UNITS} of them (at {@code window:N}, {@code N + 1} times
 * as many: one co-occurrence spans up to {@code N + 1} overlapping windows, so this is still about ten
 * co-occurrences). Such a document makes sentence-level
 * rates the rates of that document, which the clustered intervals widen for but a curator should see.
 */
final class Dominance {
    /** Groups and cells with fewer units are not checked: a share of a handful says little. */
    static final int MIN_UNITS = 10;
    /** Warnings printed per table; every dominating document is in the result. */
    private static final int WARNINGS_PER_TABLE = 5;

    private final CorpusIndex index;
    private final Scope scope;
    private final double share;

    Dominance(CorpusIndex index, Scope scope, double share) {
        this.index = index;
        this.scope = scope;
        this.share = share;
    }

    /**
     * Appends to {@code found} the dominating documents of {@code table}'s groups ({@code groups} true)
     * and cells, and to {@code warnings} one line for each (at most a few per table, then a count).
     */
    void check(String axis, String kind, CountTable table, ClusterTable clusters, boolean groups,
            List<DominatingDocument> found, List<String> warnings) throws IOException {
        List<DominatingDocument> here = new ArrayList<>();
        String units = unitsName();
        List<String> lines = new ArrayList<>();
        for (int g = 0; g < table.groups().size(); g++) {
            String group = table.groups().get(g);
            if (groups) {
                ClusterTable.Top top = clusters.groupTop(g);
                if (dominates(top.units(), table.group(g))) {
                    DominatingDocument d = new DominatingDocument(axis, group, null, id(top.doc()), top.units(),
                            table.group(g), (double) top.units() / table.group(g));
                    here.add(d);
                    lines.add(String.format(Locale.ROOT, "document %s holds %d of the %d %s with a %s term (%.0f%%); "
                            + "%s-level rates of %s are dominated by it", d.document(), d.units(), d.of(), units, group,
                            100 * d.share(), scope, group));
                }
            }
            for (int t = 0; t < table.targets().size(); t++) {
                ClusterTable.Top top = clusters.cellTop(g, t);
                long both = table.both(g, t);
                if (dominates(top.units(), both)) {
                    String target = table.targets().get(t);
                    DominatingDocument d = new DominatingDocument(axis, group, target, id(top.doc()), top.units(), both,
                            (double) top.units() / both);
                    here.add(d);
                    lines.add(String.format(Locale.ROOT, "document %s holds %d of the %d %s with a %s term and %s %s "
                            + "(%.0f%%); the %s x %s cell is dominated by it", d.document(), d.units(), d.of(), units,
                            group, kind.equals("labels") ? "label" : "a", kind.equals("labels") ? target : target + " term",
                            100 * d.share(), group, target));
                }
            }
        }
        found.addAll(here);
        warnings.addAll(lines.subList(0, Math.min(WARNINGS_PER_TABLE, lines.size())));
        if (lines.size() > WARNINGS_PER_TABLE) {
            warnings.add(String.format(Locale.ROOT, "axis %s, %s: %d more groups or cells are dominated by one document "
                    + "(see dominatingDocuments in audit.json)", axis, kind, lines.size() - WARNINGS_PER_TABLE));
        }
    }

    private boolean dominates(long top, long of) {
        long min = scope.kind() == Scope.Kind.WINDOW ? (long) MIN_UNITS * (scope.window() + 1) : MIN_UNITS;
        return of >= min && top > share * of;
    }

    private String unitsName() {
        return switch (scope.kind()) {
            case DOCUMENT -> "documents";
            case SENTENCE -> "sentences";
            case WINDOW -> "windows";
        };
    }

    private String id(int doc) throws IOException {
        String id = index.reader().storedFields().document(doc).get(IndexFields.ID);
        return id == null ? "#" + doc : id;
    }
}
