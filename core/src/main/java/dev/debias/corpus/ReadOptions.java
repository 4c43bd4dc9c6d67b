package dev.debias.corpus;

import java.util.Objects;

/**
 * How to read a corpus.
 *
 * @param format the format, or null to tell it from the file's extension
 * @param fields which fields hold the text, label, id and groups
 * @param skipInvalid skip invalid records (counting each in the {@link ReadReport}) instead of failing on the first
 * @param uniqueIds fail with a {@link CorpusFormatException} naming the id and both lines at the first record
 *     whose id (from the {@linkplain FieldMapping#idField() id field}; ids made from line numbers are unique
 *     anyway) an earlier record had; costs about 11 to 21 bytes of heap a record
 */
public record ReadOptions(CorpusFormat format, FieldMapping fields, boolean skipInvalid, boolean uniqueIds) {
    public ReadOptions {
        Objects.requireNonNull(fields, "fields");
    }

    /** Options that do not check ids for duplicates. */
    public ReadOptions(CorpusFormat format, FieldMapping fields, boolean skipInvalid) {
        this(format, fields, skipInvalid, false);
    }

    /** Format from the extension, the {@link FieldMapping#DEFAULT} fields, fail on the first invalid record. */
    public static ReadOptions defaults() {
        return new ReadOptions(null, FieldMapping.DEFAULT, false, false);
    }

    /** A copy with a fixed format (null to tell it from the extension). */
    public ReadOptions withFormat(CorpusFormat f) {
        return new ReadOptions(f, fields, skipInvalid, uniqueIds);
    }

    /** A copy with another field mapping. */
    public ReadOptions withFields(FieldMapping f) {
        return new ReadOptions(format, f, skipInvalid, uniqueIds);
    }

    /** A copy that skips or fails on invalid records. */
    public ReadOptions withSkipInvalid(boolean skip) {
        return new ReadOptions(format, fields, skip, uniqueIds);
    }

    /** A copy that fails, or does not, at the first duplicate id (see {@link #uniqueIds()}). */
    public ReadOptions withUniqueIds(boolean unique) {
        return new ReadOptions(format, fields, skipInvalid, unique);
    }
}
