package dev.debias.recipe;

import dev.debias.stats.Coverage;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simulations with known truth for the statistics {@link Effects} reads over runs: the Student-t
 * interval of a measure pooled over seeds, the t interval of a sweep's least-squares slope, and the
 * paired-bootstrap interval of a relative reduction. The first two are exact under normal noise, so
 * they must cover 93-97% of 400 repetitions; the reduction's percentile interval is asymptotic and is
 * checked at the number of pairs the pruning recipe reads (here 60).
 */
class EffectsCoverageTest {
    private static final int N = Coverage.REPETITIONS;

    @Test
    void pooledSeedsCoverTheMean() {
        // five seeds of a gap whose run-to-run values are N(0.08, 0.03^2); each run also has a (here
        // irrelevant) bootstrap interval, as real runs do
        Coverage.Result r = Coverage.intervals("pool over 5 seeds", N, 41, s -> {
            SplittableRandom g = new SplittableRandom(s);
            List<Estimate> runs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                double v = 0.08 + 0.03 * g.nextGaussian();
                runs.add(Estimate.of(v, v - 0.05, v + 0.05));
            }
            return new Coverage.Trial(0.08, Effects.pool(runs).estimate());
        });
        System.out.println(r);
        Coverage.assertCovers(r);
    }

    /**
     * A sweep of 6 rates x 2 seeds drawn from {@code seed}: {x = rates, y = intercept + slope * rate + N(0, 0.02^2)}.
     */
    static double[][] sweep(long seed, double intercept, double slope) {
        double[] rates = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5};
        SplittableRandom g = new SplittableRandom(seed);
        double[] x = new double[12];
        double[] y = new double[12];
        for (int i = 0; i < 12; i++) {
            x[i] = rates[i % 6];
            y[i] = intercept + slope * x[i] + 0.02 * g.nextGaussian();
        }
        return new double[][] {x, y};
    }

    @Test
    void slopeCoversTheTrueSlope() {
        // gap = 0.02 + 0.3 * rate + N(0, 0.02^2)
        Coverage.Result r = Coverage.intervals("slope over 12 runs", N, 42, s -> {
            double[][] xy = sweep(s, 0.02, 0.3);
            return new Coverage.Trial(0.3, Effects.slope(xy[0], xy[1]));
        });
        System.out.println(r);
        Coverage.assertCovers(r);
    }

    @Test
    void theSlopeTestHoldsItsSize() {
        // no trend: gap = 0.05 + N(0, 0.02^2) at every rate; the t test of the slope at 5% must reject 3-7%
        Coverage.Result r = Coverage.rejections("slope t test, no trend", N, 44, s -> {
            double[][] xy = sweep(s, 0.05, 0);
            return Effects.slopeP(xy[0], xy[1]);
        });
        System.out.println(r);
        Coverage.assertSize(r);
    }

    @Test
    void reductionCoversTheRelativeReduction() {
        // 60 pairs: before ~ N(0.2, 0.05^2), after = 0.7 * before + N(0, 0.02^2); the true reduction of
        // the means is 1 - 0.7 = 0.3
        Coverage.Result r = Coverage.intervals("reduction over 60 pairs", N, 43, s -> {
            SplittableRandom g = new SplittableRandom(s);
            double[] before = new double[60];
            double[] after = new double[60];
            for (int i = 0; i < 60; i++) {
                before[i] = 0.2 + 0.05 * g.nextGaussian();
                after[i] = 0.7 * before[i] + 0.02 * g.nextGaussian();
            }
            return new Coverage.Trial(0.3, Effects.reduction(before, after, 500, g.nextLong()));
        });
        System.out.println(r);
        Coverage.assertCovers(r);
    }
}
