package dev.debias.recipe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.debias.stats.Estimate;
import dev.debias.evaluate.compare.Comparisons;
import dev.debias.evaluate.compare.MeasureAgreement;
import dev.debias.evaluate.compare.RunSummary;
import dev.debias.report.Charts;
import dev.debias.report.Html;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * measure-agreement: models at several magnitude-pruning sparsities and upstream interventions, each
 * fine-tuned once per seed and measured with every bias measure (the group gaps, the flip rate, SEAT on
 * the fine-tuned encoder, the counterfactual embedding gap); Kendall's tau-b between the measures' rankings
 * of the runs says whether they agree on which models are more biased.
 */
final class MeasureAgreementExperiment extends Experiment {
    private static final long PAIR_SEED = 7;

    private final Map<String, List<Step[]>> runs = new LinkedHashMap<>();
    private DataSet data;

    MeasureAgreementExperiment(Recipe recipe, Steps steps, StepRunner runner) {
        super(recipe, steps, runner);
    }

    @Override
    void plan() {
        data = data();
        Steps.DataRef corpus = upstreamCorpus(data);
        Map<String, Steps.ModelRef> models = upstreamModels(r.upstream(), corpus);
        for (double s : r.sparsities()) {
            models.put("magnitude-prune " + s, add(steps.upstream("magnitude-prune", s, corpus, null, 1)));
        }
        for (var m : models.entrySet()) {
            List<Step[]> list = new ArrayList<>();
            for (long seed : r.scale().seeds()) {
                Steps.ModelRef run = add(steps.finetune(m.getKey(), m.getValue(), data.train(), data.dev(), false, seed));
                list.add(new Step[] {add(steps.evaluate(run, data.test(), withSeed(design("model", m.getKey()), seed))),
                    add(steps.gap(m.getKey() + " seed=" + seed, run, data.test(), heldOutPairs(), PAIR_SEED))});
            }
            runs.put(m.getKey(), list);
        }
    }

    @Override
    void report(Report report) throws IOException {
        hash(report, "train", data.train());
        hash(report, "test", data.test());
        List<RunSummary> summaries = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        LinkedHashSet<String> measures = new LinkedHashSet<>();
        Map<String, Map<String, Double>> chance = new LinkedHashMap<>();
        for (var m : runs.entrySet()) {
            Map<String, List<Estimate>> values = new LinkedHashMap<>();
            List<String> names = new ArrayList<>();
            int k = 0;
            for (Step[] s : m.getValue()) {
                dev.debias.evaluate.Evaluation e = evaluation(s[0]);
                Map<String, Estimate> ms = new LinkedHashMap<>(measures(e));
                JsonNode g = Recipes.mapper().readTree(runner.dir(s[1]).resolve(Steps.GAP).toFile())
                        .get("mean_cosine_distance");
                ms.put("embedding_gap", new Estimate(g.get("value").asDouble(), g.hasNonNull("low") ? g.get("low").asDouble()
                        : null, g.hasNonNull("high") ? g.get("high").asDouble() : null, null));
                String name = m.getKey() + " seed=" + r.scale().seeds().get(k++);
                names.add(name);
                chance.put(name, Comparisons.chanceLevels(e, steps.groupField()));
                summaries.add(new RunSummary(name, Map.of("model", m.getKey()), ms));
                measures.addAll(ms.keySet());
                ms.forEach((x, v) -> values.computeIfAbsent(x, y -> new ArrayList<>()).add(v));
            }
            Map<String, Effects.Summary> pooled = new LinkedHashMap<>();
            values.forEach((x, v) -> pooled.put(x, Effects.pool(v)));
            cells.add(new Cell(design("model", m.getKey()), names, pooled));
        }
        report.cells(cells);
        Map<String, List<Step>> evaluated = new LinkedHashMap<>();
        runs.forEach((k, v) -> evaluated.put(k, v.stream().map(x -> x[0]).toList()));
        boolean sane = gate(report, inference(evaluated));
        List<String> bias = measures.stream().filter(x -> !x.equals("accuracy") && !x.equals("equalized_odds_difference"))
                .toList();
        List<MeasureAgreement> agreement = Comparisons.agreement(summaries, bias);
        for (MeasureAgreement a : agreement) {
            report.effect(new Report.Effect("Kendall tau-b: " + Report.label(a.first()) + " ~ " + Report.label(a.second()),
                    "agreement", a.tau() == null ? Estimate.undefined(a.undefined()) : new Estimate(a.tau(), null, null,
                            null), a.runs() + " runs"));
        }
        List<MeasureAgreement> defined = agreement.stream().filter(a -> a.tau() != null).toList();
        report.read(String.format(Locale.ROOT, "%d models x %d seed(s) = %d fine-tuned runs of %s, each measured with %d "
                + "bias measures; Kendall's tau-b compares the measures' rankings of the runs (+1: same order, -1: "
                + "reversed, 0: unrelated).", runs.size(), r.scale().seeds().size(), summaries.size(), r.model(),
                bias.size()));
        if (r.seat().isEmpty() && !RecipeAxis.gender(r.axis())) {
            report.read("No SEAT test: the built-in SEAT tests are about gender, so on the " + r.axis() + " axis the "
                    + "default list is empty; give your own in 'seat' (SEAT JSON files) to add one.");
        }
        if (!defined.isEmpty() && sane) {
            double mean = defined.stream().mapToDouble(MeasureAgreement::tau).average().orElse(Double.NaN);
            long neg = defined.stream().filter(a -> a.tau() < 0).count();
            long strong = defined.stream().filter(a -> a.tau() >= 0.5).count();
            MeasureAgreement lowest = defined.stream().min(java.util.Comparator.comparingDouble(MeasureAgreement::tau))
                    .orElseThrow();
            MeasureAgreement highest = defined.stream().max(java.util.Comparator.comparingDouble(MeasureAgreement::tau))
                    .orElseThrow();
            report.read(String.format(Locale.ROOT, "Of %d pairs of measures, %d agree well (tau >= 0.5) and %d rank the "
                    + "runs in opposite directions (tau < 0); the mean tau is %+.2f.", defined.size(), strong, neg, mean));
            report.read(String.format(Locale.ROOT, "Most in agreement: %s and %s (tau %+.2f). Least: %s and %s "
                    + "(tau %+.2f).", Report.label(highest.first()), Report.label(highest.second()), highest.tau(),
                    Report.label(lowest.first()), Report.label(lowest.second()), lowest.tau()));
            double n = summaries.size();
            double se = Math.sqrt(2 * (2 * n + 5) / (9 * n * (n - 1)));
            report.read(String.format(Locale.ROOT, "With %d runs, a tau further than %.2f from zero is unlikely (p < 0.05) "
                    + "if two measures were unrelated.", summaries.size(), 1.96 * se));
        }
        ChanceAndAccuracy against = new ChanceAndAccuracy(summaries, chance, bias);
        against.effects().forEach(report::effect);
        against.reading().forEach(report::read);
        List<String> shown = new ArrayList<>();
        shown.add("accuracy");
        shown.addAll(bias);
        report.section("Results", Report.table(cells, shown));
        report.section("Agreement between the measures", matrix(bias, agreement));
        report.section("The measures against chance and accuracy", against.html());
        List<Charts.Bar> bars = new ArrayList<>();
        for (MeasureAgreement a : agreement) {
            bars.add(new Charts.Bar(Report.label(a.first()) + " ~ " + Report.label(a.second()),
                    a.tau() == null ? Double.NaN : a.tau(), Double.NaN, Double.NaN, a.tau() != null && a.tau() < 0 ? 1 : 0));
        }
        report.section("Kendall tau-b per pair of measures", Charts.bars("Rank agreement between bias measures",
                "Kendall tau-b", bars));
        String primary = r.measures().get(0);
        report.section("Bias against accuracy", scatter(cells, primary, c -> 0, c -> c.design().get("model")));
        if (bias.contains("embedding_gap") && !primary.equals("embedding_gap")) {
            List<Charts.Point> pts = new ArrayList<>();
            for (Cell c : cells) {
                Estimate x = c.get("embedding_gap").estimate();
                Estimate y = c.get(primary).estimate();
                if (x.isDefined() && y.isDefined()) {
                    pts.add(new Charts.Point(c.design().get("model"), x.value(), lo(x), hi(x), y.value(), lo(y), hi(y), 0));
                }
            }
            report.section("Intrinsic against extrinsic", Charts.scatter(Report.label(primary) + " against the embedding "
                    + "gap", Report.label("embedding_gap"), Report.label(primary), pts));
        }
    }

    private static String matrix(List<String> measures, List<MeasureAgreement> agreement) {
        StringBuilder h = new StringBuilder("<div class=\"scroll\"><table class=\"agreement\"><thead><tr><th></th>");
        for (String m : measures) {
            h.append("<th>").append(Html.esc(Report.label(m))).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (String a : measures) {
            h.append("<tr><th>").append(Html.esc(Report.label(a))).append("</th>");
            for (String b : measures) {
                if (a.equals(b)) {
                    h.append("<td class=\"n\">1</td>");
                    continue;
                }
                MeasureAgreement m = agreement.stream().filter(x -> x.first().equals(a) && x.second().equals(b)
                        || x.first().equals(b) && x.second().equals(a)).findFirst().orElse(null);
                if (m == null || m.tau() == null) {
                    h.append("<td class=\"n undef\" title=\"").append(m == null ? "" : Html.esc(m.undefined()))
                            .append("\">\u2014</td>");
                } else {
                    double t = m.tau();
                    String bg = t >= 0 ? String.format(Locale.ROOT, "rgba(79,129,189,%.2f)", Math.abs(t) * 0.6)
                            : String.format(Locale.ROOT, "rgba(192,80,77,%.2f)", Math.abs(t) * 0.6);
                    h.append("<td class=\"n\" style=\"background:").append(bg).append("\">")
                            .append(String.format(Locale.ROOT, "%+.2f", t)).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        return h.append("</tbody></table></div>\n<p class=\"meta\">Kendall's tau-b between the rankings of all runs "
                + "(every model and seed) by two measures; blue: agree, red: disagree.</p>\n").toString();
    }
}
