package dev.debias.corpus.prep;

/**
 * The seeded hash that every random choice of this package is keyed on, so a record's fate depends on
 * its id and the seed, never on the order or number of the other records (where a rule says otherwise,
 * its javadoc says so). The hash is fixed and part of the contract: FNV-1a (64-bit) over the UTF-16
 * characters of {@code salt}, a 0 character and the id, started from the FNV offset basis XOR the
 * seed times the golden-ratio constant {@code 0x9E3779B97F4A7C15}, then MurmurHash3's 64-bit finaliser.
 * The salt keeps the choices of different operations (split, sample) independent for one seed.
 */
public final class StableHash {
    private StableHash() {}

    /** The 64-bit hash of {@code id} under {@code seed} and {@code salt}. */
    public static long of(long seed, String salt, String id) {
        long h = 0xcbf29ce484222325L ^ (seed * 0x9E3779B97F4A7C15L);
        h = fnv(h, salt);
        h = (h ^ 0) * 0x100000001b3L;
        h = fnv(h, id);
        return mix(h);
    }

    /** The hash mapped to {@code [0, 1)}: its top 53 bits divided by 2^53. */
    public static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    static long fnv(long h, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
