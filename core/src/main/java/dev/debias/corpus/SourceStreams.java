package dev.debias.corpus;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens corpus files for reading, decompressing {@code .gz}, and counts the bytes consumed for progress. */
final class SourceStreams {
    private SourceStreams() {}

    /** An input stream that counts the bytes read through it. */
    static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Opens a regular file, failing with a message a user can act on when it is missing or unreadable. */
    static Counting open(Path file) {
        if (!Files.exists(file)) {
            throw new CorpusFormatException(file, 0, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new CorpusFormatException(file, 0, "not a regular file");
        }
        try {
            return new Counting(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new CorpusFormatException(file, 0, "no such file");
        } catch (IOException e) {
            throw new CorpusFormatException(file, 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Wraps the counted stream for decoding: gunzipped when the file name ends in {@code .gz}, zstd-decoded when
     * it ends in {@code .zst} (a damaged frame is a {@link CorpusFormatException} naming the file).
     */
    static InputStream decoded(Path file, Counting counted) {
        try {
            if (CorpusFormat.isZstd(file)) {
                if (Files.size(file) == 0) {
                    throw new EmptyCorpusException(file, "the file is empty");   // as an empty .gz says
                }
                return new BufferedInputStream(new Zstd(file, counted), 1 << 16);
            }
            return CorpusFormat.isGzip(file)
                    ? new GZIPInputStream(counted, 1 << 16)
                    : new BufferedInputStream(counted, 1 << 16);
        } catch (ZipException e) {
            throw new CorpusFormatException(file, 0, "not a valid gzip file: " + e.getMessage(), e);
        } catch (IOException e) {
            if (e instanceof java.io.EOFException) {
                throw new EmptyCorpusException(file, "the file is empty");
            }
            throw new CorpusFormatException(file, 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Closes {@code c} after {@code failure} ended opening a reader, keeping any error of the close as suppressed; returns the failure. */
    static RuntimeException closeAfter(java.io.Closeable c, RuntimeException failure) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** A zstd-decoding stream whose damaged input is an error naming the file, not a raw decoder exception. */
    private static final class Zstd extends FilterInputStream {
        private final Path file;

        Zstd(Path file, InputStream in) throws IOException {
            super(new io.airlift.compress.zstd.ZstdInputStream(in));
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (RuntimeException | IOException e) {
                throw damaged(e);   // a damaged or cut frame
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (RuntimeException | IOException e) {
                throw damaged(e);   // a damaged or cut frame
            }
        }

        private CorpusFormatException damaged(Exception e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new CorpusFormatException(file, 0, "not a valid zstd file (damaged or cut short): " + why, e);
        }
    }
}
