package dev.debias.corpus.prep;

import dev.debias.corpus.CorpusFormat;
import java.nio.file.Path;
import java.util.Locale;

/** The file suffix an output made from an input gets: the input's format and compression by default. */
public final class OutputNames {
    private OutputNames() {}

    /**
     * The suffix, such as {@code .csv} or {@code .jsonl.gz}: the extension of {@code format} when given, else of
     * {@code inputFormat} when debias writes it, else {@code .jsonl} (a text corpus or a directory cannot hold
     * the fields debias keeps); followed by the input's {@code .gz} or {@code .zst} when it has one (never after
     * {@code .parquet}, which compresses inside the file).
     */
    public static String suffix(Path input, CorpusFormat inputFormat, CorpusFormat format) {
        CorpusFormat f = format != null ? format : inputFormat.isWritable() ? inputFormat : CorpusFormat.JSONL;
        String name = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
        String compression = f == CorpusFormat.PARQUET ? ""   // Parquet compresses inside the file
                : name.endsWith(".gz") ? ".gz" : name.endsWith(".zst") ? ".zst" : "";
        return "." + f.id() + compression;
    }
}
