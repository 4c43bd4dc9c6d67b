package dev.debias.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An output file written under a temporary name beside its target and moved into place by
 * {@link #commit()}. Until then the target is untouched; {@link #discard()} removes the temporary
 * file, so an interrupted run never leaves a half-written output that looks complete.
 */
public final class AtomicFile {
    private final Path target;
    private final Path temp;
    private boolean done;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates the temporary file beside {@code target} (creating parent directories). */
    public static AtomicFile create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        if (Files.isDirectory(abs)) {
            throw new InvalidInputException(target + ": is a directory; name an output file");
        }
        return new AtomicFile(abs, createTemp(dir, "." + abs.getFileName() + "."));
    }

    /**
     * Creates an empty file with a new random name. Unlike {@link Files#createTempFile}, which makes
     * it readable by its owner only, the file gets the permissions of any new file (the umask's), and
     * so does the target it becomes.
     */
    private static Path createTemp(Path dir, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".partial");
            try {
                return Files.createFile(p);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** The temporary file to write to. */
    public Path temp() {
        return temp;
    }

    /** The final location. */
    public Path target() {
        return target;
    }

    /** Opens the temporary file for writing. */
    public OutputStream openStream() throws IOException {
        return Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** Forces the temporary file to disk and moves it onto the target, replacing any old file. */
    public void commit() throws IOException {
        if (done) {
            return;
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
    }

    /** Deletes the temporary file; the target keeps whatever it held before. No-op after {@link #commit()}. */
    public void discard() {
        if (!done) {
            done = true;
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Best effort: a leftover ".partial" file is visibly incomplete.
            }
        }
    }

    /** Writes {@code content} to {@code target} atomically. */
    public static void write(Path target, byte[] content) throws IOException {
        AtomicFile f = create(target);
        try {
            Files.write(f.temp, content);
            f.commit();
        } finally {
            f.discard();
        }
    }
}
