package dev.debias.evaluate;

import static dev.debias.report.Html.esc;
import static dev.debias.report.Html.estimateCell;

import dev.debias.stats.Estimate;
import dev.debias.evaluate.counterfactual.CounterfactualExample;
import dev.debias.evaluate.counterfactual.CounterfactualResult;
import dev.debias.evaluate.counterfactual.FlipStatistics;
import dev.debias.evaluate.group.ClassMetrics;
import dev.debias.evaluate.group.Gap;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.group.GroupMetrics;
import dev.debias.evaluate.intrinsic.SeatResult;
import dev.debias.report.Charts;
import dev.debias.report.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders one {@link Evaluation} as a self-contained HTML page (inline SVG charts, no network). */
final class EvaluationReport {
    private EvaluationReport() {}

    static String render(Evaluation e) {
        StringBuilder h = Html.page("debias evaluation" + (e.model() == null ? "" : ": " + e.model()));
        h.append("<p class=\"meta\">");
        for (Map.Entry<String, String> d : new java.util.TreeMap<>(e.design()).entrySet()) {
            h.append(esc(d.getKey())).append(" = <b>").append(esc(d.getValue())).append("</b> &nbsp; ");
        }
        h.append("<br>inputs: ");
        // sorted like the design: Evaluation holds an unordered map, whose order changes from run to run
        new java.util.TreeMap<>(e.inputs()).forEach((k, v) -> h.append(esc(k)).append(" (sha256 ").append(esc(v.substring(0, 12))).append("\u2026) "));
        h.append("</p>\n");
        if (!e.warnings().isEmpty()) {
            h.append("<div class=\"warn\"><b>Warnings</b><ul>");
            e.warnings().forEach(w -> h.append("<li>").append(esc(w)).append("</li>"));
            h.append("</ul></div>\n");
        }
        if (e.sanity() != null) {
            h.append("<p><b>Sanity check.</b> The model is ").append(esc(e.sanity().summary())).append(".</p>\n");
        }
        for (GroupFairnessResult r : e.groupFairness()) {
            fairness(h, r);
        }
        ThresholdFreeSections.html(h, e.thresholdFree());
        if (e.counterfactual() != null) {
            counterfactual(h, e.counterfactual());
        }
        if (!e.intrinsic().isEmpty()) {
            intrinsic(h, e.intrinsic());
        }
        h.append("<p class=\"meta\">Intervals are 95%: percentile bootstrap stratified by group for the group metrics, "
                + "Wilson for flip rates. An undefined value is shown as undefined with its reason (hover), never as 0."
                + "</p>\n");
        return Html.close(h);
    }

    private static void fairness(StringBuilder h, GroupFairnessResult r) {
        h.append("<h2>Group fairness by ").append(esc(r.grouping())).append("</h2>\n<p class=\"meta\">classes: ")
                .append(esc(String.join(", ", r.classes()))).append(r.positiveLabel() == null
                        ? "; no positive label named, so each binary gap is the worst class (one-vs-rest)"
                        : "; positive label: <b>" + esc(r.positiveLabel()) + "</b>")
                .append("; ").append(r.bootstrap()).append(" bootstrap replicates, seed ").append(r.seed()).append("</p>\n");
        List<Charts.Bar> bars = new ArrayList<>();
        for (String name : List.of(Gap.DEMOGRAPHIC_PARITY, Gap.EQUAL_OPPORTUNITY, Gap.EQUALIZED_ODDS, Gap.GAP_RMS)) {
            r.gap(name).ifPresent(g -> bars.add(bar(name.replace('_', ' '), g.value(), 0)));
        }
        h.append(Charts.bars("Gaps between groups (95% intervals)", "difference", bars));
        h.append("<table class=\"sortable\"><thead><tr><th>gap</th><th>value [95% CI]</th>"
                + "<th title=\"the gap for the same predictions shuffled across the records: mean and 95% range\">"
                + "chance level</th><th>left out</th><th>definition</th></tr></thead><tbody>\n");
        for (Gap g : r.gaps()) {
            Estimate chance = r.chance() == null ? null : r.chance().measures().get(g.name());
            h.append("<tr><td>").append(esc(g.name())).append("</td>").append(estimateCell(g.value()))
                    .append(chance == null ? "<td></td>" : estimateCell(chance)).append("<td>")
                    .append(esc(String.join(", ", g.excludedGroups()))).append("</td><td class=\"meta\">")
                    .append(esc(g.definition())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        if (!r.gapGroups().isEmpty()) {
            List<Charts.Bar> perClass = new ArrayList<>();
            for (Gap g : r.gaps()) {
                if (g.label() != null) {
                    perClass.add(bar(g.label(), g.value(), g.value().isDefined() && g.value().value() < 0 ? 0 : 1));
                }
            }
            h.append(Charts.bars("TPR gap per class: " + r.gapGroups().get(0) + " minus " + r.gapGroups().get(1),
                    "TPR difference", perClass));
        }
        h.append("<h3>Per group</h3>\n<table class=\"sortable\"><thead><tr><th>group</th><th>records</th><th>accuracy</th>"
                + "<th>macro-F1</th><th>selection rate</th></tr></thead><tbody>\n");
        List<GroupMetrics> all = new ArrayList<>(r.groups());
        all.add(r.overall());
        for (GroupMetrics g : all) {
            h.append("<tr><td>").append(esc(g.group())).append("</td><td class=\"n\">").append(g.count()).append("</td>")
                    .append(estimateCell(g.accuracy())).append(estimateCell(g.macroF1()))
                    .append(estimateCell(g.selectionRate())).append("</tr>\n");
        }
        h.append("</tbody></table>\n<h3>True positive rate per class and group</h3>\n<table class=\"sortable\"><thead><tr>"
                + "<th>class</th>");
        all.forEach(g -> h.append("<th>").append(esc(g.group())).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (int c = 0; c < r.classes().size(); c++) {
            h.append("<tr><td>").append(esc(r.classes().get(c))).append("</td>");
            for (GroupMetrics g : all) {
                ClassMetrics m = g.classes().get(c);
                h.append(estimateCell(m.tpr()));
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static Charts.Bar bar(String label, Estimate e, int series) {
        double v = e.isDefined() ? e.value() : Double.NaN;
        return new Charts.Bar(label, v, e.low() == null ? Double.NaN : e.low(), e.high() == null ? Double.NaN : e.high(),
                series);
    }

    private static void counterfactual(StringBuilder h, CounterfactualResult c) {
        h.append("<h2>Counterfactual test (").append(esc(c.axis())).append(")</h2>\n<p>").append(c.overall().tested())
                .append(" of ").append(c.records()).append(" records hold a term of the axis and were tested with the "
                        + "terms swapped.</p>\n<table><thead><tr><th>original's terms</th><th>tested</th><th>flipped</th>"
                        + "<th>flip rate [95% CI]</th><th>mean |change in p(prediction)|</th></tr></thead><tbody>\n");
        List<FlipStatistics> rows = new ArrayList<>(c.byGroup());
        rows.add(c.overall());
        for (FlipStatistics f : rows) {
            h.append("<tr><td>").append(esc(f.group())).append("</td><td class=\"n\">").append(f.tested())
                    .append("</td><td class=\"n\">").append(f.flipped()).append("</td>").append(estimateCell(f.flipRate()))
                    .append(estimateCell(f.meanAbsChange())).append("</tr>\n");
        }
        h.append("</tbody></table>\n<h3>Most moved records</h3>\n<table><thead><tr><th>id</th><th>text</th>"
                + "<th>counterfactual</th><th>prediction</th><th>p</th><th>counterfactual prediction</th><th>p of the "
                + "original prediction</th></tr></thead><tbody>\n");
        for (CounterfactualExample x : c.worst()) {
            h.append("<tr><td>").append(esc(x.id())).append("</td><td>").append(esc(x.text())).append("</td><td>")
                    .append(esc(x.counterfactual())).append("</td><td>").append(esc(x.prediction()))
                    .append("</td><td class=\"n\">").append(Html.num(x.probability())).append("</td><td>")
                    .append(x.flipped() ? "<b>" + esc(x.counterfactualPrediction()) + "</b>" : esc(x.counterfactualPrediction()))
                    .append("</td><td class=\"n\">").append(Html.num(x.counterfactualProbability())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void intrinsic(StringBuilder h, List<SeatResult> tests) {
        h.append("<h2>Intrinsic tests on the encoder (SEAT)</h2>\n<table><thead><tr><th>test</th><th>targets</th>"
                + "<th>attributes</th><th>effect size</th><th>p (one-sided)</th></tr></thead><tbody>\n");
        for (SeatResult t : tests) {
            h.append("<tr><td>").append(esc(t.test())).append("</td><td>").append(esc(t.targ1() + " vs " + t.targ2())).append("</td><td>")
                    .append(esc(t.attr1() + " vs " + t.attr2())).append("</td><td class=\"n\">")
                    .append(t.weat().effectSize() == null ? "<span class=\"undef\" title=\"" + esc(t.weat().undefined()) + "\">undefined</span>"
                            : Html.num(t.weat().effectSize())).append("</td><td class=\"n\">")
                    .append(Html.num(t.weat().pValue())).append(t.weat().exact() ? "" : " (sampled)").append("</td></tr>\n");
        }
        h.append("</tbody></table>\n<p class=\"meta\">Effect size: difference of the mean associations of the two target "
                + "sets over their pooled standard deviation (Caliskan et al. 2017); p: share of equal-size re-partitions "
                + "of the targets with a statistic at least as large.</p>\n");
    }
}
