package dev.debias.stats;

/**
 * The one way debias derives the seed of a sub-stream (record {@code i}, epoch {@code i}, ...) from a
 * user's seed, so that each stream is independent of the order in which streams are drawn. Every
 * method is a pure function of its arguments: the same seed and index always give the same value.
 *
 * <p>The derivation is Steele, Lea and Flood's SplitMix64 (OOPSLA 2014), the generator behind
 * {@link java.util.SplittableRandom}: the index is added to the seed times the golden gamma
 * {@code 0x9E3779B97F4A7C15}, then the 64-bit finaliser scrambles the sum.
 */
public final class Seeds {
    /** The golden gamma of SplitMix64: 2^64 divided by the golden ratio, odd. */
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /**
     * The seed of stream {@code i} for a {@link java.util.SplittableRandom}, which applies the finaliser
     * itself: {@code seed * gamma + i}.
     */
    public static long stream(long seed, long i) {
        return seed * GOLDEN_GAMMA + i;
    }

    /** A well-mixed 64-bit value for stream {@code i}: the SplitMix64 finaliser of {@link #stream}. */
    public static long mix(long seed, long i) {
        long z = stream(seed, i);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform number in [0, 1) for stream {@code i}: the top 53 bits of {@link #mix}. */
    public static double unit(long seed, long i) {
        return (mix(seed, i) >>> 11) * 0x1.0p-53;
    }
}
