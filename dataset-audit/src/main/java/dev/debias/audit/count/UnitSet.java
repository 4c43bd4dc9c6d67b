package dev.debias.audit.count;

import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * A set of unit ids, held either as a bit set (when the corpus has few enough units that one bit per
 * unit is cheap) or as sorted disjoint half-open intervals (compact for sparse sets over many
 * units). Immutable.
 */
final class UnitSet {
    /** Up to this many units, sets are bit sets (at most 512 KiB each). */
    static final int DENSE_UNITS = 1 << 22;

    private final int[] starts;
    private final int[] ends;
    private final FixedBitSet bits;
    private final long size;

    private UnitSet(int[] starts, int[] ends) {
        this.starts = starts;
        this.ends = ends;
        this.bits = null;
        long s = 0;
        for (int i = 0; i < starts.length; i++) {
            s += ends[i] - starts[i];
        }
        this.size = s;
    }

    /** A set owning {@code bits}. */
    UnitSet(FixedBitSet bits) {
        this.starts = null;
        this.ends = null;
        this.bits = bits;
        this.size = bits.cardinality();
    }

    /** Number of units. */
    long size() {
        return size;
    }

    /** Units of this set that are also in {@code bits}. */
    long countIn(FixedBitSet other) {
        if (bits != null) {
            return FixedBitSet.intersectionCount(bits, other);
        }
        long[] words = other.getBits();
        long c = 0;
        for (int i = 0; i < starts.length; i++) {
            c += cardinality(words, starts[i], ends[i]);
        }
        return c;
    }

    /** Sets this set's units in {@code bits}. */
    void addTo(FixedBitSet other) {
        if (bits != null) {
            other.or(bits);
            return;
        }
        for (int i = 0; i < starts.length; i++) {
            other.set(starts[i], ends[i]);
        }
    }

    /** This set as a new bit set over {@code units} units, which the caller may modify. */
    FixedBitSet toBits(int units) {
        if (bits != null) {
            return bits.clone();
        }
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
        private final int units;
        private long[] packed = new long[64];
        private int n;
        private boolean sorted = true;
        private long last = Long.MIN_VALUE;

        /** A builder for sets of units below {@code units}. */
        Builder(int units) {
            this.units = units;
        }

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
            if (!sorted && n > units / 16) {
                return viaBits();
            }
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

        /** Dense input: union through a bit set, then read the runs back (linear, no sort). */
        private UnitSet viaBits() {
            FixedBitSet bits = new FixedBitSet(Math.max(1, units));
            for (int i = 0; i < n; i++) {
                bits.set((int) (packed[i] >>> 32), (int) packed[i]);
            }
            int[] s = new int[64];
            int[] e = new int[64];
            int m = 0;
            int len = bits.length();
            int from = bits.nextSetBit(0);
            while (from != DocIdSetIterator.NO_MORE_DOCS) {
                int to = from + 1 < len ? bits.nextClearBit(from + 1) : len;
                if (to < 0 || to > len) {
                    to = len;
                }
                if (m == s.length) {
                    s = Arrays.copyOf(s, m * 2);
                    e = Arrays.copyOf(e, m * 2);
                }
                s[m] = from;
                e[m] = to;
                m++;
                from = to + 1 < len ? bits.nextSetBit(to + 1) : DocIdSetIterator.NO_MORE_DOCS;
            }
            return new UnitSet(Arrays.copyOf(s, m), Arrays.copyOf(e, m));
        }
    }
}
