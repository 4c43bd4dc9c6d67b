package dev.debias.audit;

import dev.debias.audit.count.CountTable;
import dev.debias.audit.stats.Association;
import dev.debias.stats.Estimate;
import dev.debias.audit.stats.GTest;
import dev.debias.stats.Proportions;
import java.util.ArrayList;
import java.util.List;

/** Turns exact counts into cells with rates, intervals and association measures, and into summaries. */
final class CellStatistics {
    private CellStatistics() {}

    /** Every group x target cell of {@code table}, groups outer, targets inner. */
    static List<AuditCell> cells(String axis, CountTable table, double priorStrength) {
        List<AuditCell> out = new ArrayList<>();
        long units = table.units();
        for (int g = 0; g < table.groups().size(); g++) {
            for (int t = 0; t < table.targets().size(); t++) {
                long n1 = table.group(g);
                long x1 = table.both(g, t);
                long n2 = table.rest(g);
                long x2 = table.restBoth(g, t);
                long target = table.target(t);
                double targetRate = units == 0 ? 0 : (double) target / units;
                double[] lo = Association.logOdds(x1, n1, x2, n2, targetRate, priorStrength);
                double p = n1 == 0 || n2 == 0 ? 1.0 : GTest.twoByTwo(x1, n1, x2, n2).pValue();
                out.add(new AuditCell(axis, table.groups().get(g), table.targets().get(t), n1, target, x1, n2, x2,
                        Proportions.wilson(x1, n1), Proportions.wilson(x1, target), Proportions.wilson(x2, n2),
                        Proportions.difference(x1, n1, x2, n2), Proportions.ratio(x1, n1, x2, n2),
                        Association.pmi(x1, n1, target, units), lo == null ? null : lo[0], lo == null ? null : lo[1], p));
            }
        }
        return out;
    }

    /**
     * The summary of an axis' cells: the largest absolute rate difference, how many differences are
     * clear of 0, and the G-test of exclusive group against target ({@code withNone} adds a column for
     * exclusive units holding no target, for term targets).
     */
    static AuditSummary summary(String axis, String kind, CountTable table, List<AuditCell> cells, boolean withNone) {
        AuditCell largest = null;
        int clear = 0;
        for (AuditCell c : cells) {
            Estimate d = c.rateDifference();
            if (!d.isDefined()) {
                continue;
            }
            if (d.excludes(0)) {
                clear++;
            }
            if (largest == null || Math.abs(d.value()) > Math.abs(largest.rateDifference().value())) {
                largest = c;
            }
        }
        int k = table.groups().size();
        int m = table.targets().size();
        long[][] counts = new long[k][m + (withNone ? 1 : 0)];
        for (int g = 0; g < k; g++) {
            for (int t = 0; t < m; t++) {
                counts[g][t] = table.exclusiveBoth(g, t);
            }
            if (withNone) {
                counts[g][m] = table.exclusive(g) - table.exclusiveAnyTarget(g);
            }
        }
        GTest test = GTest.of(counts);
        return new AuditSummary(axis, kind, cells.size(), clear, largest == null ? null : largest.group(),
                largest == null ? null : largest.target(),
                largest == null ? Estimate.undefined("no cell has a defined rate difference") : largest.rateDifference(),
                test);
    }
}
