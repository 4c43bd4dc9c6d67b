package dev.debias.corpus;

import java.util.Objects;

/**
 * How to read a corpus.
 *
 * @param format the format, or null to tell it from the file's extension
 * @param fields which fields hold the text, label, id and groups
 * @param skipInvalid skip invalid records (counting each in the {@link ReadReport}) instead of failing on the first
 */
public record ReadOptions(CorpusFormat format, FieldMapping fields, boolean skipInvalid) {
    public ReadOptions {
        Objects.requireNonNull(fields, "fields");
    }

    /** Format from the extension, the {@link FieldMapping#DEFAULT} fields, fail on the first invalid record. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, FieldMapping.DEFAULT, false);
    }

    /** A copy with a fixed format (null to tell it from the extension). */
    public ReadOptions withFormat(CorpusFormat f) {
        return new ReadOptions(f, fields, skipInvalid);
    }

    /** A copy with another field mapping. */
    public ReadOptions withFields(FieldMapping f) {
        return new ReadOptions(format, f, skipInvalid);
    }

    /** A copy that skips or fails on invalid records. */
    public ReadOptions withSkipInvalid(boolean skip) {
        return new ReadOptions(format, fields, skip);
    }
}
