package dev.debias.upstream;

import dev.debias.finetune.train.SentenceEncoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counterfactual alignment on the tiny BERT: the gap on the training pairs falls while the neutral
 * texts' vectors stay put, the same seed gives the same weights, the model's edits survive, and the
 * builder refuses what it cannot train.
 */
class AlignmentTrainerTest {
    private static final List<String> ORIGINALS = GapGradientsTest.ORIGINALS;
    private static final List<String> COUNTERFACTUALS = GapGradientsTest.COUNTERFACTUALS;
    /** Texts without a gendered word. */
    private static final List<String> NEUTRAL = List.of(
            "The dog likes the cat.",
            "A big red car is in the city.",
            "The old tree was by the river.",
            "This book is very good.",
            "The bird eats in the morning.",
            "Their house has a blue table.",
            "We see a small yellow bird today.",
            "It was a bad night and a sad day.");

    @TempDir
    static Path dir;

    private static PretrainedModel pre;

    @BeforeAll
    static void load() throws Exception {
        pre = PretrainedModel.load(TinyBert.writeModel(dir.resolve("m"), 5).toString());
    }

    /** The model with other weights (same tokenizer and shape). */
    private static PretrainedModel with(Weights w) {
        return new PretrainedModel("aligned", pre.config(), w, pre.tokenizerJson(), "-", null);
    }

    private static float[][] embed(PretrainedModel m, List<String> texts) throws Exception {
        try (SentenceEncoder e = SentenceEncoder.of(m, Pooling.MEAN, 32)) {
            return e.embed(texts);
        }
    }

    private static double gap(PretrainedModel m) throws Exception {
        try (SentenceEncoder e = SentenceEncoder.of(m, Pooling.MEAN, 32)) {
            return GapGradientsTest.gap(e, ORIGINALS, COUNTERFACTUALS);
        }
    }

    private static double norm(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    /** The largest ||f(n) - f0(n)|| / ||f0(n)|| over the texts. */
    private static double maxRelativeDrift(float[][] before, float[][] after) {
        double max = 0;
        for (int i = 0; i < before.length; i++) {
            float[] d = new float[before[i].length];
            for (int j = 0; j < d.length; j++) {
                d[j] = after[i][j] - before[i][j];
            }
            max = Math.max(max, norm(d) / norm(before[i]));
        }
        return max;
    }

    private static AlignmentTrainer.Builder trainer() {
        return AlignmentTrainer.builder().setModel(pre).setPairs(ORIGINALS, COUNTERFACTUALS).optNeutral(NEUTRAL)
                .optLearningRate(1e-3);
    }

    private static void assertSameWeights(Weights a, Weights b) {
        assertEquals(a.all().keySet(), b.all().keySet());
        for (String name : a.all().keySet()) {
            assertArrayEquals(a.get(name).shape(), b.get(name).shape(), name);
            assertTrue(Arrays.equals(a.get(name).data(), b.get(name).data()), name);
        }
    }

    @Test
    void theGapFallsAndNeutralVectorsStayClose() throws Exception {
        double before = gap(pre);
        float[][] neutralBefore = embed(pre, NEUTRAL);
        AlignmentResult r = trainer().optSteps(60).build().run();
        assertEquals(60, r.steps().size());
        assertEquals(1, r.steps().get(0).step());
        assertEquals(60, r.steps().get(59).step());
        for (AlignmentStep s : r.steps()) {
            assertTrue(Double.isFinite(s.loss()), s.toString());
            assertEquals(s.alignment() + s.anchor(), s.loss(), 1e-6, "anchor weight 1: " + s);
        }
        // all 12 pairs are in every batch (batch 16), so step 1's alignment is the gap before training
        assertEquals(before, r.steps().get(0).alignment(), 1e-5);
        assertEquals(0, r.steps().get(0).anchor(), 1e-9, "no drift before the first update");

        // measured: the gap falls from 8.7e-3 to about 4e-6, the neutral vectors move by 0.3% at most
        PretrainedModel aligned = with(r.weights());
        double after = gap(aligned);
        assertTrue(after < before / 2, "gap " + before + " -> " + after);
        double drift = maxRelativeDrift(neutralBefore, embed(aligned, NEUTRAL));
        assertTrue(drift < 0.1, "neutral drift " + drift);

        // the bound means something: without the anchor the same training moves them by about 100%
        AlignmentResult free = trainer().optSteps(60).optAnchorWeight(0).build().run();
        for (AlignmentStep s : free.steps()) {
            assertEquals(0, s.anchor());
        }
        PretrainedModel unanchored = with(free.weights());
        assertTrue(gap(unanchored) < before / 2);
        double freeDrift = maxRelativeDrift(neutralBefore, embed(unanchored, NEUTRAL));
        assertTrue(freeDrift > 0.3 && freeDrift > 10 * drift, "drift without anchor " + freeDrift + ", with " + drift);
        // the encoder's parameters, all of them, and nothing else (no head, no pooler, no edits)
        assertEquals(TinyBert.randomWeights(5).all().keySet(), r.weights().all().keySet());
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() throws Exception {
        // batches of 4 of 12 pairs and 8 neutral texts: the seed picks which
        AlignmentResult a = trainer().optSteps(8).optBatchSize(4).optSeed(3).build().run();
        AlignmentResult b = trainer().optSteps(8).optBatchSize(4).optSeed(3).build().run();
        AlignmentResult c = trainer().optSteps(8).optBatchSize(4).optSeed(4).build().run();
        assertSameWeights(a.weights(), b.weights());
        assertEquals(a.steps(), b.steps());
        String name = "encoder.layer.1.output.dense.weight";
        assertTrue(!Arrays.equals(a.weights().get(name).data(), c.weights().get(name).data()), "seed 4 differs from seed 3");
        assertTrue(!a.steps().equals(c.steps()));
        // and training changed the weights
        assertTrue(!Arrays.equals(pre.weights().get(name).data(), a.weights().get(name).data()));
    }

    @Test
    void theModelsEditsSurvive() throws Exception {
        Weights w = new Weights();
        pre.weights().all().forEach((k, t) -> w.put(k, t.shape(), t.data()));
        int h = pre.config().hiddenSize();
        float[] projection = new float[h * h];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < projection.length; i++) {
            projection[i] = (float) (random.nextGaussian() / Math.sqrt(h));
        }
        float[] headMask = {1, 1, 0, 1};
        w.put(BertClassifier.PROJECTION, new long[] {h, h}, projection);
        w.put(BertClassifier.HEAD_MASK, new long[] {2, 2}, headMask);
        AlignmentResult r = AlignmentTrainer.builder().setModel(with(w)).setPairs(ORIGINALS, COUNTERFACTUALS)
                .optNeutral(NEUTRAL).optLearningRate(1e-3).optSteps(3).build().run();
        assertNotNull(r.weights().get(BertClassifier.PROJECTION), "the projection is in the result");
        assertArrayEquals(projection, r.weights().get(BertClassifier.PROJECTION).data());
        assertArrayEquals(headMask, r.weights().get(BertClassifier.HEAD_MASK).data());
        assertEquals(null, r.weights().get(BertClassifier.NEURON_MASK));
        // the edits applied in training: step 1's alignment is the gap of the edited model
        try (SentenceEncoder e = SentenceEncoder.of(with(w), Pooling.MEAN, 32)) {
            double edited = GapGradientsTest.gap(e, ORIGINALS, COUNTERFACTUALS);
            assertEquals(edited, r.steps().get(0).alignment(), 1e-5);
            assertTrue(Math.abs(edited - gap(pre)) > 1e-6);
        }
    }

    @Test
    void aMagnitudePrunedModelStaysPruned() throws Exception {
        // zero the smaller half of layer 1's intermediate weights and mark the model pruned
        String name = "encoder.layer.1.intermediate.dense.weight";
        Weights w = new Weights();
        pre.weights().all().forEach((k, t) -> w.put(k, t.shape(), t.data().clone()));
        float[] d = w.get(name).data();
        float[] sorted = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            sorted[i] = Math.abs(d[i]);
        }
        Arrays.sort(sorted);
        float median = sorted[d.length / 2];
        for (int i = 0; i < d.length; i++) {
            if (Math.abs(d[i]) < median) {
                d[i] = 0f;
            }
        }
        w.put(BertClassifier.WEIGHT_SPARSITY, new long[] {1}, new float[] {0.5f});
        AlignmentResult r = AlignmentTrainer.builder().setModel(with(w)).setPairs(ORIGINALS, COUNTERFACTUALS)
                .optNeutral(NEUTRAL).optLearningRate(1e-3).optSteps(5).build().run();
        float[] after = r.weights().get(name).data();
        int changed = 0;
        for (int i = 0; i < d.length; i++) {
            assertEquals(d[i] == 0f, after[i] == 0f, name + "[" + i + "]: " + d[i] + " -> " + after[i]);
            changed += d[i] != after[i] ? 1 : 0;
        }
        assertTrue(changed > d.length / 4, "the kept weights trained: " + changed);
        assertArrayEquals(new float[] {0.5f}, r.weights().get(BertClassifier.WEIGHT_SPARSITY).data());
    }

    @Test
    void theBuilderRefusesWhatItCannotTrain() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlignmentTrainer.builder().setModel(pre).optNeutral(NEUTRAL).build());
        assertTrue(e.getMessage().contains("setPairs"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AlignmentTrainer.builder().setPairs(ORIGINALS, COUNTERFACTUALS).optNeutral(NEUTRAL).build());
        assertThrows(IllegalArgumentException.class,
                () -> trainer().setPairs(List.of(), List.of()).build());
        assertThrows(IllegalArgumentException.class,
                () -> trainer().setPairs(ORIGINALS, COUNTERFACTUALS.subList(0, 5)).build());
        // an anchor (default weight 1) without neutral texts
        e = assertThrows(IllegalArgumentException.class,
                () -> AlignmentTrainer.builder().setModel(pre).setPairs(ORIGINALS, COUNTERFACTUALS).build());
        assertTrue(e.getMessage().contains("neutral"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trainer().optNeutral(List.of()).optAnchorWeight(0.5).build());
        assertThrows(IllegalArgumentException.class, () -> trainer().optSteps(0).build());
        assertThrows(IllegalArgumentException.class, () -> trainer().optBatchSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> trainer().optLearningRate(0).build());
        assertThrows(IllegalArgumentException.class, () -> trainer().optAnchorWeight(-1).build());
        assertThrows(IllegalArgumentException.class, () -> trainer().optMaxLength(2).build());
        // without an anchor no neutral texts are needed
        AlignmentTrainer.builder().setModel(pre).setPairs(ORIGINALS, COUNTERFACTUALS).optAnchorWeight(0).build();
        trainer().build();
    }
}
