package dev.debias.augment;

import dev.debias.corpus.CorpusFormatException;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A writer into the staging folder whose refusals of a record name the user's input file and the record's line
 * there, not the staged file: a record the output format refuses (an attribute named like an output field, a
 * value the format cannot hold) is a fault of that input record, and the staged file's hidden path means
 * nothing to the user. The line is the one the record (or, for a copy, its source) was read from; where the
 * record's source names no line of the input (a directory entry), the fault is given at line 0 with the record's id.
 */
final class InputNamingWriter implements RecordWriter {
    private final RecordWriter staged;
    private final Path input;

    InputNamingWriter(RecordWriter staged, Path input) {
        this.staged = staged;
        this.input = input;
    }

    @Override
    public void write(Record record) throws IOException {
        try {
            staged.write(record);
        } catch (CorpusFormatException e) {
            if (!e.file().equals(staged.target())) {
                throw e;
            }
            throw new CorpusFormatException(input, inputLine(record), e.reason(), e);
        }
    }

    /**
     * The 1-based line of {@code input} that {@code r} (or its source) was read from: its provenance source is
     * {@code FILENAME:LINE} for a record read from a file; 0 when it names no line of the input.
     */
    private long inputLine(Record r) {
        String source = r.provenance().source();
        String prefix = input.getFileName() + ":";
        if (source.startsWith(prefix)) {
            try {
                return Long.parseLong(source.substring(prefix.length()));
            } catch (NumberFormatException notALine) {
                return 0;
            }
        }
        return 0;
    }

    @Override
    public void commit() throws IOException {
        staged.commit();
    }

    @Override
    public long written() {
        return staged.written();
    }

    @Override
    public Path target() {
        return staged.target();
    }

    @Override
    public void close() throws IOException {
        staged.close();
    }
}
