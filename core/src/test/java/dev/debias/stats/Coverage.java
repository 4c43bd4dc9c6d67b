package dev.debias.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Simulation checks of the toolkit's inference: repeat a seeded experiment whose truth is known, and
 * count how often a 95% interval covers the truth, or how often a test at 5% rejects a true null. The
 * accepted bands are 93-97% coverage and 3-7% rejection over at least {@link #REPETITIONS}
 * repetitions; with 400 repetitions the binomial standard error at 95% is 1.1 points, so a correct
 * method falls outside the band by chance about once in 14 checks and a method off by 3 points is
 * caught most of the time. Repetition {@code i} draws from {@code Seeds.stream(seed, i)}, so every
 * check is deterministic. Shared with later modules through the core test-jar.
 */
public final class Coverage {
    /** The fewest repetitions a coverage or size check may use. */
    public static final int REPETITIONS = 400;
    /** The accepted coverage band of a 95% interval. */
    public static final double COVERAGE_LOW = 0.93;
    public static final double COVERAGE_HIGH = 0.97;
    /** The accepted rejection band of a test at 5%. */
    public static final double SIZE_LOW = 0.03;
    public static final double SIZE_HIGH = 0.07;

    private Coverage() {}

    /** One repetition: the truth it was drawn from and the estimate the method gave. */
    public record Trial(double truth, Estimate estimate) {}

    /**
     * What a check counted.
     *
     * @param repetitions repetitions run
     * @param hits intervals covering the truth, or tests rejecting
     * @param undefined repetitions whose estimate was undefined or had no interval (never a hit)
     */
    public record Result(String name, int repetitions, int hits, int undefined) {
        public double rate() {
            return (double) hits / repetitions;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d of %d (%.1f%%), %d undefined", name, hits, repetitions,
                    100 * rate(), undefined);
        }
    }

    /** Runs {@code repetitions} trials; each gets its own seed and returns the truth and the estimate. */
    public static Result intervals(String name, int repetitions, long seed, LongFunction<Trial> trial) {
        check(repetitions);
        int covered = 0;
        int undefined = 0;
        for (int i = 0; i < repetitions; i++) {
            Trial t = trial.apply(Seeds.stream(seed, i));
            Estimate e = t.estimate();
            if (!e.isDefined() || e.low() == null) {
                undefined++;
            } else if (e.low() <= t.truth() && t.truth() <= e.high()) {
                covered++;
            }
        }
        return new Result(name, repetitions, covered, undefined);
    }

    /** Runs {@code repetitions} tests of a true null; each returns a p-value (NaN counts as undefined). */
    public static Result rejections(String name, int repetitions, long seed, LongFunction<Double> pValue) {
        check(repetitions);
        int rejected = 0;
        int undefined = 0;
        for (int i = 0; i < repetitions; i++) {
            double p = pValue.apply(Seeds.stream(seed, i));
            if (Double.isNaN(p)) {
                undefined++;
            } else if (p < 0.05) {
                rejected++;
            }
        }
        return new Result(name, repetitions, rejected, undefined);
    }

    /** Asserts 93-97% coverage. */
    public static void assertCovers(Result r) {
        assertTrue(r.rate() >= COVERAGE_LOW && r.rate() <= COVERAGE_HIGH, "95% interval coverage out of 93-97%: " + r);
    }

    /** Asserts 3-7% rejections. */
    public static void assertSize(Result r) {
        assertTrue(r.rate() >= SIZE_LOW && r.rate() <= SIZE_HIGH, "5% test rejects a true null out of 3-7%: " + r);
    }

    private static void check(int repetitions) {
        if (repetitions < REPETITIONS) {
            throw new IllegalArgumentException("a coverage check needs at least " + REPETITIONS + " repetitions");
        }
    }
}
