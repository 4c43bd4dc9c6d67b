package dev.debias.recipe;

import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.group.PredictionFiles;
import dev.debias.evaluate.group.ResampledMeasures;
import dev.debias.evaluate.counterfactual.CounterfactualFile;
import dev.debias.evaluate.paired.FlipRecords;
import dev.debias.evaluate.paired.PairedBootstrap;
import dev.debias.evaluate.paired.PairedEffect;
import dev.debias.evaluate.paired.PairedFlips;
import dev.debias.evaluate.paired.RunRecords;
import dev.debias.evaluate.sanity.Sanity;
import dev.debias.evaluate.sanity.SanityCheck;
import dev.debias.finetune.train.Predictor;
import dev.debias.stats.Estimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The inference behind a recipe's readings, from the evaluate steps' {@code predictions.jsonl}: the sanity
 * gate over every fine-tuned model, and differences between cells. Where every run of the cells was tested
 * on the same records (same ids in the same order), a difference is {@link PairedBootstrap}'s: one common
 * resample of the test records, seeds resampled within each cell first when a cell pools several. The flip rate
 * is paired the same way by {@link PairedFlips} when every run has {@code counterfactual.jsonl} on the same
 * records. Otherwise, and for measures not recomputed per record (SEAT), it falls back to
 * {@link Effects#difference} and its method says why.
 */
final class Inference {
    private final PairedBootstrap paired;
    private final String notPaired;
    private final PairedFlips flips;
    private final String flipsNotPaired;
    private final Map<String, Sanity> sanity = new LinkedHashMap<>();

    /**
     * @param cells cell name to the step directories of its evaluations (one per seed)
     * @param evaluations the evaluation of each step directory
     */
    Inference(Map<String, List<Path>> cells, Map<Path, Evaluation> evaluations, String groupField, int bootstrap)
            throws IOException {
        PredictionColumns columns = new PredictionColumns("label", Predictor.PREDICTION, List.of(groupField), "id", "text");
        Map<String, List<RunRecords>> runs = new LinkedHashMap<>();
        String why = null;
        for (var c : cells.entrySet()) {
            List<RunRecords> list = new ArrayList<>();
            for (Path dir : c.getValue()) {
                Evaluation e = evaluations.get(dir);
                GroupFairnessResult g = e.groupFairness().stream().filter(x -> x.grouping().equals(groupField)).findFirst()
                        .orElse(null);
                Path file = dir.resolve("predictions.jsonl");
                if (g == null || !Files.isRegularFile(file)) {
                    why = dir.getFileName() + " has no " + (g == null ? "grouping by " + groupField : "predictions.jsonl");
                    continue;
                }
                RunRecords r = RunRecords.read(dir.getFileName().toString(), file, columns, groupField, g);
                list.add(r);
                sanity.put(dir.getFileName().toString(), e.sanity() != null ? e.sanity() : SanityCheck.builder()
                        .setPredictions(PredictionFiles.read(file, null, columns, g.classes())).optBootstrap(bootstrap)
                        .optSeed(1).build().check());
            }
            runs.put(c.getKey(), list);
        }
        if (why == null) {
            why = RunRecords.notShared(runs.values().stream().flatMap(List::stream).toList());
        }
        this.notPaired = why;
        this.paired = why == null ? PairedBootstrap.builder().setCells(runs).optBootstrap(bootstrap).optSeed(1).build()
                : null;
        Map<String, List<FlipRecords>> flipRuns = new LinkedHashMap<>();
        String flipWhy = null;
        for (var c : cells.entrySet()) {
            List<FlipRecords> list = new ArrayList<>();
            for (Path dir : c.getValue()) {
                Path file = dir.resolve(CounterfactualFile.FILE);
                if (!Files.isRegularFile(file)) {
                    flipWhy = flipWhy != null ? flipWhy : dir.getFileName() + " has no " + CounterfactualFile.FILE
                            + " (no counterfactual test, or a step cached from before the test wrote its"
                            + " per-record outcomes)";
                    continue;
                }
                list.add(FlipRecords.read(dir.getFileName().toString(), file));
            }
            flipRuns.put(c.getKey(), list);
        }
        if (flipWhy == null) {
            flipWhy = FlipRecords.notShared(flipRuns.values().stream().flatMap(List::stream).toList());
        }
        this.flipsNotPaired = flipWhy;
        this.flips = flipWhy == null ? PairedFlips.of(flipRuns, bootstrap, 1) : null;
    }

    /** Why the differences are not paired, or null when they are. */
    String notPaired() {
        return notPaired;
    }

    /** Each run's sanity check, by run name. */
    Map<String, Sanity> sanity() {
        return sanity;
    }

    /**
     * The gate's sentence for the first line of the reading when a model is not clear of the baselines
     * (naming how many and the first one's numbers), or null when every model is.
     */
    String gate() {
        List<String> failed = sanity.entrySet().stream().filter(e -> !e.getValue().passed()).map(Map.Entry::getKey).toList();
        if (failed.isEmpty()) {
            return null;
        }
        Sanity first = sanity.get(failed.get(0));
        return String.format(Locale.ROOT, "No bias conclusion: %d of %d fine-tuned models are not clear of the chance and majority-class baselines, "
                + "so their bias measures mean little and this reading draws no conclusion from them. %s: %s.",
                failed.size(), sanity.size(), failed.get(0), first.summary());
    }

    /** The classes with too few test records, as a reading sentence, or null when none has. */
    String smallClasses() {
        Sanity s = sanity.values().stream().findFirst().orElse(null);
        if (s == null || s.smallClasses().isEmpty()) {
            return null;
        }
        return String.format(Locale.ROOT, "%d class(es) have fewer than %d test records, so their per-class rates and "
                + "TPR gaps rest on too few records: %s.", s.smallClasses().size(), s.minClassRecords(), s.smallClassList());
    }

    /**
     * The effect {@code first} minus {@code second} on {@code measure}: paired when it can be, else from the
     * cells' summaries {@code a} and {@code b}.
     */
    PairedEffect difference(String first, String second, String measure, Effects.Summary a, Effects.Summary b) {
        if (paired != null && ResampledMeasures.NAMES.contains(measure)) {
            return paired.difference(first, second, measure);
        }
        if (flips != null && PairedFlips.NAMES.contains(measure)) {
            return flips.difference(first, second, measure);
        }
        Estimate d = Effects.difference(a, b);
        String why = PairedFlips.NAMES.contains(measure) ? "not paired: " + flipsNotPaired
                : paired == null ? "not paired: " + notPaired : "not paired: " + Report.label(measure)
                + " is not recomputed per test record";
        return new PairedEffect(first, second, measure, d, normalP(d), null, Experiment.method(a, b) + "; " + why
                + "; p from the interval's normal approximation");
    }

    /**
     * The two-sided p-value of 0 for an unpaired difference, from its interval taken as normal (se = width / 3.92),
     * so that it can join a Holm family; NaN without an interval.
     */
    static double normalP(Estimate d) {
        if (d == null || !d.isDefined() || d.low() == null) {
            return Double.NaN;
        }
        double se = (d.high() - d.low()) / (2 * 1.959964);
        if (se == 0) {
            return d.value() == 0 ? 1 : 0;
        }
        return 2 * (1 - new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(
                Math.abs(d.value()) / se));
    }

    /** A verdict for a reading: by the Holm-adjusted p when there is one, else by the interval. */
    static String verdict(PairedEffect e) {
        if (!e.difference().isDefined()) {
            return "";
        }
        if (e.holm() != null) {
            return String.format(Locale.ROOT, " \u2014 Holm-adjusted p = %.3f: %s", e.holm(), e.significant()
                    ? "a difference after controlling the error over the effects read"
                    : "not a difference once the error is controlled over the effects read");
        }
        return e.difference().low() == null ? " (no interval)" : Effects.clearOfZero(e.difference())
                ? " \u2014 the interval excludes zero" : " \u2014 the interval includes zero, so this run cannot tell them apart";
    }
}
