package dev.debias.corpus;

import dev.debias.core.PathGlob;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The splits a distributed engine reads a corpus in: one per shard of a folder or glob of shards (in the
 * sorted order {@link CorpusReaders} reads them as one corpus), or the one file. A split is read with
 * {@link #open(Split, ReadOptions)}, which gives each record the id the single-machine reader gives it
 * ({@code SHARD:N} when no id field is named). Lives in this package to use {@link CorpusShards}.
 */
public final class CorpusSplits {
    private CorpusSplits() {}

    /**
     * One split.
     *
     * @param file the file, as a string (paths are not serializable)
     * @param idPrefix what the ids of its records start with ({@code SHARD:}), or null
     * @param format its format, or null to tell it from the extension
     */
    public record Split(String file, String idPrefix, CorpusFormat format) implements Serializable {}

    /**
     * The splits of {@code source}.
     *
     * @throws dev.debias.core.InvalidInputException when a glob matches nothing or a folder mixes formats
     * @throws UnsupportedOperationException for a folder of {@code .txt} documents (read it on one machine)
     */
    public static List<Split> of(Path source, ReadOptions options) {
        if (!Files.isDirectory(source) && !PathGlob.isGlob(source)) {
            return List.of(new Split(source.toString(), null, options.format()));
        }
        CorpusShards shards = CorpusShards.find(source, options.format());
        if (shards == null) {
            throw new UnsupportedOperationException(source + ": a folder of .txt documents is read on one machine;"
                    + " convert it to JSON Lines or Parquet shards first");
        }
        List<Split> out = new ArrayList<>();
        boolean prefix = options.fields().idField() == null;
        for (Path f : shards.files()) {
            out.add(new Split(f.toString(), prefix ? shards.name(f) + ":" : null, shards.format()));
        }
        return out;
    }

    /**
     * Reads one split as the single-machine reader reads that part of the corpus: same records, ids and
     * skipping; duplicate ids across splits are not checked here. An empty split yields no record.
     */
    public static RecordReader open(Split split, ReadOptions options) {
        ReadOptions o = options.withFormat(split.format()).withUniqueIds(false);
        RecordReader r = CorpusReaders.open(Path.of(split.file()), o);
        return split.idPrefix() == null ? r : new Prefixed(r, split.idPrefix());
    }

    private static final class Prefixed implements RecordReader {
        private final RecordReader in;
        private final String prefix;

        Prefixed(RecordReader in, String prefix) {
            this.in = in;
            this.prefix = prefix;
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public Record next() {
            Record r = in.next();
            return new Record(prefix + r.id(), r.text(), r.label(), r.attributes(), r.provenance());
        }

        @Override
        public ReadReport report() {
            return in.report();
        }

        @Override
        public long bytesRead() {
            return in.bytesRead();
        }

        @Override
        public long bytesTotal() {
            return in.bytesTotal();
        }

        @Override
        public CorpusFormat format() {
            return in.format();
        }

        @Override
        public Path source() {
            return in.source();
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
