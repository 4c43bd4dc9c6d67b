package dev.debias.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.corpus.Record;
import dev.debias.evaluate.intrinsic.BiasSubspace;
import dev.debias.evaluate.intrinsic.BiasSubspaces;
import dev.debias.evaluate.intrinsic.SeatTests;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.train.ComputeDevice;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.Predictor;
import dev.debias.finetune.train.RunResult;
import dev.debias.finetune.train.SentenceEncoder;
import dev.debias.finetune.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every upstream method on the tiny test model, end to end: the model directory, its diagnostics and its use. */
class UpstreamTest {
    @TempDir
    static Path dir;
    static TinyBert.Toy toy;
    static Path corpus;
    static Path otherCorpus;

    private static final List<String> NOUNS = List.of("dog", "cat", "bird", "car", "house", "book", "tree", "table");
    private static final List<String> ADJ = List.of("red", "green", "blue", "big", "small", "old", "new", "good");
    private static final List<String> VERBS = List.of("likes", "sees", "has", "makes");

    /** A sentence of the tiny vocabulary about {@code subject} ("he", "she", ... or "it" for neutral). */
    static String sentence(String subject, String possessive, SplittableRandom r) {
        String s = subject + " " + VERBS.get(r.nextInt(VERBS.size())) + " " + possessive + " "
                + ADJ.get(r.nextInt(ADJ.size())) + " " + NOUNS.get(r.nextInt(NOUNS.size())) + ".";
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Records of two sentences: a gendered one (he/his or she/her) and, every other record, a neutral one. */
    static List<Record> corpus(String prefix, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean she = r.nextBoolean();
            String text = sentence(she ? "she" : "he", she ? "her" : "his", r);
            if (i % 2 == 0) {
                text += " " + sentence("it", "the", r);
            }
            out.add(TinyBert.record(prefix + i, text, "x", Map.of()));
        }
        return out;
    }

    @BeforeAll
    static void setUp() throws Exception {
        toy = TinyBert.toy(dir.resolve("toy"));
        corpus = TinyBert.write(dir.resolve("corpus.jsonl"), corpus("c", 160, 1));
        otherCorpus = TinyBert.write(dir.resolve("other.jsonl"), corpus("o", 60, 9));
    }

    /** Small, fast common settings on the tiny model. */
    static Upstream.Builder quick(Intervention<?> i, Path out) {
        return Upstream.builder().setModel(toy.model().toString()).setIntervention(i).setOut(out).optCorpus(corpus)
                .optLearnPairs(60).optHeldOutPairs(20).optNeutral(30).optMaxLength(32).optBootstrap(50)
                .optSeatTests(List.of(SeatTests.builtin("gender-career-family-words")));
    }

    /** {@code m} with small, fast settings of its own on the tiny model. */
    static Intervention<?> quick(UpstreamMethod m) {
        return switch (m) {
            case SENTENCE_DEBIAS -> SentenceDebias.defaults();
            case INLP -> Inlp.defaults();
            case PRUNE_HEADS -> heads();
            case PRUNE_NEURONS -> neurons();
            case COUNTERFACTUAL_CONTINUE -> continuation();
            case MAGNITUDE_PRUNE -> MagnitudePruning.defaults();
        };
    }

    static Upstream.Builder quick(UpstreamMethod m, Path out) {
        return quick(quick(m), out);
    }

    static UnitPruning heads() {
        return UnitPruning.heads().withBatchSize(8);
    }

    static UnitPruning neurons() {
        return UnitPruning.neurons().withBatchSize(8);
    }

    static CounterfactualContinuation continuation() {
        return CounterfactualContinuation.defaults().withSteps(20).withLearningRate(1e-3).withBatchSize(8);
    }

    @ParameterizedTest
    @EnumSource(UpstreamMethod.class)
    void everyMethodWritesAModelDirectoryThatFineTunesAndPredicts(UpstreamMethod m) throws Exception {
        Path out = dir.resolve("m-" + m.cliName());
        UpstreamResult r = quick(m, out).build().run();
        for (String f : List.of("config.json", "tokenizer.json", "model.safetensors", Upstream.UPSTREAM_JSON,
                "model.safetensors.provenance.json", "upstream.json.provenance.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(m.cliName(), r.method());
        // the common settings, then the intervention's own
        quick(m).parameters().forEach((k, v) -> assertEquals(v, r.parameters().get(k), k));
        assertEquals(m.cliName(), r.parameters().get("method"));
        assertEquals(toy.model().toString(), r.source().get("model"));
        assertEquals(60, r.data().get("learn_pairs"));
        assertEquals(20, r.data().get("held_out_pairs"));
        assertNotNull(r.diagnostics());
        assertNotNull(r.before().gap());
        assertEquals(1, r.after().seat().size());
        // the file says what the result says
        UpstreamResult back = UpstreamFiles.read(out);
        assertEquals(r.method(), back.method());
        assertEquals(r.parameters(), back.parameters());
        assertEquals(r.diagnostics().getClass(), back.diagnostics().getClass());
        assertEquals(r.after().gap().meanCosineDistance().value(), back.after().gap().meanCosineDistance().value());
        // fine-tunes and predicts like any model directory
        TrainConfig c = toy.config();
        TrainConfig onUpstream = c.toBuilder().setModel(out.toString()).optWeightField(null).optEpochs(2)
                .optClassBalanced(false).optPatience(0).optPooling(Pooling.MEAN).optDevice(ComputeDevice.CPU).optSeed(1)
                .build();
        RunResult run = FineTuner.builder().setConfig(onUpstream).setRunDir(dir.resolve("run-" + m.cliName())).build().run();
        assertEquals(2, run.epochs().size());
        try (Predictor p = Predictor.load(run.runDir())) {
            float[][] probs = p.predict(List.of("He likes the apple.", "She has a banana."));
            assertEquals(2, probs.length);
            assertEquals(1.0, probs[0][0] + probs[0][1], 1e-5);
        }
        // and the intervention went along into the run
        Weights trained = SafeTensors.read(run.runDir().resolve(FineTuner.WEIGHTS));
        Weights upstream = SafeTensors.read(out.resolve("model.safetensors"));
        for (String edit : List.of(BertClassifier.PROJECTION, BertClassifier.HEAD_MASK, BertClassifier.NEURON_MASK,
                BertClassifier.WEIGHT_SPARSITY)) {
            assertEquals(upstream.get(edit) == null, trained.get(edit) == null, edit);
            if (upstream.get(edit) != null) {
                assertArrayEquals(upstream.get(edit).data(), trained.get(edit).data(), edit);
            }
        }
    }

    @Test
    void sentenceDebiasLeavesNoComponentAlongTheBiasDirection() throws Exception {
        Path out = dir.resolve("sd");
        UpstreamResult r = quick(new SentenceDebias(2), out).build().run();
        Diagnostics.Subspace s = assertInstanceOf(Diagnostics.Subspace.class, r.diagnostics());
        assertEquals(2, s.directions());
        assertTrue(s.explainedVariance()[0] >= s.explainedVariance()[1]);
        // the same sample (same corpus, same seed) gives the same directions on the source model
        PairSample sample = PairSampler.builder().optLearnPairs(60).optHeldOutPairs(20).optNeutral(30).optSeed(1).build()
                .sample(records(corpus), dev.debias.core.ProgressListener.NONE);
        BiasSubspace subspace;
        try (SentenceEncoder e = SentenceEncoder.of(PretrainedModel.load(toy.model().toString()), Pooling.MEAN, 32)) {
            subspace = BiasSubspaces.fromPairs(e.embed(PairSample.originals(sample.learn())),
                    e.embed(PairSample.counterfactuals(sample.learn())), 2);
        }
        try (SentenceEncoder e = SentenceEncoder.load(out.toString())) {
            assertNotNull(e.model().projection());
            List<String> texts = List.of("She likes her red car.", "He sees his dog.", "It has a table.", "Apple banana.");
            float[][] v = e.embed(texts);
            for (float[] row : v) {
                double norm = Math.sqrt(dot(row, row));
                for (float[] u : subspace.directions()) {
                    assertEquals(0, dot(row, u) / norm, 1e-4);
                }
            }
        }
        assertTrue(r.after().gap().meanCosineDistance().value() < r.before().gap().meanCosineDistance().value());
    }

    @Test
    void inlpDrivesTheProbeTowardChance() throws Exception {
        UpstreamResult r = quick(UpstreamMethod.INLP, dir.resolve("inlp")).build().run();
        Diagnostics.Nullspace n = assertInstanceOf(Diagnostics.Nullspace.class, r.diagnostics());
        assertEquals(List.of("female", "male"), n.classes());
        InlpIteration first = n.iterations().get(0);
        InlpIteration last = n.iterations().get(n.iterations().size() - 1);
        assertTrue(first.devAccuracy() > 0.9, "he/she should be linearly visible at first: " + first);
        assertTrue(last.devAccuracy() < first.devAccuracy());
        assertEquals(last.rankRemoved(), n.rankRemoved());
        assertTrue(n.rankRemoved() >= 1);
        // every vector was counted: two per usable pair, split 4:1 by pair
        assertEquals(n.trainVectors() + n.devVectors(), 2 * 60);
    }

    @Test
    void pruningSwitchesOffTheScoredUnitsAndRecordsThem() throws Exception {
        Path out = dir.resolve("heads");
        UpstreamResult r = quick(heads().withCount(1), out).build().run();
        Diagnostics.Pruning p = assertInstanceOf(Diagnostics.Pruning.class, r.diagnostics());
        assertEquals("head", p.unit());
        assertEquals(4, p.candidates());
        assertEquals(1, p.requested());
        float[] mask = SafeTensors.read(out.resolve("model.safetensors")).get(BertClassifier.HEAD_MASK).data();
        int zeros = 0;
        for (float v : mask) {
            zeros += v == 0f ? 1 : 0;
        }
        assertEquals(p.pruned().size(), zeros);
        for (UnitScore u : p.pruned()) {
            assertEquals(0f, mask[u.layer() * 2 + u.unit()]);
            assertTrue(u.score() > 0);
        }
        if (!p.pruned().isEmpty()) {
            assertTrue(p.gapAfter() < p.gapBefore() + 1e-9, p.gapBefore() + " -> " + p.gapAfter());
        }
        // ablation measures what the gradient estimates; both agree on the sign of the top head's effect
        UpstreamResult a = quick(heads().withCount(1)
                .withScoring(UnitPruning.Scoring.ABLATION), dir.resolve("heads-ablation")).build().run();
        Diagnostics.Pruning pa = assertInstanceOf(Diagnostics.Pruning.class, a.diagnostics());
        assertEquals("ablation", pa.scoring());
        assertEquals(4, pa.top().size());
        if (!pa.pruned().isEmpty()) {
            UnitScore best = pa.pruned().get(0);
            // the measured score is exactly the drop of the gap
            assertEquals(pa.gapBefore() - pa.gapAfter(), best.score(), 1e-6);
        }
    }

    @Test
    void neuronPruningByFraction() throws Exception {
        Path out = dir.resolve("neurons");
        UpstreamResult r = quick(neurons().withFraction(0.05), out).build().run();
        Diagnostics.Pruning p = assertInstanceOf(Diagnostics.Pruning.class, r.diagnostics());
        assertEquals(128, p.candidates());
        assertEquals(6, p.requested()); // round(0.05 x 128)
        assertEquals(p.requested(), p.pruned().size() + p.skipped());
        assertTrue(p.gapAfter() < p.gapBefore());
        assertThrows(IllegalArgumentException.class, () -> quick(neurons()
                .withScoring(UnitPruning.Scoring.ABLATION), dir.resolve("x")).build());
    }

    @Test
    void counterfactualContinuationClosesTheGap() throws Exception {
        UpstreamResult r = quick(continuation().withSteps(40), dir.resolve("cc")).build().run();
        Diagnostics.Alignment a = assertInstanceOf(Diagnostics.Alignment.class, r.diagnostics());
        assertEquals(40, a.steps());
        assertEquals(4, a.every10().size());
        assertTrue(a.last().alignment() < a.first().alignment());
        assertTrue(r.after().gap().meanCosineDistance().value() < r.before().gap().meanCosineDistance().value() / 2,
                r.before().gap() + " -> " + r.after().gap());
    }

    @Test
    void magnitudePruningReachesTheSparsityAndMarksTheModel() throws Exception {
        Path out = dir.resolve("mag");
        UpstreamResult r = quick(new MagnitudePruning(0.5, MagnitudePruning.Scope.LAYER), out)
                .build().run();
        Diagnostics.Sparsity s = assertInstanceOf(Diagnostics.Sparsity.class, r.diagnostics());
        assertEquals(0.5, s.achieved(), 1e-3);
        assertEquals("layer", s.scope());
        s.byMatrix().values().forEach(v -> assertEquals(0.5, v, 1e-3));
        Weights w = SafeTensors.read(out.resolve("model.safetensors"));
        assertEquals(0.5f, w.get(BertClassifier.WEIGHT_SPARSITY).data()[0]);
        float[] q = w.get("encoder.layer.0.attention.self.query.weight").data();
        int zeros = 0;
        for (float v : q) {
            zeros += v == 0f ? 1 : 0;
        }
        assertEquals(q.length / 2, zeros);
        // embeddings and LayerNorm are not pruned
        for (float v : w.get("embeddings.LayerNorm.weight").data()) {
            assertTrue(v != 0f);
        }
    }

    @Test
    void sameSeedSameDirectoryOtherSeedOtherSample() throws Exception {
        Path a = dir.resolve("det-a");
        Path b = dir.resolve("det-b");
        Path c = dir.resolve("det-c");
        quick(UpstreamMethod.SENTENCE_DEBIAS, a).build().run();
        quick(UpstreamMethod.SENTENCE_DEBIAS, b).build().run();
        quick(UpstreamMethod.SENTENCE_DEBIAS, c).optSeed(2).build().run();
        for (String f : List.of("model.safetensors", Upstream.UPSTREAM_JSON)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("model.safetensors")),
                Files.readAllBytes(c.resolve("model.safetensors"))));
    }

    @Test
    void interventionsStack() throws Exception {
        Path heads = dir.resolve("stack-heads");
        quick(heads().withCount(1), heads).build().run();
        Path both = dir.resolve("stack-both");
        Upstream.builder().setModel(heads.toString()).setIntervention(SentenceDebias.defaults()).setOut(both)
                .optCorpus(corpus).optLearnPairs(60).optHeldOutPairs(20).optMaxLength(32).optBootstrap(0)
                .optSeatTests(List.of()).build().run();
        Weights w = SafeTensors.read(both.resolve("model.safetensors"));
        assertArrayEquals(SafeTensors.read(heads.resolve("model.safetensors")).get(BertClassifier.HEAD_MASK).data(),
                w.get(BertClassifier.HEAD_MASK).data());
        assertNotNull(w.get(BertClassifier.PROJECTION));
        assertEquals(Pooling.MEAN, PretrainedModel.load(both.toString()).pooling());
    }

    @Test
    void anEvaluationCorpusSuppliesTheHeldOutPairs() throws Exception {
        UpstreamResult r = quick(UpstreamMethod.SENTENCE_DEBIAS, dir.resolve("eval-corpus")).optEvalCorpus(otherCorpus)
                .build().run();
        // the other corpus has 60 gendered sentences, fewer than the 20 asked for would limit... all 20 are taken
        assertEquals(20, r.data().get("held_out_pairs"));
        assertEquals(60, r.data().get("learn_pairs"));
        assertEquals(otherCorpus.toString(), r.data().get("eval_corpus"));
    }

    @Test
    void theEvaluationCorpusMayNameItsOwnTextField() throws Exception {
        StringBuilder jsonl = new StringBuilder();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 12; i++) {
            jsonl.append("{\"body\": \"").append(sentence(i % 2 == 0 ? "she" : "he", i % 2 == 0 ? "her" : "his", r))
                    .append("\"}\n");
        }
        Path bodies = Files.writeString(dir.resolve("bodies.jsonl"), jsonl);
        UpstreamResult r1 = quick(UpstreamMethod.SENTENCE_DEBIAS, dir.resolve("eval-field")).optEvalCorpus(bodies)
                .optEvalFields(new dev.debias.corpus.FieldMapping("body", null, List.of(), null)).build().run();
        assertEquals(12, r1.data().get("held_out_pairs"));
        assertEquals("body", r1.parameters().get("eval_text_field"));
        // without it, the evaluation corpus is read with the corpus's field, which it lacks
        assertThrows(dev.debias.corpus.CorpusFormatException.class, () -> quick(UpstreamMethod.SENTENCE_DEBIAS,
                dir.resolve("eval-field-2")).optEvalCorpus(bodies).build().run());
    }

    @Test
    void overlongSentencesAreSkippedAndCounted() throws Exception {
        String huge = "She said her " + "long ".repeat(PairSampler.DEFAULT_MAX_WORDS) + "day was good.";
        Path file = TinyBert.write(dir.resolve("huge.jsonl"), List.of(
                TinyBert.record("h1", huge + " He likes his dog.", "x", Map.of()),
                TinyBert.record("h2", "She has her cat. It is red.", "x", Map.of())));
        UpstreamResult r = quick(UpstreamMethod.SENTENCE_DEBIAS, dir.resolve("huge")).optCorpus(file).build().run();
        assertEquals(1L, ((Number) r.data().get("sentences_too_long")).longValue());
        assertEquals(3L, ((Number) r.data().get("sentences")).longValue());
        assertEquals(2L, ((Number) r.data().get("pairs_found")).longValue());
    }

    @Test
    void badInputIsNamed() throws Exception {
        Path out = dir.resolve("bad");
        quick(UpstreamMethod.MAGNITUDE_PRUNE, out).build().run();
        InvalidInputException again = assertThrows(InvalidInputException.class,
                () -> quick(UpstreamMethod.MAGNITUDE_PRUNE, out).build().run());
        assertTrue(again.getMessage().contains("already holds an upstream model"), again.getMessage());
        assertTrue(again.getMessage().contains("choose another " + Setting.OUT.mention()), again.getMessage());
        quick(UpstreamMethod.MAGNITUDE_PRUNE, out).optOverwrite(true).build().run();

        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> quick(UpstreamMethod.INLP, dir.resolve("m1")).optCorpus(dir.resolve("nope.jsonl")).build().run());
        assertTrue(missing.getMessage().contains("nope.jsonl"), missing.getMessage());

        Path neutralOnly = TinyBert.write(dir.resolve("neutral.jsonl"), List.of(
                TinyBert.record("n1", "It likes the red car.", "x", Map.of()),
                TinyBert.record("n2", "The dog sees a cat.", "x", Map.of())));
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> quick(UpstreamMethod.SENTENCE_DEBIAS, dir.resolve("m2")).optCorpus(neutralOnly).build().run());
        assertTrue(none.getMessage().contains("no sentence with a gender term"), none.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Upstream.builder().setModel("x").build());
        assertThrows(IllegalArgumentException.class, () -> quick(MagnitudePruning.defaults().withSparsity(1.0), out).build());
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> UpstreamMethod.parse("prune"));
        assertTrue(unknown.getMessage().contains("prune-heads"), unknown.getMessage());
    }

    @Test
    void sentenceDebiasRefusesMoreDirectionsThanTheModelIsWide() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> quick(new SentenceDebias(10_000), dir.resolve("wide")).optBootstrap(0).optSeatTests(List.of())
                        .build().run());
        assertTrue(e.getMessage().startsWith(Setting.DIRECTIONS.mention() + " 10000 exceeds the model's width "),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("wide").resolve(Upstream.UPSTREAM_JSON)));
    }

    @Test
    void anAnchoredContinuationNeedsNeutralSentences() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> quick(continuation(), dir.resolve("anchor")).optNeutral(0).build());
        assertTrue(e.getMessage().contains("the anchor needs neutral sentences"), e.getMessage());
        quick(continuation().withAnchorWeight(0), dir.resolve("anchor")).optNeutral(0).build();
        assertThrows(IllegalArgumentException.class, () -> quick(SentenceDebias.defaults(), dir.resolve("x"))
                .optMaxLength(2).build());
    }

    @Test
    void theDemoCorpusIsTheDefault() throws Exception {
        UpstreamResult r = Upstream.builder().setModel(toy.model().toString()).setIntervention(MagnitudePruning.defaults())
                .setOut(dir.resolve("demo")).optLearnPairs(20).optHeldOutPairs(5).optNeutral(5).optMaxLength(32)
                .optBootstrap(0).optSeatTests(List.of()).build().run();
        assertEquals("demo:bios", r.data().get("corpus"));
        assertEquals((long) Upstream.DEMO_RECORDS, ((Number) r.data().get("records")).longValue());
        assertNull(PretrainedModel.load(toy.model().toString()).pooling());
    }

    private static java.util.Iterator<Record> records(Path file) {
        List<Record> all = new ArrayList<>();
        try (var r = dev.debias.corpus.CorpusReaders.open(file)) {
            r.forEachRemaining(all::add);
        }
        return all.iterator();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
