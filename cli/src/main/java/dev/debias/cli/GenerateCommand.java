package dev.debias.cli;

import dev.debias.core.ArtifactProvenance;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosConfig;
import dev.debias.demo.BiosGenerator;
import dev.debias.demo.Occupation;
import dev.debias.lexicon.Lexicons;
import java.io.PrintWriter;
import java.nio.file.Path;
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

/** {@code debias generate}: the embedded demo data. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate demo data (the embedded default data set).",
        subcommands = GenerateCommand.Bios.class)
final class GenerateCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "bios", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write a synthetic biography corpus for occupation classification with a controlled "
                    + "gender/occupation co-occurrence rate R: of each occupation's bios, exactly round(R * n) "
                    + "use its stereotyped gender (female: nurse, teacher, paralegal, interior designer; male: "
                    + "surgeon, professor, attorney, architect). Records have id, text, label (occupation) and "
                    + "gender. With --axis race or religion the same rate sets the share of each occupation's bios "
                    + "with its stereotyped race or religion group instead (--groups: the first group with nurse, "
                    + "teacher, paralegal, interior designer, the second with the others), gender is balanced in "
                    + "each occupation, and records get a race or religion field too. Race shows through first "
                    + "names (--race-names; --race-surnames for surnames too), religion through a closing sentence "
                    + "such as 'She volunteers at her mosque.' A NAME.provenance.json file beside the output records "
                    + "the settings, hashes and versions. The same settings give the same bytes.",
            footer = {"", "Example:", "  debias generate bios --n 1000 --cooccurrence 0.9 --seed 1 --out bios.jsonl",
                "  debias generate bios --axis race --groups black,white --cooccurrence 0.8 --out race.jsonl",
                "  debias generate bios --axis religion --groups christian,muslim --cooccurrence 0.8 --out rel.jsonl"})
    static final class Bios implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--n", paramLabel = "N", defaultValue = "2000", description = "Number of records. Default: ${DEFAULT-VALUE}.")
        int n;

        @Option(names = "--cooccurrence", paramLabel = "R", defaultValue = "0.9",
                description = "Share of each occupation's bios with its stereotyped gender: 0.5 balanced, 1.0 fully "
                        + "skewed."
                        + " Default: ${DEFAULT-VALUE}.")
        double cooccurrence;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--labels", paramLabel = "SET", defaultValue = "occupation",
                description = "occupation (8 classes) or binary (nurse vs surgeon). Default: ${DEFAULT-VALUE}.")
        BiosGenerator.Labels labels;

        @Option(names = "--mention-rate", paramLabel = "P", defaultValue = "0.5",
                description = "Probability that a bio's first sentence names the occupation. Default: ${DEFAULT-VALUE}.")
        double mentionRate;

        @Option(names = "--axis", paramLabel = "AXIS", defaultValue = "gender",
                description = "The axis whose co-occurrence with the occupation --cooccurrence sets: gender, race or "
                        + "religion. Default: ${DEFAULT-VALUE}.")
        BiosGenerator.Axis axis;

        @Option(names = "--groups", paramLabel = "A,B", split = ",",
                description = "The two groups of --axis the stereotype contrasts: A with nurse, teacher, paralegal, "
                        + "interior designer; B with surgeon, professor, attorney, architect. Default: female,male; "
                        + "black,white for race; christian,muslim for religion.")
        List<String> groups;

        @Option(names = "--names", paramLabel = "SPEC", defaultValue = "builtin:names",
                description = "First names by gender (lexicon spec). Default: ${DEFAULT-VALUE}.")
        String names;

        @Option(names = "--race-names", paramLabel = "SPEC", defaultValue = "builtin:race-names",
                description = "First names by race group (race<TAB>GROUP<TAB>Name, each also in --names with its "
                        + "gender); read with --axis race. Default: ${DEFAULT-VALUE}.")
        String raceNames;

        @Option(names = "--race-surnames", paramLabel = "SPEC", arity = "0..1", fallbackValue = "builtin:surnames",
                description = "With --axis race, draw surnames by race group too, from this lexicon "
                        + "(race<TAB>GROUP<TAB>Surname; builtin:surnames when no SPEC is given). Default: off.")
        String raceSurnames;

        @Option(names = "--out", paramLabel = "FILE", required = true,
                description = "Output file: .jsonl, .csv or .tsv (optionally .gz or .zst), or .parquet.")
        Path out;

        @Override
        public Integer call() throws Exception {
            BiosGenerator.Builder b = BiosGenerator.builder().setCount(n).optCooccurrence(cooccurrence).optSeed(seed)
                    .optLabels(labels).optMentionRate(mentionRate).optAxis(axis);
            if (groups != null) {
                b.optGroups(groups);
            }
            if (!names.equals("builtin:names")) {
                b.optNames(Lexicons.terms(names));
            }
            if (axis == BiosGenerator.Axis.RACE) {
                b.optRaceNames(Lexicons.terms(raceNames));
            }
            if (raceSurnames != null) {
                b.optSurnamesByRace(true);
                if (axis == BiosGenerator.Axis.RACE) {
                    b.optRaceSurnames(Lexicons.terms(raceSurnames));
                }
            }
            BiosGenerator gen;
            try {
                gen = b.build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flags(e.getMessage()), e);
            }
            String field = gen.config().axis().field();
            Map<String, long[]> counts = new LinkedHashMap<>();
            gen.occupations().forEach(o -> counts.put(o.name(), new long[2]));
            try (RecordWriter w = CorpusWriters.open(out, WriteOptions.defaults())) {
                var progress = CliProgress.create();
                progress.start("generating bios", n, "records");
                for (int i = 0; i < gen.size(); i++) {
                    Record r = gen.record(i);
                    w.write(r);
                    long[] c = counts.get(r.label());
                    c[0]++;
                    if (gen.stereotypedGroup(Occupation.named(r.label())).equals(r.attributes().get(field))) {
                        c[1]++;
                    }
                    progress.advance(1);
                }
                progress.finish();
                w.commit();
            }
            BiosConfig c = gen.config();
            Map<String, String> config = new LinkedHashMap<>();
            config.put("count", Integer.toString(c.count()));
            config.put("cooccurrence", Double.toString(c.cooccurrence()));
            config.put("seed", Long.toString(c.seed()));
            config.put("labels", c.labels().name().toLowerCase(Locale.ROOT));
            config.put("mention_rate", Double.toString(c.mentionRate()));
            if (c.axis() != BiosGenerator.Axis.GENDER || !c.groups().equals(c.axis().defaultGroups())) {
                config.put("axis", field);
                config.put("groups", String.join(",", c.groups()));
            }
            if (c.axis() != BiosGenerator.Axis.GENDER || !names.equals("builtin:names")) {
                config.put("names", names);
            }
            if (c.axis() == BiosGenerator.Axis.RACE) {
                config.put("race_names", raceNames);
            }
            if (c.surnamesByRace()) {
                config.put("race_surnames", raceSurnames);
            }
            Path sidecar = ArtifactProvenance.of("generate bios", config, Map.of(), out, n).writeBeside(out);

            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "wrote %d records to %s (provenance: %s)%n", n, out, sidecar.getFileName());
            int w = Math.max(11, c.groups().stream().mapToInt(String::length).max().orElse(0) + 1);
            o.printf(Locale.ROOT, "%-20s %-" + w + "s %7s %12s%n", "occupation", "stereotype", "records", "stereotyped");
            for (Occupation occ : gen.occupations()) {
                long[] k = counts.get(occ.name());
                o.printf(Locale.ROOT, "%-20s %-" + w + "s %7d %12.3f%n", occ.name(), gen.stereotypedGroup(occ), k[0],
                        k[0] == 0 ? Double.NaN : (double) k[1] / k[0]);
            }
            o.flush();
            return ExitCodes.OK;
        }

        /** The generator's message with its builder settings named by this command's options. */
        private static String flags(String message) {
            String m = message;
            for (String[] f : new String[][] {{"optSurnamesByRace", "--race-surnames"}, {"optRaceSurnames", "--race-surnames"},
                    {"optRaceNames", "--race-names"}, {"optNames", "--names"}, {"optGroups", "--groups"},
                    {"optAxis", "--axis"}, {"setCount", "--n"}}) {
                m = m.replace("(" + f[0] + ")", "(" + f[1] + ")");
            }
            return m;
        }
    }
}
