package dev.debias.corpus;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The corpus file formats debias reads and writes. Any line format may be gzip- or zstd-compressed ({@code .gz},
 * {@code .zst}); Parquet compresses inside the file. A folder or glob of shards ({@link CorpusShards}) is read as
 * one corpus in the shards' format.
 */
public enum CorpusFormat {
    /** JSON Lines: one JSON object per line. */
    JSONL("jsonl", true),
    /** Comma-separated values with a header row (RFC 4180 quoting). */
    CSV("csv", true),
    /** Tab-separated values with a header row, no quoting: fields cannot hold tabs or line breaks. */
    TSV("tsv", true),
    /** Apache Parquet: columns as fields, read row group by row group; written as nullable UTF-8 string columns. */
    PARQUET("parquet", true),
    /** Plain text, one document per line; blank lines are not documents. */
    TEXT("text", false),
    /** A directory of {@code .txt} files, one document per file, read in sorted path order. */
    DIR("dir", false);

    private final String id;
    private final boolean writable;

    CorpusFormat(String id, boolean writable) {
        this.id = id;
        this.writable = writable;
    }

    /** The name used by {@code --format}. */
    public String id() {
        return id;
    }

    /** True when debias can write this format. */
    public boolean isWritable() {
        return writable;
    }

    /** Parses a {@code --format} value. */
    public static CorpusFormat of(String name) {
        for (CorpusFormat f : values()) {
            if (f.id.equalsIgnoreCase(name) || f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new InvalidInputException("unknown format '" + name + "'; expected one of " + names());
    }

    /**
     * Tells the format of {@code path} from its extension ({@code .jsonl .ndjson .csv .tsv .tab .txt}, each
     * optionally followed by {@code .gz} or {@code .zst}, or {@code .parquet}); for a directory or a glob, the
     * format of its shards ({@link CorpusShards}), or {@link #DIR} for a directory of {@code .txt} documents.
     *
     * @throws InvalidInputException when the extension says nothing, or a folder mixes formats
     */
    public static CorpusFormat detect(Path path) {
        if (Files.isDirectory(path) || dev.debias.core.PathGlob.isGlob(path)) {
            CorpusShards shards = CorpusShards.find(path, null);
            return shards == null ? DIR : shards.format();
        }
        return ofExtension(path);
    }

    /** The format named by a file's extension, or null when it names none. */
    static CorpusFormat byExtension(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        } else if (name.endsWith(".zst")) {
            name = name.substring(0, name.length() - 4);
        }
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "jsonl", "ndjson" -> JSONL;
            case "csv" -> CSV;
            case "tsv", "tab" -> TSV;
            case "txt", "text" -> TEXT;
            default -> null;
        };
    }

    private static CorpusFormat ofExtension(Path path) {
        CorpusFormat f = byExtension(path);
        if (f != null) {
            return f;
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        } else if (name.endsWith(".zst")) {
            name = name.substring(0, name.length() - 4);
        }
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        if (ext.equals("parquet")) {
            throw new InvalidInputException(path + ": Parquet compresses inside the file; a compressed .parquet"
                    + " file cannot be read: decompress it");
        }
        throw new InvalidInputException("cannot tell the format of " + path
                + " from its extension" + (ext.isEmpty() ? "" : " '." + ext + "'")
                + "; name it with " + Setting.FORMAT + ": " + names());
    }

    /** True when the path names a gzip-compressed file. */
    static boolean isGzip(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** True when the path names a zstd-compressed file ({@code .zst}). */
    static boolean isZstd(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zst");
    }

    private static String names() {
        return Arrays.stream(values()).map(CorpusFormat::id).collect(Collectors.joining("|"));
    }
}
