package dev.debias.audit.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock a process holds while it checks, builds and publishes one index: an operating-system lock
 * ({@link FileChannel#tryLock()}) on a small file beside the index that holds the holder's process id.
 * The operating system releases it when the process dies, however it dies, so a killed build never
 * leaves a lock that blocks the next one, while a live holder's lock is respected. Within one JVM a
 * set of held paths guards it too (file locks are per process).
 *
 * <p>The file is deleted on release, so nothing stays beside the index. Deleting a lock file is racy
 * in general: a waiter may have opened the old file just before and then locks a file that no path
 * names. So after locking, the holder opens the path a second time and tries to lock that channel
 * too: the JVM refuses a second lock on the same file ({@link OverlappingFileLockException}), which
 * proves the path still names the locked file; a lock granted means another file, and the holder
 * starts over. The second channel stays open until release: closing any channel of a file drops the
 * process's locks on it on POSIX systems.
 */
final class BuildLock implements Closeable {
    private static final int ATTEMPTS = 50;
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final Path key;
    private final FileChannel channel;
    private final FileChannel check;
    private final FileLock lock;

    private BuildLock(Path file, Path key, FileChannel channel, FileChannel check, FileLock lock) {
        this.file = file;
        this.key = key;
        this.channel = channel;
        this.check = check;
        this.lock = lock;
    }

    /** A lock that could not be taken: a live process holds it. */
    static final class Busy extends Exception {
        private final String holder;

        Busy(String holder) {
            super(holder == null ? "held by another process" : "held by process " + holder, null, false, false);
            this.holder = holder;
        }

        /** The holder's process id, or null when unknown. */
        String holder() {
            return holder;
        }
    }

    /**
     * Takes the lock at {@code file} without waiting.
     *
     * @throws Busy when a live process (this one included, from another thread) holds it
     */
    static BuildLock acquire(Path file) throws IOException, Busy {
        Path abs = file.toAbsolutePath();
        Path key = abs.getParent().toRealPath().resolve(abs.getFileName());
        if (!HELD.add(key)) {
            throw new Busy(Long.toString(ProcessHandle.current().pid()));
        }
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                BuildLock l = tryOnce(file, key);
                if (l != null) {
                    return l;
                }
            }
        } catch (IOException | Busy | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
        HELD.remove(key);
        throw new IOException(file + ": could not take the index lock after " + ATTEMPTS + " attempts");
    }

    /** The lock, or null to try again; a live holder's lock throws {@link Busy}. */
    private static BuildLock tryOnce(Path file, Path key) throws IOException, Busy {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            String holder = holder(file);
            if (holder == null && !Files.exists(file)) {
                return null; // released (and deleted) meanwhile
            }
            throw new Busy(holder);
        }
        FileChannel check = null;
        boolean same = false;
        try {
            try {
                check = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock other = check.tryLock();
                if (other != null) {
                    other.release(); // another file (or one a live process locks): the path moved on
                }
            } catch (OverlappingFileLockException e) {
                same = true; // the path names the file this process locked
            } catch (NoSuchFileException e) {
                // deleted by the previous holder before this process locked it
            }
            if (same) {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(false);
                return new BuildLock(file, key, ch, check, lock);
            }
        } catch (IOException | RuntimeException e) {
            same = false;
            throw e;
        } finally {
            if (!same) {
                if (check != null) {
                    check.close();
                }
                lock.release();
                ch.close();
            }
        }
        return null;
    }

    /** The process id written in the lock file, or null. */
    private static String holder(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return !s.isEmpty() && s.chars().allMatch(Character::isDigit) ? s : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Deletes the lock file and releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a lock file left behind is harmless: the next holder takes it over
        } finally {
            try {
                lock.release();
            } finally {
                try {
                    check.close();
                    channel.close();
                } finally {
                    HELD.remove(key);
                }
            }
        }
    }
}
