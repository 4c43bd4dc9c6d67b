package dev.debias.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.core.AtomicFile;
import dev.debias.core.Hashing;
import dev.debias.core.Versions;
import dev.debias.corpus.CorpusFormat;
import dev.debias.corpus.prep.CorpusSplitter;
import dev.debias.corpus.prep.OutputNames;
import dev.debias.corpus.prep.SplitConfig;
import dev.debias.corpus.prep.SplitResult;
import dev.debias.corpus.prep.StratumCounts;
import java.io.PrintWriter;
import java.math.BigDecimal;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debias corpus split}: train/dev/test files keyed on a stable hash of each record's id. */
@Command(name = "split", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Split a corpus into train/dev/test (or any named parts) by a stable hash of (--seed, record "
                + "id), the id being --id-field's value or the line number: a re-run gives the same files byte for "
                + "byte.",
            "Without --stratify-field a record goes to the split whose cumulative ratio first exceeds its hash in "
                + "[0,1): its split never changes when records are added (the shares are reported). With "
                + "--stratify-field, each stratum (its values of the fields) is shared by largest remainder and its "
                + "records, ranked by hash, fill the splits in order: every split's share in every stratum is within "
                + "one record of its ratio, but a record near a boundary may move when its stratum grows.",
            "Files are OUT-DIR/NAME plus the input's extension and compression (--out-format to change), written "
                + "completely before any is moved into place; existing files are replaced. Also writes "
                + "OUT-DIR/split-summary.json and a provenance file beside each split."},
        footer = {"", "Example:",
            "  debias corpus split eec.csv --text-field Sentence --id-field ID \\",
            "      --out-dir eec-split --stratify-field Gender --stratify-field Emotion"})
final class CorpusSplitCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "The corpus file or directory (never modified).")
    Path file;

    @Option(names = "--out-dir", paramLabel = "DIR", required = true, description = "The folder of the split files.")
    Path outDir;

    @Option(names = "--ratios", paramLabel = "R,R,...", split = ",", defaultValue = "0.8,0.1,0.1",
            description = "Each split's share, divided by their sum. Default: ${DEFAULT-VALUE}.")
    List<BigDecimal> ratios;

    @Option(names = "--names", paramLabel = "N,N,...", split = ",", defaultValue = "train,dev,test",
            description = "The splits' names, one per ratio. Default: ${DEFAULT-VALUE}.")
    List<String> names;

    @Option(names = "--stratify-field", paramLabel = "NAME",
            description = "Stratify by this field (label, id or any attribute); repeatable.")
    List<String> stratify = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the hash. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out-format", paramLabel = "FMT", description = "Output format jsonl, csv, tsv or parquet. Default: the input's (jsonl for text or dir input).")
    String outFormat;

    @Override
    public Integer call() throws Exception {
        SplitConfig config = new SplitConfig(names, ratios, stratify, seed);
        CorpusFormat inFormat = input.readOptions().format() != null ? input.readOptions().format() : CorpusFormat.detect(file);
        String suffix = OutputNames.suffix(file, inFormat, outFormat == null ? null : PrepOutputs.writable(outFormat));
        for (String n : names) {
            PrepOutputs.notTheInput(file, outDir.resolve(n + suffix));
        }
        SplitResult r = CorpusSplitter.split(file, input.readOptions(), outDir, suffix,
                PrepOutputs.writeOptions(input, outFormat), config, CliProgress.create());
        SkipReport.print(r.report(), spec.commandLine().getErr());
        Map<String, String> cfg = PrepOutputs.config(input);
        cfg.put("names", String.join(",", names));
        cfg.put("ratios", String.join(",", ratios.stream().map(BigDecimal::toPlainString).toList()));
        cfg.put("stratify_fields", String.join(",", stratify));
        cfg.put("seed", Long.toString(seed));
        cfg.put("rule", r.stratified() ? "stratified-rank" : "pure-hash");
        for (int i = 0; i < names.size(); i++) {
            PrepOutputs.provenance("corpus split " + names.get(i), cfg, file, r.files().get(i), r.counts().get(i));
        }
        Path summary = outDir.resolve("split-summary.json");
        AtomicFile.write(summary, JSON.writeValueAsBytes(summary(r, cfg)));
        print(r, config, summary, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private Map<String, Object> summary(SplitResult r, Map<String, String> cfg) throws java.io.IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("operation", "corpus split");
        Map<String, String> in = new LinkedHashMap<>(); // not Map.of, whose order changes between runs
        in.put("file", file.getFileName().toString());
        in.put("sha256", Hashing.sha256(file));
        m.put("input", in);
        m.put("config", cfg);
        m.put("records", r.records());
        m.put("skipped", r.report().skipped());
        List<Map<String, Object>> splits = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", names.get(i));
            s.put("file", r.files().get(i).getFileName().toString());
            s.put("records", r.counts().get(i));
            s.put("sha256", Hashing.sha256(r.files().get(i)));
            splits.add(s);
        }
        m.put("splits", splits);
        List<Map<String, Object>> strata = new ArrayList<>();
        for (StratumCounts s : r.strata()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("stratum", s.description());
            e.put("records", s.records());
            Map<String, Long> per = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                per.put(names.get(i), s.counts().get(i));
            }
            e.put("counts", per);
            strata.add(e);
        }
        m.put("strata", strata);
        m.put("versions", new java.util.TreeMap<>(Versions.all()));
        return m;
    }

    private static void print(SplitResult r, SplitConfig config, Path summary, PrintWriter o) {
        double[] shares = config.shares();
        o.printf(Locale.ROOT, "split %d records (%s rule, seed %d):%n", r.records(),
                r.stratified() ? "stratified rank" : "pure hash", config.seed());
        for (int i = 0; i < r.names().size(); i++) {
            long c = r.counts().get(i);
            o.printf(Locale.ROOT, "  %-10s %8d (%5.1f%%, ratio %5.1f%%) -> %s%n", r.names().get(i), c,
                    r.records() == 0 ? 0.0 : 100.0 * c / r.records(), 100 * shares[i], r.files().get(i));
        }
        if (r.stratified()) {
            o.printf(Locale.ROOT, "%nper stratum (%d):%n", r.strata().size());
            PrepOutputs.strata(o, r.names(), r.strata());
        }
        o.printf(Locale.ROOT, "%nsummary: %s%n", summary);
        o.flush();
    }
}
