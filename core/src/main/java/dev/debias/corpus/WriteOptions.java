package dev.debias.corpus;

import java.util.List;

/**
 * How to write a corpus.
 *
 * @param format the format, or null to tell it from the file's extension
 * @param fields the output names of the text, label and id fields (group fields are ignored: groups
 *     are attributes and keep their names)
 * @param columns for CSV, TSV and Parquet, the attribute columns in order, or null to take them from the
 *     first record; a later record with an attribute outside them is an error, never dropped
 * @param provenanceColumns for CSV, TSV and Parquet, add {@code provenance_source}, {@code provenance_parent}
 *     and {@code provenance_transform} columns (JSON Lines always carry a derived record's provenance)
 */
public record WriteOptions(CorpusFormat format, FieldMapping fields, List<String> columns, boolean provenanceColumns) {
    /** The default output names: {@code id}, {@code text}, {@code label}. */
    public static final FieldMapping DEFAULT_FIELDS = new FieldMapping("text", "label", List.of(), "id");

    public WriteOptions {
        java.util.Objects.requireNonNull(fields, "fields");
        if (fields.labelField() == null || fields.idField() == null) {
            throw new IllegalArgumentException("output field names need a label and an id name");
        }
        columns = columns == null ? null : List.copyOf(columns);
    }

    /** Format from the extension, columns from the first record, no provenance columns. */
    public static WriteOptions defaults() {
        return new WriteOptions(null, DEFAULT_FIELDS, null, false);
    }

    /** A copy with a fixed format. */
    public WriteOptions withFormat(CorpusFormat f) {
        return new WriteOptions(f, fields, columns, provenanceColumns);
    }

    /**
     * A copy writing the text, label and id under the names of {@code input} where it names them
     * (so a converted file keeps its field names), else under the defaults.
     */
    public WriteOptions withFieldNamesOf(FieldMapping input) {
        FieldMapping m = new FieldMapping(input.textField(),
                input.labelField() != null ? input.labelField() : DEFAULT_FIELDS.labelField(), List.of(),
                input.idField() != null ? input.idField() : DEFAULT_FIELDS.idField());
        return new WriteOptions(format, m, columns, provenanceColumns);
    }

    /** A copy with fixed attribute columns for CSV and TSV. */
    public WriteOptions withColumns(List<String> c) {
        return new WriteOptions(format, fields, c, provenanceColumns);
    }

    /** A copy that writes (or not) provenance columns in CSV and TSV. */
    public WriteOptions withProvenanceColumns(boolean p) {
        return new WriteOptions(format, fields, columns, p);
    }
}
