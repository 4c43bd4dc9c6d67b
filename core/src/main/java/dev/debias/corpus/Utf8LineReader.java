package dev.debias.corpus;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * Reads strict UTF-8 lines from a byte stream, knowing the exact number of each line. Accepts
 * {@code \n} and {@code \r\n} endings, drops a leading byte order mark, and reports invalid UTF-8,
 * over-long lines and corrupt or truncated gzip data as {@link CorpusFormatException}s naming the line.
 * Notes each line longer than any before it in {@link LongestLine}.
 */
public final class Utf8LineReader implements Closeable {
    /** Longest line accepted; anything longer is more likely a binary file than a record. */
    static final int MAX_LINE_BYTES = 64 << 20;

    private final InputStream in;
    private final Path file;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;
    private long bytesRead;
    private boolean eof;

    /** Reads {@code in}; {@code file} names the source in error messages. */
    public Utf8LineReader(InputStream in, Path file) {
        this.in = in;
        this.file = file;
    }

    /** The number of the line last returned (1-based), or 0 before the first. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Bytes consumed from the underlying stream so far. */
    long bytesRead() {
        return bytesRead;
    }

    /** Returns the next line without its ending, or null at the end of the input. */
    public String readLine() throws IOException {
        int len = 0;
        boolean sawAny = false;
        boolean ascii = true;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
            }
            sawAny = true;
            int start = pos;
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    nl = i;
                    break;
                }
                if (b < 0) {
                    ascii = false;
                }
            }
            int end = nl < 0 ? limit : nl;
            len = append(len, start, end - start);
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        lineNumber++;
        LongestLine.note(file, lineNumber, len);
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        int offset = 0;
        if (lineNumber == 1 && len >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            offset = 3;
        }
        if (ascii) {
            return new String(line, offset, len - offset, StandardCharsets.ISO_8859_1);
        }
        ByteBuffer in = ByteBuffer.wrap(line, offset, len - offset);
        CharBuffer out = CharBuffer.allocate(len - offset);
        CoderResult r = decoder.reset().decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw new CorpusFormatException(file, lineNumber, String.format(
                    "invalid UTF-8 (byte 0x%02X at byte column %d); convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8",
                    line[in.position()] & 0xFF, in.position() - offset + 1));
        }
        return out.flip().toString();
    }

    private int append(int len, int start, int n) {
        if (len + n > MAX_LINE_BYTES) {
            throw new CorpusFormatException(file, lineNumber + 1, "line is longer than " + (MAX_LINE_BYTES >> 20)
                    + " MiB; is this a binary file or a file without line breaks?");
        }
        if (len + n > line.length) {
            LongestLine.note(file, lineNumber + 1, len + n);
            line = Arrays.copyOf(line, Math.max(len + n, line.length * 2));
        }
        System.arraycopy(buf, start, line, len, n);
        return len + n;
    }

    private boolean fill() throws IOException {
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (ZipException | EOFException e) {
            // Only a decompressing stream fails this way: a truncated download or a damaged file.
            throw new CorpusFormatException(file, lineNumber + 1, "the gzip data is corrupt or cut short"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + "; is the file complete?", e);
        }
        if (n <= 0) {
            eof = true;
            return false;
        }
        bytesRead += n;
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
