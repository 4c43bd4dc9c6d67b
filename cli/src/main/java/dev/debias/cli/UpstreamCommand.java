package dev.debias.cli;

import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.corpus.FieldMapping;
import dev.debias.evaluate.intrinsic.SeatResult;
import dev.debias.evaluate.intrinsic.SeatTests;
import dev.debias.upstream.CounterfactualContinuation;
import dev.debias.upstream.Diagnostics;
import dev.debias.upstream.Inlp;
import dev.debias.upstream.InlpIteration;
import dev.debias.upstream.Intervention;
import dev.debias.upstream.IntrinsicSnapshot;
import dev.debias.upstream.MagnitudePruning;
import dev.debias.upstream.SentenceDebias;
import dev.debias.upstream.UnitPruning;
import dev.debias.upstream.UnitScore;
import dev.debias.upstream.Upstream;
import dev.debias.upstream.UpstreamMethod;
import dev.debias.upstream.UpstreamResult;
import dev.debias.finetune.model.Pooling;
import dev.debias.core.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code debias upstream}: apply an intervention to the pre-trained encoder and write a new model directory. */
@Command(name = "upstream", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply a bias intervention to a pre-trained encoder (\"upstream\" of fine-tuning) and write a "
                + "model directory that 'debias finetune --model' and 'debias evaluate intrinsic --model' accept like any "
                + "other. The directory's upstream.json holds the method, its parameters, the seed, the source model, "
                + "the method's diagnostics, and SEAT effect sizes and the counterfactual embedding gap on held-out "
                + "pairs before and after.",
            "",
            "Methods:",
            "  sentence-debias          remove the top --directions principal directions",
            "                           of counterfactual pair differences from the pooled",
            "                           vector (Liang et al. 2020)",
            "  inlp                     project the pooled vector onto the nullspace of",
            "                           linear group probes until a probe is at chance",
            "                           (Ravfogel et al. 2020)",
            "  prune-heads              switch off the attention heads whose removal lowers",
            "                           the counterfactual embedding gap most",
            "  prune-neurons            the same for feed-forward neurons",
            "  counterfactual-continue  --steps of training that pull each sentence's vector",
            "                           toward its counterfactual's, anchored on neutral ones",
            "  magnitude-prune          zero the --sparsity share of linear weights of",
            "                           smallest magnitude; fine-tuning keeps them zero",
            "",
            "Sentences come from --corpus (for pruning: the context the mask is learned on); default the demo bios "
                + "generator (2,000 bios, co-occurrence 0.5). --eval-corpus measures the gap on another corpus's pairs."},
        footer = {"", "Examples:",
            "  debias upstream --method sentence-debias --out models/minilm-sd",
            "  debias upstream --method prune-heads --context bios.jsonl --eval-corpus reviews.jsonl --count 6 --out models/ph",
            "  debias finetune --model models/minilm-sd --train train.jsonl --eval eval.jsonl --out runs/sd"})
final class UpstreamCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "builtin:minilm",
            description = "builtin:minilm, a model directory (an upstream one too: interventions stack) or an .onnx "
                    + "file. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--method", paramLabel = "METHOD", required = true,
            description = "sentence-debias, inlp, prune-heads, prune-neurons, counterfactual-continue or magnitude-prune.")
    String method;

    @Option(names = {"--corpus", "--context"}, paramLabel = "FILE",
            description = "The corpus sentences are drawn from (JSONL, CSV, TSV or text). Default: the demo bios.")
    Path corpus;

    @Option(names = "--eval-corpus", paramLabel = "FILE",
            description = "Measure the embedding gap on pairs from this corpus instead of pairs held out of --corpus.")
    Path evalCorpus;

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "text", description = "Default: ${DEFAULT-VALUE}.")
    String textField;

    @Option(names = "--skip-invalid",
            description = "Skip invalid records of --corpus and --eval-corpus instead of stopping at the first; the skips "
                    + "are counted and the first printed.")
    boolean skipInvalid;

    @Option(names = "--eval-text-field", paramLabel = "NAME",
            description = "The text field of --eval-corpus. Default: --text-field.")
    String evalTextField;

    @Option(names = "--axis", paramLabel = "AXIS", defaultValue = "gender",
            description = "The demographic axis whose terms are swapped. Default: ${DEFAULT-VALUE}.")
    String axis;

    @Option(names = "--pooling", paramLabel = "POOLING", defaultValue = "mean",
            description = "mean or cls; fine-tune with the same. Default: ${DEFAULT-VALUE}.")
    String pooling;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "64", description = "Longest sentence in word pieces. Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "800", description = "Counterfactual pairs to learn from. Default: ${DEFAULT-VALUE}.")
    int pairs;

    @Option(names = "--held-out", paramLabel = "N", defaultValue = "200", description = "Pairs held out for the gap. Default: ${DEFAULT-VALUE}.")
    int heldOut;

    @Option(names = "--neutral", paramLabel = "N", defaultValue = "400",
            description = "Sentences without axis terms (the anchor of counterfactual-continue). Default: ${DEFAULT-VALUE}.")
    int neutral;

    @Option(names = "--directions", paramLabel = "K", defaultValue = "1", description = "sentence-debias: subspace directions k. Default: ${DEFAULT-VALUE}.")
    int directions;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "35", description = "inlp: the most projections. Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--tolerance", paramLabel = "X", defaultValue = "0.02",
            description = "inlp: stop when the probe's accuracy is within this of chance. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--fraction", paramLabel = "X", defaultValue = "0.1", description = "prune-*: share of units to prune. Default: ${DEFAULT-VALUE}.")
    double fraction;

    @Option(names = "--count", paramLabel = "N", description = "prune-*: number of units to prune (instead of --fraction).")
    Integer count;

    @Option(names = "--scoring", paramLabel = "HOW", defaultValue = "gradient",
            description = "prune-*: gradient (one backward pass) or ablation (heads only; one pass per head). "
                    + "Default: ${DEFAULT-VALUE}.")
    String scoring;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "counterfactual-continue: training steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "16",
            description = "Pairs per step or scoring pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "2e-5", description = "counterfactual-continue: learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--anchor-weight", paramLabel = "X", defaultValue = "1.0",
            description = "counterfactual-continue: weight of the neutral anchor. Default: ${DEFAULT-VALUE}.")
    double anchorWeight;

    @Option(names = "--sparsity", paramLabel = "X", defaultValue = "0.3", description = "magnitude-prune: share of zero weights. Default: ${DEFAULT-VALUE}.")
    double sparsity;

    @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "global", description = "magnitude-prune: global or layer. Default: ${DEFAULT-VALUE}.")
    String scope;

    @Option(names = "--seat", paramLabel = "TEST",
            description = "SEAT tests before and after: builtin:NAME or a SEAT JSON file; repeatable. Default: every built-in.")
    List<String> seat = new ArrayList<>();

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000", description = "Resamples of the gap's interval. Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--overwrite", description = "Replace an upstream model already in --out.")
    boolean overwrite;

    @Option(names = "--out", paramLabel = "MODEL_DIR", required = true, description = "The model directory to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        UpstreamMethod m = UpstreamMethod.parse(method);
        Upstream.Builder b = Upstream.builder().setModel(model).setOut(out).optCorpus(corpus).optEvalCorpus(evalCorpus)
                .optFields(new FieldMapping(textField, null, List.of(), null)).optSkipInvalid(skipInvalid)
                .optSwapper(CounterfactualSwapper.builder().optAxis(axis).build()).optPooling(Pooling.parse(pooling))
                .optMaxLength(maxLength).optLearnPairs(pairs).optHeldOutPairs(heldOut).optNeutral(neutral)
                .optBootstrap(bootstrap).optSeed(seed).optOverwrite(overwrite).optProgress(CliProgress.create());
        if (evalTextField != null) {
            b.optEvalFields(new FieldMapping(evalTextField, null, List.of(), null));
        }
        b.setIntervention(intervention(m));
        if (!seat.isEmpty()) {
            List<dev.debias.evaluate.intrinsic.SeatTest> tests = new ArrayList<>();
            for (String s : seat) {
                tests.add(SeatTests.resolve(s));
            }
            b.optSeatTests(tests);
        }
        UpstreamResult r = b.build().run();
        print(r, out, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** The intervention of method {@code m}, with the options that belong to it. */
    private Intervention<?> intervention(UpstreamMethod m) {
        UnitPruning.Scoring how = UnitPruning.Scoring.parse(scoring);
        MagnitudePruning.Scope where = MagnitudePruning.Scope.parse(scope);
        if (count != null && count < 1) {
            throw new InvalidInputException("--count " + count + " must be at least 1");
        }
        return switch (m) {
            case SENTENCE_DEBIAS -> new SentenceDebias(directions);
            case INLP -> new Inlp(iterations, tolerance);
            case PRUNE_HEADS, PRUNE_NEURONS -> new UnitPruning(m == UpstreamMethod.PRUNE_HEADS ? UnitPruning.Unit.HEAD
                    : UnitPruning.Unit.NEURON, how, fraction, count == null ? 0 : count, batchSize);
            case COUNTERFACTUAL_CONTINUE -> new CounterfactualContinuation(steps, batchSize, lr, anchorWeight);
            case MAGNITUDE_PRUNE -> new MagnitudePruning(sparsity, where);
        };
    }

    static void print(UpstreamResult r, Path dir, PrintWriter o) {
        o.printf(Locale.ROOT, "%s on %s: %s learning pairs, %s held out, %s neutral sentences (from %s)%n", r.method(),
                r.source().get("model"), r.data().get("learn_pairs"), r.data().get("held_out_pairs"),
                r.data().get("neutral"), r.data().get("corpus"));
        if (r.data().get("sentences_too_long") instanceof Number n && n.longValue() > 0) {
            o.printf(Locale.ROOT, "warning: skipped %d sentence(s) of more than %d words (they would be truncated)%n",
                    n.longValue(), dev.debias.upstream.PairSampler.DEFAULT_MAX_WORDS);
        }
        if (r.data().get("invalid_records_skipped") instanceof Number n && n.longValue() > 0) {
            o.printf(Locale.ROOT, "warning: skipped %d invalid record(s) of the corpora; the first: %s%n", n.longValue(),
                    r.data().get("invalid_records_first"));
        }
        switch (r.diagnostics()) {
            case Diagnostics.Subspace s -> o.printf(Locale.ROOT, "bias subspace: %d direction(s), explained variance %s%n",
                    s.directions(), fmt(s.explainedVariance()));
            case Diagnostics.Nullspace n -> {
                o.printf(Locale.ROOT, "INLP probe accuracy (chance %.3f):%n", n.majorityRate());
                for (InlpIteration i : n.iterations()) {
                    o.printf(Locale.ROOT, "  iteration %2d  rank removed %3d  train %.3f  dev %.3f%n", i.iteration(),
                            i.rankRemoved(), i.trainAccuracy(), i.devAccuracy());
                }
                o.println(n.reachedChance() ? "  reached chance" : "  stopped before chance (raise --iterations)");
            }
            case Diagnostics.Pruning p -> {
                o.printf(Locale.ROOT, "pruned %d of %d %ss (%s scores; %d asked for had no positive score); "
                        + "gap on the learning pairs %.5f -> %.5f%n", p.pruned().size(), p.candidates(), p.unit(),
                        p.scoring(), p.skipped(), p.gapBefore(), p.gapAfter());
                for (UnitScore u : p.pruned().subList(0, Math.min(10, p.pruned().size()))) {
                    o.printf(Locale.ROOT, "  layer %d %s %d  score %.6f%n", u.layer(), p.unit(), u.unit(), u.score());
                }
                if (p.pruned().size() > 10) {
                    o.printf(Locale.ROOT, "  ... %d more in upstream.json%n", p.pruned().size() - 10);
                }
            }
            case Diagnostics.Alignment a -> o.printf(Locale.ROOT, "%d steps: alignment %.5f -> %.5f, anchor drift %.5f -> "
                    + "%.5f%n", a.steps(), a.first().alignment(), a.last().alignment(), a.first().anchor(), a.last().anchor());
            case Diagnostics.Sparsity s -> o.printf(Locale.ROOT, "sparsity %.4f (asked %.4f, %s) over %,d linear weights%n",
                    s.achieved(), s.target(), s.scope(), s.weights());
        }
        o.printf(Locale.ROOT, "%-40s %10s %10s%n", "intrinsic measure", "before", "after");
        IntrinsicSnapshot b = r.before();
        IntrinsicSnapshot a = r.after();
        if (b.gap() != null) {
            o.printf(Locale.ROOT, "%-40s %10.5f %10.5f%n", "embedding gap (1 - cos), held-out pairs",
                    b.gap().meanCosineDistance().value(), a.gap().meanCosineDistance().value());
        }
        for (int i = 0; i < b.seat().size(); i++) {
            SeatResult sb = b.seat().get(i);
            SeatResult sa = a.seat().get(i);
            o.printf(Locale.ROOT, "%-40s %10s %10s%n", "SEAT " + sb.test(), effect(sb), effect(sa));
        }
        o.printf(Locale.ROOT, "model: %s (fine-tune it with: debias finetune --model %s --pooling %s ...)%n", dir, dir,
                r.pooling());
        o.flush();
    }

    private static String effect(SeatResult r) {
        Double d = r.weat().effectSize();
        return d == null ? "undef" : String.format(Locale.ROOT, "%+.3f", d);
    }

    private static String fmt(double[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v[i]));
        }
        return s.append(']').toString();
    }
}
