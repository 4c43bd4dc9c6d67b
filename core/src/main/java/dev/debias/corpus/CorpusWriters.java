package dev.debias.corpus;

import dev.debias.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a {@link RecordWriter} for a writable corpus format. */
public final class CorpusWriters {
    private CorpusWriters() {}

    /**
     * Opens {@code target} for writing; the format comes from the options or the extension. Every writer
     * writes to a temporary file beside the target that {@link RecordWriter#commit()} moves into place.
     */
    public static RecordWriter open(Path target, WriteOptions options) throws IOException {
        if (java.nio.file.Files.isDirectory(target)) {
            throw new CorpusFormatException(target, 0, "is a directory; name an output file");
        }
        CorpusFormat format = options.format() != null ? options.format() : CorpusFormat.detect(target);
        return switch (format) {
            case JSONL -> new JsonlRecordWriter(target, options);
            case CSV -> new DelimitedRecordWriter(target, options, false);
            case TSV -> new DelimitedRecordWriter(target, options, true);
            case PARQUET -> new ParquetRecordWriter(target, options);
            case TEXT, DIR -> throw new InvalidInputException(target + ": debias does not write " + format.id()
                    + " corpora, which cannot hold labels or attributes; write .jsonl, .csv, .tsv or .parquet");
        };
    }

    /** Opens {@code target} with default options. */
    public static RecordWriter open(Path target) throws IOException {
        return open(target, WriteOptions.defaults());
    }
}
