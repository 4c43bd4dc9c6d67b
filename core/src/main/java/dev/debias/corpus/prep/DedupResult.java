package dev.debias.corpus.prep;

import dev.debias.corpus.ReadReport;
import java.nio.file.Path;
import java.util.List;

/**
 * What deduplication wrote.
 *
 * @param out the output file
 * @param records records read
 * @param kept records written
 * @param exactDropped records dropped as exact duplicates
 * @param nearDropped records dropped as near duplicates
 * @param bands LSH bands (0 without near duplicates)
 * @param rows rows per band (0 without near duplicates)
 * @param candidatePairs pairs LSH proposed and the exact Jaccard checked
 * @param clusters every kept record with at least one duplicate, largest first (ties by input order)
 * @param report what the reader skipped
 */
public record DedupResult(Path out, long records, long kept, long exactDropped, long nearDropped, int bands,
        int rows, long candidatePairs, List<Cluster> clusters, ReadReport report) {
    public DedupResult {
        clusters = List.copyOf(clusters);
    }

    /**
     * A kept record and the records dropped as its duplicates.
     *
     * @param id the kept record's id
     * @param source where it was read ({@code file:line})
     * @param duplicates the dropped records, in input order
     */
    public record Cluster(String id, String source, List<Duplicate> duplicates) {
        public Cluster {
            duplicates = List.copyOf(duplicates);
        }

        /** The kept record and its duplicates. */
        public int size() {
            return 1 + duplicates.size();
        }
    }

    /**
     * A dropped record.
     *
     * @param id its id
     * @param source where it was read
     * @param exact true for an exact duplicate, false for a near one
     * @param jaccard the exact Jaccard similarity of its shingles to the kept record's (1 for an exact duplicate)
     * @param estimate the MinHash estimate of it (1 for an exact duplicate)
     */
    public record Duplicate(String id, String source, boolean exact, double jaccard, double estimate) {}
}
