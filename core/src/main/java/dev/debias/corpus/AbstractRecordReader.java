package dev.debias.corpus;

import dev.debias.core.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/**
 * Look-ahead, skipping, counting, the empty-corpus check and the duplicate-id check
 * ({@link ReadOptions#uniqueIds()}) shared by every reader.
 */
abstract class AbstractRecordReader implements RecordReader {
    protected final Path source;
    protected final ReadOptions options;
    protected final ReadReport report = new ReadReport();
    private final IdHashes ids;
    private Record next;
    private boolean ended;

    AbstractRecordReader(Path source, ReadOptions options) {
        this.source = source;
        this.options = options;
        this.ids = options.uniqueIds() && options.fields().idField() != null ? new IdHashes() : null;
    }

    /** The 1-based line where the record last read starts, or 0 when records are not lines. */
    protected long recordLine() {
        return 0;
    }

    /** Where the record last read is, for a message: "on line N" here, a row or a shard's line elsewhere. */
    protected String recordPlace() {
        return "on line " + recordLine();
    }

    /** The file that holds the record last read: the source, or the shard of a sharded corpus. */
    protected Path recordFile() {
        return source;
    }

    /** What starts a message about the record last read when it is not on a line, e.g. "row group 1, row 3: ". */
    protected String placePrefix() {
        return "";
    }

    /** Reads the next record, or returns null at the end; throws {@link InvalidRecordException} for a bad one. */
    protected abstract Record readRecord() throws IOException;

    /** Says why a corpus with no records at all is empty, e.g. "the file is empty". */
    protected abstract String emptyReason();

    @Override
    public Path source() {
        return source;
    }

    @Override
    public ReadReport report() {
        return report;
    }

    @Override
    public final boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        while (true) {
            try {
                next = readRecord();
            } catch (InvalidRecordException e) {
                if (!options.skipInvalid()) {
                    throw e;
                }
                report.skip(new SkippedRecord(skippedName(e.file()), e.line(), e.reason()));
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + source + ": " + e.getMessage(), e);
            }
            break;
        }
        if (next == null) {
            ended = true;
            if (report.records() == 0) {
                if (report.skipped() == 0) {
                    throw new EmptyCorpusException(source, emptyReason());
                }
                throw new EmptyCorpusException(source, "all " + report.skipped()
                        + " records were invalid and skipped; the first: " + report.skippedRecords().get(0));
            }
            return false;
        }
        if (ids != null && !ids.add(next.id())) {
            requireFirstUse(next.id(), report.records(), recordLine());
        }
        report.recordRead();
        return true;
    }

    /**
     * Confirms a hash hit for {@code id}, the id of record {@code ordinal} (0-based) on {@code line}, by
     * reading the records before it again: throws naming both lines when one of them has the same id; returns
     * when none has (two ids that share a 64-bit hash).
     */
    private void requireFirstUse(String id, long ordinal, long line) {
        try (RecordReader again = CorpusReaders.open(source, options.withUniqueIds(false))) {
            for (long i = 0; i < ordinal && again.hasNext(); i++) {
                if (again.next().id().equals(id)) {
                    String first = ((AbstractRecordReader) again).recordPlace();
                    throw new CorpusFormatException(recordFile(), line, placePrefix() + "the id '" + id
                            + "' is also the id of the record " + first + "; ids (named by " + Setting.ID_FIELD
                            + ") must be unique: give each record its own id");
                }
            }
        }
    }

    /** A file's name as a skipped record names it: the path below the source for a directory's file, else the file name. */
    private String skippedName(Path file) {
        return file.startsWith(source) && !file.equals(source)
                ? source.relativize(file).toString().replace('\\', '/')
                : String.valueOf(file.getFileName());
    }

    @Override
    public final Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Record r = next;
        next = null;
        return r;
    }
}
