package dev.debias.corpus;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams records to a file. Output goes to a temporary file that {@link #commit()} moves into
 * place; closing without committing discards it, so a run that fails half-way leaves no output
 * that looks complete. Typical use:
 *
 * <pre>{@code
 * try (RecordWriter w = CorpusWriters.open(path, WriteOptions.defaults())) {
 *     for (Record r : records) w.write(r);
 *     w.commit();
 * }
 * }</pre>
 */
public interface RecordWriter extends Closeable {
    /** Writes one record. */
    void write(Record record) throws IOException;

    /** Finishes the file and moves it into place. */
    void commit() throws IOException;

    /** Records written so far. */
    long written();

    /** The final location of the output. */
    Path target();

    /** Discards the output unless {@link #commit()} was called. */
    @Override
    void close() throws IOException;
}
