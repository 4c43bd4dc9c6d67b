package dev.debias.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.core.AtomicFile;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.evaluate.regression.RegressionEvaluation;
import dev.debias.evaluate.regression.RegressionResult;
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

/** {@code debias evaluate regression}: the measures of a regression run's predictions, overall and by group. */
@Command(name = "regression", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score the predictions of a regression run (debias predict with a --task regression run) "
                + "against the gold values: mean squared error, Pearson and Spearman correlation with 95% bootstrap "
                + "intervals, beside the squared error of always predicting the mean. By each --group-field: the "
                + "same measures and each group's over-prediction against the other records (mean residual gap). "
                + "The gaps are read only when Pearson's interval lies above zero.",
        footer = {"", "Example:", "  debias evaluate regression --predictions sts-pred.jsonl --label-field score "
                + "--group-field gender"})
final class EvaluateRegressionCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Option(names = "--predictions", paramLabel = "FILE", required = true,
            description = "Records with the gold value (--label-field) and the prediction.")
    Path file;

    @Option(names = "--prediction-field", paramLabel = "NAME", defaultValue = Predictor.PREDICTION,
            description = "Default: ${DEFAULT-VALUE}.")
    String predictionField;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
            description = "Bootstrap replicates of every interval; 0 for none. Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the result as JSON here.")
    Path out;

    @Override
    public Integer call() throws Exception {
        String labelField = input.fields().labelField();
        if (labelField == null) {
            throw new InvalidInputException("give --label-field, the field of the gold values");
        }
        List<Double> gold = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        input.fields().groupFields().forEach(g -> groups.put(g, new ArrayList<>()));
        List<String> notNumbers = new ArrayList<>();
        try (RecordReader reader = CorpusReaders.open(file, input.readOptions())) {
            while (reader.hasNext()) {
                Record r = reader.next();
                double g;
                double p;
                try {
                    g = number(r.label(), labelField, r);
                    p = number(r.attribute(predictionField).orElse(null), predictionField, r);
                } catch (InvalidInputException e) {
                    if (!input.skipInvalid) {
                        throw e;
                    }
                    notNumbers.add(e.getMessage());   // skipped, counted and shown below
                    continue;
                }
                gold.add(g);
                predicted.add(p);
                groups.forEach((f, v) -> v.add(r.attribute(f).orElse("")));
            }
            SkipReport.print(reader.report(), spec.commandLine().getErr());
        }
        if (!notNumbers.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "debias: skipped %d record(s) whose gold value or prediction is no number:%n",
                    notNumbers.size());
            notNumbers.stream().limit(3).forEach(m -> err.println("  " + m));
            if (notNumbers.size() > 3) {
                err.printf(Locale.ROOT, "  ... and %d more%n", notNumbers.size() - 3);
            }
            err.flush();
        }
        if (gold.isEmpty()) {
            throw new InvalidInputException(file + ": no records");
        }
        RegressionResult r = RegressionEvaluation.builder().optBootstrap(bootstrap).optSeed(seed).build()
                .run(gold.stream().mapToDouble(Double::doubleValue).toArray(),
                        predicted.stream().mapToDouble(Double::doubleValue).toArray(), groups);
        print(r, spec.commandLine().getOut());
        if (out != null) {
            AtomicFile.write(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(r));
        }
        return ExitCodes.OK;
    }

    private double number(String v, String field, Record r) {
        double d;
        try {
            d = v == null ? Double.NaN : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!Double.isFinite(d)) {
            throw new InvalidInputException(file + ": record " + r.id() + " has " + (v == null ? "no " + field
                    : "the " + field + " '" + v + "', which is no finite number"));
        }
        return d;
    }

    private static void print(RegressionResult r, PrintWriter o) {
        o.printf(Locale.ROOT, "%d records%n", r.records());
        RegressionResult.Measures m = r.overall();
        o.printf(Locale.ROOT, "  %-28s %s%n", "MSE", EvaluateCommand.fmt(m.mse()));
        o.printf(Locale.ROOT, "  %-28s %.4f%n", "MSE of predicting the mean", r.baselineMse());
        o.printf(Locale.ROOT, "  %-28s %s%n", "Pearson", EvaluateCommand.fmt(m.pearson()));
        o.printf(Locale.ROOT, "  %-28s %s%n", "Spearman", EvaluateCommand.fmt(m.spearman()));
        o.printf(Locale.ROOT, "  %-28s %.4f / %s%n", "mean gold / prediction", m.meanGold(),
                EvaluateCommand.fmt(m.meanPrediction()));
        for (RegressionResult.Grouping g : r.groupings()) {
            o.printf(Locale.ROOT, "%nby %s%n", g.field());
            o.printf(Locale.ROOT, "  %-20s %6s %8s %-28s %-28s %s%n", "group", "n", "gold", "MSE", "Pearson",
                    "over-prediction vs the rest");
            for (int i = 0; i < g.groups().size(); i++) {
                RegressionResult.Group x = g.groups().get(i);
                o.printf(Locale.ROOT, "  %-20s %6d %8.4f %-28s %-28s %s%n", x.group(), x.measures().n(),
                        x.measures().meanGold(), EvaluateCommand.fmt(x.measures().mse()),
                        EvaluateCommand.fmt(x.measures().pearson()),
                        r.beatsChance() ? EvaluateCommand.fmt(g.gaps().get(i).gap()) : "not read (see below)");
            }
        }
        o.printf(Locale.ROOT, "%nreading: %s%n", r.reading());
        o.flush();
    }
}
