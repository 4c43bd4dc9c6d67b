package dev.debias.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The intervention records: defaults, validation, the method each names and the parameters it records. */
class InterventionsTest {
    @Test
    void sentenceDebias() {
        assertEquals(new SentenceDebias(1), SentenceDebias.defaults());
        assertEquals(UpstreamMethod.SENTENCE_DEBIAS, new SentenceDebias(3).method());
        assertEquals(Map.of("directions", "3"), new SentenceDebias(3).parameters());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SentenceDebias(0));
        assertTrue(e.getMessage().contains("directions 0"), e.getMessage());
    }

    @Test
    void inlp() {
        Inlp d = Inlp.defaults();
        assertEquals(35, d.maxIterations());
        assertEquals(0.02, d.tolerance());
        assertEquals(UpstreamMethod.INLP, d.method());
        assertEquals(List.of("inlp_iterations", "inlp_tolerance"), List.copyOf(d.parameters().keySet()));
        assertEquals(Map.of("inlp_iterations", "5", "inlp_tolerance", "0.1"),
                d.withMaxIterations(5).withTolerance(0.1).parameters());
        assertThrows(IllegalArgumentException.class, () -> d.withMaxIterations(0));
        assertThrows(IllegalArgumentException.class, () -> d.withTolerance(-0.01));
        assertThrows(IllegalArgumentException.class, () -> d.withTolerance(1.5));
        assertThrows(IllegalArgumentException.class, () -> d.withTolerance(Double.NaN));
    }

    @Test
    void unitPruningNamesTheMethodOfItsUnit() {
        assertEquals(UpstreamMethod.PRUNE_HEADS, UnitPruning.heads().method());
        assertEquals(UpstreamMethod.PRUNE_NEURONS, UnitPruning.neurons().method());
        assertEquals(UnitPruning.Scoring.GRADIENT, UnitPruning.heads().scoring());
        // ablation is for heads only
        assertEquals(UnitPruning.Scoring.ABLATION, UnitPruning.heads().withScoring(UnitPruning.Scoring.ABLATION).scoring());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UnitPruning.neurons().withScoring(UnitPruning.Scoring.ABLATION));
        assertTrue(e.getMessage().contains("neurons are scored by gradient"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UnitPruning.heads().withFraction(0));
        assertThrows(IllegalArgumentException.class, () -> UnitPruning.heads().withFraction(1.01));
        assertThrows(IllegalArgumentException.class, () -> UnitPruning.heads().withCount(-1));
        assertThrows(IllegalArgumentException.class, () -> UnitPruning.heads().withBatchSize(0));
    }

    @Test
    void unitPruningAsksForTheCountOrTheRoundedFraction() {
        UnitPruning p = UnitPruning.neurons().withFraction(0.05);
        assertEquals(6, p.requested(128)); // 6.4
        assertEquals(1, p.withFraction(0.125).requested(4)); // 0.5 rounds up
        assertEquals(0, p.withFraction(0.1).requested(4)); // 0.4 rounds down
        assertEquals(3, p.withCount(3).requested(128));
        // the record says which of the two decided
        assertEquals(Map.of("fraction", "0.05", "count", "", "scoring", "gradient", "batch_size", "16"), p.parameters());
        assertEquals(Map.of("fraction", "", "count", "3", "scoring", "ablation", "batch_size", "8"), UnitPruning.heads()
                .withCount(3).withScoring(UnitPruning.Scoring.ABLATION).withBatchSize(8).parameters());
    }

    @Test
    void counterfactualContinuation() {
        CounterfactualContinuation d = CounterfactualContinuation.defaults();
        assertEquals(new CounterfactualContinuation(100, 16, 2e-5, 1.0), d);
        assertEquals(UpstreamMethod.COUNTERFACTUAL_CONTINUE, d.method());
        assertEquals(Map.of("steps", "3", "batch_size", "4", "learning_rate", "0.001", "anchor_weight", "0.0"),
                d.withSteps(3).withBatchSize(4).withLearningRate(1e-3).withAnchorWeight(0).parameters());
        assertTrue(d.anchored());
        assertFalse(d.withAnchorWeight(0).anchored());
        assertThrows(IllegalArgumentException.class, () -> d.withSteps(0));
        assertThrows(IllegalArgumentException.class, () -> d.withBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> d.withLearningRate(0));
        assertThrows(IllegalArgumentException.class, () -> d.withAnchorWeight(-1));
    }

    @Test
    void continuationDiagnosticsKeepEveryTenthStepAndTheLast() {
        List<AlignmentStep> steps = new ArrayList<>();
        for (int s = 1; s <= 25; s++) {
            steps.add(new AlignmentStep(s, 1.0 / s, 0, 1.0 / s));
        }
        Diagnostics.Alignment a = CounterfactualContinuation.diagnostics(steps);
        assertEquals(25, a.steps());
        assertSame(steps.get(0), a.first());
        assertSame(steps.get(24), a.last());
        assertEquals(List.of(10, 20, 25), a.every10().stream().map(AlignmentStep::step).toList());
        // a multiple of ten is not listed twice
        assertEquals(List.of(10, 20), CounterfactualContinuation.diagnostics(steps.subList(0, 20)).every10().stream()
                .map(AlignmentStep::step).toList());
    }

    @Test
    void magnitudePruning() {
        MagnitudePruning d = MagnitudePruning.defaults();
        assertEquals(new MagnitudePruning(0.3, MagnitudePruning.Scope.GLOBAL), d);
        assertEquals(UpstreamMethod.MAGNITUDE_PRUNE, d.method());
        assertEquals(Map.of("sparsity", "0.5", "scope", "layer"),
                d.withSparsity(0.5).withScope(MagnitudePruning.Scope.LAYER).parameters());
        assertEquals(0.0, d.withSparsity(0).sparsity());
        assertThrows(IllegalArgumentException.class, () -> d.withSparsity(1.0));
        assertThrows(IllegalArgumentException.class, () -> d.withSparsity(-0.1));
        assertThrows(NullPointerException.class, () -> d.withScope(null));
    }

    @Test
    void inlpLabelsBothSidesOfEveryPairInStackedOrder() {
        List<SentencePair> pairs = List.of(new SentencePair("She runs.", "He runs.", "female", "male"),
                new SentencePair("His cat.", "Her cat.", "male", "female"),
                new SentencePair("He is.", "She is.", "male", "female"));
        assertArrayEquals(new int[] {0, 1, 1, 1, 0, 0}, Inlp.labels(pairs, List.of("female", "male")));
        float[][] a = {{1, 2}, {3, 4}};
        float[][] c = {{5, 6}};
        float[][] s = Inlp.stack(a, c);
        assertEquals(3, s.length);
        assertSame(a[1], s[1]);
        assertSame(c[0], s[2]);
    }

    @Test
    void everyMethodHasOneRecord() {
        List<Intervention<?>> all = List.of(SentenceDebias.defaults(), Inlp.defaults(), UnitPruning.heads(),
                UnitPruning.neurons(), CounterfactualContinuation.defaults(), MagnitudePruning.defaults());
        assertEquals(List.of(UpstreamMethod.values()), all.stream().map(Intervention::method).toList());
    }
}
