package dev.debias.evaluate;

import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.core.Versions;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.RecordReader;
import dev.debias.evaluate.counterfactual.Classifier;
import dev.debias.evaluate.counterfactual.CounterfactualResult;
import dev.debias.evaluate.counterfactual.CounterfactualTest;
import dev.debias.evaluate.group.GroupFairness;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.group.Grouping;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.group.PredictionFiles;
import dev.debias.evaluate.group.PredictionSet;
import dev.debias.evaluate.group.TrainShares;
import dev.debias.evaluate.group.UndefinedPolicy;
import dev.debias.evaluate.intrinsic.Seat;
import dev.debias.evaluate.intrinsic.SeatResult;
import dev.debias.evaluate.intrinsic.SeatTest;
import dev.debias.evaluate.intrinsic.WeatOptions;
import dev.debias.evaluate.scores.ThresholdFree;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.Predictor;
import dev.debias.finetune.train.RunDescription;
import dev.debias.finetune.train.SentenceEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One evaluation of one model: group fairness of its predictions (from a predictions file, or made on
 * the spot from a run directory and an input corpus), a counterfactual flip test, and SEAT tests on its
 * encoder, gathered in an {@link Evaluation}. Each part runs when its inputs are set.
 *
 * <pre>{@code
 * Evaluation e = Evaluator.builder()
 *         .optModel(Path.of("runs/bios")).optInput(Path.of("eval.jsonl"))
 *         .optColumns(new PredictionColumns("label", "prediction", List.of("gender"), "id", "text"))
 *         .optCounterfactual(CounterfactualSwapper.builder().build())
 *         .build().run();
 * }</pre>
 */
public final class Evaluator {
    private final Builder b;
    private dev.debias.evaluate.sanity.Sanity sanity;    // set by groupFairness, from the overall predictions

    private Evaluator(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every part whose inputs are set. */
    public Evaluation run() throws IOException {
        Map<String, String> inputs = new TreeMap<>();
        Map<String, String> design = new TreeMap<>();
        Map<String, String> config = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> classOrder = null;
        if (b.model != null) {
            RunDescription run = EvaluationInputs.readRun(b.model);
            classOrder = run.labels();
            design.put("model", run.config().model());
            design.put("train", String.valueOf(run.config().train().getFileName()));
            design.put("seed", Long.toString(run.config().seed()));
            inputs.put("model:" + FineTuner.WEIGHTS, Hashing.sha256(b.model.resolve(FineTuner.WEIGHTS)));
            config.put("model", b.model.toString());
        }
        design.putAll(b.design);
        // keyed by role, so two inputs with the same file name (runs/a/eval.jsonl, data/eval.jsonl) both stay
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("predictions", b.predictions);
        files.put("input", b.input);
        files.put("train", b.train);
        EvaluationInputs.hashAll(files, inputs, config);
        config.put("bootstrap", Integer.toString(b.bootstrap));
        config.put("seed", Long.toString(b.seed));
        config.put("undefined_policy", b.policy.name().toLowerCase(java.util.Locale.ROOT));
        if (b.skipInvalid) {
            config.put("skip_invalid", "true");
        }

        List<GroupFairnessResult> fairness = List.of();
        ThresholdFree[] thresholdFree = {null};
        CounterfactualResult counterfactual = null;
        List<SeatResult> intrinsic = new ArrayList<>();
        // one model load serves both the predictions and the counterfactual test
        boolean predicts = b.model != null && b.input != null
                && ((b.columns != null && b.predictions == null) || b.swapper != null);
        try (Predictor predictor = predicts ? Predictor.load(b.model) : null) {
            EvaluationInputs.requireClasses(predictor, b.model);
            if (b.columns != null) {
                fairness = groupFairness(classOrder, predictor, config, warnings, thresholdFree);
            }
            if (b.swapper != null) {
                counterfactual = counterfactual(predictor, config, warnings);
            }
            if (predictor != null && predictor.truncated() > 0) {
                warnings.add(predictor.truncated() + " texts (inputs and counterfactuals) were longer than the model's "
                        + "maximum length and were truncated to it, as in training");
            }
        }
        if (!b.seatTests.isEmpty()) {
            if (b.model == null) {
                throw new InvalidInputException("the SEAT tests need a model: a fine-tuning run directory ("
                        + dev.debias.core.Setting.MODEL + ")");
            }
            config.put("seat_tests", String.join(",", b.seatTests.stream().map(SeatTest::name).toList()));
            try (SentenceEncoder encoder = SentenceEncoder.load(b.model.toString())) {
                for (SeatTest t : b.seatTests) {
                    intrinsic.add(Seat.run(encoder, t, WeatOptions.defaults().withSeed(b.seed)));
                }
            }
        }
        if (fairness.isEmpty() && sanity == null && counterfactual == null && intrinsic.isEmpty()) {
            throw new InvalidInputException("nothing to evaluate: give group fields ("
                    + dev.debias.core.Setting.LABEL_FIELD + ", " + dev.debias.core.Setting.GROUP_FIELD + "), "
                    + dev.debias.core.Setting.COUNTERFACTUAL + " or " + dev.debias.core.Setting.SEAT);
        }
        return new Evaluation(Evaluation.SCHEMA, b.model == null ? null : b.model.toString(), design, config, inputs,
                fairness, Groupings.absentBecause(b.columns), counterfactual, intrinsic, sanity, thresholdFree[0], warnings, Versions.all());
    }

    /** Group metrics for every grouping; predicts first when no predictions file was given. */
    private List<GroupFairnessResult> groupFairness(List<String> classOrder, Predictor predictor, Map<String, String> config,
            List<String> warnings, ThresholdFree[] thresholdFree) throws IOException {
        List<GroupFairnessResult> fairness = new ArrayList<>();
        config.put("label_field", b.columns.labelField());
        config.put("prediction_field", b.columns.predictionField());
        config.put("group_fields", String.join(",", b.columns.groupFields()));
        config.put("id_field", b.columns.idField() == null ? "" : b.columns.idField());   // for paired comparisons
        if (b.positiveLabel != null) {
            config.put("positive_label", b.positiveLabel);
        }
        config.put("gap_groups", String.join(",", b.gapGroups));
        config.put("intersect", Boolean.toString(b.intersect));
        config.put("group_values", b.groupValues.toString());
        List<String> probabilities = new ArrayList<>();
        // values mapped to one group are one group, in every grouping and gap
        PredictionSet set = (b.predictions != null ? PredictionFiles.read(b.predictions, b.input, b.columns, classOrder)
                : predictInput(classOrder, predictor, probabilities, warnings)).withGroupValues(b.groupValues);
        sanity = dev.debias.evaluate.sanity.SanityCheck.builder().setPredictions(set).optBootstrap(b.bootstrap)
                .optTrainCounts(b.train == null ? null
                        : EvaluationInputs.trainLabelCounts(b.train, b.columns.textField(), b.columns.labelField(),
                                b.skipInvalid, warnings))
                .optSeed(b.seed).build().check();
        warnings.addAll(sanity.warnings());
        if (b.columns.groupFields().isEmpty()) {
            warnings.add(Groupings.THRESHOLD_FREE_SKIPPED);
            return fairness;
        }
        Map<List<String>, Grouping> byFields = Groupings.of(set, b.columns.groupFields(), b.intersect, b.gapGroups);
        for (List<String> fields : byFields.keySet()) {
            Grouping g = byFields.get(fields);
            GroupFairness.Builder gf = GroupFairness.builder().setPredictions(set).setGrouping(g)
                    .optPositiveLabel(b.positiveLabel).optBootstrap(b.bootstrap).optSeed(b.seed)
                    .optMinGroupSize(b.minGroupSize).optUndefinedPolicy(b.policy);
            List<String> pair = b.gapGroups.isEmpty() && g.groups().size() == 2 ? g.groups() : b.gapGroups;
            if (pair.size() == 2 && g.groups().containsAll(pair)) {
                gf.optGapGroups(pair.get(0), pair.get(1));
                if (b.train != null && fields.size() == 1) {
                    try (RecordReader r = CorpusReaders.open(b.train, ReadOptions.defaults().withFields(
                            new FieldMapping(b.columns.textField(), b.columns.labelField(), fields, null))
                            .withSkipInvalid(b.skipInvalid))) {
                        gf.optTrainShares(TrainShares.of(r, fields.get(0), pair.get(0), b.groupValues));
                        InputPredictions.warnSkipped(r, warnings);
                    }
                }
            } else if (!b.gapGroups.isEmpty()) {
                warnings.add(dev.debias.core.Setting.GAP_GROUPS + " " + b.gapGroups + " are not both groups of " + g.name()
                        + " " + g.groups() + "; its per-class TPR gaps are not computed");
            } else if (g.groups().size() > 2) {
                warnings.add(g.name() + " has " + g.groups().size() + " groups; name two with "
                        + dev.debias.core.Setting.GAP_GROUPS + " for the per-class TPR gaps and GAP-RMS");
            }
            GroupFairnessResult r;
            try {
                r = gf.build().evaluate();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
            fairness.add(r);
            warnings.addAll(r.warnings());
        }
        thresholdFree[0] = new ThresholdFreePart(b.probabilityField, b.bins, b.positiveLabel, b.bootstrap, b.seed,
                b.minGroupSize, b.policy).measure(set, List.copyOf(byFields.values()), b.predictions,
                b.columns.predictionField(), probabilities, classOrder, warnings, config);
        if (thresholdFree[0] != null) {
            // a small group is named once per grouping, not once per positive class
            thresholdFree[0].results().stream().flatMap(r -> r.warnings().stream()).distinct().forEach(warnings::add);
        }
        return fairness;
    }

    /** The counterfactual flip test over the input. */
    private CounterfactualResult counterfactual(Predictor predictor, Map<String, String> config, List<String> warnings)
            throws IOException {
        requireModelAndInput("the counterfactual test");
        config.put("counterfactual_axis", b.swapper.axis());
        CounterfactualResult counterfactual;
        try (RecordReader r = CorpusReaders.open(b.input, readInput())) {
            counterfactual = CounterfactualTest.builder().setClassifier(Classifier.of(predictor)).optSwapper(b.swapper)
                    .optRecordIds((b.columns == null ? b.idField : b.columns.idField()) != null)
                    .optBootstrap(b.bootstrap).optSeed(b.seed).optWorstExamples(b.worstExamples)
                    .optProgress(b.progress).build().run(r);
            InputPredictions.warnSkipped(r, warnings);
        }
        if (counterfactual.overall().tested() == 0) {
            warnings.add("no input record holds a term of the axis '" + b.swapper.axis() + "': the flip rate is undefined");
        }
        return counterfactual;
    }

    private ReadOptions readInput() {
        String text = b.columns == null ? b.textField : b.columns.textField();
        String id = b.columns == null ? b.idField : b.columns.idField();
        return ReadOptions.defaults().withFields(new FieldMapping(text, null, List.of(), id)).withSkipInvalid(b.skipInvalid);
    }

    /** Predicts the input with the model, keeping labels and groups; writes the predictions when asked. */
    private PredictionSet predictInput(List<String> classOrder, Predictor p, List<String> probabilities,
            List<String> warnings) throws IOException {
        requireModelAndInput("group metrics without " + dev.debias.core.Setting.PREDICTIONS);
        return InputPredictions.predict(b.input, b.columns, b.skipInvalid, p, classOrder, probabilities, b.predictionsOut,
                b.progress, warnings);
    }

    private void requireModelAndInput(String what) {
        if (b.model == null || b.input == null) {
            throw new InvalidInputException(what + " needs a model and an input corpus ("
                    + dev.debias.core.Setting.MODEL + " and " + dev.debias.core.Setting.INPUT + ")");
        }
    }

    /** Builds an {@link Evaluator}; every part is optional, at least one must be set. */
    public static final class Builder {
        private Path model;
        private Path input;
        private Path predictions;
        private Path predictionsOut;
        private Path train;
        private PredictionColumns columns;
        private String textField = "text";
        private String idField;
        private String positiveLabel;
        private List<String> gapGroups = List.of();
        private boolean intersect;
        private int bootstrap = 1000;
        private long seed = 1;
        private int minGroupSize = 30;
        private UndefinedPolicy policy = UndefinedPolicy.SKIP_GROUP;
        private String probabilityField;
        private int bins = 10;
        private CounterfactualSwapper swapper;
        private int worstExamples = 10;
        private List<SeatTest> seatTests = List.of();
        private Map<String, String> design = Map.of();
        private ProgressListener progress = ProgressListener.NONE;
        private GroupValueMap groupValues = GroupValueMap.NONE;
        private boolean skipInvalid;

        private Builder() {}

        /** A run directory of {@code debias finetune}: predicts the input, runs counterfactual and SEAT tests. */
        public Builder optModel(Path runDir) {
            this.model = runDir;
            return this;
        }

        /** The corpus to predict (with {@link #optModel}), or the one a predictions file was made on. */
        public Builder optInput(Path input) {
            this.input = input;
            return this;
        }

        /** A predictions file; fields it lacks are taken from {@link #optInput} in order. */
        public Builder optPredictions(Path predictions) {
            this.predictions = predictions;
            return this;
        }

        /** Where to write the predictions made from the model, or null for nowhere. */
        public Builder optPredictionsOut(Path file) {
            this.predictionsOut = file;
            return this;
        }

        /** The training corpus, for the correlation between per-class TPR gaps and group shares. */
        public Builder optTrain(Path train) {
            this.train = train;
            return this;
        }

        /** The fields for group metrics; without them no group metrics are computed. */
        public Builder optColumns(PredictionColumns columns) {
            this.columns = columns;
            return this;
        }

        /** The text and id fields of the input when no columns are given (counterfactual test only). */
        public Builder optInputFields(String textField, String idField) {
            this.textField = Objects.requireNonNull(textField);
            this.idField = idField;
            return this;
        }

        /** See {@link GroupFairness.Builder#optPositiveLabel}. */
        public Builder optPositiveLabel(String label) {
            this.positiveLabel = label;
            return this;
        }

        /**
         * See {@link GroupFairness.Builder#optGapGroups}; applied to every grouping that has both. Two groups that
         * no grouping holds both of make {@link #run} throw an {@link InvalidInputException} naming them and the
         * groups present.
         */
        public Builder optGapGroups(List<String> groups) {
            this.gapGroups = List.copyOf(groups);
            return this;
        }

        /** Also evaluate the intersection of all group fields; default false. */
        public Builder optIntersect(boolean intersect) {
            this.intersect = intersect;
            return this;
        }

        /** Bootstrap replicates for every interval; default 1000. */
        public Builder optBootstrap(int replicates) {
            this.bootstrap = replicates;
            return this;
        }

        /** The seed of every bootstrap and permutation test; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Groups smaller than this are warned about; default 30. */
        public Builder optMinGroupSize(int size) {
            this.minGroupSize = size;
            return this;
        }

        /** See {@link UndefinedPolicy}; default {@link UndefinedPolicy#SKIP_GROUP}. */
        public Builder optUndefinedPolicy(UndefinedPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        /** The predicted probabilities' field (default {@code probabilities}, skipped when absent) and calibration bins. */
        public Builder optProbabilities(String field, int bins) {
            this.probabilityField = field;
            this.bins = bins;
            return this;
        }

        /** Runs the counterfactual test with this swapper (needs model and input). */
        public Builder optCounterfactual(CounterfactualSwapper swapper) {
            this.swapper = swapper;
            return this;
        }

        /** How many most-moved records the counterfactual test keeps; default 10. */
        public Builder optWorstExamples(int n) {
            this.worstExamples = n;
            return this;
        }

        /** SEAT tests to run on the model's encoder (needs a model). */
        public Builder optSeatTests(List<SeatTest> tests) {
            this.seatTests = List.copyOf(tests);
            return this;
        }

        /** Design entries ({@code upstream=inlp}, {@code data=cda}) added to those read from the run. */
        public Builder optDesign(Map<String, String> design) {
            this.design = Map.copyOf(design);
            return this;
        }

        /**
         * Which group field values stand for which group ({@code African-American=black}): each value it names is
         * replaced by its group before any grouping, so values mapped to one group are one group; default none.
         */
        public Builder optGroupValues(GroupValueMap groupValues) {
            this.groupValues = Objects.requireNonNull(groupValues);
            return this;
        }

        /** Progress reporting; default none. */
        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /**
         * Skip the invalid records of the input and training corpora (an empty label, a malformed line) instead of
         * failing on the first; each reader's skips are counted in a warning that quotes the first. A predictions
         * file is read whole: it must match its input record for record.
         */
        public Builder optSkipInvalid(boolean skip) {
            this.skipInvalid = skip;
            return this;
        }

        /** Validates and builds. */
        public Evaluator build() {
            if (bootstrap < 0) {
                throw new IllegalArgumentException("bootstrap replicates must be >= 0, got " + bootstrap);
            }
            if (gapGroups.size() != 0 && gapGroups.size() != 2) {
                throw new IllegalArgumentException("name exactly two gap groups, got " + gapGroups);
            }
            return new Evaluator(this);
        }
    }
}
