package dev.debias.corpus;

/**
 * A set of 64-bit hashes of record ids in open-addressed primitive arrays, about 11 to 21 bytes a
 * record, so a corpus of tens of millions of records is checked for duplicate ids within a modest heap.
 * A hit means the id was probably seen: two distinct ids share a 64-bit hash with a chance of about
 * n²/2⁶⁵, so the caller confirms a hit against the ids themselves. Public so that a stage can check
 * the ids it writes as well as those it reads. Not thread-safe.
 */
public final class IdHashes {
    private long[] table = new long[1 << 10];
    private int size;

    /** Adds {@code id}'s hash; returns false when it was already present (the id was probably seen before). */
    public boolean add(String id) {
        long h = hash(id);
        int mask = table.length - 1;
        for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
            long t = table[i];
            if (t == 0) {
                table[i] = h;
                if (++size > table.length / 4 * 3) {
                    grow();
                }
                return true;
            }
            if (t == h) {
                return false;
            }
        }
    }

    /** The number of distinct hashes held. */
    public int size() {
        return size;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long h : old) {
            if (h != 0) {
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = h;
            }
        }
    }

    /** A 64-bit hash of the id's characters (FNV-1a, then MurmurHash3's finaliser); never 0. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
