package dev.debias.audit;

import static dev.debias.audit.count.ClusterTable.NG;
import static dev.debias.audit.count.ClusterTable.NR;
import static dev.debias.audit.count.ClusterTable.NZ;
import static dev.debias.audit.count.ClusterTable.XG;
import static dev.debias.audit.count.ClusterTable.XR;
import static dev.debias.audit.count.ClusterTable.XZ;
import static dev.debias.audit.count.ClusterTable.of;

import dev.debias.audit.count.ClusterTable;
import dev.debias.audit.count.CountTable;
import dev.debias.audit.stats.Association;
import dev.debias.audit.stats.GTest;
import dev.debias.stats.ClusteredProportions;
import dev.debias.stats.ClusteredProportions.Moments;
import dev.debias.stats.Estimate;
import dev.debias.stats.Proportions;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns exact counts into cells with rates, intervals and association measures, and into summaries.
 * With a {@link ClusterTable} (sentence and window scope) every interval and test is clustered by
 * document through its design effect; without one (document scope) the units are independent and the
 * numbers are the closed-form ones of {@link Proportions}.
 */
final class CellStatistics {
    /** Why a one-group axis has no group-vs-others comparison. */
    static final String ONE_GROUP = "the axis has one group, so no units hold another group; see the base-rate "
            + "and no-term comparisons";
    static final String OTHER_GROUPS = "other groups";
    static final String NO_TERM = "no term of the axis";

    private CellStatistics() {}

    /** Every group x target cell of {@code table}, groups outer, targets inner. */
    static List<AuditCell> cells(String axis, CountTable table, ClusterTable clusters, double priorStrength,
            MinimumSupport support) {
        List<AuditCell> out = new ArrayList<>();
        long units = table.units();
        boolean oneGroup = table.groups().size() == 1;
        for (int g = 0; g < table.groups().size(); g++) {
            for (int t = 0; t < table.targets().size(); t++) {
                long n1 = table.group(g);
                long x1 = table.both(g, t);
                long n2 = table.rest(g);
                long x2 = table.restBoth(g, t);
                long target = table.target(t);
                long nz = units - n1 - n2;
                long xz = target - x1 - x2;
                Moments m = clusters == null ? null : clusters.moments(g, t);
                double dRate = deff(m, XG, NG);
                double dDiff = m == null ? 1 : ClusteredProportions.differenceDeff(m, of(XG), of(NG), of(XR), of(NR));
                double dNone = m == null ? 1 : ClusteredProportions.differenceDeff(m, of(XG), of(NG), of(XZ), of(NZ));
                double targetRate = units == 0 ? 0 : (double) target / units;
                double[] lo = Association.logOdds(x1, n1, x2, n2, targetRate, priorStrength);
                double[] loNone = Association.logOdds(x1, n1, xz, nz, targetRate, priorStrength);
                double p = n1 == 0 || n2 == 0 ? 1.0 : GTest.twoByTwo(x1, n1, x2, n2).corrected(dDiff).pValue();
                Estimate difference = oneGroup ? Estimate.undefined(ONE_GROUP)
                        : ClusteredProportions.difference(x1, n1, x2, n2, dDiff);
                Estimate ratio = oneGroup ? Estimate.undefined(ONE_GROUP) : ClusteredProportions.ratio(x1, n1, x2, n2,
                        m == null ? 1 : ClusteredProportions.logRatioDeff(m, of(XG), of(NG), of(XR), of(NR)));
                double dBase = m == null ? 1
                        : ClusteredProportions.differenceDeff(m, of(XG), of(NG), of(XR, XZ), of(NR, NZ));
                double dNoneRatio = m == null ? 1
                        : ClusteredProportions.logRatioDeff(m, of(XG), of(NG), of(XZ), of(NZ));
                double dGivenTarget = m == null ? 1 : ClusteredProportions.rateDeff(m, of(XG), of(XG, XR, XZ));
                double dAll = m == null ? 1 : ClusteredProportions.rateDeff(m, of(XG, XR, XZ), of(NG, NR, NZ));
                boolean supported = n1 / dRate >= support.groupUnits()
                        && x1 + (oneGroup ? xz : x2) >= support.targetUnits();
                out.add(new AuditCell(axis, table.groups().get(g), table.targets().get(t), n1, target, x1, n2, x2,
                        ClusteredProportions.wilson(x1, n1, dRate),
                        ClusteredProportions.wilson(x1, target, dGivenTarget),
                        ClusteredProportions.wilson(x2, n2, deff(m, XR, NR)), difference, ratio,
                        Association.pmi(x1, n1, target, units), lo == null ? null : lo[0],
                        lo == null ? null : lo[1] / Math.sqrt(dDiff), p, nz, xz,
                        ClusteredProportions.wilson(target, units, dAll),
                        ClusteredProportions.baseDifference(x1, n1, x2 + xz, n2 + nz, dBase),
                        ClusteredProportions.wilson(xz, nz, deff(m, XZ, NZ)),
                        ClusteredProportions.difference(x1, n1, xz, nz, dNone),
                        ClusteredProportions.ratio(x1, n1, xz, nz, dNoneRatio),
                        loNone == null ? null : loNone[1] / Math.sqrt(dNone), oneGroup ? dNone : dDiff, supported));
            }
        }
        return out;
    }

    private static double deff(Moments m, int x, int n) {
        return m == null ? 1 : ClusteredProportions.rateDeff(m, of(x), of(n));
    }

    /**
     * The summary of an axis' cells: the headline cell (among supported cells, the largest |z| of the
     * prior-smoothed log-odds: against the other groups, or against no-term units for a one-group
     * axis), how many comparisons are clear of 0, and the G-test of exclusive group against target
     * ({@code withNone} adds a column for exclusive units holding no target, for term targets; {@code
     * anyTargetUnits} is the units holding any target, needed for a one-group axis' no-term row).
     */
    static AuditSummary summary(String axis, String kind, CountTable table, List<AuditCell> cells, boolean withNone,
            long anyTargetUnits) {
        int k = table.groups().size();
        boolean oneGroup = k == 1;
        AuditCell largest = null;
        AuditCell clearest = null;
        int clear = 0;
        int below = 0;
        double deffSum = 0;
        int deffCells = 0;
        for (AuditCell c : cells) {
            Estimate d = oneGroup ? c.noneDifference() : c.rateDifference();
            Double z = oneGroup ? c.noneLogOddsZ() : c.logOddsZ();
            if (!c.supported()) {
                below++;
            }
            if (!d.isDefined()) {
                continue;
            }
            deffSum += c.designEffect();
            deffCells++;
            if (d.excludes(0)) {
                clear++;
            }
            if (c.supported() && z != null && (largest == null || beats(c, largest, oneGroup))) {
                largest = c;
            }
            if (c.supported() && c.baseDifference().excludes(0) && (clearest == null || clearer(c, clearest))) {
                clearest = c;
            }
        }
        if (k == 2 && largest != null && largest.rateDifference().value() < 0) {
            largest = mirror(largest, cells);
        }
        int m = table.targets().size();
        int rows = oneGroup ? 2 : k;
        long[][] counts = new long[rows][m + (withNone ? 1 : 0)];
        for (int g = 0; g < k; g++) {
            for (int t = 0; t < m; t++) {
                counts[g][t] = table.exclusiveBoth(g, t);
            }
            if (withNone) {
                counts[g][m] = table.exclusive(g) - table.exclusiveAnyTarget(g);
            }
        }
        if (oneGroup) {
            // the group against the units with no term of the axis (a one-group axis has no others)
            long none = table.units() - table.group(0);
            for (int t = 0; t < m; t++) {
                counts[1][t] = table.target(t) - table.both(0, t);
            }
            if (withNone) {
                counts[1][m] = none - (anyTargetUnits - table.exclusiveAnyTarget(0));
            }
        }
        double meanDeff = deffCells == 0 ? 1 : Math.max(1, deffSum / deffCells);
        GTest test = GTest.of(counts).corrected(meanDeff);
        String unit = table.scope().toString();
        if (largest == null) {
            Estimate none = Estimate.undefined(below > 0 ? "no cell with a defined comparison has the minimum support"
                    : "no cell has a defined comparison");
            return new AuditSummary(axis, kind, unit, oneGroup ? NO_TERM : OTHER_GROUPS, cells.size(), clear, below,
                    null, null, none, none, clearest == null ? null : clearest.group(),
                    clearest == null ? null : clearest.target(), clearest == null ? null : clearest.baseDifference(),
                    test, meanDeff);
        }
        return new AuditSummary(axis, kind, unit, oneGroup ? NO_TERM : OTHER_GROUPS, cells.size(), clear, below,
                largest.group(), largest.target(), oneGroup ? largest.noneDifference() : largest.rateDifference(),
                largest.baseDifference(), clearest == null ? null : clearest.group(),
                clearest == null ? null : clearest.target(), clearest == null ? null : clearest.baseDifference(), test,
                meanDeff);
    }

    /**
     * Whether {@code c} headlines before {@code current}: a larger |z|, or, where the two |z| tie (to rounding), a
     * positive difference against a negative one, so a tie shows the over-represented direction.
     */
    private static boolean beats(AuditCell c, AuditCell current, boolean oneGroup) {
        double a = Math.abs(zOf(c, oneGroup));
        double b = Math.abs(zOf(current, oneGroup));
        if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.max(a, b))) {
            return a > b;
        }
        return difference(c, oneGroup) > 0 && difference(current, oneGroup) <= 0;
    }

    private static double difference(AuditCell c, boolean oneGroup) {
        Estimate d = oneGroup ? c.noneDifference() : c.rateDifference();
        return d.isDefined() ? d.value() : 0;
    }

    /**
     * On a two-group axis, the cell of the other group on the same target when it is the mirror image of {@code c}
     * (supported, defined, with the opposite, positive difference); else {@code c}. Group A against the others is
     * then A against B, the same comparison as B against A with the sign turned, and the headline names the
     * over-represented side.
     */
    private static AuditCell mirror(AuditCell c, List<AuditCell> cells) {
        for (AuditCell o : cells) {
            if (o.target().equals(c.target()) && !o.group().equals(c.group()) && o.supported() && o.logOddsZ() != null
                    && o.rateDifference().isDefined() && o.rateDifference().value() > 0) {
                return o;
            }
        }
        return c;
    }

    /** Whether {@code c}'s base-rate interval is clearer of 0 than {@code current}'s; of a tie, the positive one. */
    private static boolean clearer(AuditCell c, AuditCell current) {
        double a = nearBound(c.baseDifference());
        double b = nearBound(current.baseDifference());
        if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.max(a, b))) {
            return a > b;
        }
        return c.baseDifference().value() > 0 && current.baseDifference().value() <= 0;
    }

    /** The bound of an interval that excludes 0 nearer to 0, as a distance from 0. */
    private static double nearBound(Estimate e) {
        return Math.min(Math.abs(e.low()), Math.abs(e.high()));
    }

    private static double zOf(AuditCell c, boolean oneGroup) {
        return oneGroup ? c.noneLogOddsZ() : c.logOddsZ();
    }
}
