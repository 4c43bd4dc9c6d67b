package dev.debias.corpus;

import static dev.debias.corpus.Fixtures.assertContains;
import static dev.debias.corpus.Fixtures.assertFailsAt;
import static dev.debias.corpus.Fixtures.b;
import static dev.debias.corpus.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Utf8LineReaderTest {
    private static final Path FILE = Path.of("mem.txt");

    private static Utf8LineReader reader(byte[] content) {
        return new Utf8LineReader(new ByteArrayInputStream(content), FILE);
    }

    @Test
    void linesAcrossTheReadBufferKeepSplitCharactersAndExactNumbers() throws IOException {
        String longAscii = "a".repeat(65535);                 // "é" starts at byte 65535: split over two reads
        String first = longAscii + "é" + "z".repeat(70000);
        byte[] content = bytes(first, "\r\n", "\n", "€ second\n", "third", b(0xF0, 0x9F, 0x98), "\n");
        try (Utf8LineReader r = reader(content)) {
            assertEquals(first, r.readLine());
            assertEquals(1, r.lineNumber());
            assertEquals("", r.readLine());
            assertEquals("€ second", r.readLine());
            assertEquals(3, r.lineNumber());
            var e = assertFailsAt(CorpusFormatException.class, FILE, 4, r::readLine);
            assertContains(e.reason(), "invalid UTF-8 (byte 0xF0 at byte column 6)");
            assertEquals(content.length, r.bytesRead());
        }
    }

    @Test
    void theLongestLineReadIsNotedWithItsFileAndNumberAlsoWhileItIsRead() throws IOException {
        LongestLine.reset();
        try (Utf8LineReader r = reader(bytes("short\n", "x".repeat(300_000), "\n", "y".repeat(1000), "\n"))) {
            assertEquals("short", r.readLine());
            assertEquals(new LongestLine.Place(FILE, 1, 5), LongestLine.get().orElseThrow());
            r.readLine();
            r.readLine();
        }
        assertEquals(new LongestLine.Place(FILE, 2, 300_000), LongestLine.get().orElseThrow());
        assertEquals("mem.txt:2 (0.3 MB)", LongestLine.get().orElseThrow().toString());
        // a line still being read is noted as it grows, so a line too long to hold is named too
        LongestLine.reset();
        Utf8LineReader partial = new Utf8LineReader(new java.io.InputStream() {
            private long left = 200_000;

            @Override
            public int read() {
                return left-- > 0 ? 'z' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    throw new IllegalStateException("stop");
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'z');
                left -= n;
                return n;
            }
        }, FILE);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, partial::readLine);
        LongestLine.Place p = LongestLine.get().orElseThrow();
        assertEquals(1, p.line());
        org.junit.jupiter.api.Assertions.assertTrue(p.bytes() >= 100_000, p::toString);
    }

    @Test
    void bomOnlyOnTheFirstLineAndNoPhantomLastLine() throws IOException {
        byte[] bom = b(0xEF, 0xBB, 0xBF);
        try (Utf8LineReader r = reader(bytes(bom, "x\n", bom, "y\n"))) {
            assertEquals("x", r.readLine());
            assertEquals("\uFEFFy", r.readLine());
            assertNull(r.readLine());
            assertNull(r.readLine());
            assertEquals(2, r.lineNumber());
        }
        try (Utf8LineReader r = reader(new byte[0])) {
            assertNull(r.readLine());
            assertEquals(0, r.lineNumber());
        }
        try (Utf8LineReader r = reader(bytes("a\r\n\r\nb\r"))) {
            assertEquals("a", r.readLine());
            assertEquals("", r.readLine());
            assertEquals("b", r.readLine());
            assertNull(r.readLine());
            assertEquals(3, r.lineNumber());
        }
    }

    @Test
    void overlongEncodingsAndSurrogatesAreInvalid() {
        assertContains(assertFailsAt(CorpusFormatException.class, FILE, 1,
                () -> reader(bytes("ab", b(0xC0, 0x80), "\n")).readLine()).reason(), "byte 0xC0 at byte column 3");
        assertContains(assertFailsAt(CorpusFormatException.class, FILE, 1,
                () -> reader(bytes(b(0xEF, 0xBB, 0xBF), "x", b(0xED, 0xB0, 0x80))).readLine()).reason(),
                "byte 0xED at byte column 2");
    }
}
