package dev.debias.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The longest line that any corpus reader of this JVM has read, or is reading, so that a front end
 * can name the record that most likely ran the JVM out of memory: an {@link OutOfMemoryError} can
 * happen anywhere downstream of the reader (tokenising, indexing), where the record is no longer known.
 *
 * <p>Readers note a line when it is longer than any before it, also while it is still being read, so
 * a line too long to be held at all is named too. The cost is one comparison per line. Thread-safe.
 */
public final class LongestLine {
    /**
     * One line of one corpus file.
     *
     * @param file the file it is in
     * @param line its 1-based number
     * @param bytes its length in bytes (so far, for a line still being read)
     */
    public record Place(Path file, long line, long bytes) {
        /** Reads {@code FILE:LINE (12.3 MB)}. */
        @Override
        public String toString() {
            return file + ":" + line + " (" + String.format(Locale.ROOT, "%.1f", bytes / 1e6) + " MB)";
        }
    }

    private static volatile long longest = -1;
    private static Place place;

    private LongestLine() {}

    /** Notes a line of {@code bytes} bytes when it is longer than every line noted before. */
    static void note(Path file, long line, long bytes) {
        if (bytes <= longest) {
            return;
        }
        synchronized (LongestLine.class) {
            if (bytes > longest) {
                place = new Place(file, line, bytes);
                longest = bytes;
            }
        }
    }

    /** The longest line read so far in this JVM, or empty when no corpus line was read. */
    public static synchronized Optional<Place> get() {
        return Optional.ofNullable(place);
    }

    /** Forgets every line noted, for tests. */
    static synchronized void reset() {
        place = null;
        longest = -1;
    }
}
