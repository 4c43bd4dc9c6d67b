package dev.debias.upstream;

import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.core.Setting;
import dev.debias.core.Versions;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.RecordReader;
import dev.debias.demo.BiosGenerator;
import dev.debias.evaluate.intrinsic.SeatTest;
import dev.debias.evaluate.intrinsic.SeatTests;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.train.SentenceEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Applies one {@link Intervention} to a pre-trained encoder and writes the result as a model directory
 * that fine-tuning, prediction and the intrinsic tests load like any other ({@code config.json},
 * {@code model.safetensors} with the intervention's edits, {@code tokenizer.json}), plus
 * {@value #UPSTREAM_JSON}: the method, its parameters, the seed, the source model's identity, the
 * method's {@link Diagnostics} and SEAT effect sizes and the counterfactual embedding gap on held-out
 * pairs before and after. Sentences come from a corpus (or the demo bios generator) through
 * {@link PairSampler}. The runner holds the settings every method shares; the intervention holds its
 * own. Same inputs and seed, same directory (on CPU).
 *
 * <pre>{@code
 * UpstreamResult r = Upstream.builder().setModel("builtin:minilm").setIntervention(new SentenceDebias(1))
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
    /** Invalid records the corpus readers skipped ({@link Builder#optSkipInvalid}), and the first few with reasons. */
    private long skipped;
    private final List<String> firstSkipped = new ArrayList<>();

    private Upstream(Builder b) {
        this.b = b;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the intervention and writes the model directory.
     *
     * @throws InvalidInputException for a missing model or corpus, a corpus without usable sentences, a
     *     sample or model the intervention cannot use, or an output directory that already holds a model
     */
    public UpstreamResult run() throws IOException {
        if (Files.isRegularFile(b.out.resolve(UPSTREAM_JSON)) && !b.overwrite) {
            throw new InvalidInputException(b.out + ": already holds an upstream model; choose another " + Setting.OUT
                    + " or remove it");
        }
        if (Files.exists(b.out) && !Files.isDirectory(b.out)) {
            throw new InvalidInputException(b.out + ": exists and is not a directory");
        }
        for (Path p : java.util.Arrays.asList(b.corpus, b.evalCorpus)) {
            String problem = p == null ? null : dev.debias.corpus.CorpusReaders.unreadable(p);
            if (problem != null) {
                throw new InvalidInputException(p + ": " + problem + "; expected a corpus (a file, a folder of shards "
                        + "or a glob of them)");
            }
        }
        PretrainedModel pre = PretrainedModel.load(b.model);
        PairSample sample = sample();
        if (sample.learn().isEmpty()) {
            throw new InvalidInputException(corpusName() + ": no sentence with a " + b.swapper.axis()
                    + " term to swap was found; give a corpus that mentions the groups");
        }
        Intervention.Outcome<?> outcome;
        IntrinsicSnapshot before;
        IntrinsicSnapshot after;
        int maxLength = Math.min(b.maxLength, pre.config().maxLength());
        try (InterventionInput in = new InterventionInput(pre, SentenceEncoder.of(pre, b.pooling, maxLength), sample,
                corpusName(), b.swapper.axis(), b.pooling, maxLength, b.seed, b.progress)) {
            before = IntrinsicSnapshot.measure(in.encoder(), b.seatTests, sample.heldOut(), b.bootstrap, b.seed);
            outcome = b.intervention.apply(in);
        }
        String method = b.intervention.method().cliName();
        // named by what it is, not where it goes, so the description does not depend on the output path
        PretrainedModel edited = new PretrainedModel(pre.source() + " + " + method, pre.config(), outcome.weights(),
                pre.tokenizerJson(), pre.sha256(), b.pooling);
        try (SentenceEncoder encoder = SentenceEncoder.of(edited, b.pooling, maxLength)) {
            after = IntrinsicSnapshot.measure(encoder, b.seatTests, sample.heldOut(), b.bootstrap, b.seed);
        }
        UpstreamResult result = new UpstreamResult(SCHEMA, method, parameters(), b.seed,
                b.pooling.name().toLowerCase(Locale.ROOT), source(pre), data(sample), outcome.diagnostics(), before,
                after, Versions.all());
        UpstreamDirectory.write(b.out, pre, outcome.weights(), result, b.corpus, b.evalCorpus);
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
        try (RecordReader r = CorpusReaders.open(corpus, ReadOptions.defaults().withFields(fields)
                .withSkipInvalid(b.skipInvalid))) {
            PairSample s = sampler.sample(r, b.progress);
            skipped += r.report().skipped();
            r.report().skippedRecords().stream().limit(3 - firstSkipped.size()).forEach(x -> firstSkipped.add(x.toString()));
            return s;
        }
    }

    /** The common settings, then the intervention's own. */
    private Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", b.model);
        m.put("method", b.intervention.method().cliName());
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
        m.putAll(b.intervention.parameters());
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
        if (skipped > 0) {
            m.put("invalid_records_skipped", skipped);
            m.put("invalid_records_first", String.join("; ", firstSkipped));
        }
        m.put("pairs_found", s.pairsFound());
        m.put("neutral_found", s.neutralFound());
        m.put("learn_pairs", s.learn().size());
        m.put("held_out_pairs", s.heldOut().size());
        m.put("neutral", s.neutral().size());
        return m;
    }

    private String corpusName() {
        return b.corpus == null ? "the demo corpus" : b.corpus.toString();
    }

    /** Builds an {@link Upstream}: the model, the intervention and the output directory are required. */
    public static final class Builder {
        private String model;
        private Intervention<?> intervention;
        private Path out;
        private Path corpus;
        private Path evalCorpus;
        private FieldMapping fields = FieldMapping.DEFAULT;
        private FieldMapping evalFields;
        private boolean skipInvalid;
        private CounterfactualSwapper swapper;
        private Pooling pooling = Pooling.MEAN;
        private int maxLength = 64;
        private int learnPairs = 800;
        private int heldOutPairs = 200;
        private int neutral = 400;
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

        /** The intervention, with its own parameters ({@link SentenceDebias}, {@link Inlp}, ...). */
        public Builder setIntervention(Intervention<?> intervention) {
            this.intervention = intervention;
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

        /** Skip invalid records of the corpora, counting them in the result's data, instead of failing (default false). */
        public Builder optSkipInvalid(boolean skip) {
            this.skipInvalid = skip;
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
         * @throws IllegalArgumentException when a required value is missing, a setting is out of range, or
         *     an anchored counterfactual continuation gets no neutral sentences
         */
        public Upstream build() {
            if (model == null || intervention == null || out == null) {
                throw new IllegalArgumentException("setModel, setIntervention and setOut are required");
            }
            if (maxLength < 3 || learnPairs < 1 || heldOutPairs < 0 || neutral < 0 || bootstrap < 0) {
                throw new IllegalArgumentException("a setting is out of range: max length " + maxLength + " (>= 3), "
                        + "learn pairs " + learnPairs + " (>= 1), held-out pairs " + heldOutPairs + ", neutral " + neutral
                        + ", bootstrap " + bootstrap);
            }
            if (intervention instanceof CounterfactualContinuation c && c.anchored() && neutral < 1) {
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
