package dev.debias.corpus;

import dev.debias.core.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes Apache Parquet: every field a nullable UTF-8 string column, in the order the CSV writer uses (id,
 * text, label when the first record has one, the attribute columns, optionally three provenance columns),
 * so an absent attribute stays absent (null) and an empty one stays empty. As in CSV, the columns are fixed
 * by the first record (or {@link WriteOptions#columns()}), and a later record that does not fit is an error,
 * never dropped. A record read through nested field paths is written as the object it was read from, one column
 * per top-level key, lists and objects as compact JSON ({@link #writeNested}). Rows are buffered a row group ({@value #ROW_GROUP_BYTES} bytes) at a time and zstd-compressed;
 * the file is written under a temporary name and moved into place by {@link #commit()}, like every writer.
 */
final class ParquetRecordWriter implements RecordWriter {
    /** The row-group size: big enough for fast column scans, small enough to buffer. */
    static final int ROW_GROUP_BYTES = 64 << 20;

    private final WriteOptions options;
    private final AtomicFile file;
    private final long rowGroupBytes;
    private ParquetWriter<Group> writer;
    private MessageType schema;
    private List<String> columns;
    private boolean labelColumn;
    /** Whether the rows are records read through field paths, written as the objects they were read from. */
    private boolean nestedRows;
    private long written;
    private boolean committed;

    ParquetRecordWriter(Path target, WriteOptions options) throws IOException {
        this(target, options, ROW_GROUP_BYTES);
    }

    /** A writer with another row-group size, for tests of files with many row groups. */
    ParquetRecordWriter(Path target, WriteOptions options, long rowGroupBytes) throws IOException {
        this.options = options;
        this.rowGroupBytes = rowGroupBytes;
        this.file = AtomicFile.create(target);
    }

    @Override
    public void write(Record r) throws IOException {
        if (committed) {
            throw new IllegalStateException("the writer for " + target() + " is already committed");
        }
        if (r.json() != null || nestedRows) {
            writeNested(r);
            return;
        }
        if (writer == null) {
            start(options.columns() != null ? options.columns() : new ArrayList<>(r.attributes().keySet()), r.label() != null);
        }
        if (r.label() != null && !labelColumn) {
            throw new CorpusFormatException(target(), 0, "record " + r.id() + " has a label but the first record had"
                    + " none, so the file has no label column; write JSON Lines instead");
        }
        for (String k : r.attributes().keySet()) {
            if (!columns.contains(k)) {
                throw new CorpusFormatException(target(), 0, "record " + r.id() + " has attribute '" + k
                        + "' that is not among the columns " + columns + "; write JSON Lines, or name every column");
            }
        }
        Group g = new SimpleGroup(schema);
        FieldMapping f = options.fields();
        g.add(f.idField(), r.id());
        g.add(f.textField(), r.text());
        if (labelColumn && r.label() != null) {
            g.add(f.labelField(), r.label());
        }
        for (var e : r.attributes().entrySet()) {
            g.add(e.getKey(), e.getValue());
        }
        addProvenance(g, r);
        writer.write(g);
        written++;
    }

    /**
     * Writes a record read through nested field paths as the object it was read from, with what changed written
     * back (as the JSON Lines writer does), one column per top-level key: a list or an object as compact JSON,
     * which the reader gives back to field paths as JSON. The first record's keys are the columns.
     */
    private void writeNested(Record r) throws IOException {
        if (r.json() == null || writer != null && !nestedRows) {
            throw new CorpusFormatException(target(), 0, "record " + r.id() + (r.json() == null ? " was" : " was not")
                    + " read through a field path, unlike the first record, so the two need different columns; "
                    + "write JSON Lines instead");
        }
        Map<String, String> row = NestedJson.columns(NestedJson.restore(r, options.fields(), target()));
        if (writer == null) {
            nestedRows = true;
            open(new ArrayList<>(row.keySet()));
            columns = List.copyOf(row.keySet());
        }
        for (String k : row.keySet()) {
            if (!columns.contains(k)) {
                throw new CorpusFormatException(target(), 0, "record " + r.id() + " has the key '" + k
                        + "' that is not among the columns " + columns + "; write JSON Lines instead");
            }
        }
        Group g = new SimpleGroup(schema);
        row.forEach(g::add);
        addProvenance(g, r);
        writer.write(g);
        written++;
    }

    private void addProvenance(Group g, Record r) {
        if (options.provenanceColumns()) {
            Provenance p = r.provenance();
            g.add("provenance_source", p.source());
            if (p.parentId() != null) {
                g.add("provenance_parent", p.parentId());
                g.add("provenance_transform", p.transform());
            }
        }
    }

    /** Fixes the schema and opens the Parquet writer on the temporary file. */
    private void start(List<String> attributeColumns, boolean label) throws IOException {
        FieldMapping f = options.fields();
        List<String> names = new ArrayList<>();
        names.add(f.idField());
        names.add(f.textField());
        if (label) {
            names.add(f.labelField());
        }
        names.addAll(attributeColumns);
        open(names);
        columns = List.copyOf(attributeColumns);
        labelColumn = label;
    }

    /** Opens the Parquet writer on the temporary file with these string columns (and the provenance ones). */
    private void open(List<String> columnNames) throws IOException {
        List<String> names = new ArrayList<>(columnNames);
        if (options.provenanceColumns()) {
            names.addAll(List.of("provenance_source", "provenance_parent", "provenance_transform"));
        }
        if (new LinkedHashSet<>(names).size() != names.size()) {
            throw new CorpusFormatException(target(), 0, "the columns " + names + " would name a column twice;"
                    + " an attribute has the name of the id, text, label or a provenance column");
        }
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (String n : names) {
            b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(n);
        }
        MessageType s = b.named("corpus");
        writer = ExampleParquetWriter.builder(new LocalOutputFile(file.temp()))
                .withConf(new PlainParquetConfiguration())
                .withType(s)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(rowGroupBytes)
                .withDictionaryEncoding(true)
                .build();
        schema = s;
    }

    @Override
    public void commit() throws IOException {
        if (committed) {
            return;
        }
        if (writer == null) {   // no record: a valid file with the columns known so far
            start(options.columns() != null ? options.columns() : List.of(), false);
        }
        writer.close();
        file.commit();
        committed = true;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public Path target() {
        return file.target();
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                if (writer != null) {
                    writer.close();
                }
            } catch (IOException | RuntimeException ignored) {
                // The output is discarded anyway.
            } finally {
                file.discard();
            }
        }
    }
}
