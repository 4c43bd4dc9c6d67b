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
 * Reads CSV (RFC 4180 quoting, fields may span lines) with a header row, which is read and checked
 * when the reader is opened. Blank column names become {@code column_N}; a row with a different
 * number of fields than the header is an invalid record. Empty lines are counted, not read, and a
 * record's line is the line it starts on. A quoting error leaves the parser lost, so it ends reading
 * even when skipping invalid records.
 */
final class CsvRecordReader extends LineRecordReader {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final RecordAssembler assembler;
    private final String[] header;
    private long lastEndLine;
    private long startLine;
    private boolean exhausted;

    CsvRecordReader(Path file, ReadOptions options) {
        super(file, options);
        try {
            this.parser = CSVParser.builder().setReader(new LinesAsReader(lines)).setFormat(FORMAT).get();
            this.rows = parser.iterator();
            this.assembler = new RecordAssembler(file, options.fields());
            CSVRecord first = nextRow();
            this.header = first == null ? null : Headers.validate(first.values(), source, startLine, options.fields());
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
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
    protected long recordLine() {
        return startLine;
    }

    @Override
    protected Record readRecord() {
        if (header == null) {
            return null;
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

    /**
     * Returns the next row, setting {@link #startLine} to the line it starts on and counting the
     * empty lines the parser passed over before it (or before the end), or null at the end.
     */
    private CSVRecord nextRow() {
        if (exhausted) {
            return null;
        }
        try {
            if (!rows.hasNext()) {
                exhausted = true;
                countBlankLines(parser.getCurrentLineNumber());
                return null;
            }
            CSVRecord r = rows.next();
            long end = parser.getCurrentLineNumber();
            startLine = end - lineBreaks(r);
            countBlankLines(startLine - 1);
            lastEndLine = end;
            return r;
        } catch (UncheckedIOException e) {
            throw new CorpusFormatException(source, lastEndLine + 1, "malformed CSV in the record starting here: "
                    + e.getCause().getMessage() + " (is a quote left open?)", e);
        }
    }

    /** Counts the lines after the last row up to {@code line} as blank: the parser skips empty lines. */
    private void countBlankLines(long line) {
        for (long i = lastEndLine + 1; i <= line; i++) {
            report.blankLine();
        }
    }

    /** The line breaks inside a row's quoted values: the row ends that many lines after it starts. */
    private static long lineBreaks(CSVRecord r) {
        long n = 0;
        for (String v : r.values()) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '\n' || c == '\r') {
                    n++;
                }
            }
        }
        return n;
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
