package dev.debias.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads TSV with a header row and no quoting: each line is split on tabs and must have as many fields as the header.
 * The header is read and checked when the reader is opened.
 */
final class TsvRecordReader extends LineRecordReader {
    private final RecordAssembler assembler;
    private final String[] header;

    TsvRecordReader(Path file, ReadOptions options) {
        super(file, options);
        this.assembler = new RecordAssembler(file, options.fields());
        try {
            String first = nextContentLine();
            this.header = first == null ? null
                    : Headers.validate(first.split("\t", -1), source, lines.lineNumber(), options.fields());
        } catch (IOException e) {
            throw SourceStreams.closeAfter(lines, new UncheckedIOException("reading " + source + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw SourceStreams.closeAfter(lines, e);
        }
    }

    @Override
    public CorpusFormat format() {
        return CorpusFormat.TSV;
    }

    @Override
    protected String emptyReason() {
        return header == null ? "the file is empty (expected a header row)" : "the file has a header row but no records";
    }

    @Override
    protected Record readRecord() throws IOException {
        if (header == null) {
            return null;
        }
        String line = nextContentLine();
        if (line == null) {
            return null;
        }
        String[] cells = line.split("\t", -1);
        long n = lines.lineNumber();
        if (cells.length != header.length) {
            throw new InvalidRecordException(source, n, Headers.ragged(header, cells.length));
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            row.put(header[i], cells[i]);
        }
        return assembler.assemble(row, n, null);
    }
}
