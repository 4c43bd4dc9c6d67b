package dev.debias.finetune.export;

import dev.debias.core.FileTrees;
import dev.debias.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Publishes a directory whole: its files are written into a hidden folder beside the target, which is
 * moved onto the target only after every file is written. A target that holds files is never touched.
 * The hidden folders of an earlier export to the same target that was killed are removed first, so two
 * exports to one target must not run at once.
 */
final class ExportDirectory {
    /** Writes the files of a directory being built. */
    interface Contents {
        void writeInto(Path dir) throws IOException;
    }

    private ExportDirectory() {}

    /**
     * Builds the directory with {@code contents} and moves it to {@code target}.
     *
     * @throws InvalidInputException when {@code target} is a file or a folder that is not empty
     */
    static void publish(Path target, Contents contents) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.isRegularFile(abs)) {
            throw new InvalidInputException(target + ": is a file; give a new or empty folder");
        }
        if (Files.isDirectory(abs)) {
            try (Stream<Path> s = Files.list(abs)) {
                if (s.findAny().isPresent()) {
                    throw new InvalidInputException(target + ": is not empty; give a new or empty folder "
                            + "(an export never replaces files)");
                }
            }
        }
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        String partial = "." + abs.getFileName() + ".partial-";
        try (Stream<Path> s = Files.list(parent)) {
            // what an export to this target that was killed left behind
            for (Path stale : s.filter(p -> p.getFileName().toString().startsWith(partial)).toList()) {
                FileTrees.delete(stale);
            }
        }
        Path temp = Files.createTempDirectory(parent, partial);
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                // a temporary folder is private; the published one is as readable as any new folder
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            contents.writeInto(temp);
            Files.deleteIfExists(abs);   // only an empty folder, checked above
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs);
            }
        } finally {
            FileTrees.delete(temp);
        }
    }
}
