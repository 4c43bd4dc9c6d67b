package dev.debias.evaluate.intrinsic;

/**
 * How {@link Weat} computes its permutation p-value: exactly over every equal-size partition of the
 * targets when there are at most {@code exactLimit} of them, else from {@code permutations} random
 * partitions drawn from {@code seed}.
 *
 * @param exactLimit the most partitions enumerated exactly (0 always samples)
 * @param permutations random partitions drawn when not exact, at least 1
 * @param seed the seed of the random partitions; the same seed gives the same p-value
 */
public record WeatOptions(long exactLimit, int permutations, long seed) {
    /** The default exact limit: 100,000 partitions. */
    public static final long EXACT_LIMIT = 100_000;
    /** The default number of random partitions: 10,000. */
    public static final int PERMUTATIONS = 10_000;

    public WeatOptions {
        if (exactLimit < 0) {
            throw new IllegalArgumentException("exact limit " + exactLimit + " must be >= 0");
        }
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations " + permutations + " must be >= 1");
        }
    }

    /** Exact up to 100,000 partitions, else 10,000 random ones from seed 0. */
    public static WeatOptions defaults() {
        return new WeatOptions(EXACT_LIMIT, PERMUTATIONS, 0);
    }

    /** These options with another exact limit. */
    public WeatOptions withExactLimit(long limit) {
        return new WeatOptions(limit, permutations, seed);
    }

    /** These options with another number of random partitions. */
    public WeatOptions withPermutations(int n) {
        return new WeatOptions(exactLimit, n, seed);
    }

    /** These options with another seed. */
    public WeatOptions withSeed(long s) {
        return new WeatOptions(exactLimit, permutations, s);
    }
}
