package dev.debias.corpus;

import java.io.IOException;
import java.nio.file.Path;

/** Reads plain text, one document per line; blank lines are counted but are not documents. Ids are line numbers. */
final class PlainTextRecordReader extends LineRecordReader {
    private final String fileName;

    PlainTextRecordReader(Path file, ReadOptions options) {
        super(file, textOnly(file, options));
        this.fileName = String.valueOf(file.getFileName());
    }

    /** Checks the options before the file is opened, so a refused mapping leaves no stream open. */
    private static ReadOptions textOnly(Path file, ReadOptions options) {
        TextOnly.check(file, options.fields(), "plain text");
        return options;
    }

    @Override
    public CorpusFormat format() {
        return CorpusFormat.TEXT;
    }

    @Override
    protected String emptyReason() {
        return report.blankLines() > 0 ? "the file holds only blank lines" : "the file is empty";
    }

    @Override
    protected Record readRecord() throws IOException {
        String line = nextContentLine();
        if (line == null) {
            return null;
        }
        long n = lines.lineNumber();
        return new Record(Long.toString(n), line, null, null, Provenance.original(fileName + ":" + n));
    }
}
