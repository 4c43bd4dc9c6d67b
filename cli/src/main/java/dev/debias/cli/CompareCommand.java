package dev.debias.cli;

import dev.debias.stats.EstimateFormat;
import dev.debias.stats.Estimate;
import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.EvaluationFiles;
import dev.debias.evaluate.compare.Comparison;
import dev.debias.evaluate.compare.ComparisonFiles;
import dev.debias.evaluate.compare.Comparisons;
import dev.debias.evaluate.compare.PairedComparison;
import dev.debias.evaluate.compare.MeasureAgreement;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debias evaluate compare}: several evaluations side by side, pooled over seeds, with measure agreement. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Put evaluations (directories written by debias evaluate --out) side by side: accuracy, each gap "
                + "with its interval, flip rate and SEAT effects per run; means with Student-t intervals over runs that "
                + "share a design but for the seed; and Kendall's tau-b between every pair of bias measures across runs, "
                + "so disagreement between measures shows. Writes comparison.json, comparison.csv, agreement.csv and "
                + "report.html.",
        footer = {"", "Example:", "  debias evaluate compare eval/original-s1 eval/original-s2 eval/cda-s1 eval/cda-s2 --out compare/"})
final class CompareCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "EVAL_DIR", arity = "1..*", description = "Directories holding metrics.json.")
    List<Path> runs;

    @Option(names = "--grouping", paramLabel = "NAME", description = "The grouping whose gaps to compare. Default: each "
            + "evaluation's first.")
    String grouping;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Evaluation> evaluations = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path p : runs) {
            evaluations.add(EvaluationFiles.read(p));
            Path f = Files.isDirectory(p) ? p.resolve(EvaluationFiles.JSON_FILE) : p;
            files.add(f);
            Path named = Files.isDirectory(p) ? p : p.toAbsolutePath().getParent();
            names.add(String.valueOf(named.getFileName()));
        }
        Comparison c = Comparisons.of(names, evaluations, grouping);
        ComparisonFiles.write(c, files, out);
        PrintWriter o = spec.commandLine().getOut();
        // one row per measure, one column per run: measures outnumber runs in most comparisons
        o.printf(Locale.ROOT, "%-34s", "measure");
        c.runs().forEach(r -> o.printf(Locale.ROOT, " %24s", r.name().length() > 24 ? r.name().substring(0, 24) : r.name()));
        o.println();
        for (String m : c.measures()) {
            o.printf(Locale.ROOT, "%-34s", m);
            c.runs().forEach(r -> o.printf(Locale.ROOT, " %24s", cell(r.measures().get(m))));
            o.println();
        }
        o.println("agreement (Kendall tau-b across runs):");
        for (MeasureAgreement a : c.agreement()) {
            o.printf(Locale.ROOT, "  %-30s %-30s %s (%d runs)%n", a.first(), a.second(),
                    a.tau() == null ? "undefined: " + a.undefined() : String.format(Locale.ROOT, "%+.3f", a.tau()), a.runs());
        }
        List<Path> dirs = runs.stream().map(p -> Files.isDirectory(p) ? p : p.toAbsolutePath().getParent()).toList();
        PairedComparison paired = PairedComparison.of(names, dirs, evaluations, grouping, 1000, 1);
        Files.writeString(out.resolve(PairedComparison.JSON_FILE), paired.json());
        if (paired.notPaired() != null) {
            o.println("no paired differences of the group measures: " + paired.notPaired());
        }
        if (paired.flipsNotPaired() != null) {
            o.println("no paired flip-rate difference: " + paired.flipsNotPaired());
        }
        if (!paired.effects().isEmpty()) {
            o.println("paired differences from " + paired.baseline() + " (one resample of the shared test records; "
                    + "Holm-adjusted p over all of them):");
            for (var e : paired.effects()) {
                o.printf(Locale.ROOT, "  %-40s %-30s %s  p %s  Holm %s%n", e.first(), e.measure(),
                        cell(e.difference()), Double.isNaN(e.pValue()) ? "-" : String.format(Locale.ROOT, "%.3f",
                                e.pValue()), e.holm() == null ? "-" : String.format(Locale.ROOT, "%.3f", e.holm()));
            }
            if (paired.effects().stream().anyMatch(e -> e.holm() == null)) {
                o.println("  (p and Holm -: no p-value, as the difference or its interval is undefined or there are no "
                        + "bootstrap replicates; Holm adjusts over the others)");
            }
        }
        o.printf(Locale.ROOT, "wrote %s, %s, %s and %s to %s%n", ComparisonFiles.JSON_FILE, ComparisonFiles.CSV_FILE,
                ComparisonFiles.AGREEMENT_FILE, ComparisonFiles.HTML_FILE, out);
        o.flush();
        return ExitCodes.OK;
    }

    private static String cell(Estimate e) {
        return e == null ? "-" : EstimateFormat.FIXED_3.withSeparator(",").brief(e);
    }
}
