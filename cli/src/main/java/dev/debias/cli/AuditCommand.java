package dev.debias.cli;

import dev.debias.audit.Audit;
import dev.debias.audit.AuditResult;
import dev.debias.audit.Axis;
import dev.debias.audit.MinimumSupport;
import dev.debias.audit.Snippets;
import dev.debias.audit.Targets;
import dev.debias.audit.count.Feature;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.audit.index.IndexBuild;
import dev.debias.audit.index.IndexCache;
import dev.debias.spark.SparkSettings;
import dev.debias.spark.audit.SparkIndexer;
import dev.debias.audit.report.AuditOutputs;
import dev.debias.core.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code debias audit}: index a corpus and measure how demographic terms co-occur with targets and labels. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Index a corpus with Lucene (cached, reused while the input is unchanged) and count, exactly, how "
                + "often each group of a demographic axis co-occurs with each target term and each label, per "
                + "document, sentence or token window. Reports rates with Wilson intervals, group-vs-rest differences "
                + "(Newcombe intervals) and ratios (Katz), the same against the base rate and against units with no "
                + "term of the axis, PMI, log-odds with an informative Dirichlet prior and G-tests. At sentence or "
                + "window scope intervals and tests are clustered by document (design effect, Rao-Scott G) and "
                + "documents that dominate a group or cell are named; label tables count documents. --intersect audits "
                + "gender x race (or any axes) cell by cell with the same statistics. Writes audit.json, audit.csv and report.html with --out. 'debias audit show' prints the "
                + "matching passages behind a cell.",
        subcommands = AuditCommand.Show.class,
        footer = {"", "Examples:",
            "  debias audit bios.jsonl --label-field label --group-field gender --out audit/",
            "  debias audit bios.jsonl --scope sentence --axis gender --axis race --targets nurse,surgeon",
            "  debias audit bios.jsonl --axis builtin:gender,builtin:names --axis race --intersect gender,race",
            "  debias audit eec.csv --text-field Sentence --label-field Emotion --group-field Race --axis race \\",
            "      --group-values African-American=black,European=white",
            "  debias audit show bios.jsonl --group female --target surgeon --limit 5"})
final class AuditCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    InputOptions input;

    @Mixin
    IndexOptions index;

    @Mixin
    AxisOptions axes;

    @Mixin
    GroupValueOptions groupValues;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "The corpus file or directory.")
    Path file;

    @Option(names = "--targets", paramLabel = "SPEC", defaultValue = "builtin:occupations",
            description = "Target terms: a comma list of builtin:NAME lexicons, term-list files and literal terms "
                    + "(each lexicon group is one target), or 'none'. Default: ${DEFAULT-VALUE}.")
    String targets;

    @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "document",
            description = "Unit of co-occurrence: document, sentence (OpenNLP sentences) or window:N (terms at most N "
                    + "tokens apart). Default: ${DEFAULT-VALUE}.")
    String scope;

    @Option(names = "--prior-strength", paramLabel = "A", defaultValue = "10",
            description = "Pseudo-units of the informative Dirichlet prior of the log-odds ratio. Default: ${DEFAULT-VALUE}.")
    double priorStrength;

    @Option(names = "--label-scope", paramLabel = "UNIT", defaultValue = "document",
            description = "What label tables count: document (default; a label belongs to its document, so a comment "
                    + "repeating a term 277 times counts once) or unit (the --scope units, with intervals clustered by "
                    + "document).")
    String labelScope;

    @Option(names = "--positive-label", paramLabel = "LABEL",
            description = "The label whose rate label tables report, one row per group. Default: for a binary label "
                    + "its minority class (a tie takes the value sorted last); otherwise every label.")
    String positiveLabel;

    @Option(names = "--min-support", paramLabel = "G[,T]", defaultValue = "10,5",
            description = "The support a cell needs to headline an axis summary: at least G units holding the group "
                    + "(effective units at sentence or window scope: divided by the design effect) and T units "
                    + "holding the target on the two compared sides. Smaller cells are shown but never headline. "
                    + "Default: ${DEFAULT-VALUE}.")
    String minSupport;

    @Option(names = "--dominance", paramLabel = "SHARE", defaultValue = "0.2",
            description = "At sentence or window scope, warn when one document holds more than this share of a "
                    + "group's units or of a cell's units (cells of at least 10 units). Default: ${DEFAULT-VALUE}.")
    double dominance;

    @Option(names = "--intersect", paramLabel = "AXIS,AXIS[,...]",
            description = "Also audit the intersection of two or more axes, as an axis whose groups are its cells "
                    + "(gender,race gives female+black, ...): a unit is in a cell when it holds a term of each group. "
                    + "Name an audited axis (an --axis lexicon's axis), or field:FIELD (or field:FIELD=AXIS) for a "
                    + "--group-field whose values stand for the groups (F for female). Repeatable.")
    List<String> intersect = new ArrayList<>();

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "Cells printed per table, largest |log-odds z| first. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--out", paramLabel = "DIR", description = "Write audit.json, audit.csv and report.html here.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (file == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'INPUT'");
        }
        Scope sc = Scope.parse(scope);
        List<Axis> axisList = axes.axes();
        Targets targetList = Targets.parse(targets, axes.includeAmbiguous);
        IndexBuild build = index.build(file, input);
        PrintWriter o = spec.commandLine().getOut();
        AuditResult r;
        // build.open(): a cached index reused for another file with the same bytes names this file
        try (CorpusIndex idx = build.open()) {
            Audit.Builder b = Audit.builder();
            for (String x : intersect) {
                b.optIntersection(Arrays.stream(x.split(",", -1)).map(String::strip).toList());
            }
            r = b.setIndex(idx).addAxes(axisList).optTargets(targetList).optScope(sc)
                    .optPriorStrength(priorStrength).optProgress(CliProgress.create())
                    .optLabelsAtUnitScope(labelsAtUnitScope()).optPositiveLabel(positiveLabel)
                    .optMinimumSupport(support()).optDominanceShare(dominance).optGroupValues(groupValues.map())
                    .optConfig("input", file.getFileName().toString())
                    .optConfig("include_ambiguous", Boolean.toString(axes.includeAmbiguous))
                    .build().run();
        }
        new AuditText(o, top).print(r, build);
        for (String w : r.warnings()) {
            spec.commandLine().getErr().println("warning: " + SettingFlags.translate(w));
        }
        if (out != null) {
            List<Path> written = AuditOutputs.write(r, out);
            o.printf(Locale.ROOT, "%nwrote %s%n", String.join(", ", written.stream().map(Path::toString).toList()));
        }
        o.flush();
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }

    private boolean labelsAtUnitScope() {
        return switch (labelScope.strip().toLowerCase(Locale.ROOT)) {
            case "document" -> false;
            case "unit" -> true;
            default -> throw new InvalidInputException("--label-scope must be document or unit, got '" + labelScope
                    + "'");
        };
    }

    private MinimumSupport support() {
        String[] parts = minSupport.split(",", -1);
        try {
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            int g = Integer.parseInt(parts[0].strip());
            int t = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : MinimumSupport.DEFAULT.targetUnits();
            return new MinimumSupport(g, t);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--min-support takes G or G,T, two counts of at least 0 (group units, "
                    + "target units), got '" + minSupport + "'");
        }
    }

    /** Where the index lives and whether to rebuild it. */
    static final class IndexOptions {
        @Option(names = "--index", paramLabel = "DIR",
                description = "The index directory. Default: a cache folder keyed by the input's content hash and the "
                        + "read settings, under $DEBIAS_CACHE, $XDG_CACHE_HOME/debias or ~/.cache/debias.")
        Path dir;

        @Option(names = "--rebuild", description = "Rebuild the index even when the input has not changed.")
        boolean rebuild;

        @Option(names = "--threads", paramLabel = "N", description = "Indexing threads. Default: the number of cores.")
        Integer threads;

        @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
                description = "Who builds the index: local (this machine's threads) or spark (a Spark job, one task "
                        + "per shard of a folder or glob; the same index and results). Default: ${DEFAULT-VALUE}.")
        String engine;

        @Option(names = "--master", paramLabel = "URL", defaultValue = SparkSettings.LOCAL,
                description = "The Spark master with --engine spark (spark-submit's own wins). Default: "
                        + "${DEFAULT-VALUE}, every core of this machine.")
        String master;

        IndexBuild build(Path input, InputOptions in) throws Exception {
            boolean spark = switch (engine.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "local" -> false;
                case "spark" -> true;
                default -> throw new InvalidInputException("--engine must be local or spark, got '" + engine + "'");
            };
            if (!dev.debias.core.PathGlob.existsOrMatches(input)) {
                throw new InvalidInputException(input + ": no such file or directory");
            }
            Path into = dir;
            String sha = null;
            if (into == null) {
                // the cache key needs the input's hash; hand it on so the input is read once, not twice
                sha = dev.debias.core.Hashing.sha256(input);
                into = IndexCache.dirFor(IndexCache.root(), input, in.readOptions(), sha);
            }
            if (spark) {
                return SparkIndexer.builder().setInput(input).setIndexDir(into).optReadOptions(in.readOptions())
                        .optRebuild(rebuild).optInputSha256(sha)
                        .optSpark(SparkSettings.local().withMaster(master)).build().run();
            }
            var b = CorpusIndexer.builder().setInput(input).setIndexDir(into).optReadOptions(in.readOptions())
                    .optRebuild(rebuild).optProgress(CliProgress.create());
            if (sha != null) {
                b.optInputSha256(sha);
            }
            if (threads != null) {
                b.optThreads(threads);
            }
            return b.build().run();
        }
    }

    /** The demographic axes to audit. */
    static final class AxisOptions {
        @Option(names = "--axis", paramLabel = "SPEC",
                description = "A demographic axis: builtin:gender, builtin:race, builtin:religion, builtin:age "
                        + "(or just gender, race, ...), a term-list file, or a comma list merged into one lexicon "
                        + "(builtin:gender,builtin:names adds first names to gender). Repeatable. Default: builtin:gender.")
        List<String> specs = new ArrayList<>();

        @Option(names = "--include-ambiguous",
                description = "Also match terms flagged ambiguous (names used by several groups, words such as 'miss').")
        boolean includeAmbiguous;

        List<Axis> axes() {
            List<Axis> out = new ArrayList<>();
            for (String s : specs.isEmpty() ? List.of("builtin:gender") : specs) {
                out.addAll(Axis.parse(s, includeAmbiguous));
            }
            return out;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Print the documents where a group and a target (or a label) share a unit, with their terms "
                    + "highlighted [like this], so a curator can see why a cell is skewed. Give --index DIR, or the "
                    + "INPUT with the same read options as the audit (its cached index is used or built).",
            footer = {"", "Examples:", "  debias audit show --index bios.index --group female --target nurse --limit 10",
                "  debias audit show bios.jsonl --label-field label --group male --label nurse --scope sentence"})
    static final class Show implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        InputOptions input;

        @Mixin
        IndexOptions index;

        @Mixin
        AxisOptions axes;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "INPUT", description = "The corpus, when --index is not given.")
        Path file;

        @Option(names = "--group", paramLabel = "GROUP", required = true, description = "A group of one of the axes, e.g. female.")
        String group;

        @Option(names = "--target", paramLabel = "TARGET",
                description = "A target: a group of the --targets lexicons (nurse matches nurse and nurses) or a literal term.")
        String target;

        @Option(names = "--label", paramLabel = "LABEL", description = "Documents with this label instead of a target term.")
        String label;

        @Option(names = "--targets", paramLabel = "SPEC", defaultValue = "builtin:occupations",
                description = "Where --target names are looked up. Default: ${DEFAULT-VALUE}.")
        String targets;

        @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "document",
                description = "document, sentence or window:N. Default: ${DEFAULT-VALUE}.")
        String scope;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "Documents shown. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(names = "--passages", paramLabel = "N", defaultValue = "2",
                description = "Highlighted passages per document. Default: ${DEFAULT-VALUE}.")
        int passages;

        @Override
        public Integer call() throws Exception {
            if ((target == null) == (label == null)) {
                throw new InvalidInputException("give exactly one of --target and --label");
            }
            if (limit < 1 || passages < 1) {
                throw new InvalidInputException("--limit and --passages must be at least 1");
            }
            Scope sc = Scope.parse(scope);
            Feature groupFeature = null;
            List<String> known = new ArrayList<>();
            for (Axis a : axes.axes()) {
                known.addAll(a.groups());
                if (groupFeature == null) {
                    groupFeature = a.feature(group);
                }
            }
            if (groupFeature == null) {
                throw new InvalidInputException("unknown group '" + group + "'; the axes have " + known);
            }
            Feature targetFeature;
            if (label != null) {
                targetFeature = Feature.FieldValue.label(label);
            } else {
                targetFeature = Targets.parse(targets, axes.includeAmbiguous).feature(target);
                if (targetFeature == null) {
                    targetFeature = Targets.parse(target, axes.includeAmbiguous).features().get(0);
                }
            }
            Path dir;
            IndexBuild build = null;
            if (index.dir != null) {
                dir = index.dir;
            } else if (file != null) {
                build = index.build(file, input);
                dir = build.dir();
            } else {
                throw new InvalidInputException("give --index DIR or the INPUT corpus");
            }
            PrintWriter o = spec.commandLine().getOut();
            try (CorpusIndex idx = build != null ? build.open() : CorpusIndex.open(dir)) {
                if (label != null && idx.metadata().labelField() == null) {
                    throw new InvalidInputException(dir + ": the index has no label field; build it with --label-field");
                }
                List<Snippets.Snippet> found = Snippets.find(idx, sc, groupFeature, targetFeature, limit, passages);
                if (found.isEmpty()) {
                    o.printf(Locale.ROOT, "no %s holds both %s and %s%n", sc, group, label != null ? "label " + label : target);
                }
                for (Snippets.Snippet s : found) {
                    String record = s.id().equals(Long.toString(s.ordinal() + 1)) ? "record " + s.id()
                            : s.id() + ", record " + (s.ordinal() + 1);
                    o.printf(Locale.ROOT, "%s%s, %s:%n  %s%n%n", record, s.label() == null ? "" : ", label " + s.label(),
                            s.unit(), s.snippet());
                }
            }
            o.flush();
            return ExitCodes.OK;
        }
    }
}
