package dev.debias.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.schema.MessageType;

/**
 * Reads an Apache Parquet file row group by row group (one row group's column chunks in memory at a
 * time): each top-level column is a field, read as {@link ParquetValues} says; a null is absent. Record
 * {@code n} of the file (1-based, over all row groups) plays the part of a line: it is the id when no id
 * field is named and it is in the provenance ({@code file:n}). A bad record is an {@link InvalidRecordException}
 * whose reason starts with its place, {@code row group G, row R} (both 1-based, R within the group).
 */
final class ParquetRecordReader extends AbstractRecordReader {
    private final ParquetFileReader file;
    private final MessageType schema;
    private final MessageColumnIO columns;
    private final RecordAssembler assembler;
    private final NestedJson nested;
    /** The columns of a list, map or struct type, whose values are read as JSON. */
    private final java.util.Set<String> jsonColumns = new java.util.HashSet<>();
    private final List<BlockMetaData> groups;
    private final long total;
    private org.apache.parquet.io.RecordReader<Group> rows;
    private long rowsLeft;
    private int group;       // 1-based number of the row group being read, 0 before the first
    private long rowInGroup;
    private long row;        // 1-based number of the last row read in the file
    private long bytesRead;

    ParquetRecordReader(Path path, ReadOptions options) {
        super(path, options);
        try (var probe = SourceStreams.open(path)) {   // the missing-file and not-a-file errors every reader gives
            probe.available();
        } catch (IOException e) {
            throw new CorpusFormatException(path, 0, "cannot be read: " + e.getMessage(), e);
        }
        this.total = SourceStreams.sizeOf(path);
        try {
            this.file = ParquetFileReader.open(new LocalInputFile(path),
                    ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        } catch (IOException | RuntimeException e) {
            throw new CorpusFormatException(path, 0, "not a valid Parquet file (damaged or cut short): " + why(e), e);
        }
        this.schema = file.getFooter().getFileMetaData().getSchema();
        this.columns = new ColumnIOFactory().getColumnIO(schema);
        this.groups = file.getRowGroups();
        this.assembler = new RecordAssembler(path, options.fields());
        this.nested = new NestedJson(options.fields());
        for (var t : schema.getFields()) {
            if (!t.isPrimitive()) {
                jsonColumns.add(t.getName());
            }
        }
        this.bytesRead = total - groups.stream().mapToLong(BlockMetaData::getCompressedSize).sum();
    }

    @Override
    public CorpusFormat format() {
        return CorpusFormat.PARQUET;
    }

    @Override
    protected String emptyReason() {
        return "the Parquet file holds no rows";
    }

    @Override
    protected Record readRecord() throws IOException {
        while (rowsLeft == 0) {
            if (!nextGroup()) {
                return null;
            }
        }
        rowsLeft--;
        rowInGroup++;
        row++;
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            Group g = rows.read();
            for (int i = 0; i < schema.getFieldCount(); i++) {
                fields.put(schema.getFieldName(i), ParquetValues.field(g, i));
            }
        } catch (ParquetValues.UnreadableValue e) {
            throw new InvalidRecordException(source, 0, place() + e.getMessage());
        } catch (RuntimeException e) {
            throw new CorpusFormatException(source, 0, place() + "cannot be decoded (damaged file?): " + why(e), e);
        }
        try {
            if (!nested.active()) {
                return assembler.assemble(fields, row, null);
            }
            // a field path (messages[*].content) resolves in the row as one JSON object, nested columns as JSON
            String doc = NestedJson.document(fields, jsonColumns);
            boolean resolved = nested.resolveInto(fields, doc, source, row);
            return assembler.assemble(fields, row, null, resolved ? doc : null);
        } catch (InvalidRecordException e) {
            throw new InvalidRecordException(source, 0, place() + e.reason());
        }
    }

    private boolean nextGroup() {
        if (group >= groups.size()) {
            return false;
        }
        group++;
        PageReadStore pages;
        try {
            pages = file.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw new CorpusFormatException(source, 0, "row group " + group + ": cannot be read (damaged or cut short): "
                    + why(e), e);
        }
        if (pages == null) {
            throw new CorpusFormatException(source, 0, "row group " + group + ": missing, though the footer lists "
                    + groups.size() + " (damaged or cut short)");
        }
        bytesRead += groups.get(group - 1).getCompressedSize();
        rows = columns.getRecordReader(pages, new GroupRecordConverter(schema));
        rowsLeft = pages.getRowCount();
        rowInGroup = 0;
        return true;
    }

    /** The place of the row last read, as errors start: {@code row group G, row R: }. */
    private String place() {
        return "row group " + group + ", row " + rowInGroup + ": ";
    }

    @Override
    protected String recordPlace() {
        return "in row group " + group + ", row " + rowInGroup;
    }

    @Override
    protected String placePrefix() {
        return place();
    }

    private static String why(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public long bytesTotal() {
        return total;
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
