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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Draws a seeded, stratified sample of a corpus with proportional allocation, in two passes.
 *
 * <p><b>The rule.</b> Pass one counts the records {@code N} and each stratum's {@code n_s} (strata by the
 * values of the stratify fields; without them the corpus is one stratum). The target is the size asked for,
 * or {@code fraction * N} rounded half up; a target above {@code N} becomes {@code N} (and a note says so).
 * Stratum {@code s} gets {@code q_s} records, the largest-remainder allocation ({@link Quotas}) of the target
 * over the {@code n_s}, so the sample's stratum shares are the corpus's within one record each. Pass two
 * keeps, in each stratum, the {@code q_s} records with the smallest {@code StableHash.of(seed, "sample", id)}
 * (unsigned; equal hashes by input order), a bounded heap per stratum, and writes them in input order. So
 * a record's membership depends on its id, the seed and its stratum's quota; for a fixed quota a record never
 * leaves the sample because other records were drawn before it, and a larger sample of the same stratum
 * holds every record of a smaller one. Memory: one count per stratum and the sampled records.
 */
public final class CorpusSampler {
    private static final String SALT = "sample";

    private CorpusSampler() {}

    private record Drawn(long hash, long ordinal, Record record) {}

    private static final Comparator<Drawn> ORDER = (a, b) -> {
        int c = Long.compareUnsigned(a.hash, b.hash);
        return c != 0 ? c : Long.compare(a.ordinal, b.ordinal);
    };

    /** Samples {@code input} into {@code out}. */
    public static SampleResult sample(Path input, ReadOptions read, Path out, WriteOptions write, SampleConfig config,
            ProgressListener progress) throws IOException {
        List<String> fields = config.stratifyFields();
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        ReadReport first = Passes.each(input, read, "counting " + input.getFileName(), progress, (o, r) ->
                counts.computeIfAbsent(FieldValues.stratum(r, read.fields(), fields), k -> new long[1])[0]++);
        long total = first.records();
        List<String> notes = new ArrayList<>();
        long requested = config.size() >= 0 ? config.size()
                : config.fraction().multiply(BigDecimal.valueOf(total)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        long target = requested;
        if (config.size() < 0) {
            notes.add(String.format(Locale.ROOT, "a fraction %s of %d records is %d records (rounded half up)",
                    config.fraction().toPlainString(), total, requested));
            if (target == 0) {
                target = 1;
                notes.add("that rounds to no record; sampling 1 instead");
            }
        } else if (requested > total) {
            target = total;
            notes.add(String.format(Locale.ROOT, "asked for %d records but the corpus holds %d: the sample is the "
                    + "whole corpus", requested, total));
        }
        List<List<String>> keys = new ArrayList<>(counts.keySet());
        long[] sizes = keys.stream().mapToLong(k -> counts.get(k)[0]).toArray();
        long[] quota = Quotas.largestRemainder(target, sizes);
        long empty = java.util.Arrays.stream(quota).filter(q -> q == 0).count();
        if (empty > 0) {
            notes.add(empty + " of " + keys.size() + " strata are too small to get a record at this size");
        }
        Map<List<String>, Integer> index = new LinkedHashMap<>();
        List<PriorityQueue<Drawn>> heaps = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i), i);
            heaps.add(new PriorityQueue<>(ORDER.reversed()));
        }
        ReadReport second = Passes.each(input, read, "sampling " + input.getFileName(), progress, (o, r) -> {
            Integer s = index.get(FieldValues.stratum(r, read.fields(), fields));
            if (s == null) {
                throw changed(input);
            }
            PriorityQueue<Drawn> heap = heaps.get(s);
            if (quota[s] == 0) {
                return;
            }
            Drawn d = new Drawn(StableHash.of(config.seed(), SALT, r.id()), o, r);
            if (heap.size() < quota[s]) {
                heap.add(d);
            } else if (ORDER.compare(d, heap.peek()) < 0) {
                heap.poll();
                heap.add(d);
            }
        });
        if (second.records() != total) {
            throw changed(input);
        }
        List<Drawn> all = new ArrayList<>();
        heaps.forEach(all::addAll);
        all.sort(Comparator.comparingLong(Drawn::ordinal));
        try (RecordWriter w = CorpusWriters.open(out, write)) {
            for (Drawn d : all) {
                w.write(d.record);
            }
            w.commit();
        }
        List<StratumCounts> strata = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            strata.add(new StratumCounts(keys.get(i), FieldValues.describe(fields, keys.get(i)), sizes[i],
                    List.of((long) heaps.get(i).size())));
        }
        return new SampleResult(out, total, requested, all.size(), notes, strata, second);
    }

    private static CorpusFormatException changed(Path input) {
        return new CorpusFormatException(input, 0, "changed between the two passes of sampling; sample a file "
                + "that nothing writes to meanwhile");
    }
}
