package dev.debias.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;

/** Small helpers shared by the corpus tests: writing fixtures, reading whole corpora, checking error places. */
final class Fixtures {
    private Fixtures() {}

    static Path write(Path file, String content) {
        return writeBytes(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path writeBytes(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path gzip(Path file, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writeBytes(file, bytes.toByteArray());
    }

    static String gunzip(Path file) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** Concatenates byte arrays and UTF-8 strings. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof byte[] a ? a : p.toString().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static byte[] b(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static ReadOptions options(FieldMapping fields) {
        return ReadOptions.defaults().withFields(fields);
    }

    static List<Record> readAll(Path file, ReadOptions options) {
        try (RecordReader r = CorpusReaders.open(file, options)) {
            return drain(r);
        }
    }

    static List<Record> readAll(Path file) {
        return readAll(file, ReadOptions.defaults());
    }

    static List<Record> drain(RecordReader r) {
        List<Record> out = new ArrayList<>();
        while (r.hasNext()) {
            out.add(r.next());
        }
        return out;
    }

    static List<String> ids(List<Record> records) {
        return records.stream().map(Record::id).toList();
    }

    static List<String> texts(List<Record> records) {
        return records.stream().map(Record::text).toList();
    }

    static List<String> keys(Record r) {
        return List.copyOf(r.attributes().keySet());
    }

    /**
     * Asserts that {@code action} throws exactly {@code type} (not a subclass unless it is one) whose
     * place is {@code file} at {@code line} and whose message reads {@code FILE:LINE: reason}.
     */
    static <T extends CorpusFormatException> T assertFailsAt(Class<T> type, Path file, long line, Executable action) {
        T e = assertThrows(type, action);
        assertEquals(type, e.getClass(), () -> "exception type; message: " + e.getMessage());
        assertEquals(file, e.file(), "file");
        assertEquals(line, e.line(), () -> "line; message: " + e.getMessage());
        String place = line > 0 ? file + ":" + line + ": " : file + ": ";
        assertTrue(e.getMessage().startsWith(place), () -> "message should start with '" + place + "': " + e.getMessage());
        assertEquals(place + e.reason(), e.getMessage());
        return e;
    }

    static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), () -> "expected '" + needle + "' in: " + haystack);
    }
}
