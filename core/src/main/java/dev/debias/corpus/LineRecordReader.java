package dev.debias.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Base of the readers that read a file as strict UTF-8 lines (JSON Lines, TSV, plain text, and CSV,
 * whose parser reads the same lines): it opens, counts and closes the file. Blank lines are counted, not read.
 */
abstract class LineRecordReader extends AbstractRecordReader {
    protected final Utf8LineReader lines;
    private final SourceStreams.Counting counted;
    private final long total;

    LineRecordReader(Path file, ReadOptions options) {
        super(file, options);
        this.counted = SourceStreams.open(file);
        this.total = SourceStreams.sizeOf(file);
        try {
            this.lines = new Utf8LineReader(SourceStreams.decoded(file, counted), file);
        } catch (RuntimeException e) {
            throw SourceStreams.closeAfter(counted, e);
        }
    }

    /** Returns the next non-blank line, or null at the end; blank lines are counted in the report. */
    protected String nextContentLine() throws IOException {
        String line;
        while ((line = lines.readLine()) != null) {
            if (!line.isBlank()) {
                return line;
            }
            report.blankLine();
        }
        return null;
    }

    @Override
    protected long recordLine() {
        return lines.lineNumber();
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
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
