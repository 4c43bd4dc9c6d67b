package dev.debias.evaluate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.counterfactual.CounterfactualFile;
import dev.debias.evaluate.counterfactual.CounterfactualOutcomes;
import dev.debias.evaluate.counterfactual.CounterfactualResult;
import dev.debias.evaluate.counterfactual.FlipStatistics;
import dev.debias.evaluate.paired.PairedEffect;
import dev.debias.evaluate.paired.PairedFlips;
import dev.debias.stats.Estimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paired flip-rate difference of {@code evaluate compare}, from two runs' {@code counterfactual.jsonl}. */
class PairedComparisonTest {
    @TempDir
    Path dir;

    /**
     * A run directory holding only {@code counterfactual.jsonl}, and its evaluation: a counterfactual test on {@code axis} over the
     * records {@code ids}, flipped where {@code flips} has 1, each swapped in direction {@code directions[i]}.
     */
    private Evaluation run(String name, String axis, List<String> ids, String flips, List<String> directions)
            throws IOException {
        int n = ids.size();
        long[] ordinals = new long[n];
        boolean[] f = new boolean[n];
        for (int i = 0; i < n; i++) {
            ordinals[i] = i;
            f[i] = flips.charAt(i) == '1';
        }
        Path d = Files.createDirectories(dir.resolve(name));
        CounterfactualFile.write(CounterfactualOutcomes.of(ids, ordinals, f, new double[n], directions),
                d.resolve(CounterfactualFile.FILE));
        long flipped = flips.chars().filter(c -> c == '1').count();
        Estimate rate = Estimate.of((double) flipped / n, 0, 1);
        return new Evaluation(Evaluation.SCHEMA, null, Map.of(), Map.of(), Map.of(), List.of(), "no group field given",
                new CounterfactualResult(axis, n, new FlipStatistics(FlipStatistics.ALL, n, flipped, rate, rate),
                        List.of(), List.of(), 1000, 1), List.of(), null, null, List.of(), Map.of());
    }

    private PairedComparison compare(List<Evaluation> runs, int bootstrap) {
        List<String> names = List.of("a", "b");
        return PairedComparison.of(names, names.stream().map(dir::resolve).toList(), runs, null, bootstrap, 3);
    }

    private static final List<String> IDS = List.of("r1", "r2", "r3", "r4");
    private static final List<String> WAYS = List.of("jewish->christian", "christian->jewish", "jewish->christian",
            "jewish->christian");

    /*
     * a flips r1, r2 (2/4 = 0.5), b flips r1 (1/4 = 0.25): b - a = -0.25. The per-record differences b - a are
     * 0, -1, 0, 0, so a replicate's difference is -(times r2 is drawn) / 4, the count ~ Binomial(4, 1/4):
     * P(0) = 0.316, P(1) = 0.422, P(2) = 0.211, P(3) = 0.047, P(4) = 0.004. The 97.5th percentile lies in the mass at
     * 0 (P(0) = 0.316 > 0.025 from the top) and the 2.5th at -3/4 (P(count >= 3) = 0.051 > 0.025 > P(count = 4) =
     * 0.004): [-0.75, 0]. 31.6% of replicates are >= 0 and all are <= 0, so p = 2 (1 + 0.316 B) / (B + 1) = 0.632
     * (about +-0.03 at B = 2000). The only effect with a p-value: Holm's adjustment of one p is the p itself.
     */
    @Test
    void twoRunsOverTheSameRecordsAndDirectionsGetThePairedFlipRateDifference() throws IOException {
        PairedComparison p = compare(List.of(run("a", "religion", IDS, "1100", WAYS),
                run("b", "religion", IDS, "1000", WAYS)), 2000);
        assertEquals("a has no group metrics", p.notPaired());
        assertNull(p.flipsNotPaired());
        assertEquals("a", p.baseline());
        assertEquals(1, p.effects().size());
        PairedEffect e = p.effects().get(0);
        assertEquals("b", e.first());
        assertEquals("a", e.second());
        assertEquals(PairedFlips.FLIP_RATE, e.measure());
        assertEquals(-0.25, e.difference().value(), 1e-12);
        assertEquals(-0.75, e.difference().low(), 1e-12, e.toString());
        assertEquals(0.0, e.difference().high(), 1e-12, e.toString());
        assertEquals(0.632, e.pValue(), 0.03, e.toString());
        assertEquals(e.pValue(), e.holm(), 1e-12, "one p-value: Holm leaves it as it is");
        assertEquals("paired bootstrap over 4 records with a counterfactual (2000 replicates)", e.method());
    }

    @Test
    void withoutReplicatesTheDifferenceHasNoPValueAndNoHolm() throws IOException {
        // b - a = 0.25 - 0.5 = -0.25 as above; no replicates, so no interval and no p-value to adjust
        PairedComparison p = compare(List.of(run("a", "religion", IDS, "1100", WAYS),
                run("b", "religion", IDS, "1000", WAYS)), 0);
        PairedEffect e = p.effects().get(0);
        assertEquals(-0.25, e.difference().value(), 1e-12);
        assertEquals(Double.NaN, e.pValue());
        assertNull(e.holm());
    }

    @Test
    void runsOverOtherRecordsOrDirectionsOrAxesAreNotPairedAndSaySo() throws IOException {
        Evaluation a = run("a", "religion", IDS, "1100", WAYS);
        PairedComparison ids = compare(List.of(a, run("b", "religion", List.of("r1", "r2", "r3", "x4"), "1000",
                WAYS)), 100);
        assertEquals("test record 4 is 'r4' in a but 'x4' in b", ids.flipsNotPaired());
        assertEquals(List.of(), ids.effects());
        assertNull(ids.baseline(), "nothing is paired");

        List<String> otherWays = new ArrayList<>(WAYS);
        otherWays.set(2, "christian->jewish");
        PairedComparison ways = compare(List.of(a, run("b", "religion", IDS, "1000", otherWays)), 100);
        assertEquals("test record 3 ('r3') is swapped jewish->christian in a but christian->jewish in b",
                ways.flipsNotPaired());
        assertEquals(List.of(), ways.effects());

        PairedComparison axes = compare(List.of(a, run("b", "orientation", IDS, "1000", WAYS)), 100);
        assertEquals("a tested axis religion, b axis orientation", axes.flipsNotPaired());

        Evaluation b = run("b", "religion", IDS, "1000", WAYS);
        Files.delete(dir.resolve("b").resolve(CounterfactualFile.FILE));
        PairedComparison none = compare(List.of(a, b), 100);
        assertEquals("b has no counterfactual.jsonl beside its metrics.json (no counterfactual test)",
                none.flipsNotPaired());
        assertEquals(List.of(), none.effects());
    }
}
