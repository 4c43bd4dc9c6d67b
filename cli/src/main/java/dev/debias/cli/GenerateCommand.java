package dev.debias.cli;

import dev.debias.core.ArtifactProvenance;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosConfig;
import dev.debias.demo.BiosGenerator;
import dev.debias.demo.Occupation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
                    + "gender. A NAME.provenance.json file beside the output records the settings, hashes and "
                    + "versions. The same settings give the same bytes.",
            footer = {"", "Example:", "  debias generate bios --n 1000 --cooccurrence 0.9 --seed 1 --out bios.jsonl"})
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

        @Option(names = "--out", paramLabel = "FILE", required = true,
                description = "Output file: .jsonl, .csv or .tsv (optionally .gz).")
        Path out;

        @Override
        public Integer call() throws Exception {
            BiosGenerator gen = BiosGenerator.builder().setCount(n).optCooccurrence(cooccurrence).optSeed(seed)
                    .optLabels(labels).optMentionRate(mentionRate).build();
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
                    if (Occupation.named(r.label()).stereotypedGender().equals(r.attributes().get("gender"))) {
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
            Path sidecar = ArtifactProvenance.of("generate bios", config, Map.of(), out, n).writeBeside(out);

            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "wrote %d records to %s (provenance: %s)%n", n, out, sidecar.getFileName());
            o.printf(Locale.ROOT, "%-20s %-11s %7s %12s%n", "occupation", "stereotype", "records", "stereotyped");
            for (Occupation occ : gen.occupations()) {
                long[] k = counts.get(occ.name());
                o.printf(Locale.ROOT, "%-20s %-11s %7d %12.3f%n", occ.name(), occ.stereotypedGender(), k[0],
                        k[0] == 0 ? Double.NaN : (double) k[1] / k[0]);
            }
            o.flush();
            return ExitCodes.OK;
        }
    }
}
