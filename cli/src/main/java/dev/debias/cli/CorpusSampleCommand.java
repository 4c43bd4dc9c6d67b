package dev.debias.cli;

import dev.debias.corpus.prep.CorpusSampler;
import dev.debias.corpus.prep.SampleConfig;
import dev.debias.corpus.prep.SampleResult;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code debias corpus sample}: a seeded, stratified, proportionally allocated sample. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw a seeded sample of --size records or a --fraction of them, in two passes over the input. "
                + "Each stratum (its values of the --stratify-field fields; without them the whole corpus) gets its "
                + "largest-remainder share of the sample, and within it the records with the smallest hash of "
                + "(--seed, record id) are taken; they are written in input order with every field.",
            "A size above the corpus' is cut to the corpus (and said so). The output replaces an existing file "
                + "atomically; a provenance file is written beside it."},
        footer = {"", "Example:",
            "  debias corpus sample madlibs.csv --text-field Text --label-field Label \\",
            "      --out small.csv --size 5000 --stratify-field Label --seed 1"})
final class CorpusSampleCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Mixin
    PrepFiles files;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Amount amount;

    static final class Amount {
        @Option(names = "--size", paramLabel = "N", required = true, description = "Records to sample.")
        Long size;

        @Option(names = "--fraction", paramLabel = "F", required = true, description = "Share of the records to sample, in (0, 1].")
        BigDecimal fraction;
    }

    @Option(names = "--stratify-field", paramLabel = "NAME",
            description = "Stratify by this field (label, id or any attribute); repeatable.")
    List<String> stratify = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the hash. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrepOutputs.notTheInput(files.file, files.out);
        SampleConfig config = amount.size != null ? SampleConfig.ofSize(amount.size, stratify, seed)
                : SampleConfig.ofFraction(amount.fraction, stratify, seed);
        SampleResult r = CorpusSampler.sample(files.file, input.readOptions(), files.out, PrepOutputs.writeOptions(input, files.outFormat),
                config, CliProgress.create());
        SkipReport.print(r.report(), spec.commandLine().getErr());
        Map<String, String> cfg = PrepOutputs.config(input);
        cfg.put(amount.size != null ? "size" : "fraction",
                amount.size != null ? Long.toString(amount.size) : amount.fraction.toPlainString());
        cfg.put("stratify_fields", String.join(",", stratify));
        cfg.put("seed", Long.toString(seed));
        PrepOutputs.provenance("corpus sample", cfg, files.file, files.out, r.sampled());
        PrintWriter o = spec.commandLine().getOut();
        for (String note : r.notes()) {
            o.println("note: " + note);
        }
        o.printf(Locale.ROOT, "sampled %d of %d records (%.1f%%) -> %s%n", r.sampled(), r.records(),
                100.0 * r.sampled() / r.records(), files.out);
        if (!stratify.isEmpty()) {
            o.printf(Locale.ROOT, "%nper stratum (%d):%n", r.strata().size());
            PrepOutputs.strata(o, List.of("sampled"), r.strata());
        }
        o.flush();
        return ExitCodes.OK;
    }
}
