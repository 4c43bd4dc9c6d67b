package dev.debias.cli;

import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.CorpusFormat;
import dev.debias.corpus.WriteOptions;
import dev.debias.corpus.prep.StratumCounts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@code corpus split|sample|filter|dedup|tag} commands share: the output options, the refusal to
 * write over the input, the provenance sidecar and the per-stratum table. Like {@code corpus convert}, they
 * replace an existing output atomically (no {@code --force} exists in debias), but never the input itself.
 */
final class PrepOutputs {
    private PrepOutputs() {}

    /** Write options keeping the input's field names, in {@code format} when given (else from the extension). */
    static WriteOptions writeOptions(InputOptions input, String format) {
        WriteOptions wo = WriteOptions.defaults().withFieldNamesOf(input.fields());
        return format == null ? wo : wo.withFormat(writable(format));
    }

    /** The output format named by {@code --out-format}, which must be one debias writes. */
    static CorpusFormat writable(String format) {
        CorpusFormat f = CorpusFormat.of(format);
        if (!f.isWritable()) {
            throw new InvalidInputException("--out-format " + format + ": debias writes jsonl, csv, tsv or parquet only");
        }
        return f;
    }

    /** Refuses an output that is the input. */
    static void notTheInput(Path input, Path out) throws IOException {
        if (PredictCommand.sameFile(input, out)) {
            throw new InvalidInputException("--out " + out + " names the input; write to another file");
        }
    }

    /** The config every prep command records: the input's field mapping and skipping. */
    static Map<String, String> config(InputOptions input) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("fields", input.fields().toString());
        c.put("skip_invalid", Boolean.toString(input.skipInvalid));
        return c;
    }

    /** Writes {@code out}'s provenance sidecar, as {@code corpus convert} does. */
    static void provenance(String operation, Map<String, String> config, Path input, Path out, long records)
            throws IOException {
        ArtifactProvenance.of(operation, config, Map.of(input.getFileName().toString(), Hashing.sha256(input)), out,
                records).writeBeside(out);
    }

    /** Prints a table of strata: each stratum's records and its counts per part with their shares. */
    static void strata(PrintWriter o, List<String> parts, List<StratumCounts> strata) {
        int width = Math.max(12, strata.stream().mapToInt(s -> s.description().length()).max().orElse(0));
        o.printf(Locale.ROOT, "  %-" + width + "s %8s", "stratum", "records");
        parts.forEach(p -> o.printf(Locale.ROOT, " %16s", p));
        o.println();
        for (StratumCounts s : strata) {
            o.printf(Locale.ROOT, "  %-" + width + "s %8d", s.description(), s.records());
            for (long c : s.counts()) {
                o.printf(Locale.ROOT, " %7d (%5.1f%%)", c, s.records() == 0 ? 0.0 : 100.0 * c / s.records());
            }
            o.println();
        }
    }
}
