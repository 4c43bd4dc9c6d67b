package dev.debias.recipe;

import dev.debias.stats.Seeds;

import dev.debias.audit.Audit;
import dev.debias.audit.AuditResult;
import dev.debias.audit.Axis;
import dev.debias.audit.Targets;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.audit.index.IndexBuild;
import dev.debias.audit.report.AuditOutputs;
import dev.debias.augment.AugmentMode;
import dev.debias.augment.Augmenter;
import dev.debias.core.FileTrees;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosGenerator;
import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.EvaluationFiles;
import dev.debias.evaluate.Evaluator;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.intrinsic.SeatTest;
import dev.debias.evaluate.intrinsic.SeatTests;
import dev.debias.finetune.model.Precision;
import dev.debias.finetune.train.ComputeDevice;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.Hyperparameters;
import dev.debias.finetune.train.NonFiniteLossException;
import dev.debias.finetune.train.Predictor;
import dev.debias.finetune.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the steps recipes are built from, each a call into one stage's library: generate data, split a
 * user's file, resample it to a co-occurrence rate, audit, augment, intervene upstream, fine-tune,
 * evaluate, and measure the counterfactual embedding gap. Data steps write JSON Lines with the fields
 * {@code id}, {@code text}, {@code label} and the group field, so later steps need no field settings.
 */
public final class Steps {
    /** The file a data step writes. */
    public static final String DATA = "data.jsonl";

    /** A file written by a data step. */
    public record DataRef(Step step, String file) {}

    /**
     * A model: a pre-trained spec ({@code builtin:minilm}, a directory), or the output of an upstream step
     * ({@code model/}) or a fine-tuning step ({@code run/}).
     */
    public record ModelRef(String spec, Step step, String subdir) {
        /** A pre-trained model. */
        public static ModelRef pretrained(String spec) {
            return new ModelRef(spec, null, null);
        }
    }

    private final Recipe recipe;
    private final Recipe.Scale scale;
    private final StepRunner runner;
    private final String group;
    private final PairSteps pairs;

    /** Steps of the resolved {@code recipe}, placed by {@code runner}. */
    public Steps(Recipe recipe, StepRunner runner) {
        this.recipe = recipe;
        this.scale = recipe.scale();
        this.runner = runner;
        this.group = recipe.data().groupField();
        this.pairs = new PairSteps(recipe, this);
    }

    /** The path of a data step's file (valid once the step ran). */
    public Path path(DataRef d) throws IOException {
        return runner.dir(d.step()).resolve(d.file());
    }

    /** The model spec to load (valid once the step ran). */
    public String model(ModelRef m) throws IOException {
        return m.step() == null ? m.spec() : runner.dir(m.step()).resolve(m.subdir()).toString();
    }

    /** The group field of the recipe's data. */
    public String groupField() {
        return group;
    }

    private FieldMapping fields() {
        return new FieldMapping("text", "label", List.of(group), "id");
    }

    static List<Step> inputs(Object... refs) {
        List<Step> out = new ArrayList<>();
        for (Object o : refs) {
            Step s = o instanceof DataRef d ? d.step() : o instanceof ModelRef m ? m.step() : (Step) o;
            if (s != null && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- data

    /**
     * Demo bios: {@code n} records at co-occurrence {@code rate} of the recipe's axis (its pair's first group
     * with nurse, teacher, paralegal and interior designer, the second with the other occupations), from
     * {@code seed}; records carry the axis' group field.
     */
    public DataRef demoBios(String role, int n, double rate, long seed) {
        Recipe.Demo d = recipe.data().demo();
        BiosGenerator.Labels labels = d.labels().equals("binary") ? BiosGenerator.Labels.BINARY
                : BiosGenerator.Labels.OCCUPATION;
        StepSettings.DemoBios o = new StepSettings.DemoBios(n, rate, seed, d.labels(), d.mentionRate(), recipe.axis(),
                recipe.pair());
        Step s = Step.of("data", "demo bios " + role + " rate=" + rate, o, List.of(), List.of(), ctx -> {
                    BiosGenerator.Builder b = BiosGenerator.builder().setCount(o.records())
                            .optCooccurrence(o.cooccurrence()).optSeed(o.seed()).optLabels(labels)
                            .optMentionRate(o.mentionRate());
                    if (!RecipeAxis.gender(o.axis())) {
                        b.optAxis(RecipeAxis.demoAxis(o.axis())).optGroups(o.pair());
                    }
                    BiosGenerator g = b.build();
                    try (RecordWriter w = CorpusWriters.open(ctx.dir().resolve(DATA), WriteOptions.defaults())) {
                        g.writeTo(w, ctx.progress());
                        w.commit();
                    }
                });
        return new DataRef(s, DATA);
    }

    /**
     * A context of pruning-transfer as {@code data.jsonl}: generated sentences or a file's text. {@code part}
     * is {@code learn} or {@code measure} (disjoint halves: another generator seed, or records split by a
     * seeded hash of their position) or {@code all}.
     */
    public DataRef context(Recipe.Context c, long seed, String part) {
        if (!List.of("learn", "measure", "all").contains(part)) {
            throw new IllegalArgumentException("part must be learn, measure or all, got " + part);
        }
        long s0 = seed + (part.equals("measure") ? 200 : 100);
        if (c.file() != null) {
            Path file = Path.of(c.file());
            StepSettings.ContextFile o = new StepSettings.ContextFile(file.toAbsolutePath().normalize().toString(),
                    c.textField(), c.records(), part, seed);
            Step s = Step.of("data", "context " + c.name() + " " + part, o, List.of(), List.of(file), ctx -> {
                        FieldMapping f = new FieldMapping(o.textField(), null, List.of(), null);
                        try (RecordReader r = CorpusReaders.open(file, ReadOptions.defaults().withFields(f));
                                RecordWriter w = CorpusWriters.open(ctx.dir().resolve(DATA), WriteOptions.defaults())) {
                            long i = 0;
                            while (r.hasNext() && (o.records() == null || w.written() < o.records())) {
                                Record x = r.next();
                                double u = Seeds.unit(o.seed(), i++);
                                if (o.part().equals("all") || (u < 0.5) == o.part().equals("learn")) {
                                    w.write(new Record(x.id(), x.text(), null, Map.of(), x.provenance()));
                                }
                            }
                            w.commit();
                        }
                    });
            return new DataRef(s, DATA);
        }
        if (c.demo().equals("bios")) {
            return demoBios("context " + c.name() + " " + part, c.records(), 0.5, s0);
        }
        StepSettings.Everyday o = new StepSettings.Everyday(c.records(), s0);
        Step s = Step.of("data", "context " + c.name() + " " + part, o, List.of(), List.of(), ctx -> {
                    try (RecordWriter w = CorpusWriters.open(ctx.dir().resolve(DATA), WriteOptions.defaults())) {
                        for (Record x : (Iterable<Record>) new EverydaySentences(o.records(), o.seed()).stream()::iterator) {
                            w.write(x);
                        }
                        w.commit();
                    }
                });
        return new DataRef(s, DATA);
    }

    /**
     * The recipe's user file split into {@code train.jsonl}, {@code dev.jsonl} and {@code test.jsonl}: each
     * record goes to a split by a seeded hash of its position, so the split streams and is the same every
     * time; {@code scale.records} and {@code scale.test_records} cap the training and test splits.
     *
     * @return the split step (files {@code train.jsonl}, {@code dev.jsonl}, {@code test.jsonl})
     */
    public Step split(long seed) {
        Recipe.Data d = recipe.data();
        Path file = Path.of(d.file());
        Path testFile = d.testFile() == null ? null : Path.of(d.testFile());
        List<Path> files = testFile == null ? List.of(file) : List.of(file, testFile);
        StepSettings.Split o = new StepSettings.Split(file.toAbsolutePath().normalize().toString(),
                testFile == null ? null : testFile.toAbsolutePath().normalize().toString(), d.textField(), d.labelField(),
                d.groupField(), d.idField(), d.testFraction(), d.devFraction(), scale.records(), scale.testRecords(), seed);
        FieldMapping in = new FieldMapping(o.textField(), o.labelField(), List.of(o.groupField()), o.idField());
        return Step.of("data", "split " + file.getFileName(), o, List.of(), files, ctx -> {
                    Map<String, Long> counts = new SeededSplit(file, testFile, in, o.testFraction(), o.devFraction(),
                            o.records(), o.testRecords(), o.seed()).run(ctx.dir(), ctx.progress());
                    Files.writeString(ctx.dir().resolve("split.json"), Recipes.mapper().writeValueAsString(counts));
                });
    }

    /**
     * A user's training split resampled so that, within every label, the label's majority group makes up
     * {@code rate} of its records. The size of each label is the same at every rate of {@code rates} (the
     * largest all of them allow), and the records of a larger majority share extend those of a smaller one,
     * so the data is otherwise fixed across the sweep. Records of other groups than the two most frequent
     * are left out and counted. A label with no records of one of the two groups cannot take every rate;
     * it is kept whole, at every rate, and named under {@code kept_as_is} in {@code resample.json}.
     */
    public DataRef resample(DataRef train, double rate, List<Double> rates, long seed) {
        StepSettings.Resample o = new StepSettings.Resample(rate, rates, seed, group);
        Step s = Step.of("data", "resample rate=" + rate, o, inputs(train), List.of(), ctx -> {
                    Path in = path(train);
                    LabelGroupResampler resampler = new LabelGroupResampler(o.seed());
                    try (RecordReader r = CorpusReaders.open(in, ReadOptions.defaults().withFields(fields()))) {
                        while (r.hasNext()) {
                            Record x = r.next();
                            resampler.add(x.label(), x.attribute(o.groupField()).orElse(""));
                        }
                    }
                    LabelGroupResampler.Plan plan = resampler.plan(o.rate(), o.rates(), in.toString(), o.groupField());
                    java.util.Set<Long> kept = plan.kept();
                    long written = 0;
                    try (RecordReader r = CorpusReaders.open(in, ReadOptions.defaults().withFields(fields()));
                            RecordWriter w = CorpusWriters.open(ctx.dir().resolve(DATA), WriteOptions.defaults())) {
                        long i = 0;
                        while (r.hasNext()) {
                            Record x = r.next();
                            if (kept.contains(i++)) {
                                w.write(x);
                            }
                        }
                        written = w.written();
                        w.commit();
                    }
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("rate", o.rate());
                    summary.put("groups", plan.groups());
                    summary.put("kept", written);
                    summary.put("majority_by_label", plan.majorityByLabel());
                    summary.put("kept_as_is", plan.keptAsIs());
                    summary.put("other_groups_left_out", plan.otherGroupsLeftOut());
                    Files.writeString(ctx.dir().resolve("resample.json"), Recipes.mapper().writeValueAsString(summary));
                });
        return new DataRef(s, DATA);
    }

    // ---------------------------------------------------------------- audit and augment

    /**
     * An audit of {@code data}: the axis' terms (and, for race, first names) against labels and occupations, and
     * the group field against labels.
     */
    public Step audit(String role, DataRef data) {
        StepSettings.Audit o = new StepSettings.Audit(RecipeAxis.auditLexicon(recipe.axis()), "builtin:occupations",
                "document", group);
        return Step.of("audit", "audit " + role, o, inputs(data), List.of(), ctx -> {
                    Path index = ctx.dir().resolve("index");
                    IndexBuild build = CorpusIndexer.builder().setInput(path(data)).setIndexDir(index)
                            .optReadOptions(ReadOptions.defaults().withFields(fields())).optThreads(1)
                            .optProgress(ctx.progress()).build().run();
                    AuditResult r;
                    try (CorpusIndex idx = CorpusIndex.open(build.dir())) {
                        r = Audit.builder().setIndex(idx).addAxes(Axis.parse(o.axis(), false))
                                .optTargets(Targets.parse(o.targets(), false)).optScope(Scope.parse(o.scope()))
                                .optProgress(ctx.progress()).optConfig("input", role).build().run();
                    }
                    AuditOutputs.write(r, ctx.dir());
                    FileTrees.delete(index);
                });
    }

    /**
     * {@code data} augmented with {@code mode} on the recipe's axis, swapping its pair's two groups (rebalance:
     * to parity, 0.5 of the pair's first group, within every label).
     */
    public DataRef augment(DataRef data, String mode, long seed) {
        AugmentMode m = AugmentMode.parse(mode);
        StepSettings.Augment o = new StepSettings.Augment(m.id(), seed, 0.5, RecipeAxis.augmentLexicon(recipe.axis()),
                group, recipe.axis(), recipe.pair());
        Step s = Step.of("data", "augment " + mode, o, inputs(data), List.of(), ctx -> {
                    Augmenter.Builder b = Augmenter.builder().setMode(AugmentMode.parse(o.mode()))
                            .optSwapper(RecipeAxis.swapper(o.swapAxis(), o.pair()))
                            .optAxisLexicon(o.axis()).optTargetRate(o.targetRate()).optSeed(o.seed())
                            .optThreads(1).optProgress(ctx.progress());
                    if (!RecipeAxis.gender(o.swapAxis())) {
                        b.optTargetGroup(o.pair().get(0));
                    }
                    Augmenter a = b.build();
                    a.run(path(data), ReadOptions.defaults().withFields(fields()), ctx.dir().resolve(DATA),
                            WriteOptions.defaults());
                });
        return new DataRef(s, DATA);
    }

    /** Whether {@code mode} writes a weight field that fine-tuning must use. */
    public static boolean weighted(String mode) {
        return AugmentMode.parse(mode) == AugmentMode.REWEIGH;
    }

    // ---------------------------------------------------------------- models

    /**
     * An upstream intervention on the recipe's model, learned from {@code corpus} (the held-out pairs from
     * {@code evalCorpus} when not null), on pairs of the recipe's axis.
     *
     * @param sparsity magnitude-prune's sparsity, or null for the recipe's setting
     */
    public ModelRef upstream(String method, Double sparsity, DataRef corpus, DataRef evalCorpus, long seed) {
        return pairs.upstream(method, sparsity, corpus, evalCorpus, seed);
    }

    /** Fine-tunes {@code model} on {@code train} (picking the best epoch on {@code dev}) with training seed {@code seed}. */
    public ModelRef finetune(String role, ModelRef model, DataRef train, DataRef dev, boolean weighted, long seed) {
        Hyperparameters d = Hyperparameters.DEFAULTS;
        StepSettings.Finetune o = new StepSettings.Finetune(model.step() == null ? model.spec() : "(step)",
                weighted ? "weight" : null, new Hyperparameters(scale.epochs(), scale.batchSize(), scale.maxLength(),
                        scale.learningRate(), d.weightDecay(), d.warmupFraction(), d.clipNorm(), d.classBalanced(),
                        d.patience(), d.metric(), d.pooling(), d.dropout(), ComputeDevice.parse(scale.device()), seed,
                        Precision.parse(scale.precision())));
        Step s = Step.of("finetune", "finetune " + role + " seed=" + seed, o, inputs(model, train, dev), List.of(), ctx -> {
            TrainConfig t = TrainConfig.builder().setModel(model(model)).setTrain(path(train)).setEval(path(dev))
                    .setFields(fields()).optWeightField(o.weightField()).optHyperparameters(o.hyperparameters()).build();
            Path runDir = ctx.dir().resolve("run");
            try {
                FineTuner.builder().setConfig(t).setRunDir(runDir).optProgress(ctx.progress()).build().run();
            } catch (NonFiniteLossException e) {
                // A non-finite loss or gradient that a deterministic, seeded run does not reproduce: seen on this
                // project's CI machine in about 1 of 30 fine-tunes. Retried once from scratch, and said so; a
                // second failure is real and stops the recipe.
                org.slf4j.LoggerFactory.getLogger(Steps.class).warn("{}: {}; retrying once from scratch", role,
                        e.getMessage());
                FileTrees.delete(runDir);
                FineTuner.builder().setConfig(t).setRunDir(runDir).optProgress(ctx.progress()).build().run();
                Files.writeString(ctx.dir().resolve("retried.txt"), "first attempt failed: " + e.getMessage() + "\n");
            }
        });
        return new ModelRef(null, s, "run");
    }

    /**
     * Evaluates a fine-tuned model on {@code test}: group metrics and gaps by the group field, the
     * counterfactual flip test swapping the axis' pair, and the recipe's SEAT tests; {@code design} names the
     * run's cell.
     */
    public Step evaluate(ModelRef run, DataRef test, Map<String, String> design) {
        StepSettings.Evaluate o = new StepSettings.Evaluate(new java.util.TreeMap<>(design), scale.bootstrap(),
                recipe.seat(), recipe.axis(), group, 1, recipe.pair());
        return Step.of("evaluate", "evaluate " + String.join(" ", design.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()), o, inputs(run, test), List.of(), ctx -> {
                    Evaluation e = Evaluator.builder().optModel(Path.of(model(run))).optInput(path(test))
                            .optInputFields("text", "id")
                            .optColumns(new PredictionColumns("label", Predictor.PREDICTION, List.of(o.groupField()), "id",
                                    "text"))
                            .optPredictionsOut(ctx.dir().resolve("predictions.jsonl"))
                            .optCounterfactual(RecipeAxis.swapper(o.counterfactual(), o.pair()))
                            .optSeatTests(seatTests(o.seat()))
                            .optBootstrap(o.bootstrap()).optSeed(o.seed()).optDesign(o.design()).optProgress(ctx.progress())
                            .build().run();
                    EvaluationFiles.write(e, ctx.dir());
                });
    }

    /** The file {@link #gap} writes. */
    public static final String GAP = PairSteps.GAP;

    /**
     * The counterfactual embedding gap of {@code model} on {@code pairs} held-out sentence pairs of the recipe's
     * axis sampled from {@code corpus} with {@code seed}: the same corpus and seed give the same pairs whatever
     * the model, so gaps of two models pair up sentence by sentence. Writes {@value #GAP} with the per-pair
     * distances.
     */
    public Step gap(String role, ModelRef model, DataRef corpus, int pairs, long seed) {
        return this.pairs.gap(role, model, corpus, pairs, seed);
    }

    static List<SeatTest> seatTests(List<String> names) throws IOException {
        List<SeatTest> tests = new ArrayList<>();
        for (String t : names) {
            tests.add(SeatTests.resolve(t));
        }
        return tests;
    }
}
