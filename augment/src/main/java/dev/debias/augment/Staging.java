package dev.debias.augment;

import dev.debias.core.FileTrees;
import dev.debias.core.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hidden folder one run writes everything into before anything is published:
 * {@code .NAME.augment-RANDOM.partial} beside the output {@code NAME}, so the files it holds move onto
 * their targets by a rename on the same file system. The running process holds a lock on the folder's
 * {@value #LOCK} file until the folder is deleted (the system releases it when the process dies); opening a staging folder first deletes the staging
 * folders of earlier runs for the same output whose lock no process holds (a run that was killed),
 * and leaves those of live runs alone. {@link #close()} deletes the folder and what is left in it.
 *
 * @see #publish(List)
 */
final class Staging implements Closeable {
    /** The lock file inside a staging folder. */
    static final String LOCK = ".lock";
    private static final String SUFFIX = ".partial";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private Staging(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** The name prefix of the staging folders of {@code output}. */
    static String prefix(Path output) {
        return "." + output.getFileName() + ".augment-";
    }

    /**
     * Cleans the stale staging folders of {@code output}, and what older versions left in the system
     * temp folder and beside it ({@link OldDebris}), and opens a new staging folder, locked, beside it.
     */
    static Staging open(Path output) throws IOException {
        return open(output, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** {@link #open(Path)}, taking {@code tempDir} for the system temp folder. */
    static Staging open(Path output, Path tempDir) throws IOException {
        Path abs = output.toAbsolutePath();
        Path parent = Files.createDirectories(abs.getParent());
        cleanStale(parent, prefix(abs));
        OldDebris.clean(abs, tempDir, Instant.now());
        for (int attempt = 0; ; attempt++) {
            Path dir = parent.resolve(prefix(abs) + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + SUFFIX);
            try {
                Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue;
                }
                throw e;
            }
            FileChannel ch;
            try {
                ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (java.nio.file.NoSuchFileException e) {
                continue; // a cleaner took the folder for a dead run's before its lock file existed
            }
            FileLock lock = ch.lock();
            return new Staging(dir, ch, lock);
        }
    }

    /** Deletes each staging folder under {@code parent} named {@code prefix...partial} whose lock no process holds. */
    static void cleanStale(Path parent, String prefix) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(SUFFIX)
                        && Files.isDirectory(p))) {
            for (Path stale : entries) {
                try (FileChannel ch = FileChannel.open(stale.resolve(LOCK), StandardOpenOption.WRITE);
                        FileLock l = ch.tryLock()) {
                    if (l != null) {
                        FileTrees.delete(stale);
                    }
                } catch (OverlappingFileLockException e) {
                    // held by a live run in this JVM
                } catch (java.nio.file.NoSuchFileException e) {
                    // no lock file: killed before it was made (then the folder is empty), or deleted meanwhile
                    try {
                        Files.deleteIfExists(stale);
                    } catch (java.nio.file.DirectoryNotEmptyException ignored) {
                        // its own run is deleting it
                    }
                }
            }
        }
    }

    /** Where the file that will be published as {@code target} is written: its name, in this folder. */
    Path aside(Path target) {
        return dir.resolve(target.getFileName().toString());
    }

    /** The folder, for temporary files that are never published. */
    Path dir() {
        return dir;
    }

    /**
     * Moves each target's {@link #aside} file onto it, in the order given (the last one is the file
     * whose presence says the others are there): an earlier file at the last target is removed first,
     * so no output is ever beside sidecars that describe another.
     */
    void publish(List<Path> targets) throws IOException {
        for (Path t : targets) {
            if (Files.isDirectory(t)) {
                throw new InvalidInputException(t + ": is a directory; name an output file whose sidecars can be written");
            }
        }
        Files.deleteIfExists(targets.get(targets.size() - 1));
        for (Path t : targets) {
            try {
                Files.move(aside(t), t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(aside(t), t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Releases the lock and deletes the folder with whatever was not published. */
    @Override
    public void close() throws IOException {
        // deleted while the lock is held, so no cleaner takes the folder half-deleted
        try {
            FileTrees.delete(dir);
        } finally {
            channel.close();
        }
    }
}
