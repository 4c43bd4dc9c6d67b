package dev.debias.audit.count;

import java.util.Arrays;
import org.apache.lucene.util.FixedBitSet;

/**
 * A set of unit ids, held as sorted disjoint half-open intervals (compact for sparse targets) that
 * can be turned into a bit set (fast membership for groups). Immutable.
 */
final class UnitSet {
    private final int[] starts;
    private final int[] ends;
    private final long size;

    private UnitSet(int[] starts, int[] ends) {
        this.starts = starts;
        this.ends = ends;
        long s = 0;
        for (int i = 0; i < starts.length; i++) {
            s += ends[i] - starts[i];
        }
        this.size = s;
    }

    /** Number of units. */
    long size() {
        return size;
    }

    /** Units of this set that are also in {@code bits}. */
    long countIn(FixedBitSet bits) {
        long[] words = bits.getBits();
        long c = 0;
        for (int i = 0; i < starts.length; i++) {
            c += cardinality(words, starts[i], ends[i]);
        }
        return c;
    }

    /** Sets this set's units in {@code bits}. */
    void addTo(FixedBitSet bits) {
        for (int i = 0; i < starts.length; i++) {
            bits.set(starts[i], ends[i]);
        }
    }

    /** This set as a bit set over {@code units} units. */
    FixedBitSet toBits(int units) {
        FixedBitSet b = new FixedBitSet(Math.max(1, units));
        addTo(b);
        return b;
    }

    /** Number of set bits of {@code words} in {@code [from, to)}. */
    static long cardinality(long[] words, int from, int to) {
        if (from >= to) {
            return 0;
        }
        int sw = from >>> 6;
        int ew = (to - 1) >>> 6;
        long startMask = -1L << from;
        long endMask = -1L >>> -to;
        if (sw == ew) {
            return Long.bitCount(words[sw] & startMask & endMask);
        }
        long c = Long.bitCount(words[sw] & startMask);
        for (int i = sw + 1; i < ew; i++) {
            c += Long.bitCount(words[i]);
        }
        return c + Long.bitCount(words[ew] & endMask);
    }

    /** Collects intervals in any order, overlapping or not, and merges them. */
    static final class Builder {
        private long[] packed = new long[64];
        private int n;
        private boolean sorted = true;
        private long last = Long.MIN_VALUE;

        /** Adds units {@code [from, to)}; empty intervals are ignored. */
        void add(int from, int to) {
            if (from >= to) {
                return;
            }
            if (n == packed.length) {
                packed = Arrays.copyOf(packed, n * 2);
            }
            long p = ((long) from << 32) | (to & 0xFFFFFFFFL);
            if (p < last) {
                sorted = false;
            }
            last = p;
            packed[n++] = p;
        }

        UnitSet build() {
            if (!sorted) {
                Arrays.sort(packed, 0, n);
            }
            int[] s = new int[n];
            int[] e = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                int from = (int) (packed[i] >>> 32);
                int to = (int) packed[i];
                if (m > 0 && from <= e[m - 1]) {
                    e[m - 1] = Math.max(e[m - 1], to);
                } else {
                    s[m] = from;
                    e[m] = to;
                    m++;
                }
            }
            return new UnitSet(Arrays.copyOf(s, m), Arrays.copyOf(e, m));
        }
    }
}
