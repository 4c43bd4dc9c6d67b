package dev.debias.recipe;

import dev.debias.audit.AuditSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * quickstart: skewed training data, audited; the same data fixed (two-sided CDA by default) and audited
 * again; the model fine-tuned on both, once per seed; both evaluated on the same test set.
 */
final class Quickstart extends Experiment {
    private Step auditOriginal;
    private Step auditFixed;
    private final List<Step> evalOriginal = new ArrayList<>();
    private final List<Step> evalFixed = new ArrayList<>();
    private DataSet data;
    private Steps.DataRef fixed;

    Quickstart(Recipe recipe, Steps steps, StepRunner runner) {
        super(recipe, steps, runner);
    }

    @Override
    void plan() {
        data = data();
        auditOriginal = add(steps.audit("original", data.train()));
        fixed = add(steps.augment(data.train(), r.fix(), dataSeed()));
        auditFixed = add(steps.audit(r.fix(), fixed));
        Steps.ModelRef base = Steps.ModelRef.pretrained(r.model());
        for (long seed : r.scale().seeds()) {
            Steps.ModelRef o = add(steps.finetune("original", base, data.train(), data.dev(), false, seed));
            evalOriginal.add(add(steps.evaluate(o, data.test(), withSeed(design("data", "original"), seed))));
            Steps.ModelRef f = add(steps.finetune(r.fix(), base, fixed, data.dev(), Steps.weighted(r.fix()), seed));
            evalFixed.add(add(steps.evaluate(f, data.test(), withSeed(design("data", r.fix()), seed))));
        }
    }

    @Override
    void report(Report report) throws IOException {
        hash(report, "train (original)", data.train());
        hash(report, "train (" + r.fix() + ")", fixed);
        hash(report, "test", data.test());
        Cell a = cell(design("data", "original"), evalOriginal);
        Cell b = cell(design("data", r.fix()), evalFixed);
        List<Cell> cells = List.of(a, b);
        report.cells(cells);

        AuditSummary before = lexiconSummary(audit(auditOriginal));
        AuditSummary after = lexiconSummary(audit(auditFixed));
        if (before != null && after != null) {
            report.read(String.format(Locale.ROOT, "Audit: in the original training data, the headline difference between "
                    + "%s in how often a label occurs (the supported cell with the largest log-odds z) is %s "
                    + "(%s / %s); after %s it is %s.", RecipeAxis.groupsWord(r.axis()),
                    Effects.format(before.largestDifference()), before.largestGroup(), before.largestTarget(), r.fix(),
                    Effects.format(after.largestDifference())));
        }
        Map<String, List<Step>> arms = new java.util.LinkedHashMap<>();
        arms.put("original", evalOriginal);
        arms.put(r.fix(), evalFixed);
        Inference inf = inference(arms);
        boolean sane = gate(report, inf);
        long tested = evaluation(evalOriginal.get(0)).groupFairness().get(0).overall().count();
        report.read(String.format(Locale.ROOT, "Fine-tuned %s on the original and on the %s data (%d seed(s)), "
                + "evaluated on the same %d test records:", r.model(), r.fix(), r.scale().seeds().size(), tested));
        List<String> measures = new ArrayList<>(r.measures());
        measures.add("accuracy");
        for (String m : measures) {
            dev.debias.evaluate.paired.PairedEffect d = inf.difference(r.fix(), "original", m, b.get(m), a.get(m));
            report.effect(Report.Effect.of(r.fix() + " \u2212 original", d));
            report.read(change(m, "original", a.get(m), r.fix(), b.get(m), d.difference(), sane ? Inference.verdict(d)
                    : " \u2014 no conclusion: the models are not clear of the chance and majority-class baselines"));
        }

        report.section("Results", Report.table(cells, shown()));
        String primary = r.measures().get(0);
        report.section("Bias against accuracy", scatter(cells, primary, c -> cells.indexOf(c), Cell::name)
                + legend(List.of("original", r.fix())));
        Map<String, Effects.Summary> ga = classGaps(evalOriginal);
        Map<String, Effects.Summary> gb = classGaps(evalFixed);
        report.section("Per-class TPR gap", classGapChart(List.of("original", r.fix()), List.of(ga, gb))
                + "<p class=\"meta\">The gap is the difference in true-positive rate between the groups, per class; "
                + "0 means the class is recognised equally well for both.</p>");
        report.section("Audit before and after the fix", auditTable(List.of("original", r.fix()),
                List.of(auditOriginal, auditFixed)));
    }
}
