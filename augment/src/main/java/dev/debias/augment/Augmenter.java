package dev.debias.augment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.audit.Axis;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.augment.swap.PosContext;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.AtomicFile;
import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.core.Setting;
import dev.debias.corpus.CorpusFormatException;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.IdHashes;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fixes a corpus' demographic co-occurrence by counterfactual substitution ({@link AugmentMode}),
 * streaming it in parallel and writing the output in input order: each record in its place, its
 * counterfactual copies right after it. Every record is accounted for in an {@link AugmentSummary}
 * written beside the output; output records carry {@code source_id}, {@code transform} and
 * {@code substitutions}. Ground-truth group fields follow the swap ({@code female} to {@code male});
 * a label follows it only when it is itself a swappable term ({@code actress}, {@code female}).
 * Planning modes (one-sided, rebalance, reweigh) read the corpus twice; a record's group, for the plan
 * and for the rates, is the one group the audit's rule detects in it with the axis lexicon, or, when the
 * read options name a group field whose values are the axis' groups, that field.
 *
 * <p>This class wires the parts: where groups come from ({@link GroupInference}), the rates
 * (counted while the records stream, {@link StreamedRates}), the census and plan of a planning mode ({@link CensusScan}, {@link Planner}),
 * the mode's transform of each record ({@link RecordTransform}) run by an {@link OrderedPipeline},
 * and the summary ({@link AugmentSummaries}).
 */
public final class Augmenter {
    private static final int BATCH = 128;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final AugmentConfig config;
    private final ProgressListener progress;
    private final Checkpoint checkpoint;
    private final GroupValueMap groupValues;

    /** A test's hook, called as a run reaches each stage; it may throw to make the run fail there, or block. */
    @FunctionalInterface
    interface Checkpoint {
        /** {@code written}: the output is written (aside), the after audit is next; {@code staged}: all is written, publication is next. */
        void reached(String stage) throws IOException;
    }

    private Augmenter(Builder b) {
        CounterfactualSwapper swapper = b.swapper != null ? b.swapper : CounterfactualSwapper.builder().build();
        this.config = new AugmentConfig(b.mode, swapper, b.axisSpec, b.probability, b.targetRate, b.targetGroup,
                b.allowDrop, b.seed, b.threads, b.weightField, b.swapLabels, b.overwriteWeightField, b.targetRateSet,
                b.targetShares);
        this.progress = b.progress;
        this.checkpoint = b.checkpoint;
        this.groupValues = b.groupValues;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code input}, writes the augmented corpus to {@code output} and its summary and provenance
     * beside it; returns the summary. Everything is written first into a hidden staging folder beside
     * the output ({@link Staging}) and published only when all of it is written: the summary, the
     * provenance, then the output, each by a rename. A run that fails or is killed before then leaves
     * the output path and its sidecars as they were; the staging folder a killed run leaves is deleted
     * by the next run for the same output.
     */
    public AugmentSummary run(Path input, ReadOptions read, Path output, WriteOptions write) throws IOException {
        if (!dev.debias.core.PathGlob.existsOrMatches(input)) {   // a file, a folder, or a glob of shards
            throw new InvalidInputException(input + ": no such file or directory");
        }
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new InvalidInputException(output + ": the output would overwrite the input; choose another file");
        }
        Path summaryTarget = summaryPath(output);
        Path provenanceTarget = ArtifactProvenance.sidecarOf(output);
        for (Path t : List.of(output, summaryTarget, provenanceTarget)) {
            if (Files.isDirectory(t)) {
                throw new CorpusFormatException(t, 0, "is a directory; name an output file");
            }
        }
        AugmentMode mode = config.mode();
        FieldMapping fields = read.fields();
        Optional<Planner> planner = Planner.forMode(config, config.swapper().axis());
        if (planner.isPresent() && fields.labelField() == null) {
            throw new InvalidInputException("mode " + mode + " balances groups within labels: name the label field "
                    + "with " + Setting.LABEL_FIELD);
        }
        if (mode == AugmentMode.REWEIGH) {
            requireFreeWeightField(fields, write.fields());
        }
        Axis axis = axis();
        // The input is hashed once, for the summary, on a thread of its own while the records stream; the
        // part-of-speech models load meanwhile too, instead of holding up the first worker that needs them.
        InputHash inputSha256 = InputHash.start(input);
        if (mode != AugmentMode.REWEIGH && mode != AugmentMode.MASK) {
            Thread.ofPlatform().daemon().name("debias-augment-models").start(PosContext::preload);
        }
        try (Staging staging = Staging.open(output)) {
            AugmentSummary summary = stage(input, read, staging.aside(output), write, inputSha256, output, planner, axis);
            checkpoint.reached("staged");
            // the output last: once it is there, so are its summary and provenance
            staging.publish(List.of(summaryTarget, provenanceTarget, output));
            return summary;
        } finally {
            inputSha256.cancel();   // nothing to do after a success; after a failure, stop reading the input
        }
    }

    /**
     * Writes the output to {@code aside} and its summary and provenance beside it; {@code output} is where
     * they will be published, whose name the summary records.
     */
    private AugmentSummary stage(Path input, ReadOptions read, Path aside, WriteOptions write, InputHash inputSha256,
            Path output, Optional<Planner> planner, Axis axis) throws IOException {
        AugmentMode mode = config.mode();
        FieldMapping fields = read.fields();
        GroupValueMap values = groupValues.requireGroupsOf(axis.name(), axis.groups());
        String groupField = GroupInference.groupField(input, read, axis, values);
        // one reading of group values for the rates, the census and the copies, so the census agrees with the audit
        RecordRewriter rewriter = new RecordRewriter(config.swapper(), axis, fields.groupFields(), config.swapLabels(),
                values);
        Census census = null;
        Plan plan = Plan.none();
        if (fields.labelField() != null && planner.isPresent()) {
            census = new CensusScan(new GroupDetector(axis, groupField, values), config.swapper(),
                    planner.get().needsCopyGroups() ? rewriter : null, progress)
                    .read(input, read, axis.groups(), "planning " + mode);
            plan = planner.get().plan(census);
        }
        Tally tally = new Tally();
        // the rates come from counts taken as the records stream by: the input's only where no census has them
        StreamedRates rates = fields.labelField() == null ? null
                : new StreamedRates(axis, groupField, values, census == null);
        boolean repeated;
        try (RecordReader reader = CorpusReaders.open(input, read.withUniqueIds(true)); // it writes each id (+ suffix) once
                RecordWriter writer = new InputNamingWriter(CorpusWriters.open(aside, write), input)) {
            repeated = stream(reader, RecordTransform.forMode(config, rewriter, plan), tally, writer, rates);
            writer.commit();
            tally.skipped(reader.report());
        }
        if (repeated) {
            requireUniqueOutputIds(input, aside, outputRead(read, write));
        }
        checkpoint.reached("written");
        Map<String, Map<String, Double>> before = rates == null ? new LinkedHashMap<>()
                : census != null ? GroupRates.of(census) : rates.before();
        Map<String, Map<String, Double>> after = rates == null ? new LinkedHashMap<>()
                : mode == AugmentMode.REWEIGH ? ReweighPlanner.weightedRates(census, plan.weights()) : rates.after();
        List<String> warnings = new java.util.ArrayList<>(plan.warnings());
        if (rewriter.unmappedGroupValues() > 0) {
            warnings.add(rewriter.unmappedGroupValues() + " counterfactual records kept a group field value that stands "
                    + "for no group of axis " + axis.name() + " " + axis.groups() + ", so their group field does not "
                    + "follow the swap; map the values to groups with " + Setting.GROUP_VALUES);
        }
        AugmentSummary summary = AugmentSummaries.summary(config, input.getFileName().toString(), inputSha256.get(),
                output.getFileName().toString(), tally, groupField, values, before, after, plan.weights(), warnings);
        AtomicFile.write(summaryPath(aside), JSON.writeValueAsString(summary).concat("\n")
                .getBytes(StandardCharsets.UTF_8));
        ArtifactProvenance.of("augment " + mode, summary.config(), Map.of(input.getFileName().toString(),
                summary.inputSha256()), aside, summary.recordsOut()).writeBeside(aside);
        return summary;
    }

    /** Refuses a weight field that names a field the records or the output need, whether or not overwriting is allowed. */
    private void requireFreeWeightField(FieldMapping read, FieldMapping write) {
        String w = config.weightField();
        String role = w.equals(read.textField()) || w.equals(write.textField()) ? "the text field of the records"
                : w.equals(read.labelField()) || w.equals(write.labelField()) ? "the label field of the records"
                : w.equals(read.idField()) || w.equals(write.idField()) ? "the id field of the records"
                : read.groupFields().contains(w) ? "a group field of the records"
                : List.of(Transforms.SOURCE_ID, Transforms.TRANSFORM, Transforms.SUBSTITUTIONS).contains(w)
                        ? "a field augment writes into every output record" : null;
        if (role != null) {
            throw new InvalidInputException("the weight field '" + w + "' is " + role + ", "
                    + "which reweighing must not overwrite; choose another " + Setting.WEIGHT_FIELD);
        }
    }

    /** Where the summary of {@code output} goes: {@code OUTPUT.augment.json}. */
    public static Path summaryPath(Path output) {
        return output.resolveSibling(output.getFileName() + ".augment.json");
    }

    private Axis axis() {
        List<Axis> axes = Axis.parse(config.axisSpec(), false).stream()
                .filter(a -> a.name().equals(config.swapper().axis())).toList();
        if (axes.isEmpty()) {
            throw new InvalidInputException("the axis lexicon " + config.axisSpec() + " has no axis '"
                    + config.swapper().axis() + "'");
        }
        return axes.get(0);
    }

    /** How to read the output back: its format and field names, the input's group fields, every record valid. */
    private static ReadOptions outputRead(ReadOptions read, WriteOptions write) {
        FieldMapping w = write.fields();
        return read.withFormat(write.format()).withSkipInvalid(false).withFields(new FieldMapping(w.textField(),
                w.labelField(), read.fields().groupFields(), w.idField()));
    }

    /**
     * Refuses an output that would hold an id twice, which unique input ids still allow when a copy's id (its
     * source's id and {@code -cf}, {@code -cf2}, ...) is another input record's id: reads the written output
     * again (only after a hash hit, so a clean run pays nothing) and names the id and both output lines.
     */
    private static void requireUniqueOutputIds(Path input, Path written, ReadOptions read) {
        try (RecordReader again = CorpusReaders.open(written, read.withUniqueIds(true))) {
            again.forEachRemaining(r -> {});
        } catch (CorpusFormatException e) {
            throw new InvalidInputException(input + ": the output would hold an id twice (output record on line "
                    + e.line() + ": " + e.reason().replaceFirst(";.*", "") + "): a counterfactual copy is named after "
                    + "its source's id with -cf, -cf2, ..., and another input record already has that id. Rename "
                    + "that record (ids are named by " + Setting.ID_FIELD + ")");
        }
    }

    /**
     * Transforms every record of {@code reader} in parallel and writes the outcomes in input order, counting the
     * rates into {@code rates} (null: none); returns whether an output id's hash repeated (a probable duplicate
     * id, which the caller confirms).
     */
    private boolean stream(RecordReader reader, RecordTransform transform, Tally tally, RecordWriter writer,
            StreamedRates rates) throws IOException {
        progress.start(config.mode() + " " + reader.source().getFileName(), reader.bytesTotal(), "bytes");
        long[] last = {0};
        IdHashes written = new IdHashes();
        boolean[] repeated = {false};
        new OrderedPipeline<Record, StreamedRates.Counted>("debias-augment", config.threads(), BATCH).run(reader,
                (r, ordinal) -> StreamedRates.detect(rates, r, transform.apply(r, ordinal)), c -> {
                    for (Record r : c.outcome().records()) {
                        writer.write(r);
                        repeated[0] |= !written.add(r.id());
                    }
                    tally.add(c.outcome());
                    if (rates != null) {
                        rates.add(c);
                    }
                }, () -> {
                    progress.advance(reader.bytesRead() - last[0]);
                    last[0] = reader.bytesRead();
                });
        progress.finish();
        return repeated[0];
    }

    /** Builds an {@link Augmenter}: the mode is required. */
    public static final class Builder {
        private AugmentMode mode;
        private CounterfactualSwapper swapper;
        private String axisSpec = "builtin:gender,builtin:names";
        private double probability = 0.5;
        private double targetRate = 0.5;
        private String targetGroup;
        private boolean targetRateSet;
        private Map<String, Double> targetShares = Map.of();
        private boolean allowDrop;
        private long seed = 1;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private String weightField = Transforms.WEIGHT;
        private boolean overwriteWeightField;
        private boolean swapLabels = true;
        private ProgressListener progress = ProgressListener.NONE;
        private Checkpoint checkpoint = stage -> {};
        private GroupValueMap groupValues = GroupValueMap.NONE;

        private Builder() {}

        /** What to do. */
        public Builder setMode(AugmentMode mode) {
            this.mode = mode;
            return this;
        }

        /** The swapper; default the gender axis with the built-in lexicons. */
        public Builder optSwapper(CounterfactualSwapper swapper) {
            this.swapper = Objects.requireNonNull(swapper);
            return this;
        }

        /** The lexicon that detects groups for planning and rates; default {@code builtin:gender,builtin:names}. */
        public Builder optAxisLexicon(String spec) {
            this.axisSpec = Objects.requireNonNull(spec);
            return this;
        }

        /** Substitute: the probability of replacing a record; default 0.5. */
        public Builder optProbability(double p) {
            this.probability = p;
            return this;
        }

        /** Rebalance: the target share of the target group within every label; default 0.5. */
        public Builder optTargetRate(double rate) {
            this.targetRate = rate;
            this.targetRateSet = true;
            return this;
        }

        /**
         * Rebalance: the target share of each named group, from 0 to 1; naming every group they sum to 1, else
         * the groups not named share what is left equally ({@link TargetShares}). Without them (and without a
         * target rate or group) an axis of more than two groups is brought to parity.
         */
        public Builder optTargetShares(Map<String, Double> shares) {
            this.targetShares = new java.util.TreeMap<>(shares); // by group name, whatever order they came in
            return this;
        }

        /** Rebalance: the group whose share is the target rate; default the axis' first group. */
        public Builder optTargetGroup(String group) {
            this.targetGroup = group;
            return this;
        }

        /** Rebalance: drop records of the over-represented side instead of adding copies. */
        public Builder optAllowDrop(boolean allow) {
            this.allowDrop = allow;
            return this;
        }

        /** The seed of every random choice; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Worker threads; default the number of cores. */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Reweigh: the weight field; default {@code weight}. */
        public Builder optWeightField(String field) {
            this.weightField = Objects.requireNonNull(field);
            return this;
        }

        /**
         * Reweigh: whether a weight field the records already hold is overwritten; default false, which
         * refuses such a record. The text, label, id and group fields and the fields augment adds are
         * refused either way.
         */
        public Builder optOverwriteWeightField(boolean overwrite) {
            this.overwriteWeightField = overwrite;
            return this;
        }

        /** Whether a label that is itself a swappable term follows the swap; default true. */
        public Builder optSwapLabels(boolean swap) {
            this.swapLabels = swap;
            return this;
        }

        /**
         * Which group field values stand for which group of the axis ({@code African-American=black}), read
         * before the rule by name, for the rates, the census and the copies; a copy's group field is written
         * as the value mapped to its new group. Default none. Every group must be the axis' (checked by {@link #run}).
         */
        public Builder optGroupValues(GroupValueMap groupValues) {
            this.groupValues = Objects.requireNonNull(groupValues);
            return this;
        }

        /** Receives progress in bytes read. */
        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /** Tests only: the hook called at each stage of a run. */
        Builder checkpoint(Checkpoint checkpoint) {
            this.checkpoint = Objects.requireNonNull(checkpoint);
            return this;
        }

        /** Validates and builds. */
        public Augmenter build() {
            if (mode == null) {
                throw new IllegalArgumentException("setMode is required");
            }
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("p must be between 0 and 1, got " + probability);
            }
            if (!(targetRate > 0 && targetRate < 1)) {
                throw new IllegalArgumentException("the target rate must be strictly between 0 and 1, got " + targetRate);
            }
            if (!targetShares.isEmpty() && targetGroup != null) {
                throw new IllegalArgumentException("give target shares or a target group, not both");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            if (allowDrop && mode != AugmentMode.REBALANCE) {
                throw new IllegalArgumentException("dropping records is only for rebalance");
            }
            if (swapper != null && !swapper.canSwap() && mode != AugmentMode.MASK && mode != AugmentMode.REWEIGH) {
                throw new IllegalArgumentException("mode " + mode + " makes counterfactuals, but axis " + swapper.axis()
                        + " has no counterpart pairs or names; give a pair list, or use mask or reweigh, which need none");
            }
            return new Augmenter(this);
        }
    }
}
