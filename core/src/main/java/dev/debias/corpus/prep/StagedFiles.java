package dev.debias.corpus.prep;

import dev.debias.core.FileTrees;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hidden folder {@code .NAME.RANDOM.partial} inside an output folder that several files are written into
 * completely (each through its own committed writer) before any of them is moved onto its target by a
 * rename, so a run that fails part-way publishes none of them. {@link #close()} deletes the folder and
 * what is left in it.
 */
final class StagedFiles implements Closeable {
    private final Path dir;

    private StagedFiles(Path dir) {
        this.dir = dir;
    }

    /** Creates the staging folder inside {@code outDir} (creating {@code outDir}). */
    static StagedFiles open(Path outDir, String name) throws IOException {
        Path parent = Files.createDirectories(outDir.toAbsolutePath());
        for (int attempt = 0; ; attempt++) {
            Path d = parent.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".partial");
            try {
                return new StagedFiles(Files.createDirectory(d));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Where to stage the file that will be published as {@code target}. */
    Path staged(Path target) {
        return dir.resolve(target.getFileName().toString());
    }

    /** Moves each staged file onto its target, replacing an older file, in order. */
    void publish(List<Path> targets) throws IOException {
        for (Path t : targets) {
            try {
                Files.move(staged(t), t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged(t), t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public void close() throws IOException {
        FileTrees.delete(dir);
    }
}
