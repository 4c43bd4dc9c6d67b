package dev.debias.corpus;

import java.nio.file.Path;

/** Opens a {@link RecordReader} for any supported corpus format. */
public final class CorpusReaders {
    private CorpusReaders() {}

    /**
     * Opens {@code source} for streaming. The format comes from the options or, when they name none,
     * from the file's extension. Errors in the file surface while iterating, each naming its line.
     *
     * @throws CorpusFormatException when the file is missing, unreadable or its header lacks a mapped field
     */
    public static RecordReader open(Path source, ReadOptions options) {
        CorpusFormat format = options.format() != null ? options.format() : CorpusFormat.detect(source);
        return switch (format) {
            case JSONL -> new JsonlRecordReader(source, options);
            case CSV -> new CsvRecordReader(source, options);
            case TSV -> new TsvRecordReader(source, options);
            case TEXT -> new PlainTextRecordReader(source, options);
            case DIR -> new DirectoryRecordReader(source, options);
        };
    }

    /** Opens {@code source} with default options: format from the extension, a {@code text} field. */
    public static RecordReader open(Path source) {
        return open(source, ReadOptions.defaults());
    }
}
