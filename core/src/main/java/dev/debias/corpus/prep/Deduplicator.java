package dev.debias.corpus.prep;

import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.ReadReport;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Drops duplicate records in one streaming pass, keeping the first occurrence, in input order.
 *
 * <p><b>Exact duplicates.</b> A record whose {@linkplain TextKey#normalize normalised text} (NFKC, lower case,
 * white space collapsed) equals that of an earlier kept record is dropped (compared by the first 128 bits of
 * its SHA-256).
 *
 * <p><b>Near duplicates</b> (with a threshold J). A record not dropped as exact is compared with the earlier
 * kept records that {@link MinHash} LSH banding over its {@linkplain TextKey#shingles word 5-shingles} proposes
 * (seeded hash functions); for each candidate the Jaccard similarity of the two shingle sets is computed
 * exactly, and the record is dropped when it is at least J for some candidate, as a duplicate of the candidate
 * with the highest similarity (ties: the earliest). The MinHash estimate only proposes and is reported; it
 * never decides. A pair above J that no band proposes is missed (with probability below 0.005 at J, see
 * {@link MinHash}), so the result is deterministic for a seed but may differ slightly between seeds. A text
 * with no word is never a near duplicate. Memory: a digest per kept record, and with J its shingles and band keys.
 */
public final class Deduplicator {
    private Deduplicator() {}

    private record Digest(long a, long b) {}

    /** Deduplicates {@code input} into {@code out}. */
    public static DedupResult dedup(Path input, ReadOptions read, Path out, WriteOptions write, DedupConfig config,
            ProgressListener progress) throws IOException {
        Map<Digest, Integer> seen = new HashMap<>();
        List<String> ids = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<long[]> shingles = new ArrayList<>();
        Map<Long, int[]> buckets = new HashMap<>();
        Map<Integer, List<DedupResult.Duplicate>> dropped = new TreeMap<>();
        MinHash minHash = config.near() == null ? null : MinHash.forThreshold(config.seed(), config.near());
        long[] counts = new long[3]; // exact, near, candidate pairs
        ReadReport report;
        try (RecordWriter w = CorpusWriters.open(out, write)) {
            report = Passes.each(input, read, "deduplicating " + input.getFileName(), progress, (o, r) -> {
                String norm = TextKey.normalize(r.text());
                long[] d = TextKey.digest(norm);
                Digest key = new Digest(d[0], d[1]);
                Integer same = seen.get(key);
                if (same != null) {
                    counts[0]++;
                    dropped.computeIfAbsent(same, k -> new ArrayList<>())
                            .add(new DedupResult.Duplicate(r.id(), r.provenance().source(), true, 1, 1));
                    return;
                }
                long[] sh = null;
                long[] sig = null;
                if (minHash != null) {
                    sh = TextKey.shingles(norm);
                    if (sh.length > 0) {
                        sig = minHash.signature(sh);
                        TreeSet<Integer> candidates = new TreeSet<>();
                        for (int b = 0; b < minHash.bands(); b++) {
                            int[] in = buckets.get(minHash.bandKey(sig, b));
                            if (in != null) {
                                for (int c : in) {
                                    candidates.add(c);
                                }
                            }
                        }
                        int best = -1;
                        double bestJ = -1;
                        for (int c : candidates) {
                            counts[2]++;
                            double j = TextKey.jaccard(sh, shingles.get(c));
                            if (j >= config.near() && j > bestJ) {
                                best = c;
                                bestJ = j;
                            }
                        }
                        if (best >= 0) {
                            counts[1]++;
                            double est = MinHash.estimate(sig, minHash.signature(shingles.get(best)));
                            dropped.computeIfAbsent(best, k -> new ArrayList<>())
                                    .add(new DedupResult.Duplicate(r.id(), r.provenance().source(), false, bestJ, est));
                            return;
                        }
                    }
                }
                int index = ids.size();
                seen.put(key, index);
                ids.add(r.id());
                sources.add(r.provenance().source());
                if (minHash != null) {
                    shingles.add(sh);
                    if (sig != null) {
                        for (int b = 0; b < minHash.bands(); b++) {
                            buckets.merge(minHash.bandKey(sig, b), new int[] {index}, Deduplicator::append);
                        }
                    }
                }
                w.write(r);
            });
            w.commit();
        }
        List<DedupResult.Cluster> clusters = new ArrayList<>();
        dropped.forEach((k, v) -> clusters.add(new DedupResult.Cluster(ids.get(k), sources.get(k), v)));
        clusters.sort(Comparator.comparingInt(DedupResult.Cluster::size).reversed()); // stable: input order within
        return new DedupResult(out, report.records(), ids.size(), counts[0], counts[1],
                minHash == null ? 0 : minHash.bands(), minHash == null ? 0 : minHash.rows(), counts[2], clusters, report);
    }

    private static int[] append(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
