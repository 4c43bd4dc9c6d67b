package dev.debias.recipe;

import dev.debias.evaluate.compare.Comparisons;
import dev.debias.evaluate.compare.MeasureAgreement;
import dev.debias.evaluate.compare.RunSummary;
import dev.debias.report.Html;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether each bias measure rewards a model for being worse: its value for a classifier that guesses (each
 * run's predictions shuffled across the test records, so they keep their frequencies but depend on nothing),
 * against the runs' own values, and its Kendall tau-b with accuracy across the runs. A measure is flagged
 * when a guesser reads no higher than the median run, or when it reads fairer on the less accurate runs (tau
 * with accuracy beyond what unrelated measures give at p &lt; 0.05, the normal approximation under no ties).
 * Lower is fairer for every measure read here except a SEAT effect, whose size is read.
 */
final class ChanceAndAccuracy {
    /** One measure's row. */
    record Row(String measure, double[] values, Double chance, MeasureAgreement withAccuracy, boolean guesserAsFair,
            boolean fairerWhenWorse) {}

    private final List<Row> rows = new ArrayList<>();
    private final int runs;
    private final double critical;

    /**
     * @param summaries every run's measures, accuracy among them
     * @param chance per run (by {@link RunSummary#name()}), each measure's chance level
     * @param measures the bias measures to read, in order
     */
    ChanceAndAccuracy(List<RunSummary> summaries, Map<String, Map<String, Double>> chance, List<String> measures) {
        this.runs = summaries.size();
        double n = runs;
        this.critical = n < 2 ? Double.NaN : 1.96 * Math.sqrt(2 * (2 * n + 5) / (9 * n * (n - 1)));
        List<MeasureAgreement> taus = Comparisons.withAccuracy(summaries, measures);
        for (int i = 0; i < measures.size(); i++) {
            String m = measures.get(i);
            double[] values = summaries.stream().map(s -> s.measures().get(m)).filter(e -> e != null && e.isDefined())
                    .mapToDouble(e -> m.startsWith("seat:") ? Math.abs(e.value()) : e.value()).sorted().toArray();
            double[] levels = summaries.stream().map(s -> chance.getOrDefault(s.name(), Map.of()).get(m))
                    .filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
            Double level = levels.length == 0 ? null : Arrays.stream(levels).average().orElseThrow();
            boolean guesser = level != null && values.length > 0 && level <= median(values);
            MeasureAgreement t = taus.get(i);
            boolean worse = t.tau() != null && !Double.isNaN(critical) && t.tau() >= critical;
            rows.add(new Row(m, values, level, t, guesser, worse));
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The effects for {@code results.json}: each measure's tau with accuracy and its chance level. */
    List<Report.Effect> effects() {
        List<Report.Effect> out = new ArrayList<>();
        for (Row r : rows) {
            MeasureAgreement t = r.withAccuracy;
            out.add(new Report.Effect("Kendall tau-b: " + Report.label(r.measure) + " ~ accuracy", "agreement",
                    t.tau() == null ? Estimate.undefined(t.undefined()) : new Estimate(t.tau(), null, null, null),
                    t.runs() + " runs"));
            out.add(new Report.Effect("chance level: " + Report.label(r.measure), r.measure, r.chance == null
                    ? Estimate.undefined(r.measure.startsWith("seat:") || r.measure.equals("embedding_gap")
                            ? "not a measure of predictions" : "no chance level in the evaluations")
                    : new Estimate(r.chance, null, null, null), "the runs' predictions shuffled across the test records; "
                            + "mean over runs"));
        }
        return out;
    }

    /** The sentences for the reading. */
    List<String> reading() {
        List<String> out = new ArrayList<>();
        List<String> guessers = rows.stream().filter(Row::guesserAsFair).map(r -> Report.label(r.measure)).toList();
        List<String> worse = rows.stream().filter(Row::fairerWhenWorse).map(r -> String.format(Locale.ROOT, "%s (tau %+.2f)",
                Report.label(r.measure), r.withAccuracy.tau())).toList();
        out.add(guessers.isEmpty()
                ? "Against chance: no measure reads a guessing classifier (each run's predictions shuffled) as fair as "
                        + "the median run."
                : "Against chance: " + String.join(", ", guessers) + (guessers.size() == 1 ? " reads" : " read") + " a "
                        + "guessing classifier (each run's predictions shuffled) as fair as the median run or fairer, so "
                        + "a low value there does not show a fair model.");
        if (Double.isNaN(critical)) {
            out.add("Against accuracy: fewer than 2 runs, so no correlation with accuracy.");
        } else {
            out.add(worse.isEmpty()
                    ? String.format(Locale.ROOT, "Against accuracy: no measure reads fairer on the less accurate runs "
                            + "beyond chance (Kendall tau with accuracy above %.2f over %d runs).", critical, runs)
                    : String.format(Locale.ROOT, "Against accuracy: %s %s fairer on the less accurate runs (tau with "
                            + "accuracy above %.2f over %d runs): %s the model getting worse, not fairer.",
                            String.join(", ", worse), worse.size() == 1 ? "reads" : "read", critical, runs,
                            worse.size() == 1 ? "it rewards" : "they reward"));
        }
        return out;
    }

    /** The section's HTML: a row per measure. */
    String html() {
        StringBuilder h = new StringBuilder("<table class=\"sortable\"><thead><tr><th>measure</th><th>runs: min</th>"
                + "<th>median</th><th>max</th><th title=\"each run's predictions shuffled across the test records; mean "
                + "over runs\">chance level</th><th>Kendall tau with accuracy</th><th>flag</th></tr></thead><tbody>\n");
        for (Row r : rows) {
            h.append("<tr><td>").append(Html.esc(Report.label(r.measure))).append("</td>");
            if (r.values.length == 0) {
                h.append("<td colspan=\"3\" class=\"undef\">undefined in every run</td>");
            } else {
                for (double v : new double[] {r.values[0], median(r.values), r.values[r.values.length - 1]}) {
                    h.append(String.format(Locale.ROOT, "<td class=\"n\">%.3f</td>", v));
                }
            }
            h.append(r.chance == null ? "<td class=\"undef\">\u2014</td>"
                    : String.format(Locale.ROOT, "<td class=\"n\">%.3f</td>", r.chance));
            h.append(r.withAccuracy.tau() == null ? "<td class=\"undef\" title=\"" + Html.esc(r.withAccuracy.undefined())
                    + "\">\u2014</td>" : String.format(Locale.ROOT, "<td class=\"n\">%+.2f</td>", r.withAccuracy.tau()));
            List<String> flags = new ArrayList<>();
            if (r.guesserAsFair) {
                flags.add("a guesser reads as fair");
            }
            if (r.fairerWhenWorse) {
                flags.add("fairer as accuracy falls");
            }
            h.append("<td>").append(Html.esc(String.join("; ", flags))).append("</td></tr>\n");
        }
        return h.append("</tbody></table>\n<p class=\"meta\">The chance level is the measure for the same predictions "
                + "shuffled across the test records (200 shuffles per run; the flip rate's is exact). A SEAT effect is "
                + "read by its size. Lower is fairer for every other measure.</p>\n").toString();
    }
}
