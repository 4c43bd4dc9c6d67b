package dev.debias.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Percentile bootstrap pieces shared by the evaluations (Efron and Tibshirani, An Introduction to the
 * Bootstrap, 1993, ch. 13): the 95% interval from sorted replicates, and the interval of a mean. The
 * bounds are the 2.5 and 97.5 {@link Percentiles} of the replicates.
 */
public final class Bootstrap {
    /** The percentile of the replicates that is the lower bound of a 95% interval. */
    public static final double LOW = 0.025;
    /** The percentile of the replicates that is the upper bound of a 95% interval. */
    public static final double HIGH = 0.975;

    private Bootstrap() {}

    /**
     * {@code value} with the 95% percentile interval of {@code sortedReplicates}: their {@link #LOW} and
     * {@link #HIGH} percentiles by {@link Percentiles#of}.
     *
     * @throws IllegalArgumentException when there are no replicates
     */
    public static Estimate interval(double value, double[] sortedReplicates) {
        return Estimate.of(value, Percentiles.of(sortedReplicates, LOW), Percentiles.of(sortedReplicates, HIGH));
    }

    /**
     * Runs {@code count} bootstrap replicates in parallel, in a way the thread schedule cannot change:
     * replicate {@code b} gets its own generator, seeded with the {@code b}-th long drawn from
     * {@code new SplittableRandom(seed)}. Returns the results in replicate order.
     *
     * @param replicate one replicate from its generator; called from several threads at once, so it must
     *     not share mutable state
     */
    public static <T> List<T> replicates(int count, long seed, Function<SplittableRandom, T> replicate) {
        SplittableRandom root = new SplittableRandom(seed);
        long[] seeds = new long[count];
        for (int b = 0; b < count; b++) {
            seeds[b] = root.nextLong();
        }
        Object[] out = new Object[count];
        IntStream.range(0, count).parallel().forEach(b -> out[b] = replicate.apply(new SplittableRandom(seeds[b])));
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(out);
        return list;
    }

    /**
     * The mean of the first {@code n} values with a 95% percentile bootstrap interval from
     * {@code replicates} resamples drawn from {@code seed}; with 0 replicates, the mean without an
     * interval. Same seed, same interval.
     *
     * @throws IllegalArgumentException when {@code n} is 0 or {@code replicates} is negative
     */
    public static Estimate mean(double[] values, int n, int replicates, long seed) {
        if (n <= 0 || replicates < 0) {
            throw new IllegalArgumentException("need values (n = " + n + ") and replicates >= 0 (" + replicates + ")");
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += values[i];
        }
        mean /= n;
        if (replicates == 0) {
            return new Estimate(mean, null, null, "no interval: bootstrap off");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return interval(mean, means);
    }
}
