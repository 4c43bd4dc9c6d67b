package dev.debias.corpus;

import dev.debias.core.AtomicFile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** The temporary-file, compression and commit logic shared by every writer. */
abstract class AbstractRecordWriter implements RecordWriter {
    protected final WriteOptions options;
    protected final Writer out;
    private final AtomicFile file;
    private final OutputStream stream;
    private long written;
    private boolean committed;

    AbstractRecordWriter(Path target, WriteOptions options) throws IOException {
        this.options = options;
        this.file = AtomicFile.create(target);
        OutputStream s = file.openStream();
        this.stream = CorpusFormat.isGzip(target) ? new GZIPOutputStream(s, 1 << 16)
                : CorpusFormat.isZstd(target) ? new io.airlift.compress.zstd.ZstdOutputStream(s) : s;
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Writes one record's bytes. */
    protected abstract void writeRecord(Record r) throws IOException;

    /** Writes anything that ends the file (called once, before commit). */
    protected void finish() throws IOException {}

    @Override
    public final void write(Record record) throws IOException {
        if (committed) {
            throw new IllegalStateException("the writer for " + target() + " is already committed");
        }
        writeRecord(record);
        written++;
    }

    @Override
    public final void commit() throws IOException {
        if (committed) {
            return;
        }
        finish();
        out.close();
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
    public final void close() throws IOException {
        if (!committed) {
            try {
                out.close();
            } catch (IOException ignored) {
                // The output is discarded anyway.
            }
            file.discard();
        }
    }
}
