package dev.debias.evaluate;

import static dev.debias.report.Html.esc;
import static dev.debias.report.Html.estimateCell;

import dev.debias.evaluate.scores.PowerMean;
import dev.debias.evaluate.scores.ScoreResult;
import dev.debias.evaluate.scores.SubgroupScores;
import dev.debias.evaluate.scores.ThresholdFree;
import dev.debias.report.Charts;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.List;

/** The threshold-free measures of an {@link Evaluation} as rows of {@code metrics.csv} and a section of the report. */
final class ThresholdFreeSections {
    /** The CSV section name. */
    static final String SECTION = "threshold_free";

    private ThresholdFreeSections() {}

    /** Receives one CSV row. */
    interface Row {
        void accept(String section, String grouping, String group, String cls, String metric, Estimate e);
    }

    /** Every number as a row: per group (and overall) count, AUCs and calibration, then the means and final score. */
    static void rows(ThresholdFree t, Row row) {
        if (t == null) {
            return;
        }
        for (ScoreResult r : t.results()) {
            List<SubgroupScores> all = new ArrayList<>(r.groups());
            all.add(r.overall());
            for (SubgroupScores g : all) {
                row.accept(SECTION, r.grouping(), g.group(), r.positiveLabel(), "count", Estimate.of(g.count(), g.count(), g.count()));
                row.accept(SECTION, r.grouping(), g.group(), r.positiveLabel(), "positives",
                        Estimate.of(g.positives(), g.positives(), g.positives()));
                row.accept(SECTION, r.grouping(), g.group(), r.positiveLabel(), "auc", g.auc());
                if (g.bpsnAuc() != null) {
                    row.accept(SECTION, r.grouping(), g.group(), r.positiveLabel(), "bpsn_auc", g.bpsnAuc());
                    row.accept(SECTION, r.grouping(), g.group(), r.positiveLabel(), "bnsp_auc", g.bnspAuc());
                }
                row.accept(SECTION, r.grouping(), g.group(), r.positiveLabel(), "calibration_error", g.calibrationError());
                row.accept(SECTION, r.grouping(), g.group(), r.positiveLabel(), "calibration_difference",
                        g.calibrationDifference());
            }
            for (PowerMean m : r.means()) {
                row.accept(SECTION, r.grouping(), "", r.positiveLabel(), m.name(), m.value());
            }
            row.accept(SECTION, r.grouping(), "", r.positiveLabel(), "final_score", r.finalScore());
        }
    }

    /** The report section: per result a chart of the three AUCs per group and a table of every value. */
    static void html(StringBuilder h, ThresholdFree t) {
        if (t == null) {
            return;
        }
        for (ScoreResult r : t.results()) {
            h.append("<h2>Threshold-free measures by ").append(esc(r.grouping())).append(" (positive: ")
                    .append(esc(r.positiveLabel())).append(")</h2>\n<p class=\"meta\">from the field <b>")
                    .append(esc(t.probabilityField())).append("</b> (").append(esc(t.format())).append("); positive class: ")
                    .append(esc(t.positiveChoice())).append("; power mean p = ").append(t.power()).append("; ")
                    .append(t.bins()).append(" calibration bins; groups under ").append(t.minGroupSize())
                    .append(" records are left out of the means; ").append(t.bootstrap()).append(" bootstrap replicates, seed ")
                    .append(t.seed()).append("</p>\n");
            List<Charts.Bar> bars = new ArrayList<>();
            for (SubgroupScores g : r.groups()) {
                bars.add(bar(g.group() + " subgroup", g.auc(), 0));
                bars.add(bar(g.group() + " BPSN", g.bpsnAuc(), 1));
                bars.add(bar(g.group() + " BNSP", g.bnspAuc(), 2));
            }
            h.append(Charts.bars("Subgroup, BPSN and BNSP AUC per group (95% intervals)", "AUC", bars));
            h.append("<table class=\"sortable\"><thead><tr><th>group</th><th>records</th><th>positives</th>"
                    + "<th>AUC</th><th>BPSN AUC</th><th>BNSP AUC</th><th>calibration error</th>"
                    + "<th>calibration difference</th></tr></thead><tbody>\n");
            List<SubgroupScores> all = new ArrayList<>(r.groups());
            all.add(r.overall());
            for (SubgroupScores g : all) {
                h.append("<tr><td>").append(esc(g.group())).append("</td><td class=\"n\">").append(g.count())
                        .append("</td><td class=\"n\">").append(g.positives()).append("</td>").append(estimateCell(g.auc()))
                        .append(g.bpsnAuc() == null ? "<td></td><td></td>" : estimateCell(g.bpsnAuc()) + estimateCell(g.bnspAuc()))
                        .append(estimateCell(g.calibrationError())).append(estimateCell(g.calibrationDifference()))
                        .append("</tr>\n");
            }
            h.append("</tbody></table>\n<table><thead><tr><th>summary</th><th>value [95% CI]</th><th>left out</th>"
                    + "<th>definition</th></tr></thead><tbody>\n");
            for (PowerMean m : r.means()) {
                h.append("<tr><td>").append(esc(m.name())).append("</td>").append(estimateCell(m.value())).append("<td>")
                        .append(esc(String.join(", ", m.excludedGroups()))).append("</td><td class=\"meta\">")
                        .append(esc(m.definition())).append("</td></tr>\n");
            }
            h.append("<tr><td>final_score</td>").append(estimateCell(r.finalScore())).append("<td></td><td class=\"meta\">"
                    + "0.25 overall AUC + 0.25 of each power mean (Jigsaw Unintended Bias in Toxicity Classification)"
                    + "</td></tr>\n</tbody></table>\n");
        }
        h.append("<p class=\"meta\">AUC: Mann-Whitney, ties count 1/2. BPSN: the other groups' positives against the "
                + "group's negatives; BNSP: the group's positives against the other groups' negatives (Borkan et al. 2019). "
                + "Calibration error: sum over equal-width bins of |sum of p - positives|, over the records; calibration "
                + "difference: mean p minus the positive rate.</p>\n");
    }

    private static Charts.Bar bar(String label, Estimate e, int series) {
        double v = e.isDefined() ? e.value() : Double.NaN;
        return new Charts.Bar(label, v, e.low() == null ? Double.NaN : e.low(), e.high() == null ? Double.NaN : e.high(),
                series);
    }
}
