package dev.debias.evaluate.intrinsic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Coverage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The size of the WEAT permutation test, by simulation: when target and attribute vectors are all
 * drawn independently from one distribution the two targets are exchangeable, so a test at 5% must
 * reject 3-7% of 400 repetitions, with the exact p-value (8 + 8 targets: 12,870 partitions) and with
 * sampled partitions. A test whose targets do differ must reject more, or the check could not fail.
 */
class WeatSizeTest {
    static float[][] vectors(SplittableRandom r, int n, int dim, double shift) {
        float[][] v = new float[n][dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                v[i][d] = (float) (r.nextGaussian() + (d == 0 ? shift : 0));
            }
        }
        return v;
    }

    static double p(long seed, double shift, WeatOptions o) {
        SplittableRandom r = new SplittableRandom(seed);
        // X leans toward A (both shifted on dimension 0) when shift > 0
        float[][] x = vectors(r, 8, 16, shift);
        float[][] y = vectors(r, 8, 16, 0);
        float[][] a = vectors(r, 8, 16, shift);
        float[][] b = vectors(r, 8, 16, 0);
        return Weat.test(x, y, a, b, o).pValue();
    }

    @Test
    void exactTestHoldsItsSize() {
        Coverage.Result r = Coverage.rejections("WEAT exact, null", Coverage.REPETITIONS, 31,
                s -> p(s, 0, WeatOptions.defaults()));
        System.out.println(r);
        Coverage.assertSize(r);
    }

    @Test
    void sampledTestHoldsItsSize() {
        Coverage.Result r = Coverage.rejections("WEAT 2,000 sampled partitions, null", Coverage.REPETITIONS, 32,
                s -> p(s, 0, WeatOptions.defaults().withExactLimit(0).withPermutations(2000).withSeed(s)));
        System.out.println(r);
        Coverage.assertSize(r);
    }

    @Test
    void aRealAssociationIsRejectedMoreOften() {
        Coverage.Result r = Coverage.rejections("WEAT exact, X near A", Coverage.REPETITIONS, 33,
                s -> p(s, 1.5, WeatOptions.defaults()));
        System.out.println(r);
        // about half at this shift: far above the 7% a true null may reach
        assertTrue(r.rate() > 0.3, r.toString());
    }
}
