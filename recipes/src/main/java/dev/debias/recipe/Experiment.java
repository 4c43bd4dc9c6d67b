package dev.debias.recipe;

import dev.debias.audit.AuditResult;
import dev.debias.audit.AuditSummary;
import dev.debias.audit.AxisReport;
import dev.debias.audit.GroundTruthReport;
import dev.debias.audit.report.AuditJson;
import dev.debias.audit.report.AuditOutputs;
import dev.debias.stats.Estimate;
import dev.debias.core.Hashing;
import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.EvaluationFiles;
import dev.debias.evaluate.compare.Comparisons;
import dev.debias.evaluate.group.Gap;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.report.Charts;
import dev.debias.report.Html;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One kind of recipe: the plan of steps it runs, and the report it writes from their outputs. Subclasses
 * build the plan in {@link #plan()} through {@link #add}, which places every step after its inputs.
 */
abstract class Experiment {
    /** Training, model-selection and test data. */
    record DataSet(Steps.DataRef train, Steps.DataRef dev, Steps.DataRef test) {}

    protected final Recipe r;
    protected final Steps steps;
    protected final StepRunner runner;
    private final List<Step> plan = new ArrayList<>();
    private final Map<Step, Evaluation> evaluations = new java.util.HashMap<>();
    private Step split;
    private DataSet demo;

    Experiment(Recipe recipe, Steps steps, StepRunner runner) {
        this.r = recipe;
        this.steps = steps;
        this.runner = runner;
    }

    /** Builds the plan. */
    abstract void plan();

    /** Fills the report from the finished steps. */
    abstract void report(Report report) throws IOException;

    /** The plan, in an order where every step follows its inputs. */
    final List<Step> steps() {
        return List.copyOf(plan);
    }

    /** Adds the step behind {@code ref} (a step, data or model reference), after its inputs. */
    protected final <T> T add(T ref) {
        Step s = ref instanceof Steps.DataRef d ? d.step() : ref instanceof Steps.ModelRef m ? m.step() : (Step) ref;
        if (s != null && !plan.contains(s)) {
            for (Step in : s.inputs()) {
                add(in);
            }
            if (!plan.contains(s)) {
                plan.add(s);
            }
        }
        return ref;
    }

    protected long dataSeed() {
        return r.data().isFile() ? 1 : r.data().demo().seed();
    }

    /**
     * The data: demo bios generated at {@code rate} (training and dev; the test set at the recipe's test
     * rate), or the recipe's file split into train, dev and test ({@code rate} unused).
     */
    protected DataSet data(double rate) {
        if (r.data().isFile()) {
            if (split == null) {
                split = add(steps.split(dataSeed()));
            }
            return new DataSet(new Steps.DataRef(split, "train.jsonl"), new Steps.DataRef(split, "dev.jsonl"),
                    new Steps.DataRef(split, "test.jsonl"));
        }
        Recipe.Demo d = r.data().demo();
        int n = r.scale().records();
        Steps.DataRef train = add(steps.demoBios("train", n, rate, dataSeed()));
        Steps.DataRef dev = add(steps.demoBios("dev", Math.max(50, n / 4), rate, dataSeed() + 1));
        Steps.DataRef test = add(steps.demoBios("test", r.scale().testRecords(), d.testCooccurrence(), dataSeed() + 2));
        demo = new DataSet(train, dev, test);
        return demo;
    }

    /**
     * The sizes used against those requested ({@code scale.records}, {@code scale.test_records}), in the report and,
     * where they differ, in the reading; for a user's file also a sentence on how it was split.
     */
    void reportSplit(Report report) throws IOException {
        Recipe.Scale s = r.scale();
        if (split == null) {
            if (demo != null) {
                report.size(new Report.Size("training records", "scale.records", s.records() == null ? null
                        : s.records().longValue(), records(steps.path(demo.train())), "the demo generator's output"));
                report.size(new Report.Size("test records", "scale.test_records", s.testRecords() == null ? null
                        : s.testRecords().longValue(), records(steps.path(demo.test())), "the demo generator's output"));
            }
            return;
        }
        com.fasterxml.jackson.databind.JsonNode c = Recipes.mapper().readTree(runner.dir(split).resolve("split.json")
                .toFile());
        report.read(String.format(Locale.ROOT, "Data: %d records read from %s; %d for training, %d to pick the best "
                + "epoch, %d for testing%s.", c.get("read").asLong(), r.data().file(), c.get("train").asLong(),
                c.get("dev").asLong(), c.get("test").asLong(), c.path("over_cap").asLong() == 0 ? ""
                        : "; " + c.get("over_cap").asLong() + " left out by scale.records / scale.test_records"));
        report.size(new Report.Size("training records", "scale.records", s.records() == null ? null
                : s.records().longValue(), c.get("train").asLong(), "the file's training split holds only "
                + c.get("train").asLong()));
        report.size(new Report.Size("test records", "scale.test_records", s.testRecords() == null ? null
                : s.testRecords().longValue(), c.get("test").asLong(), r.data().testFile() != null
                ? "the test file holds only " + c.get("test").asLong()
                : String.format(Locale.ROOT, "the file's test split (test_fraction %s of %d records) holds only %d",
                        r.data().testFraction(), c.get("read").asLong(), c.get("test").asLong())));
    }

    private static long records(Path jsonl) throws IOException {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(jsonl)) {
            return lines.filter(x -> !x.isBlank()).count();
        }
    }

    /** The data at the recipe's own co-occurrence rate. */
    protected DataSet data() {
        return data(r.data().isFile() ? 0 : r.data().demo().cooccurrence());
    }

    /** The sentences upstream interventions learn from: demo bios (upstream_options.corpus_records), or the training split. */
    protected Steps.DataRef upstreamCorpus(DataSet d) {
        if (r.data().isFile()) {
            return d.train();
        }
        Recipe.UpstreamOptions o = r.upstreamOptions();
        int n = o != null && o.corpusRecords() != null ? o.corpusRecords() : 2000;
        return add(steps.demoBios("upstream corpus", n, 0.5, dataSeed() + 3));
    }

    /** One model per name of {@code upstream}: the pre-trained model for {@code none}, else the intervention (seed 1). */
    protected Map<String, Steps.ModelRef> upstreamModels(List<String> upstream, Steps.DataRef corpus) {
        Map<String, Steps.ModelRef> models = new LinkedHashMap<>();
        for (String u : upstream) {
            models.put(u, u.equals(Recipes.NONE) ? Steps.ModelRef.pretrained(r.model())
                    : add(steps.upstream(u, null, corpus, null, 1)));
        }
        return models;
    }

    /** The held-out pairs an embedding gap is measured on (upstream_options.held_out_pairs, default 200). */
    protected int heldOutPairs() {
        Recipe.UpstreamOptions o = r.upstreamOptions();
        return o != null && o.heldOutPairs() != null ? o.heldOutPairs() : 200;
    }

    // ------------------------------------------------------------------ reading results

    /** Paired inference and the sanity gate over the cells' evaluations (cell name to its steps, one per seed). */
    protected Inference inference(Map<String, List<Step>> cells) throws IOException {
        Map<String, List<Path>> dirs = new LinkedHashMap<>();
        Map<Path, Evaluation> evals = new java.util.HashMap<>();
        for (var c : cells.entrySet()) {
            List<Path> list = new ArrayList<>();
            for (Step s : c.getValue()) {
                list.add(runner.dir(s));
                evals.put(runner.dir(s), evaluation(s));
            }
            dirs.put(c.getKey(), list);
        }
        return new Inference(dirs, evals, steps.groupField(), r.scale().bootstrap());
    }

    /**
     * The sanity gate: when a model is not clear of the majority-class and chance baselines, the reading's first
     * line says so and the caller draws no conclusion; the classes with too few test records are named.
     *
     * @return whether every model passed
     */
    protected static boolean gate(Report report, Inference inference) {
        String small = inference.smallClasses();
        if (small != null) {
            report.read(small);
        }
        if (inference.notPaired() != null) {
            report.read("Differences are not paired: " + inference.notPaired() + "; they treat the runs as independent.");
        }
        String g = inference.gate();
        if (g != null) {
            report.readFirst(g);
            return false;
        }
        return true;
    }

    /** The evaluation an evaluate step wrote, read once per report. */
    protected Evaluation evaluation(Step evaluate) throws IOException {
        Evaluation e = evaluations.get(evaluate);
        if (e == null) {
            e = EvaluationFiles.read(runner.dir(evaluate));
            evaluations.put(evaluate, e);
        }
        return e;
    }

    /** Every measure of one evaluation: accuracy, the group gaps, the flip rate, SEAT effects. */
    protected Map<String, Estimate> measures(Evaluation e) {
        return Comparisons.measures(e, steps.groupField());
    }

    /** A cell from its evaluations (one per seed), with measures pooled over them. */
    protected Cell cell(Map<String, String> design, List<Step> evaluations) throws IOException {
        Map<String, List<Estimate>> values = new LinkedHashMap<>();
        List<String> runs = new ArrayList<>();
        for (Step s : evaluations) {
            measures(evaluation(s)).forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            runs.add(runner.dir(s).getFileName().toString());
        }
        Map<String, Effects.Summary> pooled = new LinkedHashMap<>();
        values.forEach((k, v) -> pooled.put(k, Effects.pool(v)));
        return new Cell(design, runs, pooled);
    }

    /** Each class's TPR gap, pooled over the evaluations. */
    protected Map<String, Effects.Summary> classGaps(List<Step> evaluations) throws IOException {
        Map<String, List<Estimate>> values = new TreeMap<>();
        for (Step s : evaluations) {
            for (GroupFairnessResult g : evaluation(s).groupFairness()) {
                if (!g.grouping().equals(steps.groupField())) {
                    continue;
                }
                for (Gap gap : g.gaps()) {
                    if (gap.name().startsWith(Gap.TPR_GAP + "[") && gap.label() != null) {
                        values.computeIfAbsent(gap.label(), k -> new ArrayList<>()).add(gap.value());
                    }
                }
            }
        }
        Map<String, Effects.Summary> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Effects.pool(v)));
        return out;
    }

    /** Per-class TPR gap bars, one colour per arm. */
    protected String classGapChart(List<String> arms, List<Map<String, Effects.Summary>> gaps) throws IOException {
        List<Charts.Bar> bars = new ArrayList<>();
        java.util.LinkedHashSet<String> classes = new java.util.LinkedHashSet<>();
        gaps.forEach(g -> classes.addAll(g.keySet()));
        for (String c : classes) {
            for (int i = 0; i < arms.size(); i++) {
                Effects.Summary s = gaps.get(i).get(c);
                Estimate e = s == null ? Estimate.undefined("not measured") : s.estimate();
                bars.add(new Charts.Bar(c + " \u00b7 " + arms.get(i), e.isDefined() ? e.value() : Double.NaN,
                        e.low() == null ? Double.NaN : e.low(), e.high() == null ? Double.NaN : e.high(), i));
            }
        }
        String groups = String.join(" \u2212 ", gapGroups());
        return Charts.bars("Per-class TPR gap (" + groups + ")", "TPR gap", bars) + legend(arms);
    }

    private List<String> gapGroups() {
        return r.data().isFile() ? List.of("first group", "second group") : r.pair().stream().sorted().toList();
    }

    /** A colour legend for series {@code 0..n-1}. */
    protected static String legend(List<String> names) {
        StringBuilder h = new StringBuilder("<p class=\"legend\">");
        for (int i = 0; i < names.size(); i++) {
            h.append("<span style=\"display:inline-block;width:12px;height:12px;background:").append(Charts.colour(i))
                    .append("\"></span> ").append(Html.esc(names.get(i))).append(" &nbsp; ");
        }
        return h.append("</p>\n").toString();
    }

    /** A bias-vs-accuracy scatter of cells on {@code measure}, coloured by {@code series(cell)}. */
    protected static String scatter(List<Cell> cells, String measure, java.util.function.ToIntFunction<Cell> series,
            java.util.function.Function<Cell, String> label) {
        List<Charts.Point> pts = new ArrayList<>();
        for (Cell c : cells) {
            Estimate a = c.get("accuracy").estimate();
            Estimate b = c.get(measure).estimate();
            if (!a.isDefined() || !b.isDefined()) {
                continue;
            }
            pts.add(new Charts.Point(label.apply(c), a.value(), lo(a), hi(a), b.value(), lo(b), hi(b),
                    series.applyAsInt(c)));
        }
        return Charts.scatter(Report.label(measure) + " against accuracy", "accuracy", Report.label(measure), pts);
    }

    protected static double lo(Estimate e) {
        return e.low() == null ? Double.NaN : e.low();
    }

    protected static double hi(Estimate e) {
        return e.high() == null ? Double.NaN : e.high();
    }

    /** The audit table: for each audited data set, the co-occurrence of the axis' groups with labels. */
    protected String auditTable(List<String> names, List<Step> audits) throws IOException {
        StringBuilder h = new StringBuilder("<div class=\"scroll\"><table><thead><tr><th>training data</th><th>documents</th>"
                + "<th>" + Html.esc(r.axis()) + " terms \u00d7 label: headline rate difference [95%]</th><th>where</th><th>G-test</th>"
                + "<th>group field \u00d7 label: headline rate difference [95%]</th><th>where</th></tr></thead><tbody>\n");
        for (int i = 0; i < names.size(); i++) {
            AuditResult a = audit(audits.get(i));
            AuditSummary lex = lexiconSummary(a);
            AuditSummary gt = groundTruthSummary(a);
            h.append("<tr><td>").append(Html.esc(names.get(i))).append("</td><td class=\"n\">").append(a.documents())
                    .append("</td>").append(Html.estimateCell(lex == null ? null : lex.largestDifference()))
                    .append("<td>").append(lex == null ? "" : Html.esc(lex.largestGroup() + " / " + lex.largestTarget()))
                    .append("</td><td class=\"n\">").append(lex == null || lex.independence() == null ? ""
                            : String.format(Locale.ROOT, "G=%.1f, df %d, p=%.2g", lex.independence().statistic(),
                                    lex.independence().df(), lex.independence().pValue()))
                    .append("</td>").append(Html.estimateCell(gt == null ? null : gt.largestDifference())).append("<td>")
                    .append(gt == null ? "" : Html.esc(gt.largestGroup() + " / " + gt.largestTarget())).append("</td></tr>\n");
        }
        return h.append("</tbody></table></div>\n<p class=\"meta\">The rate difference is P(label | group) \u2212 "
                + "P(label | other groups), per document; each audit's full report is <code>report.html</code> in its "
                + "step directory. Reweighing changes record weights, not counts, so its audit equals the original's."
                + "</p>\n").toString();
    }

    protected AuditResult audit(Step audit) throws IOException {
        return AuditJson.read(runner.dir(audit).resolve(AuditOutputs.JSON));
    }

    protected AuditSummary lexiconSummary(AuditResult a) {
        return a.axes().stream().filter(x -> x.axis().equals(r.axis())).map(AxisReport::labelsSummary).findFirst()
                .orElse(null);
    }

    protected AuditSummary groundTruthSummary(AuditResult a) {
        return a.groundTruth().stream().filter(g -> g.field().equals(steps.groupField()))
                .map(GroundTruthReport::labelsSummary).findFirst().orElse(null);
    }

    /** Records the SHA-256 of a data file in the report. */
    protected void hash(Report report, String name, Steps.DataRef d) throws IOException {
        Path p = steps.path(d);
        report.dataHash(name, Hashing.sha256(p));
    }

    /** {@code k1, v1, k2, v2...} as an ordered map. */
    protected static Map<String, String> design(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The design plus the seed, for an evaluation step. */
    protected static Map<String, String> withSeed(Map<String, String> design, long seed) {
        Map<String, String> m = new LinkedHashMap<>(design);
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** The measures shown in tables: accuracy, the recipe's measures, then the other group gaps. */
    protected List<String> shown() {
        java.util.LinkedHashSet<String> m = new java.util.LinkedHashSet<>();
        m.add("accuracy");
        m.addAll(r.measures());
        m.add("demographic_parity_difference");
        m.add("equal_opportunity_difference");
        for (String s : r.seat()) {
            m.add("seat:" + s.replaceFirst("^builtin:", ""));
        }
        return new ArrayList<>(m);
    }

    /** A sentence on how {@code measure} changed from cell {@code a} to cell {@code b}. */
    protected static String change(String measure, String aName, Effects.Summary a, String bName, Effects.Summary b,
            Estimate diff, String verdict) {
        return String.format(Locale.ROOT, "%s: %s %s, %s %s; difference %s%s.", capital(Report.label(measure)), aName,
                Effects.format(a.estimate()), bName, Effects.format(b.estimate()), Effects.format(diff), verdict);
    }

    protected static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** How a difference's interval was computed, from the runs behind it. */
    protected static String method(Effects.Summary a, Effects.Summary b) {
        return a.runs() >= 2 && b.runs() >= 2 ? "Welch t over seeds" : a.runs() == 1 && b.runs() == 1
                ? "normal, from the two runs' bootstrap intervals" : "t, mixing seeds and a bootstrap interval";
    }
}
