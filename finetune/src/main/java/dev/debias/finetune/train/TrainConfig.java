package dev.debias.finetune.train;

import dev.debias.corpus.FieldMapping;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Precision;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Every setting of a fine-tuning run: what it learns from ({@link DataOptions}) and how it trains
 * ({@link Hyperparameters}); recorded in {@code run.json} ({@link #asMap()}) so the run can be replayed.
 * The accessors named after a setting ({@link #epochs()}, {@link #train()}, ...) read it from either part.
 *
 * <pre>{@code
 * TrainConfig c = TrainConfig.builder()
 *         .setModel("builtin:minilm").setTrain(train).setEval(eval).setFields(fields)
 *         .optEpochs(2).optMetric(Metric.ACCURACY)
 *         .build();
 * }</pre>
 *
 * @param data the model and the corpora
 * @param hyperparameters the training settings
 */
public record TrainConfig(DataOptions data, Hyperparameters hyperparameters) {
    public TrainConfig {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        if (hyperparameters.metric().task() != data.task()) {
            throw new IllegalArgumentException("the metric " + hyperparameters.metric().key() + " measures "
                    + hyperparameters.metric().task().key() + ", but the task is " + data.task().key() + "; use "
                    + (data.task() == Task.REGRESSION ? "pearson or spearman" : "accuracy or macro_f1"));
        }
        if (hyperparameters.classBalanced() && data.task() == Task.REGRESSION) {
            throw new IllegalArgumentException("class balancing needs classes; a regression task has none");
        }
    }

    /** A builder that starts from {@link Hyperparameters#DEFAULTS} and no data. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = data.model();
        b.train = data.train();
        b.eval = data.eval();
        b.fields = data.fields();
        b.weightField = data.weightField();
        b.pairField = data.pairField();
        b.task = data.task();
        b.optHyperparameters(hyperparameters);
        b.metricGiven = true;
        return b;
    }

    /** {@link DataOptions#model()}. */
    public String model() {
        return data.model();
    }

    /** {@link DataOptions#train()}. */
    public Path train() {
        return data.train();
    }

    /** {@link DataOptions#eval()}. */
    public Path eval() {
        return data.eval();
    }

    /** {@link DataOptions#fields()}. */
    public FieldMapping fields() {
        return data.fields();
    }

    /** {@link DataOptions#weightField()}. */
    public String weightField() {
        return data.weightField();
    }

    /** {@link DataOptions#pairField()}. */
    public String pairField() {
        return data.pairField();
    }

    /** {@link DataOptions#skipInvalid()}. */
    public boolean skipInvalid() {
        return data.skipInvalid();
    }

    /** {@link DataOptions#task()}. */
    public Task task() {
        return data.task();
    }

    /** {@link Hyperparameters#epochs()}. */
    public int epochs() {
        return hyperparameters.epochs();
    }

    /** {@link Hyperparameters#batchSize()}. */
    public int batchSize() {
        return hyperparameters.batchSize();
    }

    /** {@link Hyperparameters#maxLength()}. */
    public int maxLength() {
        return hyperparameters.maxLength();
    }

    /** {@link Hyperparameters#learningRate()}. */
    public double learningRate() {
        return hyperparameters.learningRate();
    }

    /** {@link Hyperparameters#weightDecay()}. */
    public double weightDecay() {
        return hyperparameters.weightDecay();
    }

    /** {@link Hyperparameters#warmupFraction()}. */
    public double warmupFraction() {
        return hyperparameters.warmupFraction();
    }

    /** {@link Hyperparameters#clipNorm()}. */
    public double clipNorm() {
        return hyperparameters.clipNorm();
    }

    /** {@link Hyperparameters#classBalanced()}. */
    public boolean classBalanced() {
        return hyperparameters.classBalanced();
    }

    /** {@link Hyperparameters#patience()}. */
    public int patience() {
        return hyperparameters.patience();
    }

    /** {@link Hyperparameters#metric()}. */
    public Metric metric() {
        return hyperparameters.metric();
    }

    /** {@link Hyperparameters#pooling()}. */
    public Pooling pooling() {
        return hyperparameters.pooling();
    }

    /** {@link Hyperparameters#dropout()}. */
    public float dropout() {
        return hyperparameters.dropout();
    }

    /** {@link Hyperparameters#device()}. */
    public ComputeDevice device() {
        return hyperparameters.device();
    }

    /** {@link Hyperparameters#precision()}. */
    public Precision precision() {
        return hyperparameters.precision();
    }

    /** {@link Hyperparameters#seed()}. */
    public long seed() {
        return hyperparameters.seed();
    }

    /**
     * The settings as strings, for run.json and provenance: 21 keys in a fixed order, with {@code pair_field},
     * {@code task} and {@code skip_invalid} after {@code weight_field} when they are not the defaults (single
     * texts, classification, no skipping) and {@code precision} after {@code device} when it is not fp32
     * ({@link TrainSettingsMap}).
     */
    public Map<String, String> asMap() {
        return TrainSettingsMap.of(this);
    }

    /**
     * Reads settings written by {@link #asMap()}. Settings written before sentence pairs and regression
     * existed lack {@code pair_field} and {@code task}: single texts, classification; those written before
     * skipping existed lack {@code skip_invalid}: false; those before bf16, {@code precision}: fp32.
     *
     * @throws IllegalArgumentException naming a missing key or a value that is not valid for its setting
     */
    public static TrainConfig fromMap(Map<String, String> m) {
        return TrainSettingsMap.read(m);
    }

    /**
     * Builds a {@link TrainConfig}: the model, both corpora and the fields are required; every other setting
     * starts at {@link Hyperparameters#DEFAULTS}. {@link #build()} validates.
     */
    public static final class Builder {
        private String model;
        private Path train;
        private Path eval;
        private FieldMapping fields;
        private String weightField;
        private String pairField;
        private boolean skipInvalid;
        private Task task = Task.CLASSIFICATION;
        private boolean metricGiven;
        private int epochs;
        private int batchSize;
        private int maxLength;
        private double learningRate;
        private double weightDecay;
        private double warmupFraction;
        private double clipNorm;
        private boolean classBalanced;
        private int patience;
        private Metric metric;
        private Pooling pooling;
        private float dropout;
        private ComputeDevice device;
        private long seed;
        private Precision precision;

        private Builder() {
            optHyperparameters(Hyperparameters.DEFAULTS);
        }

        /** {@code builtin:minilm}, a model directory or an .onnx file. */
        public Builder setModel(String model) {
            this.model = model;
            return this;
        }

        /** The training corpus. */
        public Builder setTrain(Path train) {
            this.train = train;
            return this;
        }

        /** The evaluation corpus. */
        public Builder setEval(Path eval) {
            this.eval = eval;
            return this;
        }

        /** The text, label (required) and id fields of both corpora. */
        public Builder setFields(FieldMapping fields) {
            this.fields = fields;
            return this;
        }

        /** A per-record weight field of the training corpus; null (the default) for none. */
        public Builder optWeightField(String weightField) {
            this.weightField = weightField;
            return this;
        }

        /** Skip invalid records of both corpora, reporting them, instead of failing on the first (default false). */
        public Builder optSkipInvalid(boolean skip) {
            this.skipInvalid = skip;
            return this;
        }

        /** The field of each record's second text, for sentence-pair tasks; null (the default) for single texts. */
        public Builder optPairField(String pairField) {
            this.pairField = pairField;
            return this;
        }

        /**
         * Classification (the default) or regression. A regression run follows Pearson correlation unless
         * {@link #optMetric} says otherwise.
         */
        public Builder optTask(Task task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        /** Every training setting at once, replacing those given so far. */
        public Builder optHyperparameters(Hyperparameters h) {
            epochs = h.epochs();
            batchSize = h.batchSize();
            maxLength = h.maxLength();
            learningRate = h.learningRate();
            weightDecay = h.weightDecay();
            warmupFraction = h.warmupFraction();
            clipNorm = h.clipNorm();
            classBalanced = h.classBalanced();
            patience = h.patience();
            metric = h.metric();
            pooling = h.pooling();
            dropout = h.dropout();
            device = h.device();
            seed = h.seed();
            precision = h.precision();
            return this;
        }

        /** Passes over the training data (default 3). */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Examples per step (default 16). */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Longest input in tokens (default 128). */
        public Builder optMaxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /** Peak learning rate (default 5e-5). */
        public Builder optLearningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Decoupled weight decay (default 0.01). */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Share of the steps warming up (default 0.1). */
        public Builder optWarmupFraction(double warmupFraction) {
            this.warmupFraction = warmupFraction;
            return this;
        }

        /** Global gradient norm limit, 0 for none (default 1). */
        public Builder optClipNorm(double clipNorm) {
            this.clipNorm = clipNorm;
            return this;
        }

        /** Weight each class by N / (classes x its count) (default false). */
        public Builder optClassBalanced(boolean classBalanced) {
            this.classBalanced = classBalanced;
            return this;
        }

        /** Epochs without improvement before stopping, 0 never (default 2). */
        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        /** What early stopping and the best epoch follow (default macro-F1; Pearson for regression). */
        public Builder optMetric(Metric metric) {
            this.metric = metric;
            this.metricGiven = true;
            return this;
        }

        /** How token states are pooled (default mean). */
        public Builder optPooling(Pooling pooling) {
            this.pooling = pooling;
            return this;
        }

        /** Dropout rate in training (default 0.1). */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Where the run computes (default auto). */
        public Builder optDevice(ComputeDevice device) {
            this.device = device;
            return this;
        }

        /** The number format of the matrix products (default fp32; {@link Precision}). */
        public Builder optPrecision(Precision precision) {
            this.precision = precision;
            return this;
        }

        /** The seed of every random choice (default 1). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws NullPointerException naming a required setting that was not given
         * @throws IllegalArgumentException naming a setting out of its range
         */
        public TrainConfig build() {
            Metric m = metricGiven || task == Task.CLASSIFICATION ? metric : Metric.defaultFor(task);
            return new TrainConfig(new DataOptions(model, train, eval, fields, weightField, pairField, task, skipInvalid),
                    new Hyperparameters(epochs,
                    batchSize, maxLength, learningRate, weightDecay, warmupFraction, clipNorm, classBalanced, patience,
                    m, pooling, dropout, device, seed, precision));
        }
    }
}
