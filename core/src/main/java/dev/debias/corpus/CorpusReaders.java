package dev.debias.corpus;

import dev.debias.core.PathGlob;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a {@link RecordReader} for any supported corpus format, or for a folder or glob of shards. */
public final class CorpusReaders {
    private CorpusReaders() {}

    /**
     * Opens {@code source} for streaming. The format comes from the options or, when they name none,
     * from the file's extension. A folder is a folder of shards or of {@code .txt} documents, a glob names
     * shards, as {@link CorpusShards} says; shards are read in sorted path order as one corpus. Errors in the
     * file surface while iterating, each naming its line (for Parquet, its row group and row; for shards, the shard).
     *
     * @throws CorpusFormatException when the file is missing, unreadable or its header lacks a mapped field
     */
    public static RecordReader open(Path source, ReadOptions options) {
        if (Files.isDirectory(source) || PathGlob.isGlob(source)) {
            CorpusShards shards = CorpusShards.find(source, options.format());
            return shards == null ? new DirectoryRecordReader(source, options) : new ShardedRecordReader(shards, options);
        }
        CorpusFormat format = options.format() != null ? options.format() : CorpusFormat.detect(source);
        return switch (format) {
            case JSONL -> new JsonlRecordReader(source, options);
            case CSV -> new CsvRecordReader(source, options);
            case TSV -> new TsvRecordReader(source, options);
            case PARQUET -> new ParquetRecordReader(source, options);
            case TEXT -> new PlainTextRecordReader(source, options);
            case DIR -> new DirectoryRecordReader(source, options);
        };
    }

    /**
     * Why {@code source} cannot be read as a corpus, or null when it can: a regular file, a folder (of shards or
     * of {@code .txt} documents), or a glob matching at least one file. A pipe or device is refused, since a
     * corpus is hashed for its provenance and then read, and those can be read only once. Whether a folder's
     * files make one corpus is decided when it is opened.
     */
    public static String unreadable(Path source) {
        if (Files.isRegularFile(source) || Files.isDirectory(source)) {
            return null;
        }
        if (PathGlob.isGlob(source)) {
            return PathGlob.existsOrMatches(source) ? null : "no file matches the pattern";
        }
        return !Files.exists(source) ? "no such file"
                : "is not a regular file (a pipe or device cannot be hashed and then read)";
    }

    /** Opens {@code source} with default options: format from the extension, a {@code text} field. */
    public static RecordReader open(Path source) {
        return open(source, ReadOptions.defaults());
    }
}
