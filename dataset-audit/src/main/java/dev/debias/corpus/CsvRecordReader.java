package dev.debias.corpus;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV (RFC 4180 quoting, fields may span lines) with a header row. Blank column names become
 * {@code column_N}; a row with a different number of fields than the header is an invalid record.
 * A quoting error leaves the parser lost, so it ends reading even when skipping invalid records.
 */
final class CsvRecordReader extends AbstractRecordReader {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final SourceStreams.Counting counted;
    private final Utf8LineReader lines;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final RecordAssembler assembler;
    private final long total;
    private String[] header;
    private long lastEndLine;
    private long startLine;

    CsvRecordReader(Path file, ReadOptions options) {
        super(file, options);
        this.counted = SourceStreams.open(file);
        this.total = SourceStreams.sizeOf(file);
        this.lines = new Utf8LineReader(SourceStreams.decoded(file, counted), file);
        try {
            this.parser = CSVParser.builder().setReader(new LinesAsReader(lines)).setFormat(FORMAT).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.rows = parser.iterator();
        this.assembler = new RecordAssembler(file, options.fields());
    }

    @Override
    public CorpusFormat format() {
        return CorpusFormat.CSV;
    }

    @Override
    protected String emptyReason() {
        return header == null ? "the file is empty (expected a header row)" : "the file has a header row but no records";
    }

    @Override
    protected Record readRecord() {
        if (header == null) {
            CSVRecord first = nextRow();
            if (first == null) {
                return null;
            }
            header = Headers.validate(first.values(), source, startLine, options.fields());
        }
        CSVRecord row = nextRow();
        if (row == null) {
            return null;
        }
        long start = startLine;
        if (row.size() != header.length) {
            throw new InvalidRecordException(source, start, Headers.ragged(header, row.size()));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            fields.put(header[i], row.get(i));
        }
        return assembler.assemble(fields, start, null);
    }

    private CSVRecord nextRow() {
        startLine = lastEndLine + 1;
        try {
            if (!rows.hasNext()) {
                return null;
            }
            CSVRecord r = rows.next();
            lastEndLine = parser.getCurrentLineNumber();
            return r;
        } catch (UncheckedIOException e) {
            throw new CorpusFormatException(source, startLine, "malformed CSV in the record starting here: "
                    + e.getCause().getMessage() + " (is a quote left open?)", e);
        }
    }

    @Override
    public long bytesRead() {
        return counted.count();
    }

    @Override
    public long bytesTotal() {
        return total;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Presents strictly decoded lines as characters, so invalid UTF-8 is reported at its exact line. */
    private static final class LinesAsReader extends Reader {
        private final Utf8LineReader lines;
        private String current = "";
        private int pos;
        private boolean eof;

        LinesAsReader(Utf8LineReader lines) {
            this.lines = lines;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos >= current.length()) {
                if (eof) {
                    return -1;
                }
                String line = lines.readLine();
                if (line == null) {
                    eof = true;
                    return -1;
                }
                current = line + "\n";
                pos = 0;
            }
            int n = Math.min(len, current.length() - pos);
            current.getChars(pos, pos + n, cbuf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
