package dev.debias.cli;

import dev.debias.audit.LexiconAxisDetector;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.prep.AxisDetector;
import dev.debias.corpus.prep.CorpusFilter;
import dev.debias.corpus.prep.FilterConfig;
import dev.debias.corpus.prep.FilterConfig.FieldCondition;
import dev.debias.corpus.prep.FilterConfig.LexiconCondition;
import dev.debias.corpus.prep.FilterResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code debias corpus filter}: keep records by field values and by what the axis lexicons find in the text. */
@Command(name = "filter", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Keep the records that satisfy every condition, in input order with every field. Several "
                + "--where on one field are alternatives (gender=female or gender=male), on different fields all must "
                + "hold; --where-not drops a record with that value. --lexicon-match AXIS[:GROUP] keeps records whose "
                + "text names a group of the axis (that group; several on one axis are alternatives) by the audit's "
                + "lexicon matching; --no-lexicon-match drops them.",
            "Values compare exactly. The output replaces an existing file atomically; a provenance file is written "
                + "beside it."},
        footer = {"", "Examples:",
            "  debias corpus filter eec.csv --text-field Sentence \\",
            "      --where Race=African-American --out aa.csv",
            "  debias corpus filter madlibs.csv --text-field Text \\",
            "      --lexicon-match gender:female --no-lexicon-match gender:male --out f.csv"})
final class CorpusFilterCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Mixin
    PrepFiles files;

    @Spec
    CommandSpec spec;

    @Option(names = "--where", paramLabel = "FIELD=VALUE", description = "Keep records whose FIELD is VALUE; repeatable.")
    List<String> where = new ArrayList<>();

    @Option(names = "--where-not", paramLabel = "FIELD=VALUE", description = "Drop records whose FIELD is VALUE; repeatable.")
    List<String> whereNot = new ArrayList<>();

    @Option(names = "--lexicon-match", paramLabel = "AXIS[:GROUP]",
            description = "Keep records whose text names a group of AXIS (a built-in axis or a lexicon spec), or GROUP; repeatable.")
    List<String> match = new ArrayList<>();

    @Option(names = "--no-lexicon-match", paramLabel = "AXIS[:GROUP]",
            description = "Drop records whose text names a group of AXIS, or GROUP; repeatable.")
    List<String> noMatch = new ArrayList<>();

    private final Map<String, AxisDetector> axes = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        PrepOutputs.notTheInput(files.file, files.out);
        FilterConfig config = new FilterConfig(where.stream().map(FieldCondition::parse).toList(),
                whereNot.stream().map(FieldCondition::parse).toList(), match.stream().map(this::lexicon).toList(),
                noMatch.stream().map(this::lexicon).toList());
        FilterResult r = new CorpusFilter(config, input.fields()).filter(files.file, input.readOptions(), files.out,
                PrepOutputs.writeOptions(input, files.outFormat), CliProgress.create());
        SkipReport.print(r.report(), spec.commandLine().getErr());
        Map<String, String> cfg = PrepOutputs.config(input);
        cfg.put("where", String.join(";", where));
        cfg.put("where_not", String.join(";", whereNot));
        cfg.put("lexicon_match", String.join(";", match));
        cfg.put("no_lexicon_match", String.join(";", noMatch));
        PrepOutputs.provenance("corpus filter", cfg, files.file, files.out, r.kept());
        spec.commandLine().getOut().printf(Locale.ROOT, "kept %d of %d records (%.1f%%), dropped %d -> %s%n", r.kept(),
                r.records(), 100.0 * r.kept() / r.records(), r.dropped(), files.out);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /**
     * Parses {@code AXIS[:GROUP]}: the group follows the last colon unless what precedes it is {@code builtin}
     * ({@code builtin:gender} is an axis, {@code builtin:gender:female} its group).
     */
    LexiconCondition lexicon(String spec) {
        int colon = spec.lastIndexOf(':');
        String axisSpec = spec;
        String group = null;
        if (colon > 0 && !spec.substring(0, colon).equalsIgnoreCase("builtin")) {
            axisSpec = spec.substring(0, colon);
            group = spec.substring(colon + 1);
        }
        AxisDetector d = axes.computeIfAbsent(axisSpec, s -> {
            List<AxisDetector> found = LexiconAxisDetector.of(s);
            if (found.size() != 1) {
                throw new InvalidInputException("'" + s + "' holds " + found.size() + " axes "
                        + found.stream().map(AxisDetector::axis).toList() + "; name one lexicon of one axis");
            }
            return found.get(0);
        });
        return new LexiconCondition(d, group);
    }
}
