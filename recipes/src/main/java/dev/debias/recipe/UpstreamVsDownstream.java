package dev.debias.recipe;

import dev.debias.stats.Estimate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * upstream-vs-downstream: every upstream intervention (on the pre-trained model) crossed with every data fix
 * (on the fine-tuning data), fine-tuned once per seed and evaluated on one test set. The reading compares
 * the best intervention of each family with the untouched baseline and with each other, with intervals.
 */
final class UpstreamVsDownstream extends Experiment {
    private final Map<String, Map<String, List<Step>>> evals = new LinkedHashMap<>();
    private final Map<String, Step> audits = new LinkedHashMap<>();
    private DataSet data;

    UpstreamVsDownstream(Recipe recipe, Steps steps, StepRunner runner) {
        super(recipe, steps, runner);
    }

    @Override
    void plan() {
        data = data();
        Map<String, Steps.ModelRef> models = upstreamModels(r.upstream(), upstreamCorpus(data));
        Map<String, Steps.DataRef> trains = new LinkedHashMap<>();
        for (String d : r.downstream()) {
            Steps.DataRef t = d.equals(Recipes.NONE) ? data.train() : add(steps.augment(data.train(), d, dataSeed()));
            trains.put(d, t);
            audits.put(d, add(steps.audit(d.equals(Recipes.NONE) ? "original" : d, t)));
        }
        for (String u : r.upstream()) {
            for (String d : r.downstream()) {
                List<Step> list = new ArrayList<>();
                for (long seed : r.scale().seeds()) {
                    Steps.ModelRef run = add(steps.finetune("upstream=" + u + " downstream=" + d, models.get(u),
                            trains.get(d), data.dev(), !d.equals(Recipes.NONE) && Steps.weighted(d), seed));
                    list.add(add(steps.evaluate(run, data.test(), withSeed(design("upstream", u, "downstream", d), seed))));
                }
                evals.computeIfAbsent(u, k -> new LinkedHashMap<>()).put(d, list);
            }
        }
    }

    @Override
    void report(Report report) throws IOException {
        hash(report, "train (original)", data.train());
        hash(report, "test", data.test());
        List<Cell> cells = new ArrayList<>();
        Map<String, Cell> byName = new LinkedHashMap<>();
        for (var u : evals.entrySet()) {
            for (var d : u.getValue().entrySet()) {
                Cell c = cell(design("upstream", u.getKey(), "downstream", d.getKey()), d.getValue());
                cells.add(c);
                byName.put(u.getKey() + "|" + d.getKey(), c);
            }
        }
        report.cells(cells);
        String none = Recipes.NONE;
        Cell base = byName.get(none + "|" + none);
        report.read(String.format(Locale.ROOT, "%d upstream interventions x %d data fixes x %d seed(s) = %d fine-tuned "
                + "models of %s, each evaluated on the same test set. Effects are changes from the baseline (no "
                + "intervention, original data); negative is less bias.", r.upstream().size(), r.downstream().size(),
                r.scale().seeds().size(), cells.size() * r.scale().seeds().size(), r.model()));
        for (String m : r.measures()) {
            Family up = family(report, m, base, r.upstream(), u -> byName.get(u + "|" + none), "upstream %s (original data)");
            Family down = family(report, m, base, r.downstream(), d -> byName.get(none + "|" + d),
                    "downstream %s (pre-trained model)");
            String bestU = up.best();
            Estimate bestUe = up.effect();
            String bestD = down.best();
            Estimate bestDe = down.effect();
            String label = Report.label(m);
            report.read(String.format(Locale.ROOT, "%s of the baseline: %s.", capital(label),
                    Effects.format(base.get(m).estimate())));
            if (bestU != null && bestD != null) {
                Cell cu = byName.get(bestU + "|" + none);
                Cell cd = byName.get(none + "|" + bestD);
                Estimate gap = Effects.difference(cd.get(m), cu.get(m));
                report.effect(new Report.Effect("best downstream (" + bestD + ") \u2212 best upstream (" + bestU + ")", m,
                        gap, method(cd.get(m), cu.get(m))));
                report.read(String.format(Locale.ROOT, "%s: the best data fix, %s, changes it by %s; the best upstream "
                        + "intervention, %s, by %s. Mean absolute change: %.3f for the %d data fixes, %.3f for the %d "
                        + "upstream interventions.", capital(label), bestD, Effects.format(bestDe), bestU,
                        Effects.format(bestUe), down.meanAbs(), down.n(), up.meanAbs(), up.n()));
                String answer;
                if (Effects.clearOfZero(gap)) {
                    answer = gap.value() < 0
                            ? String.format(Locale.ROOT, "Answer on %s: the data fix (%s) lowers bias more than the best "
                                    + "upstream intervention (%s), by %s; the interval excludes zero.", label, bestD, bestU,
                                    Effects.format(new Estimate(-gap.value(), -gap.high(), -gap.low(), null)))
                            : String.format(Locale.ROOT, "Answer on %s: the upstream intervention (%s) lowers bias more "
                                    + "than the best data fix (%s), by %s; the interval excludes zero.", label, bestU,
                                    bestD, Effects.format(gap));
                } else {
                    answer = String.format(Locale.ROOT, "Answer on %s: the best data fix (%s) and the best upstream "
                            + "intervention (%s) differ by %s (data fix minus upstream); the interval includes zero, so "
                            + "this run cannot tell which moves bias more.", label, bestD, bestU, Effects.format(gap));
                }
                report.read(answer);
            }
        }
        report.section("Results", Report.table(cells, shown()));
        List<String> ds = r.downstream();
        report.section("Bias against accuracy", scatter(cells, r.measures().get(0),
                c -> ds.indexOf(c.design().get("downstream")), c -> c.design().get("upstream"))
                + "<p class=\"meta\">Colour: the data fix; label: the upstream intervention.</p>"
                + legend(ds.stream().map(d -> "downstream " + d).toList()));
        if (r.measures().size() > 1) {
            report.section("Second measure against accuracy", scatter(cells, r.measures().get(1),
                    c -> ds.indexOf(c.design().get("downstream")), c -> c.design().get("upstream"))
                    + legend(ds.stream().map(d -> "downstream " + d).toList()));
        }
        List<String> arms = new ArrayList<>();
        List<Map<String, Effects.Summary>> gaps = new ArrayList<>();
        arms.add("baseline");
        gaps.add(classGaps(evals.get(none).get(none)));
        for (String d : ds) {
            if (!d.equals(none)) {
                arms.add("downstream " + d);
                gaps.add(classGaps(evals.get(none).get(d)));
            }
        }
        report.section("Per-class TPR gap: baseline and data fixes", classGapChart(arms, gaps));
        List<String> names = new ArrayList<>();
        List<Step> list = new ArrayList<>();
        audits.forEach((k, v) -> {
            names.add(k.equals(none) ? "original" : k);
            list.add(v);
        });
        report.section("Audit of the training data before and after each fix", auditTable(names, list));
    }

    /**
     * One family's effects on {@code measure} (each intervention's cell minus the baseline), added to the
     * report: the intervention that lowers the measure most, its effect, and the mean absolute effect.
     */
    private static Family family(Report report, String measure, Cell base, List<String> names,
            java.util.function.Function<String, Cell> cellOf, String effectName) {
        String best = null;
        Estimate bestEffect = null;
        double sum = 0;
        int n = 0;
        for (String name : names) {
            if (name.equals(Recipes.NONE)) {
                continue;
            }
            Cell c = cellOf.apply(name);
            Estimate e = Effects.difference(c.get(measure), base.get(measure));
            report.effect(new Report.Effect(String.format(Locale.ROOT, effectName, name), measure, e,
                    method(c.get(measure), base.get(measure))));
            if (e.isDefined()) {
                sum += Math.abs(e.value());
                n++;
                if (bestEffect == null || e.value() < bestEffect.value()) {
                    best = name;
                    bestEffect = e;
                }
            }
        }
        return new Family(best, bestEffect, n == 0 ? Double.NaN : sum / n, n);
    }

    /** The best intervention of a family, its effect, the mean absolute effect over the {@code n} defined. */
    private record Family(String best, Estimate effect, double meanAbs, int n) {}
}
