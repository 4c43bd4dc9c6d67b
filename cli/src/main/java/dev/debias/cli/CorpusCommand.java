package dev.debias.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
import dev.debias.core.AtomicFile;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusSummary;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.core.ProgressListener;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debias corpus}: look at, convert and prepare (split, sample, filter, dedup, tag) corpora in any supported format. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Inspect, validate, convert and prepare corpora (JSONL, CSV, TSV, plain text, a directory of "
                + ".txt files): split, sample, filter, dedup and tag them without another tool.",
        subcommands = {CorpusCommand.Stats.class, CorpusCommand.Convert.class, CorpusSplitCommand.class,
            CorpusSampleCommand.class, CorpusFilterCommand.class, CorpusDedupCommand.class, CorpusTagCommand.class})
final class CorpusCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Read a whole corpus, validating every record, and print its size, label distribution, "
                    + "group distribution and the label x group table (the co-occurrence a fine-tuned model "
                    + "learns from).",
            footer = {"", "Example:", "  debias corpus stats bios.jsonl --label-field label --group-field gender"})
    static final class Stats implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        InputOptions input;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "INPUT", description = "The corpus file or directory.")
        Path file;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
        Path json;

        @Override
        public Integer call() throws Exception {
            CorpusSummary s;
            try (RecordReader reader = CorpusReaders.open(file, input.readOptions())) {
                s = CorpusSummary.of(reader, input.fields(), CliProgress.create());
                SkipReport.print(reader.report(), spec.commandLine().getErr());
            }
            print(s, spec.commandLine().getOut());
            if (json != null) {
                byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(s);
                AtomicFile.write(json, bytes);
            }
            return ExitCodes.OK;
        }

        private static void print(CorpusSummary s, PrintWriter o) {
            o.printf(Locale.ROOT, "%s: %d records", s.source(), s.records());
            if (s.skipped() > 0) {
                o.printf(Locale.ROOT, ", %d skipped", s.skipped());
            }
            if (s.blankLines() > 0) {
                o.printf(Locale.ROOT, ", %d blank lines", s.blankLines());
            }
            o.printf(Locale.ROOT, "%ntokens per record: mean %.1f, max %d; characters: mean %.1f%n", s.meanTokens(),
                    s.maxTokens(), s.meanChars());
            if (!s.labels().isEmpty()) {
                o.printf(Locale.ROOT, "%nlabels (%d):%n", s.labels().size());
                s.labels().forEach((k, v) -> o.printf(Locale.ROOT, "  %-28s %8d %6.1f%%%n", k, v, 100.0 * v / s.records()));
            }
            for (var g : s.groups().entrySet()) {
                o.printf(Locale.ROOT, "%ngroup field '%s':%n", g.getKey());
                g.getValue().forEach((k, v) -> o.printf(Locale.ROOT, "  %-28s %8d %6.1f%%%n", shown(k), v, 100.0 * v / s.records()));
                Map<String, Map<String, Long>> cross = s.labelByGroup().get(g.getKey());
                if (cross == null) {
                    continue;
                }
                var values = g.getValue().keySet();
                o.printf(Locale.ROOT, "%n  %-28s", "label \\ " + g.getKey());
                values.forEach(v -> o.printf(Locale.ROOT, " %16s", shown(v)));
                o.println();
                for (var row : cross.entrySet()) {
                    long total = row.getValue().values().stream().mapToLong(Long::longValue).sum();
                    o.printf(Locale.ROOT, "  %-28s", row.getKey());
                    for (String v : values) {
                        long c = row.getValue().getOrDefault(v, 0L);
                        o.printf(Locale.ROOT, " %7d (%5.1f%%)", c, 100.0 * c / total);
                    }
                    o.println();
                }
            }
            o.flush();
        }

        private static String shown(String value) {
            return value.isEmpty() ? "(empty)" : value;
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Convert a corpus to JSONL, CSV or TSV, validating every record. Field names are kept; "
                    + "every input field is carried over. Output is written to a temporary file and moved into "
                    + "place at the end.",
            footer = {"", "Example:", "  debias corpus convert bios.csv --label-field profession --out bios.jsonl"})
    static final class Convert implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        InputOptions input;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "INPUT", description = "The corpus file or directory.")
        Path file;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output: .jsonl, .csv or .tsv (optionally .gz or .zst), or .parquet.")
        Path out;

        @Option(names = "--provenance-columns", description = "In CSV/TSV output, add provenance_source/parent/transform columns.")
        boolean provenanceColumns;

        @Override
        public Integer call() throws Exception {
            WriteOptions wo = WriteOptions.defaults().withFieldNamesOf(input.fields()).withProvenanceColumns(provenanceColumns);
            long n = 0;
            ProgressListener progress = CliProgress.create();
            try (RecordReader reader = CorpusReaders.open(file, input.readOptions());
                    RecordWriter writer = CorpusWriters.open(out, wo)) {
                progress.start("converting " + file.getFileName(), reader.bytesTotal(), "bytes");
                long last = 0;
                while (reader.hasNext()) {
                    writer.write(reader.next());
                    if ((++n & 1023) == 0) {
                        progress.advance(reader.bytesRead() - last);
                        last = reader.bytesRead();
                    }
                }
                progress.finish();
                writer.commit();
                SkipReport.print(reader.report(), spec.commandLine().getErr());
            }
            Map<String, String> config = new LinkedHashMap<>();
            config.put("fields", input.fields().toString());
            config.put("skip_invalid", Boolean.toString(input.skipInvalid));
            ArtifactProvenance.of("corpus convert", config, Map.of(file.getFileName().toString(), Hashing.sha256(file)), out, n)
                    .writeBeside(out);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d records to %s%n", n, out);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
