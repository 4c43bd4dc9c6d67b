package dev.debias.evaluate.paired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.evaluate.counterfactual.CounterfactualOutcomes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paired differences of flip rates on tiny sets whose numbers are worked out by hand. */
class PairedFlipsTest {
    /** A run over records r1..rn: flipped where {@code flips} has 1, with the given signed changes. */
    static FlipRecords run(String name, String prefix, String flips, double... changes) {
        int n = flips.length();
        List<String> ids = new ArrayList<>();
        long[] ordinals = new long[n];
        boolean[] f = new boolean[n];
        for (int i = 0; i < n; i++) {
            ids.add(prefix + (i + 1));
            ordinals[i] = i;
            f[i] = flips.charAt(i) == '1';
        }
        double[] c = changes.length == 0 ? new double[n] : changes;
        return new FlipRecords(name, CounterfactualOutcomes.of(ids, ordinals, f, c, Collections.nCopies(n, "female")));
    }

    private static Map<String, List<FlipRecords>> cells(List<FlipRecords> a, List<FlipRecords> b) {
        Map<String, List<FlipRecords>> m = new LinkedHashMap<>();
        m.put("A", a);
        m.put("B", b);
        return m;
    }

    /*
     * A flips r1, r2 (rate 2/4 = 0.5), B flips r1 (1/4 = 0.25): A - B = 0.25. The per-record differences are
     * 0, 1, 0, 0, so a replicate's difference is (times r2 is drawn) / 4, with the count ~ Binomial(4, 1/4):
     * P(0) = 0.316, P(1) = 0.422, P(2) = 0.211, P(3) = 0.047, P(4) = 0.004. The 2.5th percentile lies in the
     * mass at 0 (0.316 > 0.025) and the 97.5th at 3/4 (P(<= 2) = 0.949 < 0.975 < P(<= 3) = 0.996): [0, 0.75].
     * Every replicate is >= 0 and 31.6% are <= 0, so p = 2 (1 + 0.316 B) / (B + 1) = 0.632 (about +-0.02 at
     * B = 2000). Mean absolute change: A (0.4 + 0.2 + 0.1 + 0) / 4 = 0.175, B (0.1 x 4) / 4 = 0.1, A - B = 0.075.
     */
    @Test
    void aHandWorkedPairedDifference() {
        FlipRecords a = run("a", "r", "1100", -0.4, -0.2, 0.1, 0.0);
        FlipRecords b = run("b", "r", "1000", -0.1, 0.1, -0.1, 0.1);
        PairedFlips p = PairedFlips.of(cells(List.of(a), List.of(b)), 2000, 3);
        PairedEffect d = p.difference("A", "B", PairedFlips.FLIP_RATE);
        assertEquals(0.25, d.difference().value(), 1e-12);
        assertEquals(0.0, d.difference().low(), 1e-12, d.toString());
        assertEquals(0.75, d.difference().high(), 1e-12, d.toString());
        assertEquals(0.632, d.pValue(), 0.03, d.toString());
        assertEquals("paired bootstrap over 4 records with a counterfactual (2000 replicates)", d.method());
        assertEquals(0.075, p.difference("A", "B", PairedFlips.MEAN_ABS_CHANGE).difference().value(), 1e-6);
    }

    @Test
    void runsOnDifferentRecordsAreNotShared() {
        FlipRecords a = run("a", "r", "1100");
        assertNull(FlipRecords.notShared(List.of(a, run("b", "r", "0000"))));
        assertEquals("test record 1 is 'r1' in a but 'x1' in b", FlipRecords.notShared(List.of(a, run("b", "x", "1100"))));
        assertEquals("a has 4 test records, b 3", FlipRecords.notShared(List.of(a, run("b", "r", "110"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PairedFlips.of(cells(List.of(a), List.of(run("b", "x", "1100"))), 100, 1));
        assertTrue(e.getMessage().contains("'r1' in a but 'x1' in b"), e.getMessage());
    }

    @Test
    void theSameSeedGivesTheSameEffectAndAnotherSeedAnother() {
        FlipRecords a = run("a", "r", "1101001011");
        FlipRecords b = run("b", "r", "1000001001");
        PairedEffect one = PairedFlips.of(cells(List.of(a), List.of(b)), 300, 5).difference("A", "B", PairedFlips.FLIP_RATE);
        PairedEffect two = PairedFlips.of(cells(List.of(a), List.of(b)), 300, 5).difference("A", "B", PairedFlips.FLIP_RATE);
        assertEquals(one, two);
        PairedEffect other = PairedFlips.of(cells(List.of(a), List.of(b)), 300, 6).difference("A", "B", PairedFlips.FLIP_RATE);
        assertNotEquals(one.pValue(), other.pValue(), "the seed drives the resample");
    }

    /*
     * A cell of two seeds: the point is the mean of their rates. With two identical seeds every seed draw gives
     * the same mean, and the records are drawn before the seeds in each replicate, so the interval is exactly the
     * single run's; with different seeds the seed level adds spread.
     */
    @Test
    void severalSeedsPerCellAreResampledAtTwoLevels() {
        FlipRecords a = run("a", "r", "1101001011");    // 6 of 10
        FlipRecords a2 = run("a2", "r", "0100001010");  // 3 of 10
        FlipRecords b = run("b", "r", "1000001001");    // 3 of 10
        PairedEffect single = PairedFlips.of(cells(List.of(a), List.of(b)), 400, 9).difference("A", "B", PairedFlips.FLIP_RATE);
        PairedEffect twins = PairedFlips.of(cells(List.of(a, a), List.of(b)), 400, 9).difference("A", "B", PairedFlips.FLIP_RATE);
        assertEquals(single.difference(), twins.difference());
        assertTrue(twins.method().contains("seeds resampled within each cell first (2 and 1 seeds)"), twins.method());
        PairedEffect pooled = PairedFlips.of(cells(List.of(a, a2), List.of(b)), 400, 9).difference("A", "B", PairedFlips.FLIP_RATE);
        assertEquals((0.6 + 0.3) / 2 - 0.3, pooled.difference().value(), 1e-12);
    }

    @Test
    void unknownMeasuresAndEmptyCellsAreRefused() {
        FlipRecords a = run("a", "r", "10");
        assertThrows(IllegalArgumentException.class, () -> PairedFlips.of(cells(List.of(a), List.of()), 10, 1));
        assertThrows(IllegalArgumentException.class,
                () -> PairedFlips.of(cells(List.of(a), List.of(a)), 10, 1).difference("A", "B", "accuracy"));
    }
}
