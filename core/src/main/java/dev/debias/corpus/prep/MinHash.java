package dev.debias.corpus.prep;

import java.util.SplittableRandom;

/**
 * MinHash signatures with LSH banding for near-duplicate candidates. {@value #FUNCTIONS} hash functions
 * {@code f_i(x) = mix((x XOR a_i) * m_i)} ({@code mix}: MurmurHash3's finaliser; {@code a_i} and odd
 * {@code m_i} drawn from a {@link SplittableRandom} of the seed); a set's signature holds each function's
 * minimum over it, and two signatures agree at a position with probability about the sets' Jaccard
 * similarity. The signature is cut into {@code bands} bands of {@code rows} rows; two sets are candidates when
 * some band agrees in full, which happens with probability {@code 1 - (1 - s^rows)^bands} at similarity s.
 * {@link #forThreshold} takes the largest {@code rows} in 1, 2, 4, ..., 32 for which a pair at exactly the
 * threshold is a candidate with probability at least 0.995 (for 0.9: 8 rows, 16 bands, 0.9999; a pair at
 * 0.5 is then a candidate with probability about 0.06).
 */
public final class MinHash {
    /** Hash functions per signature. */
    public static final int FUNCTIONS = 128;

    private final long[] xor = new long[FUNCTIONS];
    private final long[] mul = new long[FUNCTIONS];
    private final int rows;

    /** Functions drawn from {@code seed}, signatures banded in bands of {@code rows} rows. */
    public MinHash(long seed, int rows) {
        if (rows < 1 || FUNCTIONS % rows != 0) {
            throw new IllegalArgumentException("rows per band must divide " + FUNCTIONS + ", not " + rows);
        }
        this.rows = rows;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < FUNCTIONS; i++) {
            xor[i] = random.nextLong();
            mul[i] = random.nextLong() | 1;
        }
    }

    /** Functions drawn from {@code seed}, banded for {@code threshold} (see the class comment). */
    public static MinHash forThreshold(long seed, double threshold) {
        return new MinHash(seed, rowsFor(threshold));
    }

    /** The rows per band for a threshold: the largest power of two up to 32 with candidate probability ≥ 0.995. */
    public static int rowsFor(double threshold) {
        int best = 1;
        for (int r = 1; r <= 32; r *= 2) {
            if (1 - Math.pow(1 - Math.pow(threshold, r), FUNCTIONS / r) >= 0.995) {
                best = r;
            }
        }
        return best;
    }

    /** Rows per band. */
    public int rows() {
        return rows;
    }

    /** Bands per signature. */
    public int bands() {
        return FUNCTIONS / rows;
    }

    /** The signature of a non-empty set of 64-bit values. */
    public long[] signature(long[] set) {
        long[] sig = new long[FUNCTIONS];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        for (long x : set) {
            for (int i = 0; i < FUNCTIONS; i++) {
                long h = StableHash.mix((x ^ xor[i]) * mul[i]);
                if (h < sig[i]) {
                    sig[i] = h;
                }
            }
        }
        return sig;
    }

    /** The key of band {@code b} of a signature: a hash of the band's index and its rows. */
    public long bandKey(long[] sig, int b) {
        long h = StableHash.mix(b + 0x9E3779B97F4A7C15L);
        for (int i = b * rows; i < (b + 1) * rows; i++) {
            h = StableHash.mix(h ^ sig[i]) * 0x100000001b3L;
        }
        return h;
    }

    /** The share of positions where two signatures agree: the estimate of their sets' Jaccard similarity. */
    public static double estimate(long[] a, long[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return (double) same / a.length;
    }
}
