package dev.debias.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Reads the shards of a {@link CorpusShards} one after the other as one corpus. When no id field is named, a
 * record's id is {@code SHARD:N}, the shard's name below the folder and the record's own number there (line,
 * or row for Parquet), so ids stay unique across shards; with an id field, {@link ReadOptions#uniqueIds()}
 * checks them across all shards. Every error names the shard. A shard without records adds none (the
 * corpus as a whole must not be empty). Progress counts the bytes of all shards.
 */
final class ShardedRecordReader extends AbstractRecordReader {
    private final CorpusShards shards;
    private final Iterator<Path> files;
    private final ReadOptions shardOptions;
    private final long total;
    private long bytesDone;
    private Path shard;
    private AbstractRecordReader current;

    ShardedRecordReader(CorpusShards shards, ReadOptions options) {
        super(shards.source(), options);
        this.shards = shards;
        this.files = shards.files().iterator();
        // each shard is read as it is; skipping and the id check happen here, over the whole corpus
        this.shardOptions = options.withFormat(shards.format()).withUniqueIds(false).withSkipInvalid(false);
        this.total = shards.files().stream().mapToLong(SourceStreams::sizeOf).sum();
    }

    @Override
    public CorpusFormat format() {
        return shards.format();
    }

    @Override
    protected String emptyReason() {
        return "none of its " + shards.files().size() + " " + shards.format().id() + " shards holds a record";
    }

    @Override
    protected Record readRecord() throws IOException {
        while (true) {
            if (current == null) {
                if (!files.hasNext()) {
                    return null;
                }
                shard = files.next();
                try {
                    current = (AbstractRecordReader) CorpusReaders.open(shard, shardOptions);
                } catch (EmptyCorpusException e) {
                    continue;   // an empty compressed shard
                }
            }
            boolean more;
            try {
                more = current.hasNext();
            } catch (EmptyCorpusException e) {
                if (!shard.equals(e.file())) {
                    throw e;
                }
                more = false;   // a shard without records, or whose every record was invalid and skipped here
            }
            if (!more) {
                bytesDone += SourceStreams.sizeOf(shard);
                report.blankLines(current.report().blankLines());
                current.close();
                current = null;
                continue;
            }
            Record r = current.next();
            if (options.fields().idField() == null) {
                r = new Record(shards.name(shard) + ":" + r.id(), r.text(), r.label(), r.attributes(), r.provenance());
            }
            return r;
        }
    }

    @Override
    protected long recordLine() {
        return current == null ? 0 : current.recordLine();
    }

    @Override
    protected String recordPlace() {
        return "in " + shards.name(shard) + " " + (current == null ? "" : current.recordPlace());
    }

    @Override
    protected Path recordFile() {
        return shard == null ? source : shard;
    }

    @Override
    protected String placePrefix() {
        return current == null ? "" : current.placePrefix();
    }

    @Override
    public long bytesRead() {
        return bytesDone + (current == null ? 0 : current.bytesRead());
    }

    @Override
    public long bytesTotal() {
        return total;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
