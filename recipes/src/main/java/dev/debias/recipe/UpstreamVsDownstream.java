package dev.debias.recipe;

import dev.debias.evaluate.paired.PairedBootstrap;
import dev.debias.evaluate.paired.PairedEffect;
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
        Map<String, List<Step>> cellSteps = new LinkedHashMap<>();
        evals.forEach((u, byD) -> byD.forEach((d, list) -> cellSteps.put(u + "|" + d, list)));
        Inference inf = inference(cellSteps);
        boolean sane = gate(report, inf);
        List<PairedEffect> all = new ArrayList<>();
        List<String> effectNames = new ArrayList<>();
        Map<String, Family[]> families = new LinkedHashMap<>();
        Map<String, Integer> gapAt = new LinkedHashMap<>();
        for (String m : r.measures()) {
            Family up = family(inf, m, byName, r.upstream(), u -> u + "|" + none, "upstream %s (original data)", all,
                    effectNames);
            Family down = family(inf, m, byName, r.downstream(), d -> none + "|" + d, "downstream %s (pre-trained model)",
                    all, effectNames);
            families.put(m, new Family[] {up, down});
            if (up.best() != null && down.best() != null) {
                String cu = up.best() + "|" + none;
                String cd = none + "|" + down.best();
                gapAt.put(m, all.size());
                all.add(inf.difference(cd, cu, m, byName.get(cd).get(m), byName.get(cu).get(m)));
                effectNames.add("best downstream (" + down.best() + ") \u2212 best upstream (" + up.best() + ")");
            }
        }
        // Holm (1979) over every effect the reading states: each intervention minus the baseline and the best data
        // fix minus the best upstream intervention, per measure (paired-bootstrap p-values, or for an unpaired
        // difference the p of its interval's normal approximation); an effect without a p-value is left out
        boolean holm = all.stream().anyMatch(e -> !Double.isNaN(e.pValue()));
        if (holm) {
            all = PairedBootstrap.holm(all);
        }
        for (int i = 0; i < all.size(); i++) {
            report.effect(Report.Effect.of(effectNames.get(i), all.get(i)));
        }
        for (String m : r.measures()) {
            Family up = families.get(m)[0];
            Family down = families.get(m)[1];
            String label = Report.label(m);
            report.read(String.format(Locale.ROOT, "%s of the baseline: %s.", capital(label),
                    Effects.format(base.get(m).estimate())));
            if (!gapAt.containsKey(m)) {
                continue;
            }
            PairedEffect bestUe = all.get(up.index());
            PairedEffect bestDe = all.get(down.index());
            PairedEffect gapE = all.get(gapAt.get(m));
            Estimate gap = gapE.difference();
            report.read(String.format(Locale.ROOT, "%s: the best data fix, %s, changes it by %s; the best upstream "
                    + "intervention, %s, by %s. Mean absolute change: %.3f for the %d data fixes, %.3f for the %d "
                    + "upstream interventions.", capital(label), down.best(), Effects.format(bestDe.difference()), up.best(),
                    Effects.format(bestUe.difference()), down.meanAbs(), down.n(), up.meanAbs(), up.n()));
            String adjusted = gapE.holm() == null ? "the interval excludes zero"
                    : String.format(Locale.ROOT, "Holm-adjusted p = %.3f over the %d effects read", gapE.holm(), all.size());
            String answer;
            if (!sane) {
                answer = String.format(Locale.ROOT, "Answer on %s: none. The best data fix (%s) and the best upstream "
                        + "intervention (%s) differ by %s, but the models are not clear of the chance and majority-class baselines, so the difference "
                        + "says nothing about bias.", label, down.best(), up.best(), Effects.format(gap));
            } else if (gapE.significant()) {
                answer = gap.value() < 0
                        ? String.format(Locale.ROOT, "Answer on %s: the data fix (%s) lowers bias more than the best "
                                + "upstream intervention (%s), by %s; %s.", label, down.best(), up.best(),
                                Effects.format(new Estimate(-gap.value(), -gap.high(), -gap.low(), null)), adjusted)
                        : String.format(Locale.ROOT, "Answer on %s: the upstream intervention (%s) lowers bias more "
                                + "than the best data fix (%s), by %s; %s.", label, up.best(), down.best(),
                                Effects.format(gap), adjusted);
            } else {
                answer = String.format(Locale.ROOT, "Answer on %s: the best data fix (%s) and the best upstream "
                        + "intervention (%s) differ by %s (data fix minus upstream)%s, so this run cannot tell which "
                        + "moves bias more.", label, down.best(), up.best(), Effects.format(gap), gapE.holm() == null
                                ? "; the interval includes zero" : String.format(Locale.ROOT,
                                        "; Holm-adjusted p = %.3f over the %d effects read", gapE.holm(), all.size()));
            }
            report.read(answer);
        }
        if (holm && sane) {
            List<String> held = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).significant()) {
                    held.add(effectNames.get(i) + " on " + Report.label(all.get(i).measure()));
                }
            }
            report.read(String.format(Locale.ROOT, "Multiplicity: Holm's adjustment of the p-values "
                    + "over the %d effects read keeps the family-wise error at 5%%; %s.", all.size(), held.isEmpty()
                            ? "none of them is clear of zero after it" : "clear of zero after it: " + String.join("; ", held)));
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
     * One family's effects on {@code measure} (each intervention's cell minus the baseline), appended to
     * {@code all} and {@code names}: the intervention that lowers the measure most, its effect's index, and the
     * mean absolute effect.
     */
    private static Family family(Inference inf, String measure, Map<String, Cell> byName, List<String> interventions,
            java.util.function.Function<String, String> cellOf, String effectName, List<PairedEffect> all,
            List<String> names) {
        String none = Recipes.NONE + "|" + Recipes.NONE;
        String best = null;
        int bestIndex = -1;
        double sum = 0;
        int n = 0;
        for (String name : interventions) {
            if (name.equals(Recipes.NONE)) {
                continue;
            }
            String c = cellOf.apply(name);
            PairedEffect e = inf.difference(c, none, measure, byName.get(c).get(measure), byName.get(none).get(measure));
            all.add(e);
            names.add(String.format(Locale.ROOT, effectName, name));
            Estimate v = e.difference();
            if (v.isDefined()) {
                sum += Math.abs(v.value());
                n++;
                if (bestIndex < 0 || v.value() < all.get(bestIndex).difference().value()) {
                    best = name;
                    bestIndex = all.size() - 1;
                }
            }
        }
        return new Family(best, bestIndex, n == 0 ? Double.NaN : sum / n, n);
    }

    /** The best intervention of a family, its effect's index, the mean absolute effect over the {@code n} defined. */
    private record Family(String best, int index, double meanAbs, int n) {}
}
