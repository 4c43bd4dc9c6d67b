package dev.debias.corpus.prep;

/**
 * How to deduplicate (see {@link Deduplicator}).
 *
 * @param near the Jaccard similarity of word shingles at or above which a record is a near duplicate, in
 *     (0, 1]; or null for exact duplicates only
 * @param seed the seed of the MinHash functions
 */
public record DedupConfig(Double near, long seed) {
    public DedupConfig {
        if (near != null && !(near > 0 && near <= 1)) {
            throw new IllegalArgumentException("the near-duplicate threshold must be in (0, 1], not " + near);
        }
    }
}
