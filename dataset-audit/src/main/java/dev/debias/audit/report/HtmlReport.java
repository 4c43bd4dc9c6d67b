package dev.debias.audit.report;

import static dev.debias.report.Html.esc;

import dev.debias.audit.Agreement;
import dev.debias.audit.AuditCell;
import dev.debias.audit.AuditResult;
import dev.debias.audit.AuditSummary;
import dev.debias.audit.AxisReport;
import dev.debias.audit.GroundTruthReport;
import dev.debias.audit.GroupReport;
import dev.debias.audit.IntersectionGroup;
import dev.debias.audit.IntersectionReport;
import dev.debias.report.Html;
import dev.debias.stats.Estimate;
import dev.debias.stats.EstimateFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code report.html}: one self-contained page (inline CSS, SVG and a few lines of script,
 * nothing fetched) with the summary per axis and intersection, a section per axis and per intersection, bar charts of the largest rate differences with their
 * intervals, and sortable tables of the most skewed cells.
 */
public final class HtmlReport {
    /** Cells shown per table, most skewed first. */
    public static final int TABLE_ROWS = 200;
    /** Bars per chart. */
    public static final int CHART_BARS = 20;

    /** Numbers on the page: four significant digits. */
    private static final EstimateFormat NUMBERS = EstimateFormat.SIGNIFICANT_4;

    private HtmlReport() {}

    /** The page for {@code r}. */
    public static String render(AuditResult r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>debias audit: ")
                .append(esc(r.source())).append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        h.append("<h1>Co-occurrence audit of ").append(esc(r.source())).append("</h1>\n<p class=\"meta\">")
                .append(r.documents()).append(" documents, ").append(r.units()).append(' ').append(esc(r.scope()))
                .append(" units. Rates with 95% Wilson intervals; differences with Newcombe intervals; ratios with Katz "
                        + "log intervals. The comparison side of a group is the units holding another group of the axis "
                        + "and not this one; each group is also compared with the base rate (all units) and with the "
                        + "units holding no term of its axis. Clustering: ")
                .append(esc(r.intervals().getOrDefault("clustering", "none")))
                .append(r.labelUnit() == null ? "" : ". Label tables count " + esc(r.labelUnit()) + " units")
                .append(r.positiveLabel() == null ? "" : ", positive label <code>" + esc(r.positiveLabel()) + "</code>")
                .append(". Input sha256 <code>")
                .append(esc(r.inputSha256())).append("</code>.</p>\n");
        if (!r.warnings().isEmpty()) {
            h.append("<div class=\"warn\"><b>Warnings</b><ul>");
            r.warnings().forEach(w -> h.append("<li>").append(esc(w)).append("</li>"));
            h.append("</ul></div>\n");
        }
        h.append("<h2>Summary</h2>\n<p class=\"meta\">The headline cell is the supported cell with the largest "
                + "|z| of the prior-smoothed log-odds, not the largest raw difference; cells below the minimum support "
                + "are shown in the tables but never headline.</p>\n<table><thead><tr><th>axis</th><th>targets</th>"
                + "<th>unit</th><th>compared with</th><th>cells</th><th>below support</th>"
                + "<th>differences clear of 0</th><th>headline difference</th><th>interval</th><th>vs base rate</th>"
                + "<th>G-test</th></tr>"
                + "</thead><tbody>\n");
        for (AxisReport a : r.axes()) {
            summaryRow(h, a.termsSummary());
            summaryRow(h, a.labelsSummary());
        }
        for (IntersectionReport x : r.intersections()) {
            summaryRow(h, x.termsSummary());
            summaryRow(h, x.labelsSummary());
        }
        for (GroundTruthReport g : r.groundTruth()) {
            summaryRow(h, g.labelsSummary());
        }
        h.append("</tbody></table>\n");
        for (AxisReport a : r.axes()) {
            h.append("<h2>Axis ").append(esc(a.axis())).append("</h2>\n<p class=\"meta\">").append(a.terms())
                    .append(" terms from <code>").append(esc(a.lexicon())).append("</code>");
            if (a.ambiguousLeftOut() > 0) {
                h.append(", ").append(a.ambiguousLeftOut()).append(" ambiguous terms left out");
            }
            h.append("; ").append(a.anyGroupUnits()).append(" units hold at least one group.</p>\n");
            h.append("<table><thead><tr><th>group</th><th>units</th><th>exclusive units</th><th>terms found</th>"
                    + "<th>most frequent terms</th></tr></thead><tbody>\n");
            for (GroupReport g : a.groups()) {
                StringBuilder terms = new StringBuilder();
                g.topTerms().forEach((t, n) -> terms.append(terms.isEmpty() ? "" : ", ").append(esc(t)).append(" (")
                        .append(n).append(')'));
                h.append("<tr><td>").append(esc(g.group())).append("</td><td class=\"n\">").append(g.units())
                        .append("</td><td class=\"n\">").append(g.exclusiveUnits()).append("</td><td class=\"n\">")
                        .append(g.termsFound()).append(" of ").append(g.terms()).append("</td><td>").append(terms)
                        .append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
            section(h, "Labels by " + a.axis() + " group", filter(r.labels(), a.axis()));
            section(h, "Term targets by " + a.axis() + " group", filter(r.cells(), a.axis()));
        }
        r.intersections().forEach(x -> intersection(h, x));
        for (GroundTruthReport g : r.groundTruth()) {
            h.append("<h2>Ground-truth field ").append(esc(g.field())).append("</h2>\n");
            section(h, "Labels by " + g.field(), g.labels());
            for (Agreement ag : g.agreement()) {
                agreement(h, ag);
            }
        }
        h.append("<script>\n").append(Html.SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static void intersection(StringBuilder h, IntersectionReport x) {
        h.append("<h2 id=\"intersection-").append(esc(x.axis())).append("\">Intersection ").append(esc(x.axis()))
                .append("</h2>\n<p class=\"meta\">Cells of ").append(esc(String.join(" x ", x.components())))
                .append(": a unit is in a cell when it is in each of its groups (a term of each, or a group field "
                        + "standing for each); each cell is compared with the units in another cell and not this one. ")
                .append(x.anyGroupUnits()).append(" units are in at least one cell.</p>\n");
        h.append("<table><thead><tr><th>cell</th><th>units</th><th>exclusive units</th></tr></thead><tbody>\n");
        for (IntersectionGroup g : x.groups()) {
            h.append("<tr><td>").append(esc(g.group())).append("</td><td class=\"n\">").append(g.units())
                    .append("</td><td class=\"n\">").append(g.exclusiveUnits()).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        section(h, "Labels by " + x.axis() + " cell", x.labels());
        section(h, "Term targets by " + x.axis() + " cell", x.cells());
    }

    private static List<AuditCell> filter(List<AuditCell> cells, String axis) {
        return cells.stream().filter(c -> c.axis().equals(axis)).toList();
    }

    private static void summaryRow(StringBuilder h, AuditSummary s) {
        if (s == null) {
            return;
        }
        Estimate d = s.largestDifference();
        h.append("<tr><td>").append(esc(s.axis())).append("</td><td>").append(esc(s.targets())).append("</td><td>")
                .append(esc(s.unit())).append("</td><td>").append(esc(s.comparison())).append("</td><td class=\"n\">")
                .append(s.cells()).append("</td><td class=\"n\">").append(s.belowSupport())
                .append("</td><td class=\"n\">").append(s.clearDifferences()).append("</td><td>");
        if (d.isDefined()) {
            h.append(esc(s.largestGroup())).append(" / ").append(esc(s.largestTarget())).append(": ")
                    .append(fmt(d.value())).append("</td><td>").append(interval(d)).append("</td><td>")
                    .append(s.largestBaseDifference().isDefined() ? fmt(s.largestBaseDifference().value()) + " "
                            + interval(s.largestBaseDifference()) : esc(s.largestBaseDifference().undefined()));
            if (s.clearestBaseGroup() != null && !s.largestBaseDifference().excludes(0)) {
                h.append("; clearest: ").append(esc(s.clearestBaseGroup())).append(" / ")
                        .append(esc(s.clearestBaseTarget())).append(" ").append(fmt(s.clearestBaseDifference().value()))
                        .append(" ").append(interval(s.clearestBaseDifference()));
            }
        } else {
            h.append(esc(d.undefined())).append("</td><td></td><td>");
        }
        h.append("</td><td>G = ").append(fmt(s.independence().statistic())).append(", df ")
                .append(s.independence().df()).append(", p ").append(p(s.independence().pValue())).append("</td></tr>\n");
    }

    private static void section(StringBuilder h, String title, List<AuditCell> cells) {
        if (cells.isEmpty()) {
            return;
        }
        List<AuditCell> skewed = new ArrayList<>(cells.stream().filter(c -> c.rateDifference().isDefined()).toList());
        skewed.sort(Comparator.comparingDouble((AuditCell c) -> -Math.abs(c.rateDifference().value()))
                .thenComparing(AuditCell::group).thenComparing(AuditCell::target));
        h.append("<h3>").append(esc(title)).append("</h3>\n");
        // With two groups and no unit holding both, each group's comparison is exactly the other group,
        // so the second group's differences mirror the first's: chart the first group only.
        List<String> groups = cells.stream().map(AuditCell::group).distinct().toList();
        boolean mirrored = groups.size() == 2 && disjoint(cells, groups.get(0), groups.get(1));
        if (mirrored) {
            skewed.removeIf(c -> !c.group().equals(groups.get(0)));
        }
        chart(h, skewed.subList(0, Math.min(CHART_BARS, skewed.size())),
                mirrored ? groups.get(0) + " against " + groups.get(1) : null);
        List<AuditCell> rows = new ArrayList<>(cells);
        rows.sort(Comparator.comparingDouble((AuditCell c) -> c.logOddsZ() == null ? 0 : -Math.abs(c.logOddsZ()))
                .thenComparing(AuditCell::group).thenComparing(AuditCell::target));
        int shown = Math.min(TABLE_ROWS, rows.size());
        h.append("<p class=\"meta\">").append(shown).append(" of ").append(cells.size())
                .append(" cells, largest |log-odds z| first; click a column to sort. A cell marked * is below the "
                        + "minimum support.</p>\n");
        h.append("<table class=\"sortable\"><thead><tr><th>group</th><th>target</th><th>both</th><th>group units</th>"
                + "<th>P(target|group)</th><th>P(target|comparison)</th><th>difference</th><th>95% interval</th>"
                + "<th>ratio</th><th>P(target)</th><th>vs base rate</th><th>P(target|no term)</th><th>vs no term</th>"
                + "<th>P(group|target)</th><th>PMI</th><th>log-odds z</th><th>p</th><th>deff</th></tr></thead><tbody>\n");
        for (AuditCell c : rows.subList(0, shown)) {
            h.append("<tr><td>").append(esc(c.group())).append(c.supported() ? "" : " *").append("</td><td>")
                    .append(esc(c.target()))
                    .append("</td><td class=\"n\">").append(c.bothUnits()).append("</td><td class=\"n\">")
                    .append(c.groupUnits()).append("</td>");
            cell(h, c.targetGivenGroup().value());
            cell(h, c.targetGivenComparison().value());
            cell(h, c.rateDifference().value());
            h.append("<td>").append(interval(c.rateDifference())).append("</td>");
            cell(h, c.rateRatio().value());
            cell(h, c.targetRate().value());
            h.append("<td>").append(c.baseDifference().isDefined() ? fmt(c.baseDifference().value()) + " "
                    + interval(c.baseDifference()) : "").append("</td>");
            cell(h, c.targetGivenNone().value());
            h.append("<td>").append(c.noneDifference().isDefined() ? fmt(c.noneDifference().value()) + " "
                    + interval(c.noneDifference()) : "").append("</td>");
            cell(h, c.groupGivenTarget().value());
            cell(h, c.pmi());
            cell(h, c.logOddsZ());
            h.append("<td class=\"n\" data-v=\"").append(c.pValue()).append("\">").append(p(c.pValue())).append("</td>");
            cell(h, c.designEffect());
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    /** True when no unit holds both groups: each group's comparison units are the other group's units. */
    private static boolean disjoint(List<AuditCell> cells, String a, String b) {
        AuditCell ca = cells.stream().filter(c -> c.group().equals(a)).findFirst().orElse(null);
        AuditCell cb = cells.stream().filter(c -> c.group().equals(b)).findFirst().orElse(null);
        return ca != null && cb != null && ca.comparisonUnits() == cb.groupUnits() && cb.comparisonUnits() == ca.groupUnits();
    }

    private static void chart(StringBuilder h, List<AuditCell> cells, String pair) {
        if (cells.isEmpty()) {
            return;
        }
        double max = 0;
        for (AuditCell c : cells) {
            Estimate d = c.rateDifference();
            max = Math.max(max, Math.abs(d.value()));
            if (d.low() != null) {
                max = Math.max(max, Math.max(Math.abs(d.low()), Math.abs(d.high())));
            }
        }
        max = max == 0 ? 1 : max;
        int rowH = 18;
        int labelW = 260;
        int plotW = 420;
        int height = cells.size() * rowH + 30;
        double mid = labelW + plotW / 2.0;
        double scale = plotW / 2.0 / max;
        h.append("<svg class=\"chart\" width=\"").append(labelW + plotW + 50).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"rate differences\">\n");
        h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" class=\"axis\"/>%n", mid, mid,
                cells.size() * rowH));
        for (int i = 0; i < cells.size(); i++) {
            AuditCell c = cells.get(i);
            Estimate d = c.rateDifference();
            double y = i * rowH;
            double x0 = Math.min(mid, mid + d.value() * scale);
            double w = Math.abs(d.value() * scale);
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"lbl\">%s / %s</text>%n", labelW - 6,
                    y + 13, esc(c.group()), esc(c.target())));
            h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" class=\"%s\">"
                    + "<title>%s / %s: %s %s</title></rect>%n", x0, y + 3, Math.max(w, 0.5), rowH - 6,
                    d.value() >= 0 ? "pos" : "neg", esc(c.group()), esc(c.target()), fmt(d.value()), interval(d)));
            if (d.low() != null) {
                h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"ci\"/>%n",
                        mid + d.low() * scale, y + rowH / 2.0, mid + d.high() * scale, y + rowH / 2.0));
            }
        }
        double y = cells.size() * rowH + 18;
        h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\">-%s</text>"
                + "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\">0</text><text x=\"%.1f\" y=\"%.1f\" class=\"tick\">+%s</text>%n",
                (double) labelW, y, fmt(max), mid, y, (double) labelW + plotW, y, fmt(max)));
        h.append("</svg>\n<p class=\"meta\">Bars: P(target|group) - P(target|comparison) for the ")
                .append(cells.size()).append(" largest differences");
        if (pair != null) {
            h.append(" (").append(esc(pair)).append("; the other group's bars mirror these)");
        }
        h.append("; whiskers: 95% interval.</p>\n");
    }

    private static void agreement(StringBuilder h, Agreement a) {
        h.append("<h3>Lexicon axis ").append(esc(a.axis())).append(" against ").append(esc(a.field())).append("</h3>\n");
        h.append("<p class=\"meta\">Agreement ");
        Estimate e = a.agreementRate();
        h.append(e.isDefined() ? fmt(e.value()) + " " + interval(e) : esc(e.undefined()));
        h.append(" over ").append(a.comparable()).append(" documents where exactly one group was detected; coverage ");
        Estimate c = a.coverage();
        h.append(c.isDefined() ? fmt(c.value()) + " " + interval(c) : esc(c.undefined())).append(".</p>\n");
        List<String> cols = new ArrayList<>();
        a.documents().values().stream().findFirst().ifPresent(m -> cols.addAll(m.keySet()));
        h.append("<table><thead><tr><th>").append(esc(a.field())).append(" \\ detected</th>");
        cols.forEach(k -> h.append("<th>").append(esc(k)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (Map.Entry<String, Map<String, Long>> row : a.documents().entrySet()) {
            h.append("<tr><td>").append(esc(row.getKey())).append("</td>");
            cols.forEach(k -> h.append("<td class=\"n\">").append(row.getValue().get(k)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void cell(StringBuilder h, Double v) {
        h.append("<td class=\"n\" data-v=\"").append(v == null ? "" : v.toString()).append("\">")
                .append(v == null ? "&ndash;" : fmt(v)).append("</td>");
    }

    private static String interval(Estimate e) {
        return Html.interval(e, NUMBERS);
    }

    private static String fmt(double v) {
        return NUMBERS.number(v);
    }

    private static String p(double v) {
        if (v < Double.MIN_NORMAL) {
            return "&lt;1e-300";
        }
        return v < 1e-4 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.4f", v);
    }


    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
            h1{font-size:1.5em}h2{margin-top:2em;border-bottom:1px solid #ccc}h3{margin-top:1.5em}
            table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}
            th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
            table.sortable th{cursor:pointer}table.sortable th:hover{background:#e8e8e8}
            .meta{color:#555}.warn{background:#fff6e0;border:1px solid #e0c060;padding:.5em 1em}
            svg.chart .lbl{font-size:11px;text-anchor:end}svg.chart .tick{font-size:10px;text-anchor:middle;fill:#555}
            svg.chart .pos{fill:#c0504d}svg.chart .neg{fill:#4f81bd}svg.chart .ci{stroke:#222;stroke-width:1}
            svg.chart .axis{stroke:#888}
            """;

}
