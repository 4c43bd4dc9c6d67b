package dev.debias.recipe;

import dev.debias.stats.EstimateFormat;
import com.fasterxml.jackson.databind.JsonNode;
import dev.debias.stats.Estimate;
import dev.debias.report.Charts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * pruning-transfer: a pruning mask (heads or neurons) learned on one context's counterfactual pairs, and
 * the counterfactual embedding gap of the model before and after, on held-out pairs of the same context
 * (sentences the mask never saw) and of another context. The reduction {@code 1 - after/before} is paired
 * sentence by sentence, with a bootstrap interval.
 */
final class PruningTransfer extends Experiment {
    private static final long PAIR_SEED = 7;

    private Step beforeSame;
    private Step beforeOther;
    private final Map<String, List<Step[]>> after = new LinkedHashMap<>();
    private Steps.DataRef learn;
    private Steps.DataRef same;
    private Steps.DataRef other;

    PruningTransfer(Recipe recipe, Steps steps, StepRunner runner) {
        super(recipe, steps, runner);
    }

    @Override
    void plan() {
        Recipe.Contexts c = r.contexts();
        learn = add(steps.context(c.learn(), dataSeed(), "learn"));
        same = add(steps.context(c.learn(), dataSeed(), "measure"));
        other = add(steps.context(c.other(), dataSeed(), "all"));
        Steps.ModelRef base = Steps.ModelRef.pretrained(r.model());
        beforeSame = add(steps.gap("pre-trained on " + c.learn().name(), base, same, heldOutPairs(), PAIR_SEED));
        beforeOther = add(steps.gap("pre-trained on " + c.other().name(), base, other, heldOutPairs(), PAIR_SEED));
        for (String m : r.pruning()) {
            List<Step[]> list = new ArrayList<>();
            for (long seed : r.scale().seeds()) {
                Steps.ModelRef pruned = add(steps.upstream(m, null, learn, null, seed));
                list.add(new Step[] {
                    add(steps.gap(m + " seed=" + seed + " on " + c.learn().name(), pruned, same, heldOutPairs(), PAIR_SEED)),
                    add(steps.gap(m + " seed=" + seed + " on " + c.other().name(), pruned, other, heldOutPairs(), PAIR_SEED))});
            }
            after.put(m, list);
        }
    }

    private double[] distances(Step gap) throws IOException {
        JsonNode n = Recipes.mapper().readTree(runner.dir(gap).resolve(Steps.GAP).toFile());
        double[] d = new double[n.get("distances").size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = n.get("distances").get(i).asDouble();
        }
        return d;
    }

    private static Estimate mean(double[] d) {
        return new Estimate(java.util.Arrays.stream(d).average().orElse(Double.NaN), null, null, null);
    }

    @Override
    void report(Report report) throws IOException {
        Recipe.Contexts c = r.contexts();
        hash(report, "context " + c.learn().name() + " (learning)", learn);
        hash(report, "context " + c.learn().name() + " (held out)", same);
        hash(report, "context " + c.other().name(), other);
        double[] b0 = distances(beforeSame);
        double[] b1 = distances(beforeOther);
        report.read(String.format(Locale.ROOT, "Masks learned on %s (%d seed(s) per method); the counterfactual embedding "
                + "gap of the pre-trained model is %.4f on %d held-out %s pairs and %.4f on %d %s pairs.", c.learn().name(),
                r.scale().seeds().size(), mean(b0).value(), b0.length, c.learn().name(), mean(b1).value(), b1.length,
                c.other().name()));
        List<Cell> cells = new ArrayList<>();
        List<Charts.Bar> bars = new ArrayList<>();
        for (var e : after.entrySet()) {
            List<Estimate> redSame = new ArrayList<>();
            List<Estimate> redOther = new ArrayList<>();
            List<Estimate> gapSame = new ArrayList<>();
            List<Estimate> gapOther = new ArrayList<>();
            int k = 0;
            for (Step[] s : e.getValue()) {
                double[] a0 = distances(s[0]);
                double[] a1 = distances(s[1]);
                long seed = r.scale().seeds().get(k++);
                redSame.add(Effects.reduction(b0, a0, r.scale().bootstrap(), seed));
                redOther.add(Effects.reduction(b1, a1, r.scale().bootstrap(), seed));
                gapSame.add(mean(a0));
                gapOther.add(mean(a1));
            }
            Effects.Summary ss = Effects.pool(redSame);
            Effects.Summary so = Effects.pool(redOther);
            Map<String, Effects.Summary> ms = new LinkedHashMap<>();
            ms.put("gap_before", Effects.pool(List.of(mean(b0))));
            ms.put("gap_after", Effects.pool(gapSame));
            ms.put("reduction", ss);
            cells.add(new Cell(design("method", e.getKey(), "context", c.learn().name() + " (learned here)"),
                    names(e.getValue(), 0), ms));
            Map<String, Effects.Summary> mo = new LinkedHashMap<>();
            mo.put("gap_before", Effects.pool(List.of(mean(b1))));
            mo.put("gap_after", Effects.pool(gapOther));
            mo.put("reduction", so);
            cells.add(new Cell(design("method", e.getKey(), "context", c.other().name()), names(e.getValue(), 1), mo));
            Estimate diff = Effects.difference(ss, so);
            report.effect(new Report.Effect(e.getKey() + ": reduction on " + c.learn().name(), "reduction",
                    ss.estimate(), ss.runs() > 1 ? "t over seeds" : "paired bootstrap over sentence pairs"));
            report.effect(new Report.Effect(e.getKey() + ": reduction on " + c.other().name(), "reduction",
                    so.estimate(), so.runs() > 1 ? "t over seeds" : "paired bootstrap over sentence pairs"));
            report.effect(new Report.Effect(e.getKey() + ": same \u2212 other context", "reduction", diff, method(ss, so)));
            report.read(String.format(Locale.ROOT, "%s cuts the gap by %s on held-out %s pairs and by %s on %s pairs; "
                    + "the difference is %s%s.", e.getKey(), pct(ss.estimate()), c.learn().name(), pct(so.estimate()),
                    c.other().name(), pct(diff), Effects.clearOfZero(diff) ? " (the interval excludes zero)"
                            : " (the interval includes zero)"));
            if (ss.defined() && so.defined() && ss.mean() > 0) {
                report.read(String.format(Locale.ROOT, "%s keeps %.0f%% of its in-context reduction on %s.", e.getKey(),
                        100 * so.mean() / ss.mean(), c.other().name()));
            }
            bars.add(new Charts.Bar(e.getKey() + " \u00b7 " + c.learn().name(), ss.mean(), lo(ss.estimate()),
                    hi(ss.estimate()), 0));
            bars.add(new Charts.Bar(e.getKey() + " \u00b7 " + c.other().name(), so.mean(), lo(so.estimate()),
                    hi(so.estimate()), 1));
        }
        report.cells(cells);
        report.section("Results", Report.table(cells, List.of("gap_before", "gap_after", "reduction"))
                + "<p class=\"meta\">gap: mean cosine distance between a sentence's embedding and its "
                + dev.debias.report.Html.esc(r.axis()) + "-swapped counterpart's; reduction: 1 \u2212 after / before on the same pairs.</p>");
        report.section("Bias reduction by context", Charts.bars("Reduction of the counterfactual embedding gap",
                "1 \u2212 after / before", bars) + legend(List.of(c.learn().name() + " (learned here)", c.other().name())));
    }

    private List<String> names(List<Step[]> list, int i) throws IOException {
        List<String> out = new ArrayList<>();
        for (Step[] s : list) {
            out.add(runner.dir(s[i]).getFileName().toString());
        }
        return out;
    }

    private static String pct(Estimate e) {
        return EstimateFormat.PERCENT_1.brief(e);
    }
}
