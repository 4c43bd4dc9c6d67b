package dev.debias.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * A path whose last name is a glob ({@code data/train-*.parquet}, {@code shards/part-?.jsonl.zst},
 * {@code x/{a,b}.csv}), as a user quotes it so that debias, not the shell, expands it. Only the last
 * name may hold wildcards; the folder before it is a plain path. A path that exists as named is never a glob.
 */
public final class PathGlob {
    private PathGlob() {}

    /** True when {@code path} does not exist as named and its last name holds a glob character ({@code * ? [ {}). */
    public static boolean isGlob(Path path) {
        Path name = path.getFileName();
        if (name == null || Files.exists(path)) {
            return false;
        }
        String n = name.toString();
        return n.indexOf('*') >= 0 || n.indexOf('?') >= 0 || n.indexOf('[') >= 0 || n.indexOf('{') >= 0;
    }

    /** The folder a glob's matches are in (the current folder when it names none). */
    public static Path folder(Path glob) {
        Path parent = glob.getParent();
        return parent == null ? Path.of("") : parent;
    }

    /**
     * The regular files in the glob's folder whose names match it, in sorted path order; hidden files (names
     * starting with {@code .}) match only a glob that starts with {@code .}.
     *
     * @throws InvalidInputException when the folder is missing or the glob is malformed
     */
    public static List<Path> expand(Path glob) {
        String pattern = glob.getFileName().toString();
        Path dir = folder(glob);
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(glob + ": the folder " + dir + " of the glob does not exist");
        }
        PathMatcher m;
        try {
            m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(glob + ": not a valid glob: " + e.getMessage());
        }
        boolean hidden = pattern.startsWith(".");
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isRegularFile(p) && m.matches(p.getFileName())
                    && (hidden || !p.getFileName().toString().startsWith("."))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
    }

    /** True when {@code path} exists, or is a glob matching at least one file. */
    public static boolean existsOrMatches(Path path) {
        return Files.exists(path) || (isGlob(path) && Files.isDirectory(folder(path)) && !expand(path).isEmpty());
    }
}
