package dev.debias.recipe;

import dev.debias.audit.AuditSummary;
import dev.debias.stats.Estimate;
import dev.debias.report.Charts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * cooccurrence-sweep: the fine-tuning data at several co-occurrence rates of the recipe's axis with the labels,
 * otherwise fixed (the demo generator with one seed; a user's file resampled per label), fine-tuned once per
 * seed at each rate and evaluated on one test set; bias plotted against the rate, with the slope of each measure.
 * On the demo bios the rate is the share of each occupation's bios written with its stereotyped group of the
 * recipe's pair (the first with nurse, teacher, paralegal and interior designer, the second with the others).
 */
final class CooccurrenceSweep extends Experiment {
    private final Map<Double, List<Step>> evals = new LinkedHashMap<>();
    private final Map<Double, Step> audits = new LinkedHashMap<>();
    private final Map<Double, Steps.DataRef> trains = new LinkedHashMap<>();
    private Steps.DataRef test;

    CooccurrenceSweep(Recipe recipe, Steps steps, StepRunner runner) {
        super(recipe, steps, runner);
    }

    @Override
    void plan() {
        Steps.ModelRef base = Steps.ModelRef.pretrained(r.model());
        for (double rate : r.rates()) {
            DataSet d = data(rate);
            test = d.test();
            Steps.DataRef train = r.data().isFile() ? add(steps.resample(d.train(), rate, r.rates(), dataSeed()))
                    : d.train();
            trains.put(rate, train);
            audits.put(rate, add(steps.audit("rate=" + rate, train)));
            List<Step> list = new ArrayList<>();
            for (long seed : r.scale().seeds()) {
                Steps.ModelRef run = add(steps.finetune("rate=" + rate, base, train, d.dev(), false, seed));
                list.add(add(steps.evaluate(run, d.test(), withSeed(design("rate", Double.toString(rate)), seed))));
            }
            evals.put(rate, list);
        }
    }

    @Override
    void report(Report report) throws IOException {
        hash(report, "test", test);
        List<Cell> cells = new ArrayList<>();
        // per-run values for the slopes
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (var e : evals.entrySet()) {
            hash(report, "train rate=" + e.getKey(), trains.get(e.getKey()));
            cells.add(cell(design("rate", Double.toString(e.getKey())), e.getValue()));
            for (Step s : e.getValue()) {
                measures(evaluation(s)).forEach((m, v) -> {
                    if (v.isDefined()) {
                        points.computeIfAbsent(m, k -> new ArrayList<>()).add(new double[] {e.getKey(), v.value()});
                    }
                });
            }
        }
        report.cells(cells);
        if (r.data().isFile()) {
            com.fasterxml.jackson.databind.JsonNode rs = Recipes.mapper().readTree(steps.path(trains.values().iterator()
                    .next()).resolveSibling("resample.json").toFile());
            if (r.scale().records() != null) {
                report.size(new Report.Size("training records at every rate", "scale.records", r.scale().records()
                        .longValue(), rs.get("kept").asLong(), "resampled per label to every rate of the sweep, the "
                        + "largest size all the rates allow"));
            }
            report.read("Resampled per label to each rate: " + rs.get("kept").asLong() + " training records at every rate"
                    + (rs.get("kept_as_is").isEmpty() ? "" : "; kept whole at every rate, because one group has no "
                    + "records of them: " + rs.get("kept_as_is"))
                    + (rs.path("other_groups_left_out").asLong() == 0 ? "." : "; " + rs.get("other_groups_left_out")
                    + " records of groups other than " + rs.get("groups") + " left out."));
        }
        double lowRate = r.rates().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double highRate = r.rates().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        Cell low = cells.get(r.rates().indexOf(lowRate));
        Cell high = cells.get(r.rates().indexOf(highRate));
        int runs = r.rates().size() * r.scale().seeds().size();
        String co = RecipeAxis.cooccurrence(r.axis());
        report.read(String.format(Locale.ROOT, "Fine-tuned %s at %d %s rates from %.2f to %.2f, %d seed(s) "
                + "each (%d runs), all evaluated on the same test set%s.", r.model(), r.rates().size(), co, lowRate,
                highRate, r.scale().seeds().size(), runs, RecipeAxis.gender(r.axis()) || r.data().isFile() ? ""
                        : String.format(Locale.ROOT, " (the rate is the share of each occupation's bios of its "
                        + "stereotyped %s group: %s for nurse, teacher, paralegal and interior designer, %s for the "
                        + "others)", r.axis(), r.pair().get(0), r.pair().get(1))));
        Map<String, List<Step>> byRate = new LinkedHashMap<>();
        evals.forEach((rate, list) -> byRate.put("rate " + rate, list));
        Inference inf = inference(byRate);
        boolean sane = gate(report, inf);
        List<String> measures = new ArrayList<>(r.measures());
        measures.add("accuracy");
        List<dev.debias.evaluate.paired.PairedEffect> family = new ArrayList<>();
        for (String m : measures) {
            family.add(inf.difference("rate " + highRate, "rate " + lowRate, m, high.get(m), low.get(m)));
        }
        for (String m : measures) {
            List<double[]> p = points.getOrDefault(m, List.of());
            double[] x = p.stream().mapToDouble(v -> v[0]).toArray();
            double[] y = p.stream().mapToDouble(v -> v[1]).toArray();
            Estimate slope = Effects.slope(x, y);
            Estimate per10 = slope.isDefined() && slope.low() != null ? new Estimate(slope.value() / 10,
                    slope.low() / 10, slope.high() / 10, null) : slope;
            family.add(new dev.debias.evaluate.paired.PairedEffect("slope", "", m, per10, Effects.slopeP(x, y), null,
                    "least squares over " + p.size() + " runs, t interval"));
        }
        // Holm over every effect the reading states: per measure, the slope and the highest-minus-lowest difference
        if (family.stream().anyMatch(e -> !Double.isNaN(e.pValue()))) {
            family = dev.debias.evaluate.paired.PairedBootstrap.holm(family);
        }
        for (int i = 0; i < measures.size(); i++) {
            String m = measures.get(i);
            dev.debias.evaluate.paired.PairedEffect s = family.get(measures.size() + i);
            report.effect(Report.Effect.of("slope per +0.1 of " + co, s));
            dev.debias.evaluate.paired.PairedEffect d = family.get(i);
            report.effect(Report.Effect.of("rate " + highRate + " \u2212 rate " + lowRate, d));
            String none = " \u2014 no conclusion: the models are not clear of the chance and majority-class baselines";
            report.read(String.format(Locale.ROOT, "%s changes by %s per +0.1 of %s%s.",
                    capital(Report.label(m)), Effects.format(s.difference()), co, sane ? Inference.verdict(s) : none));
            report.read(change(m, "rate " + lowRate, low.get(m), "rate " + highRate, high.get(m), d.difference(),
                    sane ? Inference.verdict(d) : none));
        }
        report.section("Results", Report.table(cells, shown()));
        StringBuilder charts = new StringBuilder();
        List<Charts.Series> bias = new ArrayList<>();
        for (String m : r.measures()) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                Estimate e = cells.get(i).get(m).estimate();
                pts.add(Charts.Series.point(r.rates().get(i), e.isDefined() ? e.value() : Double.NaN, e.isDefined()
                        ? lo(e) : Double.NaN, e.isDefined() ? hi(e) : Double.NaN));
            }
            pts.sort(java.util.Comparator.comparingDouble(x -> x[0]));
            bias.add(new Charts.Series(Report.label(m), pts));
        }
        charts.append(Charts.lines("Bias against the " + co + " rate of the fine-tuning data", co + " rate",
                "bias", bias));
        List<double[]> acc = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Estimate e = cells.get(i).get("accuracy").estimate();
            acc.add(Charts.Series.point(r.rates().get(i), e.isDefined() ? e.value() : Double.NaN, lo(e), hi(e)));
        }
        acc.sort(java.util.Comparator.comparingDouble(x -> x[0]));
        charts.append(Charts.lines("Accuracy against the " + co + " rate", co + " rate", "accuracy",
                List.of(new Charts.Series("accuracy", acc))));
        report.section("Bias against " + co, charts + "<p class=\"meta\">Bands are 95% intervals: over seeds "
                + "(Student-t) when a rate has several, else the run's bootstrap interval.</p>");
        report.section("Bias against accuracy", scatter(cells, r.measures().get(0), c -> 0, c -> c.design().get("rate")));
        report.section("Per-class TPR gap at the lowest and highest rate", classGapChart(
                List.of("rate " + lowRate, "rate " + highRate),
                List.of(classGaps(evals.get(lowRate)), classGaps(evals.get(highRate)))));
        List<String> names = new ArrayList<>();
        List<Step> list = new ArrayList<>();
        audits.forEach((k, v) -> {
            names.add("rate " + k);
            list.add(v);
        });
        AuditSummary a0 = groundTruthSummary(audit(audits.get(lowRate)));
        AuditSummary a1 = groundTruthSummary(audit(audits.get(highRate)));
        if (a0 != null && a1 != null) {
            report.read(String.format(Locale.ROOT, "Audit of the training data: the largest gap between the groups in a "
                    + "label's rate is %s at rate %s and %s at rate %s.", Effects.format(a0.largestDifference()), lowRate,
                    Effects.format(a1.largestDifference()), highRate));
        }
        report.section("Audit of the training data at each rate", auditTable(names, list));
    }
}
