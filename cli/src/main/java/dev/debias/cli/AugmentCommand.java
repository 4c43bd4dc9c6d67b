package dev.debias.cli;

import dev.debias.augment.AugmentMode;
import dev.debias.augment.AugmentSummary;
import dev.debias.augment.Augmenter;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.augment.swap.Direction;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.WriteOptions;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debias augment}: counterfactual augmentation, substitution, rebalancing, reweighing and masking. */
@Command(name = "augment", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fix a corpus' demographic co-occurrence. Swaps axis terms grammatically (her -> his or him by "
                + "part of speech, his -> her or hers, Mr. -> Ms., actress's -> actor's, first names by frequency "
                + "rank, case kept, substrings never touched). Modes: two-sided (add a counterfactual copy of every "
                + "record with an axis term), one-sided (copies of the over-represented group of each label only), "
                + "substitute (replace records with probability --p), rebalance (fewest copies so every label reaches "
                + "--target-rate), reweigh (a weight field making group and label independent), mask (a placeholder "
                + "instead of each term). Every output record has source_id, transform and substitutions; OUT.augment.json "
                + "accounts for every input record.",
        footer = {"", "Examples:",
            "  debias augment bios.jsonl --label-field label --group-field gender --mode two-sided --out cda.jsonl",
            "  debias augment bios.jsonl --label-field label --mode rebalance --target-rate 0.5 --out fair.jsonl",
            "  debias augment bios.jsonl --label-field label --mode reweigh --out weighted.jsonl",
            "  debias augment eec.csv --text-field Sentence --label-field Emotion --group-field Race --axis race \\",
            "      --pair black,white --group-values African-American=black,European=white --out eec-cda.jsonl"})
final class AugmentCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Mixin
    GroupValueOptions groupValues;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The corpus file or directory (never modified).")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output: .jsonl, .csv or .tsv (optionally .gz or .zst), or .parquet.")
    Path out;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "two-sided",
            description = "two-sided, one-sided, substitute, rebalance, reweigh or mask. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--axis", paramLabel = "NAME", defaultValue = "gender",
            description = "The axis to swap: gender, race, religion, age, nationality, orientation or disability (see "
                    + "debias lexicon list), or an axis of --terms; its counterparts come from --pairs. On an axis of more "
                    + "than two groups, without --pair or --to, two-sided mode adds one copy per other group (N-sided "
                    + "CDA: the record's own group swapped with that group, each copy's transform naming it). "
                    + "Default: ${DEFAULT-VALUE}.")
    String axis;

    @Option(names = "--pair", paramLabel = "A,B", split = ",",
            description = "Swap the terms of groups A and B both ways and leave other groups alone (--axis race --pair black,white).")
    java.util.List<String> pair;

    @Option(names = "--to", paramLabel = "GROUP",
            description = "Map every other group's terms to GROUP (--axis religion --to christian).")
    String to;

    @Option(names = "--pairs", paramLabel = "SPEC",
            description = "Counterfactual pairs (builtin:NAME or a pair-list file, comma list merged). Default: builtin:AXIS.")
    String pairs;

    @Option(names = "--terms", paramLabel = "SPEC",
            description = "The axis' term list, which gives each term its group. Default: builtin:AXIS.")
    String terms;

    @Option(names = "--names", paramLabel = "SPEC",
            description = "First names swapped by rank, or 'none'. Default: builtin:names for gender (a gender swap keeps "
                    + "a name's race, from builtin:race-names), builtin:race-names for race (a race swap keeps its gender), "
                    + "none otherwise.")
    String names;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "both",
            description = "both, female-to-male or male-to-female. Default: ${DEFAULT-VALUE}.")
    String direction;

    @Option(names = "--keep-full-names",
            description = "Keep a first name written with a surname (Matthew Shepard, Hassan al Banna), a name after "
                    + "a title or particle (Dr. Rivera, ben Ali), and a first name standing alone once the text named "
                    + "that person in full: in news, encyclopedic or forum text these are mostly real people. Off by "
                    + "default: in biographies the full name is the person the text is about.")
    boolean keepFullNames;

    @Option(names = "--skip-real-people",
            description = "Write no copy of a text that names a real person: a protected figure, known person or "
                    + "surname (Jesus, Tony Blair, Obama) or a first name of the lists written with a surname (Richard "
                    + "Stallman). Such a copy changes what is said of that person (his -> her). For news, encyclopedic "
                    + "or forum text; each record left without a copy is counted in the summary's kept list.")
    boolean skipRealPeople;

    @Option(names = "--include-ambiguous", description = "Also swap terms and names flagged ambiguous (miss, unisex names).")
    boolean includeAmbiguous;

    @Option(names = "--p", paramLabel = "P", defaultValue = "0.5",
            description = "substitute: probability of replacing a record. Default: ${DEFAULT-VALUE}.")
    double p;

    @Option(names = "--target-rate", paramLabel = "R",
            description = "rebalance: the share of --target-group wanted within every label (on an axis of more than "
                    + "two groups the other groups share the rest equally). Default: 0.5 on a two-group axis; parity "
                    + "on an axis of more groups.")
    Double targetRate;

    @Option(names = "--target-group", paramLabel = "GROUP",
            description = "rebalance: the group --target-rate refers to. Default: the axis' first group (female).")
    String targetGroup;

    @Option(names = "--target-shares", paramLabel = "G=S,...", split = ",",
            description = "rebalance: the share wanted for each named group within every label "
                    + "(--axis race --target-shares black=0.25,white=0.25): naming every group they sum to 1, "
                    + "else the groups not named share what is left equally. Default: parity on an axis of more "
                    + "than two groups.")
    java.util.Map<String, Double> targetShares;

    @Option(names = "--allow-drop", description = "rebalance: drop records of the over-represented group instead of adding copies.")
    boolean allowDrop;

    @Option(names = "--weight-field", paramLabel = "NAME", defaultValue = "weight",
            description = "reweigh: the field that receives the weight. Default: ${DEFAULT-VALUE}.")
    String weightField;

    @Option(names = "--overwrite-weight-field",
            description = "reweigh: overwrite the weight field where the records already hold it (by default such a "
                    + "record is refused). The text, label, id and group fields are never overwritten.")
    boolean overwriteWeightField;

    @Option(names = "--swap-labels", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto: a label that is itself a swappable term (actress, female) follows the swap; never: "
                    + "labels never change. Default: ${DEFAULT-VALUE}.")
    String swapLabels;

    @Option(names = "--placeholder", paramLabel = "TEXT", defaultValue = "[MASK]",
            description = "mask: what replaces each term. Default: ${DEFAULT-VALUE}.")
    String placeholder;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: the number of cores.")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (!swapLabels.equals("auto") && !swapLabels.equals("never")) {
            throw new InvalidInputException("--swap-labels must be auto or never, got " + swapLabels);
        }
        String termSpec = terms != null ? terms : "builtin:" + axis;
        boolean named = axis.equals("gender") || axis.equals("race");
        String nameSpec = names != null ? names : axis.equals("gender") ? "builtin:names"
                : axis.equals("race") ? "builtin:race-names" : "none";
        CounterfactualSwapper.Builder sb = CounterfactualSwapper.builder().optAxis(axis)
                .optTerms(Lexicons.terms(termSpec))
                .optDirection(Direction.parse(direction))
                .optIncludeAmbiguous(includeAmbiguous)
                .optKeepFullNames(keepFullNames)
                .optSkipRealPeople(skipRealPeople)
                .optPlaceholder(placeholder);
        if (pairs != null || Lexicons.AXES.contains(axis)) {
            sb.optPairs(Lexicons.pairs(pairs != null ? pairs : "builtin:" + axis));
        }
        if (names != null) {
            // the user's names replace the gender names (gender) or the race names (race)
            TermLexicon given = nameSpec.equals("none") ? null : Lexicons.terms(nameSpec);
            if (axis.equals("race")) {
                sb.optRaceNames(given);
            } else {
                sb.optNames(given);
            }
        } else if (!named) {
            sb.optNames(null);
        }
        SwapMapping.apply(sb, pair, to);
        Augmenter.Builder ab = Augmenter.builder().setMode(AugmentMode.parse(mode)).optSwapper(SwapMapping.build(sb))
                .optAxisLexicon(nameSpec.equals("none") ? termSpec : termSpec + "," + nameSpec)
                .optProbability(p).optTargetGroup(targetGroup).optAllowDrop(allowDrop)
                .optSeed(seed).optWeightField(weightField).optOverwriteWeightField(overwriteWeightField)
                .optSwapLabels(swapLabels.equals("auto")).optGroupValues(groupValues.map())
                .optProgress(CliProgress.create());
        if (threads != null) {
            ab.optThreads(threads);
        }
        if (targetRate != null) {
            ab.optTargetRate(targetRate);
        }
        if (targetShares != null) {
            ab.optTargetShares(targetShares);
        }
        WriteOptions wo = WriteOptions.defaults().withFieldNamesOf(input.fields());
        AugmentSummary s = ab.build().run(file, input.readOptions(), out, wo);
        print(s, spec.commandLine().getOut());
        for (String w : s.warnings()) {
            spec.commandLine().getErr().println("warning: " + SettingFlags.translate(w));
        }
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }

    private void print(AugmentSummary s, PrintWriter o) {
        o.printf(Locale.ROOT, "%s (%s): %d records in -> %d out %s%n", s.input(), s.mode(), s.recordsIn(), s.recordsOut(),
                s.outByTransform());
        o.printf(Locale.ROOT, "  in place %d, copies added %d, dropped %d, changed %d, substitutions %d; records in = "
                + "in place + dropped: %s%n", s.originalsOut(), s.copies(), s.dropped(), s.changed(), s.substitutions(),
                s.countsBalance() ? "yes" : "NO");
        if (s.skipped() > 0) {
            o.printf(Locale.ROOT, "  %d invalid input records skipped (see the summary)%n", s.skipped());
        }
        if (!s.substitutionsByTerm().isEmpty()) {
            StringBuilder b = new StringBuilder();
            s.substitutionsByTerm().entrySet().stream().limit(12)
                    .forEach(e -> b.append(b.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
            o.printf(Locale.ROOT, "  most frequent substitutions: %s%n", b);
        }
        if (!s.ratesBefore().isEmpty()) {
            o.printf(Locale.ROOT, "%n  group share within each label (%s):%n", s.rateDefinition());
            for (Map.Entry<String, Map<String, Double>> e : s.ratesBefore().entrySet()) {
                Map<String, Double> after = s.ratesAfter().getOrDefault(e.getKey(), Map.of());
                StringBuilder b = new StringBuilder();
                e.getValue().forEach((g, v) -> b.append(String.format(Locale.ROOT, "  %s %s -> %s", g, pct(v),
                        pct(after.get(g)))));
                o.printf(Locale.ROOT, "  %-24s%s%n", e.getKey(), b);
            }
        }
        if (!s.weights().isEmpty()) {
            o.printf(Locale.ROOT, "%n  weights (group|label): %s%n", s.weights());
        }
        o.printf(Locale.ROOT, "%nwrote %s (summary: %s)%n", out, Augmenter.summaryPath(out));
        o.flush();
    }

    private static String pct(Double v) {
        return v == null ? "  -  " : String.format(Locale.ROOT, "%5.1f%%", 100 * v);
    }
}
