package dev.debias.evaluate.compare;

import dev.debias.stats.Coverage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Student-t interval with which {@code debias evaluate compare} pools a design's seeds, by
 * simulation: four seeds of a measure whose run-to-run values are normal with a known mean, 400 times.
 */
class SeedMeanCoverageTest {
    @Test
    void theMeanOverSeedsCoversTheTrueMean() {
        Coverage.Result r = Coverage.intervals("t over 4 seeds", Coverage.REPETITIONS, 51, s -> {
            SplittableRandom g = new SplittableRandom(s);
            double[] v = new double[4];
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.75 + 0.02 * g.nextGaussian();
            }
            return new Coverage.Trial(0.75, Comparisons.mean(v, v.length));
        });
        System.out.println(r);
        Coverage.assertCovers(r);
    }
}
