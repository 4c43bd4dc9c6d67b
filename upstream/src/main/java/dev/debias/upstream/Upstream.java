package dev.debias.upstream;

import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.core.SeededShuffle;
import dev.debias.core.Versions;
import dev.debias.core.AtomicFile;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.RecordReader;
import dev.debias.demo.BiosGenerator;
import dev.debias.evaluate.intrinsic.BiasSubspace;
import dev.debias.evaluate.intrinsic.BiasSubspaces;
import dev.debias.evaluate.intrinsic.SeatTest;
import dev.debias.evaluate.intrinsic.SeatTests;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.upstream.AlignmentResult;
import dev.debias.upstream.AlignmentStep;
import dev.debias.upstream.AlignmentTrainer;
import dev.debias.finetune.train.SentenceEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Applies one intervention to a pre-trained encoder and writes the result as a model directory that
 * fine-tuning, prediction and the intrinsic tests load like any other ({@code config.json},
 * {@code model.safetensors} with the intervention's edits, {@code tokenizer.json}), plus
 * {@value #UPSTREAM_JSON}: the method, its parameters, the seed, the source model's identity, the
 * method's {@link Diagnostics} and SEAT effect sizes and the counterfactual embedding gap on held-out
 * pairs before and after. Sentences come from a corpus (or the demo bios generator) through
 * {@link PairSampler}. Same inputs and seed, same directory (on CPU).
 *
 * <pre>{@code
 * UpstreamResult r = Upstream.builder().setModel("builtin:minilm").setMethod(UpstreamMethod.SENTENCE_DEBIAS)
 *         .setOut(Path.of("models/minilm-sd")).build().run();
 * }</pre>
 */
public final class Upstream {
    /** The description file in the model directory. */
    public static final String UPSTREAM_JSON = PretrainedModel.UPSTREAM_JSON;
    /** The schema of {@value #UPSTREAM_JSON}. */
    public static final String SCHEMA = "debias.upstream/1";
    /** Records of the demo corpus used when no corpus is given. */
    public static final int DEMO_RECORDS = 2000;

    private final Builder b;

    private Upstream(Builder b) {
        this.b = b;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the method and writes the model directory.
     *
     * @throws InvalidInputException for a missing model or corpus, a corpus without usable sentences, or
     *     an output directory that already holds a model
     */
    public UpstreamResult run() throws IOException {
        if (Files.isRegularFile(b.out.resolve(UPSTREAM_JSON)) && !b.overwrite) {
            throw new InvalidInputException(b.out + ": already holds an upstream model; choose another --out or "
                    + "remove it");
        }
        if (Files.exists(b.out) && !Files.isDirectory(b.out)) {
            throw new InvalidInputException(b.out + ": exists and is not a directory");
        }
        for (Path p : java.util.Arrays.asList(b.corpus, b.evalCorpus)) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new InvalidInputException(p + ": no such file");
            }
        }
        PretrainedModel pre = PretrainedModel.load(b.model);
        PairSample sample = sample();
        if (sample.learn().isEmpty()) {
            throw new InvalidInputException(corpusName(b.corpus) + ": no sentence with a " + b.swapper.axis()
                    + " term to swap was found; give a corpus that mentions the groups");
        }
        Weights weights;
        Diagnostics diagnostics;
        IntrinsicSnapshot before;
        IntrinsicSnapshot after;
        int maxLength = Math.min(b.maxLength, pre.config().maxPositions());
        try (SentenceEncoder encoder = SentenceEncoder.of(pre, b.pooling, maxLength)) {
            before = IntrinsicSnapshot.measure(encoder, b.seatTests, sample.heldOut(), b.bootstrap, b.seed);
            switch (b.method) {
                case SENTENCE_DEBIAS -> diagnostics = sentenceDebias(encoder, sample);
                case INLP -> diagnostics = inlp(encoder, sample);
                case PRUNE_HEADS, PRUNE_NEURONS -> {
                    UnitPruning.Unit unit = b.method == UpstreamMethod.PRUNE_HEADS ? UnitPruning.Unit.HEAD
                            : UnitPruning.Unit.NEURON;
                    int total = UnitPruning.units(encoder.model(), unit);
                    int count = b.count > 0 ? b.count : (int) Math.round(b.fraction * total);
                    diagnostics = UnitPruning.prune(encoder, sample.learn(), unit, b.scoring, count, b.batchSize,
                            b.progress);
                }
                case COUNTERFACTUAL_CONTINUE, MAGNITUDE_PRUNE -> diagnostics = null;
                default -> throw new IllegalStateException(b.method.toString());
            }
            weights = encoder.model().weights();
        }
        if (b.method == UpstreamMethod.COUNTERFACTUAL_CONTINUE) {
            AlignmentResult r = AlignmentTrainer.builder().setModel(pre)
                    .setPairs(PairSample.originals(sample.learn()), PairSample.counterfactuals(sample.learn()))
                    .optNeutral(b.anchorWeight > 0 ? sample.neutral() : List.of()).optSteps(b.steps)
                    .optBatchSize(b.batchSize).optLearningRate(b.learningRate).optAnchorWeight(b.anchorWeight)
                    .optMaxLength(maxLength).optPooling(b.pooling).optSeed(b.seed).optProgress(b.progress).build().run();
            weights = r.weights();
            List<AlignmentStep> every10 = new ArrayList<>();
            for (AlignmentStep s : r.steps()) {
                if (s.step() % 10 == 0 || s.step() == r.steps().size()) {
                    every10.add(s);
                }
            }
            diagnostics = new Diagnostics.Alignment(r.steps().size(), r.steps().get(0), r.steps().get(r.steps().size() - 1),
                    every10);
        } else if (b.method == UpstreamMethod.MAGNITUDE_PRUNE) {
            MagnitudePruning.Pruned p = MagnitudePruning.prune(weights, b.sparsity, b.scope);
            weights = p.weights();
            diagnostics = p.diagnostics();
            weights.put(BertClassifier.WEIGHT_SPARSITY, new long[] {1}, new float[] {(float) b.sparsity});
        }
        // named by what it is, not where it goes, so the description does not depend on the output path
        PretrainedModel edited = new PretrainedModel(pre.source() + " + " + b.method.cliName(), pre.config(), weights, pre.tokenizerJson(),
                pre.sha256(), b.pooling);
        try (SentenceEncoder encoder = SentenceEncoder.of(edited, b.pooling, maxLength)) {
            after = IntrinsicSnapshot.measure(encoder, b.seatTests, sample.heldOut(), b.bootstrap, b.seed);
        }
        UpstreamResult result = new UpstreamResult(SCHEMA, b.method.cliName(), parameters(), b.seed,
                b.pooling.name().toLowerCase(Locale.ROOT), source(pre), data(sample), diagnostics, before, after,
                Versions.all());
        write(pre, weights, result);
        return result;
    }

    private PairSample sample() throws IOException {
        PairSampler learnSampler = PairSampler.builder().optSwapper(b.swapper).optLearnPairs(b.learnPairs)
                .optHeldOutPairs(b.evalCorpus == null ? b.heldOutPairs : 0).optNeutral(b.neutral).optSeed(b.seed).build();
        PairSample learn = sample(learnSampler, b.corpus, b.fields);
        if (b.evalCorpus == null) {
            return learn;
        }
        // every pair sampled from the evaluation corpus is held out of learning
        PairSampler heldSampler = PairSampler.builder().optSwapper(b.swapper).optLearnPairs(b.heldOutPairs)
                .optHeldOutPairs(0).optNeutral(0).optSeed(b.seed + 1).build();
        PairSample held = sample(heldSampler, b.evalCorpus, b.evalFields == null ? b.fields : b.evalFields);
        return new PairSample(learn.learn(), held.learn(), learn.neutral(), learn.records(), learn.sentences(),
                learn.pairsFound(), learn.neutralFound(), learn.tooLong());
    }

    private PairSample sample(PairSampler sampler, Path corpus, FieldMapping fields) {
        if (corpus == null) {
            BiosGenerator g = BiosGenerator.builder().setCount(DEMO_RECORDS).optCooccurrence(0.5).optSeed(b.seed).build();
            return sampler.sample(g.stream().iterator(), b.progress);
        }
        try (RecordReader r = CorpusReaders.open(corpus, ReadOptions.defaults().withFields(fields))) {
            return sampler.sample(r, b.progress);
        }
    }

    private Diagnostics sentenceDebias(SentenceEncoder encoder, PairSample sample) {
        if (b.directions > encoder.dimension()) {
            throw new InvalidInputException("--directions " + b.directions + " exceeds the model's width "
                    + encoder.dimension());
        }
        float[][] x = embed(encoder, PairSample.originals(sample.learn()), "embedding originals");
        float[][] y = embed(encoder, PairSample.counterfactuals(sample.learn()), "embedding counterfactuals");
        BiasSubspace s = BiasSubspaces.fromPairs(x, y, b.directions);
        encoder.model().setProjection(compose(encoder.model().projection(), s.projectionMatrix(), encoder.dimension()));
        return new Diagnostics.Subspace(s.k(), s.explainedVariance(), s.pairs());
    }

    private Diagnostics inlp(SentenceEncoder encoder, PairSample sample) {
        List<SentencePair> pairs = new ArrayList<>();
        TreeSet<String> groups = new TreeSet<>();
        for (SentencePair p : sample.learn()) {
            if (p.originalGroup() != null && p.counterfactualGroup() != null) {
                pairs.add(p);
                groups.add(p.originalGroup());
                groups.add(p.counterfactualGroup());
            }
        }
        if (groups.size() < 2 || pairs.size() < 4) {
            throw new InvalidInputException(corpusName(b.corpus) + ": INLP needs sentences of at least two "
                    + b.swapper.axis() + " groups; found " + pairs.size() + " usable pairs of groups " + groups);
        }
        List<String> classes = List.copyOf(groups);
        SeededShuffle.shuffle(pairs, new SplittableRandom(b.seed));
        int dev = Math.max(1, pairs.size() / 5);
        List<SentencePair> devPairs = pairs.subList(0, dev);
        List<SentencePair> trainPairs = pairs.subList(dev, pairs.size());
        float[][] trainX = stack(embed(encoder, PairSample.originals(trainPairs), "embedding originals"),
                embed(encoder, PairSample.counterfactuals(trainPairs), "embedding counterfactuals"));
        float[][] devX = stack(encoder.embed(PairSample.originals(devPairs)),
                encoder.embed(PairSample.counterfactuals(devPairs)));
        int[] trainY = labels(trainPairs, classes);
        int[] devY = labels(devPairs, classes);
        InlpResult r = Inlp.run(trainX, trainY, devX, devY, classes.size(),
                InlpOptions.defaults().withMaxIterations(b.inlpIterations).withTolerance(b.inlpTolerance));
        encoder.model().setProjection(compose(encoder.model().projection(), r.projection(), encoder.dimension()));
        int rank = r.iterations().get(r.iterations().size() - 1).rankRemoved();
        return new Diagnostics.Nullspace(classes, r.iterations(), r.majorityRate(), r.reachedChance(), rank,
                trainX.length, devX.length);
    }

    private static int[] labels(List<SentencePair> pairs, List<String> classes) {
        int[] y = new int[pairs.size() * 2];
        for (int i = 0; i < pairs.size(); i++) {
            y[i] = classes.indexOf(pairs.get(i).originalGroup());
            y[pairs.size() + i] = classes.indexOf(pairs.get(i).counterfactualGroup());
        }
        return y;
    }

    private static float[][] stack(float[][] a, float[][] c) {
        float[][] out = new float[a.length + c.length][];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(c, 0, out, a.length, c.length);
        return out;
    }

    /** {@code first} then {@code second} ({@code v <- v first second}); {@code second} alone when there is no first. */
    static float[] compose(float[] first, float[] second, int d) {
        if (first == null) {
            return second;
        }
        float[] out = new float[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double a = first[i * d + k];
                if (a == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += (float) (a * second[k * d + j]);
                }
            }
        }
        return out;
    }

    private float[][] embed(SentenceEncoder encoder, List<String> texts, String task) {
        int chunk = 256;
        float[][] out = new float[texts.size()][];
        b.progress.start(task, texts.size(), "sentences");
        for (int from = 0; from < texts.size(); from += chunk) {
            int to = Math.min(texts.size(), from + chunk);
            float[][] part = encoder.embed(texts.subList(from, to));
            System.arraycopy(part, 0, out, from, part.length);
            b.progress.advance(to - from);
        }
        b.progress.finish();
        return out;
    }

    private Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", b.model);
        m.put("method", b.method.cliName());
        m.put("axis", b.swapper.axis());
        m.put("corpus", b.corpus == null ? "demo:bios" : b.corpus.toString());
        m.put("text_field", b.fields.textField());
        m.put("eval_corpus", b.evalCorpus == null ? "" : b.evalCorpus.toString());
        m.put("eval_text_field", b.evalCorpus == null ? "" : (b.evalFields == null ? b.fields : b.evalFields).textField());
        m.put("pooling", b.pooling.name().toLowerCase(Locale.ROOT));
        m.put("max_length", Integer.toString(b.maxLength));
        m.put("learn_pairs", Integer.toString(b.learnPairs));
        m.put("held_out_pairs", Integer.toString(b.heldOutPairs));
        m.put("neutral", Integer.toString(b.neutral));
        m.put("seat_tests", String.join(",", b.seatTests.stream().map(SeatTest::name).toList()));
        m.put("bootstrap", Integer.toString(b.bootstrap));
        m.put("seed", Long.toString(b.seed));
        switch (b.method) {
            case SENTENCE_DEBIAS -> m.put("directions", Integer.toString(b.directions));
            case INLP -> {
                m.put("inlp_iterations", Integer.toString(b.inlpIterations));
                m.put("inlp_tolerance", Double.toString(b.inlpTolerance));
            }
            case PRUNE_HEADS, PRUNE_NEURONS -> {
                m.put("fraction", b.count > 0 ? "" : Double.toString(b.fraction));
                m.put("count", b.count > 0 ? Integer.toString(b.count) : "");
                m.put("scoring", b.scoring.cliName());
                m.put("batch_size", Integer.toString(b.batchSize));
            }
            case COUNTERFACTUAL_CONTINUE -> {
                m.put("steps", Integer.toString(b.steps));
                m.put("batch_size", Integer.toString(b.batchSize));
                m.put("learning_rate", Double.toString(b.learningRate));
                m.put("anchor_weight", Double.toString(b.anchorWeight));
            }
            case MAGNITUDE_PRUNE -> {
                m.put("sparsity", Double.toString(b.sparsity));
                m.put("scope", b.scope.cliName());
            }
            default -> throw new IllegalStateException(b.method.toString());
        }
        return m;
    }

    private static Map<String, String> source(PretrainedModel pre) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", pre.source());
        m.put("sha256", pre.sha256());
        return m;
    }

    private Map<String, Object> data(PairSample s) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("corpus", b.corpus == null ? "demo:bios" : b.corpus.toString());
        m.put("corpus_sha256", b.corpus == null ? "" : Hashing.sha256(b.corpus));
        if (b.corpus == null) {
            m.put("demo", "bios n=" + DEMO_RECORDS + " cooccurrence=0.5 seed=" + b.seed);
        }
        m.put("eval_corpus", b.evalCorpus == null ? "" : b.evalCorpus.toString());
        m.put("eval_corpus_sha256", b.evalCorpus == null ? "" : Hashing.sha256(b.evalCorpus));
        m.put("records", s.records());
        m.put("sentences", s.sentences());
        m.put("sentences_too_long", s.tooLong());
        m.put("pairs_found", s.pairsFound());
        m.put("neutral_found", s.neutralFound());
        m.put("learn_pairs", s.learn().size());
        m.put("held_out_pairs", s.heldOut().size());
        m.put("neutral", s.neutral().size());
        return m;
    }

    private static String corpusName(Path corpus) {
        return corpus == null ? "the demo corpus" : corpus.toString();
    }

    private void write(PretrainedModel pre, Weights weights, UpstreamResult result) throws IOException {
        Files.createDirectories(b.out);
        Files.deleteIfExists(b.out.resolve(UPSTREAM_JSON));
        Path config = b.out.resolve("config.json");
        AtomicFile.write(config, pre.config().toJson().getBytes(StandardCharsets.UTF_8));
        Path tokenizer = b.out.resolve("tokenizer.json");
        AtomicFile.write(tokenizer, pre.tokenizerJson());
        Path model = b.out.resolve("model.safetensors");
        SafeTensors.write(model, weights);
        Path json = b.out.resolve(UPSTREAM_JSON);
        // written last: its presence marks a complete directory
        UpstreamFiles.write(result, json);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("model", pre.sha256());
        if (b.corpus != null) {
            inputs.put("corpus", Hashing.sha256(b.corpus));
        }
        if (b.evalCorpus != null) {
            inputs.put("eval_corpus", Hashing.sha256(b.evalCorpus));
        }
        for (Path p : List.of(model, json)) {
            ArtifactProvenance.of("upstream", result.parameters(), inputs, p, -1).writeBeside(p);
        }
    }

    /** Builds an {@link Upstream}: the model, the method and the output directory are required. */
    public static final class Builder {
        private String model;
        private UpstreamMethod method;
        private Path out;
        private Path corpus;
        private Path evalCorpus;
        private FieldMapping fields = FieldMapping.DEFAULT;
        private FieldMapping evalFields;
        private CounterfactualSwapper swapper;
        private Pooling pooling = Pooling.MEAN;
        private int maxLength = 64;
        private int learnPairs = 800;
        private int heldOutPairs = 200;
        private int neutral = 400;
        private int directions = 1;
        private int inlpIterations = 35;
        private double inlpTolerance = 0.02;
        private double fraction = 0.1;
        private int count;
        private UnitPruning.Scoring scoring = UnitPruning.Scoring.GRADIENT;
        private int steps = 100;
        private int batchSize = 16;
        private double learningRate = 2e-5;
        private double anchorWeight = 1.0;
        private double sparsity = 0.3;
        private MagnitudePruning.Scope scope = MagnitudePruning.Scope.GLOBAL;
        private List<SeatTest> seatTests;
        private int bootstrap = 1000;
        private long seed = 1;
        private boolean overwrite;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {}

        /** {@code builtin:minilm}, a model directory (an upstream one too) or an .onnx file. */
        public Builder setModel(String model) {
            this.model = model;
            return this;
        }

        /** The intervention. */
        public Builder setMethod(UpstreamMethod method) {
            this.method = method;
            return this;
        }

        /** The model directory to write. */
        public Builder setOut(Path out) {
            this.out = out;
            return this;
        }

        /** The corpus sentences come from (for pruning: the context the mask is learned on); default the demo bios. */
        public Builder optCorpus(Path corpus) {
            this.corpus = corpus;
            return this;
        }

        /** A corpus whose pairs measure the gap before and after, in place of pairs held out of the corpus. */
        public Builder optEvalCorpus(Path corpus) {
            this.evalCorpus = corpus;
            return this;
        }

        /** The text field (and id field) of the corpora; default {@code text}. */
        public Builder optFields(FieldMapping fields) {
            this.fields = Objects.requireNonNull(fields);
            return this;
        }

        /** The text field of the evaluation corpus; default the same as {@link #optFields}. */
        public Builder optEvalFields(FieldMapping fields) {
            this.evalFields = Objects.requireNonNull(fields);
            return this;
        }

        /** Makes the counterfactuals (and names the axis); default gender with the built-in lexicons. */
        public Builder optSwapper(CounterfactualSwapper swapper) {
            this.swapper = Objects.requireNonNull(swapper);
            return this;
        }

        /** The pooling the intervention is made for (fine-tuning must use the same); default mean. */
        public Builder optPooling(Pooling pooling) {
            this.pooling = Objects.requireNonNull(pooling);
            return this;
        }

        /** Longest sentence in word pieces; default 64. */
        public Builder optMaxLength(int n) {
            this.maxLength = n;
            return this;
        }

        /** Pairs to learn from; default 800. */
        public Builder optLearnPairs(int n) {
            this.learnPairs = n;
            return this;
        }

        /** Pairs held out for the gap before and after; default 200. */
        public Builder optHeldOutPairs(int n) {
            this.heldOutPairs = n;
            return this;
        }

        /** Neutral sentences (for the anchor of counterfactual-continue); default 400. */
        public Builder optNeutral(int n) {
            this.neutral = n;
            return this;
        }

        /** sentence-debias: the directions k of the bias subspace; default 1. */
        public Builder optDirections(int k) {
            this.directions = k;
            return this;
        }

        /** inlp: the most projections; default 35. */
        public Builder optInlpIterations(int n) {
            this.inlpIterations = n;
            return this;
        }

        /** inlp: stop when the probe is within this of chance; default 0.02. */
        public Builder optInlpTolerance(double t) {
            this.inlpTolerance = t;
            return this;
        }

        /** prune-heads/-neurons: the share of units to prune; default 0.1. */
        public Builder optFraction(double f) {
            this.fraction = f;
            return this;
        }

        /** prune-heads/-neurons: the number of units to prune (overrides the fraction); default unset. */
        public Builder optCount(int n) {
            this.count = n;
            return this;
        }

        /** prune-heads/-neurons: how units are scored; default gradient. */
        public Builder optScoring(UnitPruning.Scoring scoring) {
            this.scoring = Objects.requireNonNull(scoring);
            return this;
        }

        /** counterfactual-continue: optimizer steps; default 100. */
        public Builder optSteps(int n) {
            this.steps = n;
            return this;
        }

        /** Pairs per step (counterfactual-continue) or per scoring pass (pruning); default 16. */
        public Builder optBatchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** counterfactual-continue: learning rate; default 2e-5. */
        public Builder optLearningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        /** counterfactual-continue: weight of the neutral anchor; default 1. */
        public Builder optAnchorWeight(double w) {
            this.anchorWeight = w;
            return this;
        }

        /** magnitude-prune: the share of linear weights to zero; default 0.3. */
        public Builder optSparsity(double s) {
            this.sparsity = s;
            return this;
        }

        /** magnitude-prune: one threshold overall or per matrix; default global. */
        public Builder optScope(MagnitudePruning.Scope scope) {
            this.scope = Objects.requireNonNull(scope);
            return this;
        }

        /** The SEAT tests run before and after; default every built-in. */
        public Builder optSeatTests(List<SeatTest> tests) {
            this.seatTests = List.copyOf(tests);
            return this;
        }

        /** Bootstrap resamples of the gap's interval; default 1000. */
        public Builder optBootstrap(int n) {
            this.bootstrap = n;
            return this;
        }

        /** The seed of every random choice; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Replace an upstream model already in the output directory; default false. */
        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** Receives progress. */
        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException when a required value is missing or a setting is out of range
         */
        public Upstream build() {
            if (model == null || method == null || out == null) {
                throw new IllegalArgumentException("setModel, setMethod and setOut are required");
            }
            if (maxLength < 3 || learnPairs < 1 || heldOutPairs < 0 || neutral < 0 || directions < 1
                    || inlpIterations < 1 || !(inlpTolerance >= 0) || !(fraction > 0 && fraction <= 1) || count < 0
                    || steps < 1 || batchSize < 1 || !(learningRate > 0) || anchorWeight < 0
                    || !(sparsity >= 0 && sparsity < 1) || bootstrap < 0) {
                throw new IllegalArgumentException("a setting is out of range: max length " + maxLength + " (>= 3), "
                        + "learn pairs " + learnPairs + " (>= 1), held-out pairs " + heldOutPairs + ", neutral " + neutral
                        + ", directions " + directions + " (>= 1), INLP iterations " + inlpIterations + " (>= 1), "
                        + "tolerance " + inlpTolerance + ", fraction " + fraction + " (0, 1], count " + count
                        + ", steps " + steps + ", batch " + batchSize + ", lr " + learningRate + ", anchor weight "
                        + anchorWeight + ", sparsity " + sparsity + " [0, 1), bootstrap " + bootstrap);
            }
            if (method == UpstreamMethod.PRUNE_NEURONS && scoring == UnitPruning.Scoring.ABLATION) {
                throw new IllegalArgumentException("ablation scoring is for heads; neurons are scored by gradient");
            }
            if (method == UpstreamMethod.COUNTERFACTUAL_CONTINUE && anchorWeight > 0 && neutral < 1) {
                throw new IllegalArgumentException("the anchor needs neutral sentences; ask for some or set the anchor "
                        + "weight to 0");
            }
            if (swapper == null) {
                swapper = CounterfactualSwapper.builder().build();
            }
            if (seatTests == null) {
                seatTests = SeatTests.builtinNames().stream().map(SeatTests::builtin).toList();
            }
            return new Upstream(this);
        }
    }
}
