package dev.debias.cli;

import dev.debias.audit.LexiconAxisDetector;
import dev.debias.corpus.prep.AxisDetector;
import dev.debias.corpus.prep.CorpusTagger;
import dev.debias.corpus.prep.TagResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code debias corpus tag}: a group field per axis, from the lexicon groups the text names. */
@Command(name = "tag", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Add to every record one field per --axis, named --field-prefix plus the axis, holding the "
                + "groups of the axis its text names by the audit's lexicon matching (ambiguous terms left out), in "
                + "the lexicon's group order joined by '|' (female, female|male), empty when none. Then evaluate "
                + "--group-field gender can measure by group a corpus that had no group column.",
            "A record that already has such a field is an error (choose a --field-prefix). The output replaces an "
                + "existing file atomically; a provenance file is written beside it."},
        footer = {"", "Example:",
            "  debias corpus tag toxicity.csv --text-field comment --axis gender \\",
            "      --axis race --out toxicity-tagged.csv"})
final class CorpusTagCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Mixin
    PrepFiles files;

    @Spec
    CommandSpec spec;

    @Option(names = "--axis", paramLabel = "AXIS", required = true,
            description = "A built-in axis (gender, race, religion, age, nationality, orientation, disability) or a "
                    + "lexicon spec (builtin:gender,my-terms.tsv), one field per axis it holds; repeatable.")
    List<String> axes = new ArrayList<>();

    @Option(names = "--field-prefix", paramLabel = "TEXT", defaultValue = "",
            description = "Put TEXT before each field's name (detected_ gives detected_gender). Default: none.")
    String prefix;

    @Override
    public Integer call() throws Exception {
        PrepOutputs.notTheInput(files.file, files.out);
        List<AxisDetector> detectors = new ArrayList<>();
        axes.forEach(a -> detectors.addAll(LexiconAxisDetector.of(a)));
        CorpusTagger tagger = new CorpusTagger(detectors, prefix);
        TagResult r = tagger.tag(files.file, input.readOptions(), files.out, PrepOutputs.writeOptions(input, files.outFormat),
                CliProgress.create());
        SkipReport.print(r.report(), spec.commandLine().getErr());
        Map<String, String> cfg = PrepOutputs.config(input);
        cfg.put("axes", String.join(";", axes));
        cfg.put("field_prefix", prefix);
        PrepOutputs.provenance("corpus tag", cfg, files.file, files.out, r.records());
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "tagged %d records -> %s%n", r.records(), files.out);
        for (var f : r.values().entrySet()) {
            o.printf(Locale.ROOT, "%nfield '%s':%n", f.getKey());
            f.getValue().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> o.printf(Locale.ROOT, "  %-28s %8d %6.1f%%%n", e.getKey().isEmpty() ? "(none)" : e.getKey(),
                            e.getValue(), 100.0 * e.getValue() / r.records()));
        }
        o.flush();
        return ExitCodes.OK;
    }
}
