package dev.debias.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.core.AtomicFile;
import dev.debias.corpus.prep.DedupConfig;
import dev.debias.corpus.prep.DedupResult;
import dev.debias.corpus.prep.Deduplicator;
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

/** {@code debias corpus dedup}: drop exact and near duplicate texts, keeping the first occurrence. */
@Command(name = "dedup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drop records whose text, normalised (Unicode NFKC, lower case, white space collapsed), equals "
                + "an earlier kept record's; the first occurrence is kept, input order is kept.",
            "With --near J, also drop a record whose word 5-shingles have an exact Jaccard similarity of at least J "
                + "with an earlier kept record that MinHash LSH proposes (128 hash functions seeded by --seed, banded "
                + "so a pair at J is proposed with probability >= 0.995). Prints the counts and the largest duplicate "
                + "clusters; --report writes every cluster as JSON. The output replaces an existing file atomically; "
                + "a provenance file is written beside it."},
        footer = {"", "Example:",
            "  debias corpus dedup toxicity.csv --text-field comment --near 0.9 \\",
            "      --out dedup.csv --report dups.json"})
final class CorpusDedupCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int SHOWN = 5;

    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Mixin
    PrepFiles files;

    @Spec
    CommandSpec spec;

    @Option(names = "--near", paramLabel = "J", description = "Also drop near duplicates: shingle Jaccard >= J, in (0, 1].")
    Double near;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the MinHash functions. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the counts and every duplicate cluster as JSON.")
    Path report;

    @Override
    public Integer call() throws Exception {
        PrepOutputs.notTheInput(files.file, files.out);
        DedupResult r = Deduplicator.dedup(files.file, input.readOptions(), files.out, PrepOutputs.writeOptions(input, files.outFormat),
                new DedupConfig(near, seed), CliProgress.create());
        SkipReport.print(r.report(), spec.commandLine().getErr());
        Map<String, String> cfg = PrepOutputs.config(input);
        cfg.put("near", near == null ? "" : near.toString());
        cfg.put("seed", Long.toString(seed));
        PrepOutputs.provenance("corpus dedup", cfg, files.file, files.out, r.kept());
        if (report != null) {
            AtomicFile.write(report, JSON.writeValueAsBytes(json(r)));
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "kept %d of %d records; dropped %d exact and %d near duplicates -> %s%n", r.kept(),
                r.records(), r.exactDropped(), r.nearDropped(), files.out);
        if (near != null) {
            o.printf(Locale.ROOT, "near duplicates: Jaccard >= %s over word 5-shingles, %d bands x %d rows, %d "
                    + "candidate pairs checked%n", near, r.bands(), r.rows(), r.candidatePairs());
        }
        if (!r.clusters().isEmpty()) {
            o.printf(Locale.ROOT, "%n%d duplicate clusters; the largest:%n", r.clusters().size());
            for (DedupResult.Cluster c : r.clusters().subList(0, Math.min(SHOWN, r.clusters().size()))) {
                long exact = c.duplicates().stream().filter(DedupResult.Duplicate::exact).count();
                o.printf(Locale.ROOT, "  %4d records: kept id %s (%s), %d exact, %d near%n", c.size(), c.id(), c.source(),
                        exact, c.duplicates().size() - exact);
            }
        }
        if (report != null) {
            o.printf(Locale.ROOT, "report: %s%n", report);
        }
        o.flush();
        return ExitCodes.OK;
    }

    private Map<String, Object> json(DedupResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", "corpus dedup");
        m.put("input", files.file.getFileName().toString());
        m.put("near", near);
        m.put("seed", seed);
        m.put("records", r.records());
        m.put("kept", r.kept());
        m.put("exact_dropped", r.exactDropped());
        m.put("near_dropped", r.nearDropped());
        m.put("bands", r.bands());
        m.put("rows", r.rows());
        m.put("candidate_pairs", r.candidatePairs());
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (DedupResult.Cluster c : r.clusters()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kept_id", c.id());
            e.put("kept_source", c.source());
            e.put("size", c.size());
            e.put("duplicates", c.duplicates());
            clusters.add(e);
        }
        m.put("clusters", clusters);
        return m;
    }
}
