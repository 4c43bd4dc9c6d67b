package dev.debias.evaluate.paired;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.evaluate.counterfactual.CounterfactualOutcomes;
import dev.debias.stats.Coverage;
import dev.debias.stats.Estimate;
import dev.debias.stats.Proportions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simulation check of {@link PairedFlips} ({@link Coverage}): two models tested on the same N records, whose
 * flips are correlated through a record-level latent fragility u ~ N(0, 1) and a shared uniform. Model A flips
 * record i when V_i < sigmoid(-1.2 + 1.5 u_i), model B when W_i < sigmoid(-1.8 + 1.5 u_i), W_i = V_i with
 * probability 0.7 and a fresh uniform otherwise (so W_i is uniform, and each model's flip probability given u is
 * as written). The true difference of flip rates is E[sigmoid(-1.2 + 1.5 u) - sigmoid(-1.8 + 1.5 u)], by
 * quadrature over u.
 */
class PairedFlipsCoverageTest {
    static final int N = 400;
    static final int REPLICATES = 500;

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** E[sigmoid(a + 1.5 u) - sigmoid(b + 1.5 u)] for u ~ N(0, 1), by Simpson's rule on [-10, 10]. */
    static double truth(double a, double b) {
        int k = 4000;
        double h = 20.0 / k;
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            double u = -10 + i * h;
            double f = (sigmoid(a + 1.5 * u) - sigmoid(b + 1.5 * u)) * Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI);
            sum += f * (i == 0 || i == k ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    /** One trial's two runs, [A, B]. */
    static FlipRecords[] draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] fa = new boolean[N];
        boolean[] fb = new boolean[N];
        List<String> ids = new ArrayList<>();
        long[] ordinals = new long[N];
        for (int i = 0; i < N; i++) {
            double u = r.nextGaussian();
            double v = r.nextDouble();
            double w = r.nextDouble() < 0.7 ? v : r.nextDouble();
            fa[i] = v < sigmoid(-1.2 + 1.5 * u);
            fb[i] = w < sigmoid(-1.8 + 1.5 * u);
            ids.add("r" + i);
            ordinals[i] = i;
        }
        List<String> groups = Collections.nCopies(N, "female");
        return new FlipRecords[] {new FlipRecords("a", CounterfactualOutcomes.of(ids, ordinals, fa, new double[N], groups)),
                new FlipRecords("b", CounterfactualOutcomes.of(ids, ordinals, fb, new double[N], groups))};
    }

    static long flips(FlipRecords r) {
        long k = 0;
        for (int i = 0; i < r.outcomes().size(); i++) {
            k += r.outcomes().flipped(i) ? 1 : 0;
        }
        return k;
    }

    /**
     * The recipes' unpaired fallback: each run's Wilson interval, its se = width / (2 x 1.96), and a normal
     * interval of the difference with se = sqrt(se_a^2 + se_b^2).
     */
    static double unpairedWidth(FlipRecords a, FlipRecords b) {
        Estimate ea = Proportions.wilson(flips(a), N);
        Estimate eb = Proportions.wilson(flips(b), N);
        double sa = (ea.high() - ea.low()) / (2 * Proportions.Z95);
        double sb = (eb.high() - eb.low()) / (2 * Proportions.Z95);
        return 2 * Proportions.Z95 * Math.sqrt(sa * sa + sb * sb);
    }

    @Test
    void thePairedFlipRateDifferenceCoversTheTruthAndIsNarrowerThanTheUnpaired() {
        double truth = truth(-1.2, -1.8);   // about 0.08: A flips about 0.29 of records, B about 0.21
        assertTrue(truth > 0.05 && truth < 0.12, "the design's truth: " + truth);
        double[] widths = new double[2];
        Coverage.Result r = Coverage.intervals("paired flip rate A - B", 400, 21, seed -> {
            FlipRecords[] ab = draw(seed);
            PairedEffect d = PairedFlips.of(Map.of("A", List.of(ab[0]), "B", List.of(ab[1])), REPLICATES, ~seed)
                    .difference("A", "B", PairedFlips.FLIP_RATE);
            if (d.difference().low() != null) {
                widths[0] += d.difference().high() - d.difference().low();
            }
            widths[1] += unpairedWidth(ab[0], ab[1]);
            return new Coverage.Trial(truth, d.difference());
        });
        System.out.println(r + String.format(java.util.Locale.ROOT, "; mean width paired %.4f, unpaired %.4f",
                widths[0] / 400, widths[1] / 400));
        Coverage.assertCovers(r);
        // the shared fragility makes the runs' flips correlated, so pairing must cancel a good part of the noise
        assertTrue(widths[0] < 0.8 * widths[1], "paired " + widths[0] / 400 + " vs unpaired " + widths[1] / 400);
    }
}
