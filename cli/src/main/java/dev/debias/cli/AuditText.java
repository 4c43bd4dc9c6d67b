package dev.debias.cli;

import dev.debias.audit.AuditCell;
import dev.debias.audit.AuditResult;
import dev.debias.audit.AuditSummary;
import dev.debias.audit.AxisReport;
import dev.debias.audit.GroupReport;
import dev.debias.audit.IntersectionGroup;
import dev.debias.audit.IntersectionReport;
import dev.debias.audit.index.IndexBuild;
import dev.debias.stats.Estimate;
import dev.debias.stats.EstimateFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** What {@code debias audit} prints: per axis and per intersection its groups, summaries and top cells. */
final class AuditText {
    private final PrintWriter o;
    private final int top;

    /** Prints to {@code o}, {@code top} cells per table. */
    AuditText(PrintWriter o, int top) {
        this.o = o;
        this.top = top;
    }

    void print(AuditResult r, IndexBuild build) {
        o.printf(Locale.ROOT, "%s: %d documents, %d %s units (index %s%s)%n", r.source(), r.documents(), r.units(),
                r.scope(), build.dir(), build.reused() ? ", reused" : "");
        if (!r.scope().equals("document")) {
            o.printf(Locale.ROOT, "intervals and tests clustered by document (%s)%n", r.intervals().get("clustering"));
        }
        if (r.labelUnit() != null) {
            o.printf(Locale.ROOT, "label tables count %s%s%n",
                    r.labelUnit().equals("document") ? "documents" : r.labelUnit() + " units",
                    r.positiveLabel() == null ? "" : "; positive label " + r.positiveLabel());
        }
        for (AxisReport a : r.axes()) {
            o.printf(Locale.ROOT, "%naxis %s (%d terms from %s):%n", a.axis(), a.terms(), a.lexicon());
            for (GroupReport g : a.groups()) {
                o.printf(Locale.ROOT, "  %-16s %9d units %9d exclusive  top terms: %s%n", g.group(), g.units(),
                        g.exclusiveUnits(), g.topTerms().keySet().stream().limit(5).toList());
            }
            summary(o, a.labelsSummary());
            summary(o, a.termsSummary());
            table(o, "labels", r.labels().stream().filter(c -> c.axis().equals(a.axis())).toList());
            table(o, "targets", r.cells().stream().filter(c -> c.axis().equals(a.axis())).toList());
        }
        for (IntersectionReport x : r.intersections()) {
            o.printf(Locale.ROOT, "%nintersection %s (%d units in a cell):%n", x.axis(), x.anyGroupUnits());
            for (IntersectionGroup g : x.groups()) {
                o.printf(Locale.ROOT, "  %-24s %9d units %9d exclusive%n", g.group(), g.units(), g.exclusiveUnits());
            }
            summary(o, x.labelsSummary());
            summary(o, x.termsSummary());
            table(o, "labels", x.labels());
            table(o, "targets", x.cells());
        }
        for (var g : r.groundTruth()) {
            o.printf(Locale.ROOT, "%nground-truth field %s: values %s%n", g.field(), g.values());
            summary(o, g.labelsSummary());
            table(o, "labels", g.labels());
            for (var ag : g.agreement()) {
                Estimate e = ag.agreementRate();
                o.printf(Locale.ROOT, "  agreement with lexicon axis %s: %s over %d documents with exactly one group "
                        + "detected (coverage %s)%n", ag.axis(), est(e), ag.comparable(), est(ag.coverage()));
            }
        }
    }

    private static void summary(PrintWriter o, AuditSummary s) {
        if (s == null) {
            return;
        }
        Estimate d = s.largestDifference();
        String largest = d.isDefined()
                ? String.format(Locale.ROOT, "headline (largest log-odds z among supported cells) %s / %s: %s against "
                        + "%s, %s against the base rate", s.largestGroup(), s.largestTarget(), est(d), s.comparison(),
                        est(s.largestBaseDifference())) + clearestBase(s)
                : "no headline (" + d.undefined() + ")";
        o.printf(Locale.ROOT, "  %s per %s: %s; %d of %d cells clear of 0, %d below the minimum support; G-test "
                + "G=%.1f df=%d p=%s%s%n", s.targets(), s.unit(), largest, s.clearDifferences(), s.cells(),
                s.belowSupport(), s.independence().statistic(), s.independence().df(), p(s.independence().pValue()),
                s.designEffect() > 1 ? String.format(Locale.ROOT, " (Rao-Scott, mean deff %.2f)", s.designEffect()) : "");
    }

    /**
     * The cell clearest of the base rate, when the headline's own base-rate interval includes 0: a large group
     * compared with groups much like it can have a small difference against the others and a large one against
     * the base rate, which the headline would then not show.
     */
    private static String clearestBase(AuditSummary s) {
        if (s.clearestBaseGroup() == null || s.largestBaseDifference().excludes(0)) {
            return "";
        }
        return String.format(Locale.ROOT, " (clearest against the base rate: %s / %s %s)", s.clearestBaseGroup(),
                s.clearestBaseTarget(), est(s.clearestBaseDifference()));
    }

    private void table(PrintWriter o, String title, List<AuditCell> cells) {
        if (cells.isEmpty() || top <= 0) {
            return;
        }
        List<AuditCell> sorted = new ArrayList<>(cells);
        sorted.sort(Comparator.comparingDouble((AuditCell c) -> -Math.abs(z(c))));
        o.printf(Locale.ROOT, "  %-12s %-22s %8s %8s %10s %24s %24s %24s %8s%n", "group",
                title.equals("labels") ? "label" : "target", "both", "group", "P(t|group)", "vs others [95%]",
                "vs base rate [95%]", "vs no term [95%]", "z");
        for (AuditCell c : sorted.subList(0, Math.min(top, sorted.size()))) {
            o.printf(Locale.ROOT, "  %-12s %-22s %8d %8d %10s %24s %24s %24s %8s%n", c.group() + (c.supported() ? "" : " *"),
                    c.target(), c.bothUnits(), c.groupUnits(), num(c.targetGivenGroup().value()),
                    orDash(c.rateDifference()), orDash(c.baseDifference()), orDash(c.noneDifference()), String.format(Locale.ROOT, "%.1f", z(c)));
        }
        if (sorted.stream().anyMatch(c -> !c.supported())) {
            o.printf(Locale.ROOT, "  (* below the minimum support: shown, never the headline)%n");
        }
    }

    /** The cell's log-odds z against the other groups, or against no-term units for a one-group axis; 0 when undefined. */
    private static double z(AuditCell c) {
        Double z = c.logOddsZ() != null ? c.logOddsZ() : c.noneLogOddsZ();
        return z == null ? 0 : z;
    }

    private static String orDash(Estimate e) {
        return e.isDefined() ? est(e) : "-";
    }

    private static String est(Estimate e) {
        return SettingFlags.translate(EstimateFormat.FIXED_3.text(e));
    }

    private static String num(Double v) {
        return v == null ? "-" : EstimateFormat.FIXED_3.number(v);
    }

    private static String p(double v) {
        if (v < Double.MIN_NORMAL) {
            return "<1e-300";
        }
        return v < 1e-4 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
