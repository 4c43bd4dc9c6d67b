package dev.debias.cli;

import dev.debias.stats.EstimateFormat;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.stats.Estimate;
import dev.debias.core.InvalidInputException;
import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.EvaluationFiles;
import dev.debias.evaluate.Evaluator;
import dev.debias.evaluate.counterfactual.FlipStatistics;
import dev.debias.evaluate.group.Gap;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.group.UndefinedPolicy;
import dev.debias.evaluate.intrinsic.SeatResult;
import dev.debias.evaluate.intrinsic.SeatTest;
import dev.debias.evaluate.intrinsic.SeatTests;
import dev.debias.finetune.train.Predictor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code debias evaluate}: group fairness, counterfactual and SEAT tests of one model; subcommands for more. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Measure a classifier's bias. Group metrics (accuracy, macro-F1, selection rate, per-class TPR/FPR/precision, "
                    + "overall and per group) and the gaps between groups (demographic parity, disparate impact, equal "
                    + "opportunity, equalized odds, per-class TPR gaps and GAP-RMS), each with a stratified bootstrap "
                    + "95%% interval, from a predictions file of any tool or from a run directory and an input corpus. "
                    + "With predicted probabilities (debias predict writes them) also threshold-free measures: AUC "
                    + "overall and per group, BPSN and BNSP AUC, their power means, and calibration error per group. "
                    + "--counterfactual swaps the axis terms of every record and reports how often the prediction flips. "
                    + "--seat runs SEAT tests on the run's encoder.",
            "Writes metrics.json, metrics.csv and report.html into --out, and counterfactual.jsonl (each tested "
                    + "record's outcome) when the counterfactual test ran."},
        subcommands = {EvaluateCommand.Intrinsic.class, CompareCommand.class, EvaluateRegressionCommand.class,
            EvaluateTemplatesCommand.Nli.class, EvaluateTemplatesCommand.Sts.class},
        footer = {"", "Examples:",
            "  debias evaluate --predictions predictions.jsonl --label-field label --group-field gender --out eval/",
            "  debias evaluate --model runs/bios --input test.jsonl --id-field id --label-field label --group-field gender \\",
            "      --counterfactual --seat builtin:gender-career-family-words --out eval/",
            "  debias evaluate --predictions eec-predictions.jsonl --label-field Emotion --group-field Race \\",
            "      --group-values African-American=black,European=white --out eval/",
            "  debias evaluate intrinsic --model builtin:minilm --test builtin:gender-career-family-words",
            "  debias evaluate compare eval-original/ eval-cda/ --out comparison/"})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--predictions", paramLabel = "FILE",
            description = "Predictions to evaluate (e.g. from debias predict); fields it lacks are read from --input.")
    Path predictions;

    @Option(names = "--model", paramLabel = "RUN_DIR",
            description = "A run directory of debias finetune: predicts --input (unless --predictions is given), and is "
                    + "the model of --counterfactual and --seat.")
    Path model;

    @Option(names = "--input", paramLabel = "FILE", description = "The labelled corpus to evaluate on.")
    Path input;

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "text", description = "Default: ${DEFAULT-VALUE}.")
    String textField;

    @Option(names = "--label-field", paramLabel = "NAME", description = "The true label.")
    String labelField;

    @Option(names = "--prediction-field", paramLabel = "NAME", defaultValue = Predictor.PREDICTION,
            description = "The predicted label in --predictions. Default: ${DEFAULT-VALUE}.")
    String predictionField;

    @Option(names = "--probability-field", paramLabel = "NAME",
            description = "The predicted probabilities in --predictions: label=probability pairs separated by ';' (as "
                    + "debias predict writes), or for two labels one number, the probability of --positive-label (else of "
                    + "the second label). Adds AUC, BPSN/BNSP AUC and calibration error per group. Default: "
                    + Predictor.PROBABILITIES + " when the file has it (else these measures are skipped with a warning).")
    String probabilityField;

    @Option(names = "--calibration-bins", paramLabel = "N", defaultValue = "10",
            description = "Equal-width bins of the calibration error. Default: ${DEFAULT-VALUE}.")
    int calibrationBins;

    @Option(names = "--group-field", paramLabel = "NAME",
            description = "A group attribute such as gender; repeatable (each is evaluated on its own).")
    List<String> groupFields = new ArrayList<>();

    @Mixin
    GroupValueOptions groupValues;

    @Option(names = "--intersect", description = "Also evaluate the intersection of all --group-field values (female x black).")
    boolean intersect;

    @Option(names = "--id-field", paramLabel = "NAME",
            description = "Record id: checks that --predictions and --input hold the same records in the same order.")
    String idField;

    @Option(names = "--positive-label", paramLabel = "LABEL",
            description = "The positive class of selection rate and the binary gaps. Default: none; each binary gap is "
                    + "then the worst class, one-vs-rest.")
    String positiveLabel;

    @Option(names = "--gap-groups", paramLabel = "A,B", split = ",",
            description = "The two groups of the per-class TPR gaps (A minus B). Default: the two groups when a field has "
                    + "exactly two, in sorted order.")
    List<String> gapGroups = new ArrayList<>();

    @Option(names = "--train", paramLabel = "FILE",
            description = "The training corpus: adds the correlation between each class's TPR gap and the share of the "
                    + "first gap group among its training examples.")
    Path train;

    @Option(names = "--counterfactual", description = "Run the counterfactual flip test (needs --model and --input).")
    boolean counterfactual;

    @Option(names = "--axis", paramLabel = "AXIS", defaultValue = "gender",
            description = "The axis whose terms --counterfactual swaps: gender, race, religion, age, nationality, "
                    + "orientation or disability (see debias lexicon list). Default: ${DEFAULT-VALUE}.")
    String axis;

    @Option(names = "--pair", paramLabel = "A,B", split = ",",
            description = "--counterfactual: swap the terms of groups A and B both ways, leaving other groups alone "
                    + "(e.g. --axis race --pair black,white). Needed on an axis of more than two groups unless --to is given.")
    List<String> pair;

    @Option(names = "--to", paramLabel = "GROUP",
            description = "--counterfactual: swap every other group's terms to GROUP (e.g. --axis religion --to christian).")
    String to;

    @Option(names = "--worst", paramLabel = "N", defaultValue = "10",
            description = "Most-moved records to show. Default: ${DEFAULT-VALUE}.")
    int worst;

    @Option(names = "--seat", paramLabel = "TEST",
            description = "A SEAT test (builtin:NAME or a file) to run on the model's encoder; repeatable. Built-ins: "
                    + "gender-career-family-words, gender-career-family-sentences, gender-science-arts-words, "
                    + "gender-science-arts-sentences, gender-terms-occupations-words, gender-terms-occupations-sentences.")
    List<String> seat = new ArrayList<>();

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
            description = "Bootstrap replicates; 0 for no intervals. Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--min-group-size", paramLabel = "N", defaultValue = "30",
            description = "Warn about groups smaller than this. Default: ${DEFAULT-VALUE}.")
    int minGroupSize;

    @Option(names = "--undefined", paramLabel = "POLICY", defaultValue = "skip-group",
            description = "When a metric is undefined for a group (no positives): skip-group computes each gap over the "
                    + "other groups and names the skipped ones; propagate makes the gap undefined. Default: ${DEFAULT-VALUE}.")
    String undefined;

    @Option(names = "--design", paramLabel = "KEY=VALUE",
            description = "What this run is within an experiment (upstream=inlp, data=cda); repeatable. Model, training "
                    + "file and seed are read from the run.")
    Map<String, String> design = new LinkedHashMap<>();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of bootstraps and permutations. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--skip-invalid",
            description = "Skip invalid records of --input and --train (such as an empty label) instead of stopping at "
                    + "the first; each skip is counted in a warning that quotes the first. A --predictions file is read whole.")
    boolean skipInvalid;

    // not required = true: picocli would then demand it before the intrinsic and compare subcommands too
    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (required).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (out == null) {
            throw new InvalidInputException("give --out DIR for metrics.json, metrics.csv and report.html");
        }
        Evaluator.Builder b = Evaluator.builder().optModel(model).optInput(input).optPredictions(predictions)
                .optTrain(train).optInputFields(textField, idField).optPositiveLabel(positiveLabel).optGapGroups(gapGroups)
                .optIntersect(intersect).optBootstrap(bootstrap).optSeed(seed).optMinGroupSize(minGroupSize)
                .optUndefinedPolicy(policy(undefined)).optWorstExamples(worst).optDesign(design)
                .optProbabilities(probabilityField, calibrationBins).optGroupValues(groupValues.map())
                .optProgress(CliProgress.create()).optSkipInvalid(skipInvalid);
        if (!groupFields.isEmpty() || labelField != null) {
            // labels alone give accuracy and the sanity check (group metrics skipped, and said so); groups need labels
            if (labelField == null) {
                throw new InvalidInputException("group metrics need --label-field as well as --group-field");
            }
            b.optColumns(new PredictionColumns(labelField, predictionField, groupFields, idField, textField));
            if (predictions == null && model == null) {
                throw new InvalidInputException("give --predictions FILE, or --model RUN_DIR with --input FILE");
            }
            if (model != null && predictions == null) {
                b.optPredictionsOut(out.resolve("predictions.jsonl"));
            }
        }
        if (counterfactual) {
            CounterfactualSwapper swapper = SwapMapping.build(SwapMapping.apply(
                    CounterfactualSwapper.builder().optAxis(axis), pair, to));
            if (swapper.perGroup()) {
                throw new InvalidInputException("--counterfactual swaps each record one way, but axis " + axis + " has "
                        + swapper.groups().size() + " groups " + swapper.groups() + ": name two with --pair A,B or "
                        + "one with --to GROUP");
            }
            b.optCounterfactual(swapper);
        }
        List<SeatTest> tests = new ArrayList<>();
        for (String s : seat) {
            tests.add(SeatTests.resolve(s));
        }
        b.optSeatTests(tests);
        Evaluation e = b.build().run();
        EvaluationFiles.write(e, out);
        print(spec.commandLine().getOut(), e);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s, %s and %s to %s%n", EvaluationFiles.JSON_FILE,
                EvaluationFiles.CSV_FILE, EvaluationFiles.HTML_FILE, out);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** {@code   chance 0.031 [0.004, 0.072]} for a measure with a chance level, else empty. */
    private static String chance(GroupFairnessResult r, String measure) {
        if (r.chance() == null || !r.chance().measures().containsKey(measure)) {
            return "";
        }
        return "  chance " + fmt(r.chance().measures().get(measure));
    }

    static UndefinedPolicy policy(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "skip-group", "skip" -> UndefinedPolicy.SKIP_GROUP;
            case "propagate" -> UndefinedPolicy.PROPAGATE;
            default -> throw new InvalidInputException("--undefined must be skip-group or propagate, got '" + s + "'");
        };
    }

    /** A terminal summary: the headline gaps, the flip rate, the SEAT effects, and the warnings. */
    static void print(PrintWriter o, Evaluation e) {
        if (e.sanity() != null) {
            o.println("sanity: the model is " + e.sanity().summary());
        }
        if (e.groupFairnessUndefined() != null) {
            o.println("group metrics skipped: " + SettingFlags.translate(e.groupFairnessUndefined()));
        }
        for (GroupFairnessResult r : e.groupFairness()) {
            o.printf(Locale.ROOT, "group fairness by %s (%d records, %d groups)%n", r.grouping(), r.overall().count(),
                    r.groups().size());
            o.printf(Locale.ROOT, "  %-32s %s%s%n", "accuracy", fmt(r.overall().accuracy()), chance(r, "accuracy"));
            for (String g : List.of(Gap.DEMOGRAPHIC_PARITY, Gap.DISPARATE_IMPACT, Gap.EQUAL_OPPORTUNITY, Gap.EQUALIZED_ODDS,
                    Gap.GAP_RMS, Gap.GAP_SHARE_CORRELATION)) {
                r.gap(g).ifPresent(x -> o.printf(Locale.ROOT, "  %-32s %s%s%n", g, fmt(x.value()), chance(r, g)));
            }
            if (r.chance() != null) {
                o.printf(Locale.ROOT, "  (chance: the measure for the same predictions shuffled across the records, mean "
                        + "and 95%% range of %d shuffles; a bias measure near its chance level cannot tell the model "
                        + "from a guesser)%n", r.chance().permutations());
            }
        }
        ThresholdFreePrint.print(o, e.thresholdFree());
        if (e.counterfactual() != null) {
            FlipStatistics f = e.counterfactual().overall();
            o.printf(Locale.ROOT, "counterfactual (%s): %d of %d records tested, %d flipped%n", e.counterfactual().axis(),
                    f.tested(), e.counterfactual().records(), f.flipped());
            o.printf(Locale.ROOT, "  %-32s %s%s%n", "flip_rate", fmt(f.flipRate()), f.chanceFlipRate() == null ? ""
                    : String.format(Locale.ROOT, "  chance %.3f", f.chanceFlipRate()));
            o.printf(Locale.ROOT, "  %-32s %s%n", "mean_abs_change", fmt(f.meanAbsChange()));
            for (FlipStatistics g : e.counterfactual().byGroup()) {
                // per direction (black->white) on a multi-group axis, per group of the original's terms on gender
                o.printf(Locale.ROOT, "  %-32s %s  (%d of %d flipped; mean_abs_change %s)%n", "flip_rate " + g.group(),
                        fmt(g.flipRate()), g.flipped(), g.tested(), fmt(g.meanAbsChange()));
            }
        }
        for (SeatResult s : e.intrinsic()) {
            o.printf(Locale.ROOT, "SEAT %-37s effect %s  p %.4f%s%n", s.test(), s.weat().effectSize() == null ? "undefined"
                    : String.format(Locale.ROOT, "%+.3f", s.weat().effectSize()), s.weat().pValue(),
                    s.weat().exact() ? "" : " (sampled)");
        }
        for (String w : e.warnings()) {
            o.println("warning: " + SettingFlags.translate(w));
        }
    }

    static String fmt(Estimate e) {
        return SettingFlags.translate(EstimateFormat.FIXED_4.text(e));
    }

    /** {@code debias evaluate intrinsic}: SEAT tests on an encoder. */
    @Command(name = "intrinsic", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Run SEAT/WEAT tests on an encoder's sentence vectors: the effect size (difference of mean "
                    + "associations over the pooled standard deviation) and a one-sided permutation p-value (exact when "
                    + "the partitions are few, else sampled with --seed).",
            footer = {"", "Example:", "  debias evaluate intrinsic --model builtin:minilm --test builtin:gender-career-family-words"})
    static final class Intrinsic implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--model", paramLabel = "MODEL", defaultValue = "builtin:minilm",
                description = "builtin:minilm, a model directory, a run directory or an .onnx file. Default: ${DEFAULT-VALUE}.")
        String model;

        @Option(names = "--test", paramLabel = "TEST",
                description = "builtin:NAME or a SEAT JSON file (one object with targ1, targ2, attr1, attr2); repeatable. "
                        + "Default: every built-in.")
        List<String> tests = new ArrayList<>();

        @Option(names = "--permutations", defaultValue = "10000", description = "Sampled partitions when the exact test "
                + "is too large. Default: ${DEFAULT-VALUE}.")
        int permutations;

        @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON here.")
        Path out;

        @Option(names = "--crows-pairs", paramLabel = "FILE",
                description = "Score the CrowS-Pairs CSV with the model's masked-LM head instead of SEAT: the share of "
                        + "pairs whose stereotyping sentence has the higher pseudo-log-likelihood over the shared tokens.")
        Path crowsPairs;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
                description = "--crows-pairs: the first N pairs only (0 for all). Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64",
                description = "--crows-pairs: masked copies per forward pass. Default: ${DEFAULT-VALUE}.")
        int batchSize;

        @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
                description = "--crows-pairs: bootstrap replicates of the intervals. Default: ${DEFAULT-VALUE}.")
        int bootstrap;

        @Override
        public Integer call() throws Exception {
            if (crowsPairs != null) {
                return crows();
            }
            List<String> specs = tests.isEmpty() ? SeatTests.builtinNames().stream().map(n -> "builtin:" + n).toList() : tests;
            List<SeatResult> results = new ArrayList<>();
            PrintWriter o = spec.commandLine().getOut();
            try (var encoder = dev.debias.finetune.train.SentenceEncoder.load(model)) {
                o.printf(Locale.ROOT, "%-40s %-36s %8s %8s%n", "test", "targets / attributes", "effect", "p");
                for (String s : specs) {
                    SeatTest t = SeatTests.resolve(s);
                    SeatResult r = dev.debias.evaluate.intrinsic.Seat.run(encoder, t,
                            dev.debias.evaluate.intrinsic.WeatOptions.defaults().withSeed(seed).withPermutations(permutations));
                    results.add(r);
                    o.printf(Locale.ROOT, "%-40s %-36s %8s %8.4f%s%n", t.name(), abbreviate(r.targ1() + "/" + r.targ2()
                            + " ~ " + r.attr1() + "/" + r.attr2()), r.weat().effectSize() == null ? "undef"
                            : String.format(Locale.ROOT, "%+.3f", r.weat().effectSize()), r.weat().pValue(),
                            r.weat().exact() ? "" : " (sampled)");
                }
            }
            if (out != null) {
                EvaluationFiles.writeJson(results, out);
                o.println("wrote " + out);
            }
            o.flush();
            return ExitCodes.OK;
        }

        private int crows() throws Exception {
            PrintWriter o = spec.commandLine().getOut();
            var pairs = dev.debias.evaluate.mlm.CrowsPairs.read(crowsPairs, limit);
            long start = System.nanoTime();
            dev.debias.evaluate.mlm.CrowsPairsResult r;
            try (var pll = dev.debias.evaluate.mlm.PseudoLogLikelihood.load(model, batchSize)) {
                r = dev.debias.evaluate.mlm.StereotypeScore.run(pairs, new dev.debias.evaluate.mlm.SharedTokenScorer(pll),
                        bootstrap, seed);
            }
            o.printf(Locale.ROOT, "CrowS-Pairs: %d pairs in %.1f s (stereotype score; 0.5 is unbiased)%n", pairs.size(),
                    (System.nanoTime() - start) / 1e9);
            if (r.skipped() > 0) {
                o.printf(Locale.ROOT, "%d pairs skipped: a sentence is longer than the model takes%n", r.skipped());
            }
            o.printf(Locale.ROOT, "%-22s %6s %6s %5s  %-28s %s%n", "bias_type", "n", "stereo", "ties", "score",
                    "score - 0.5");
            List<dev.debias.evaluate.mlm.CrowsPairsResult.Part> rows = new ArrayList<>(r.byType());
            rows.add(r.overall());
            for (var p : rows) {
                o.printf(Locale.ROOT, "%-22s %6d %6d %5d  %-28s %s%n", p.biasType(), p.pairs(), p.stereotyping(),
                        p.ties(), fmt(p.score()), fmt(p.differenceFromHalf()));
            }
            if (out != null) {
                EvaluationFiles.writeJson(r, out);
                o.println("wrote " + out);
            }
            o.flush();
            return ExitCodes.OK;
        }

        private static String abbreviate(String s) {
            return s.length() <= 36 ? s : s.substring(0, 35) + "\u2026";
        }
    }
}
