package dev.debias.corpus.prep;

import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusFormatException;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.ReadReport;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a corpus into named parts (train/dev/test) keyed on a stable hash of each record's id, so that a
 * re-run gives the same files byte for byte and a record keeps its split when records are added.
 *
 * <p><b>The rule.</b> Each record gets {@code h = StableHash.of(seed, "split", id)} (its reader's id: the id
 * field, or the line number) and {@code u = StableHash.unit(h)} in [0, 1).
 * <ul>
 * <li><b>Without stratify fields (pure hash rule).</b> A record goes to the first split {@code j} with
 *     {@code u < r_1 + ... + r_j} (ratios divided by their sum). Its split depends on its id and the seed
 *     only: adding, removing or reordering other records never moves it. The achieved shares are binomial
 *     around the ratios (for n records, off by about {@code sqrt(r(1-r)/n)}); they are reported.</li>
 * <li><b>With stratify fields (stratified rank rule).</b> The records are grouped into strata by their values
 *     of the fields. Within a stratum of {@code n} records, split {@code j} gets {@code q_j} records, the
 *     largest-remainder allocation of {@code n} over the ratios ({@link Quotas}), so each split's share in each
 *     stratum is as close to its ratio as whole records allow (within one record). The stratum's records are
 *     ranked by {@code h} (unsigned; equal hashes by input order); the first {@code q_1} go to the first split,
 *     the next {@code q_2} to the second, and so on. A record's split therefore depends on the other members
 *     of its stratum: appending records can move a record whose rank is near a boundary between two splits
 *     (the ranks shift and the quotas grow), while a stratum that gains no records keeps every split.
 *     This rule is chosen because a stratified split exists to hold the shares within each stratum, and a
 *     small stratum (a label x group cell of a few dozen records) would miss them by several records under a
 *     pure hash; when stability under appending matters more, split without stratify fields.</li>
 * </ul>
 *
 * <p>Output: one file per split in the output folder, {@code NAME + suffix}, with every field of every record.
 * All files are written completely into a hidden staging folder there, and only then moved onto their
 * targets (replacing older files), so a failure publishes none. The stratified rule reads the input twice
 * and holds 12 bytes a record (hash and stratum) plus one byte a record for the assignment; the pure hash
 * rule reads it once and holds nothing per record.
 */
public final class CorpusSplitter {
    private static final String SALT = "split";

    private CorpusSplitter() {}

    /**
     * Splits {@code input} into {@code outDir}, each split's file named {@code name + suffix}.
     *
     * @throws dev.debias.core.InvalidInputException when a record lacks a stratify field (naming its file and line)
     *     or the input is invalid
     */
    public static SplitResult split(Path input, ReadOptions read, Path outDir, String suffix, WriteOptions write,
            SplitConfig config, ProgressListener progress) throws IOException {
        List<String> names = config.names();
        List<Path> targets = names.stream().map(n -> outDir.resolve(n + suffix).toAbsolutePath()).toList();
        List<String> fields = config.stratifyFields();
        Map<List<String>, Integer> strata = new LinkedHashMap<>();
        byte[] assigned = null;
        if (!fields.isEmpty()) {
            assigned = rank(input, read, config, strata, progress);
        }
        double[] cumulative = cumulative(config.shares());
        List<long[]> perStratum = new ArrayList<>();
        long[] counts = new long[names.size()];
        final byte[] fixed = assigned;
        ReadReport report;
        try (StagedFiles staged = StagedFiles.open(outDir, "split")) {
            List<RecordWriter> writers = new ArrayList<>();
            try {
                for (Path t : targets) {
                    writers.add(CorpusWriters.open(staged.staged(t), write));
                }
                report = Passes.each(input, read, fields.isEmpty() ? "splitting " + input.getFileName()
                        : "writing splits of " + input.getFileName(), progress, (ordinal, r) -> {
                    int s;
                    int stratum;
                    if (fixed == null) {
                        s = bucket(StableHash.unit(StableHash.of(config.seed(), SALT, r.id())), cumulative);
                        stratum = 0;
                    } else {
                        if (ordinal >= fixed.length) {
                            throw changed(input);
                        }
                        s = fixed[(int) ordinal];
                        stratum = strata.get(FieldValues.stratum(r, read.fields(), fields));
                    }
                    while (perStratum.size() <= stratum) {
                        perStratum.add(new long[names.size()]);
                    }
                    perStratum.get(stratum)[s]++;
                    counts[s]++;
                    writers.get(s).write(r);
                });
                if (fixed != null && report.records() != fixed.length) {
                    throw changed(input);
                }
                for (RecordWriter w : writers) {
                    w.commit();
                }
            } finally {
                for (RecordWriter w : writers) {
                    w.close();
                }
            }
            staged.publish(targets);
        }
        List<StratumCounts> out = new ArrayList<>();
        List<List<String>> keys = fields.isEmpty() ? List.of(List.of()) : new ArrayList<>(strata.keySet());
        for (int i = 0; i < keys.size(); i++) {
            long[] c = i < perStratum.size() ? perStratum.get(i) : new long[names.size()];
            out.add(new StratumCounts(keys.get(i), FieldValues.describe(fields, keys.get(i)), Arrays.stream(c).sum(),
                    Arrays.stream(c).boxed().toList()));
        }
        return new SplitResult(names, targets, Arrays.stream(counts).boxed().toList(), out, report.records(),
                !fields.isEmpty(), report);
    }

    /** The first pass of the stratified rule: each record's split, by ordinal. */
    private static byte[] rank(Path input, ReadOptions read, SplitConfig config, Map<List<String>, Integer> strata,
            ProgressListener progress) throws IOException {
        long[][] hashes = {new long[1024]};
        int[][] stratumOf = {new int[1024]};
        int[] n = {0};
        Passes.each(input, read, "ranking " + input.getFileName(), progress, (ordinal, r) -> {
            if (n[0] == Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a stratified split handles at most " + n[0] + " records");
            }
            if (n[0] == hashes[0].length) {
                hashes[0] = Arrays.copyOf(hashes[0], n[0] * 2);
                stratumOf[0] = Arrays.copyOf(stratumOf[0], n[0] * 2);
            }
            List<String> key = FieldValues.stratum(r, read.fields(), config.stratifyFields());
            stratumOf[0][n[0]] = strata.computeIfAbsent(key, k -> strata.size());
            hashes[0][n[0]] = StableHash.of(config.seed(), SALT, r.id());
            n[0]++;
        });
        int[] size = new int[strata.size()];
        for (int i = 0; i < n[0]; i++) {
            size[stratumOf[0][i]]++;
        }
        int[][] members = new int[strata.size()][];
        for (int s = 0; s < members.length; s++) {
            members[s] = new int[size[s]];
            size[s] = 0;
        }
        for (int i = 0; i < n[0]; i++) {
            int s = stratumOf[0][i];
            members[s][size[s]++] = i;
        }
        byte[] assigned = new byte[n[0]];
        long[] h = hashes[0];
        for (int[] m : members) {
            Integer[] order = Arrays.stream(m).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> {
                int c = Long.compareUnsigned(h[a], h[b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            long[] q = Quotas.largestRemainder(order.length, config.ratios());
            int k = 0;
            for (int split = 0; split < q.length; split++) {
                for (long j = 0; j < q[split]; j++) {
                    assigned[order[k++]] = (byte) split;
                }
            }
        }
        return assigned;
    }

    private static double[] cumulative(double[] shares) {
        double[] c = new double[shares.length];
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            c[i] = sum;
        }
        c[c.length - 1] = 1.0;
        return c;
    }

    /** The first split whose cumulative share exceeds {@code u}. */
    static int bucket(double u, double[] cumulative) {
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    private static CorpusFormatException changed(Path input) {
        return new CorpusFormatException(input, 0, "changed between the two passes of a stratified split; "
                + "split a file that nothing writes to meanwhile");
    }
}
