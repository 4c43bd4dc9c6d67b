package dev.debias.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV (RFC 4180) or TSV (no quoting) with a header row: id, text, label (when the first
 * record has one), the attribute columns, and optionally three provenance columns. A value that
 * does not fit (an attribute outside the columns; a tab or line break in TSV) is an error, never
 * dropped.
 */
final class DelimitedRecordWriter extends AbstractRecordWriter {
    private final boolean tsv;
    private CSVPrinter csv;
    private List<String> columns;
    private boolean labelColumn;

    DelimitedRecordWriter(Path target, WriteOptions options, boolean tsv) throws IOException {
        super(target, options);
        this.tsv = tsv;
    }

    @Override
    protected void writeRecord(Record r) throws IOException {
        FieldMapping f = options.fields();
        if (columns == null) {
            // The columns are fixed only once the header is written, so a record refused here leaves no headless file.
            List<String> cols = options.columns() != null ? options.columns() : new ArrayList<>(r.attributes().keySet());
            boolean label = r.label() != null;
            List<String> header = new ArrayList<>();
            header.add(f.idField());
            header.add(f.textField());
            if (label) {
                header.add(f.labelField());
            }
            header.addAll(cols);
            if (options.provenanceColumns()) {
                header.addAll(List.of("provenance_source", "provenance_parent", "provenance_transform"));
            }
            Set<String> unique = new LinkedHashSet<>(header);
            if (unique.size() != header.size()) {
                throw new CorpusFormatException(target(), 0, "the header " + header + " would name a column twice;"
                        + " an attribute has the name of the id, text or label column");
            }
            writeRow(header, "header");
            columns = cols;
            labelColumn = label;
        }
        if (r.label() != null && !labelColumn) {
            throw new CorpusFormatException(target(), 0, "record " + r.id() + " has a label but the first record had"
                    + " none, so the header has no label column; write JSON Lines instead");
        }
        for (String k : r.attributes().keySet()) {
            if (!columns.contains(k)) {
                throw new CorpusFormatException(target(), 0, "record " + r.id() + " has attribute '" + k
                        + "' that is not among the columns " + columns + "; write JSON Lines, or name every column");
            }
        }
        List<String> row = new ArrayList<>(columns.size() + 6);
        row.add(r.id());
        row.add(r.text());
        if (labelColumn) {
            row.add(r.label() == null ? "" : r.label());
        }
        for (String c : columns) {
            row.add(r.attributes().getOrDefault(c, ""));
        }
        if (options.provenanceColumns()) {
            Provenance p = r.provenance();
            row.add(p.source());
            row.add(p.parentId() == null ? "" : p.parentId());
            row.add(p.transform() == null ? "" : p.transform());
        }
        writeRow(row, "record " + r.id());
    }

    /** Writes one row, or nothing at all when a value does not fit. */
    private void writeRow(List<String> values, String what) throws IOException {
        if (tsv) {
            for (String v : values) {
                if (v.indexOf('\t') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                    throw new CorpusFormatException(target(), 0, what + ": a value holds a tab or line break,"
                            + " which TSV cannot hold; write CSV or JSON Lines instead");
                }
            }
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                if (i > 0) {
                    out.write('\t');
                }
                out.write(v);
            }
            out.write('\n');
        } else {
            if (csv == null) {
                csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
            }
            csv.printRecord(values);
        }
    }

    @Override
    protected void finish() throws IOException {
        if (csv != null) {
            csv.flush();
        }
    }
}
