package dev.debias.audit.index;

import dev.debias.core.FileTrees;
import dev.debias.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What lies at and beside an index location, and how a build tidies up there: the hidden siblings a
 * build uses ({@code .NAME.building-*}, {@code .NAME.old-*}, {@code .NAME.lock}), the removal of what a
 * killed build left, and what a directory holds (nothing, a stopped build, or a debias index). Static
 * helpers of {@link CorpusIndexer} and {@link CorpusIndex}.
 */
final class IndexLocation {
    private static final Logger LOG = LoggerFactory.getLogger(IndexLocation.class);

    private IndexLocation() {}

    /** {@code .NAME.SUFFIX} beside {@code target}. */
    static Path sibling(Path target, String suffix) {
        return target.resolveSibling("." + target.getFileName() + "." + suffix);
    }

    /** True for what a build of {@code target} leaves beside it when it is killed: its build and old directories. */
    static boolean leftover(Path target, Path p) {
        String prefix = "." + target.getFileName() + ".";
        String n = p.getFileName().toString();
        return n.startsWith(prefix + "building-") || n.startsWith(prefix + "old-");
    }

    /** Removes what killed builds left beside {@code target}; call it holding the lock. */
    static void removeLeftovers(Path target) throws IOException {
        List<Path> stale;
        try (Stream<Path> s = Files.list(target.getParent())) {
            stale = s.filter(p -> leftover(target, p)).toList();
        }
        for (Path p : stale) {
            LOG.info("removing {}, left by an index build that was stopped", p);
            FileTrees.delete(p);
        }
    }

    /**
     * Refuses to replace a directory that holds files besides its index: a rebuild replaces the whole
     * directory. {@code indexDir} is the directory as the user named it, for the message.
     */
    static void requireReplaceable(Existing found, Path indexDir) {
        if (found.others().isEmpty()) {
            return;
        }
        List<String> shown = found.others().subList(0, Math.min(3, found.others().size()));
        throw new dev.debias.core.InvalidInputException(indexDir + ": besides the index, the directory holds "
                + String.join(", ", shown)
                + (found.others().size() > 3 ? " and " + (found.others().size() - 3) + " more" : "")
                + "; a rebuild replaces the whole directory, so move them elsewhere or choose another directory with "
                + dev.debias.core.Setting.INDEX);
    }

    /**
     * Publishes the finished index in {@code building} at {@code target}: the old one (if any) is moved aside
     * to {@code old-UNIQUE}, the new one renamed into place, the parent synced, the old one deleted. Each move
     * is atomic, so {@code target} holds the old index or the new one, never a mix.
     */
    static void replace(Path building, Path target, String unique) throws IOException {
        java.nio.file.Files.deleteIfExists(building.resolve(org.apache.lucene.index.IndexWriter.WRITE_LOCK_NAME));
        Path old = null;
        if (java.nio.file.Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            old = sibling(target, "old-" + unique);
            java.nio.file.Files.move(target, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        java.nio.file.Files.move(building, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        syncQuietly(target.getParent());
        if (old != null) {
            dev.debias.core.FileTrees.delete(old);
        }
    }

    /**
     * When reusing an index: removes what killed builds left beside it, if anything, unless a live
     * process is building it; best effort (a read-only location is reused as it is).
     */
    static void tidy(Path target) {
        try {
            boolean any;
            try (Stream<Path> s = Files.list(target.getParent())) {
                any = s.anyMatch(p -> leftover(target, p) || p.equals(sibling(target, "lock")));
            }
            if (!any) {
                return;
            }
            try (BuildLock lock = BuildLock.acquire(sibling(target, "lock"))) {
                removeLeftovers(target);
            }
        } catch (IOException | BuildLock.Busy e) {
            LOG.debug("left {} as it is: {}", target.getParent(), e.toString());
        }
    }

    static void syncQuietly(Path dir) {
        try {
            IOUtils.fsync(dir, true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not sync {}: {}", dir, e.toString());
        }
    }

    /** The outermost missing directory on the way to {@code dir}, or null when it exists. */
    static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /** Deletes {@code dir} and its parents up to {@code upTo}, while they are empty: what a failed run created. */
    static void removeEmptyDirectories(Path dir, Path upTo) {
        for (Path p = dir; p != null; p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty
            }
            if (p.equals(upTo)) {
                return;
            }
        }
    }

    /**
     * What an index location holds.
     *
     * @param metadata the debias index's metadata, or null when there is none
     * @param unfinished true when the directory holds only the files of an index build that never committed
     * @param others the names of files beside a debias index that are not the index's
     */
    record Existing(IndexMetadata metadata, boolean unfinished, List<String> others) {}

    /** The metadata of the debias index in {@code dir}, or null when there is none (a new or empty directory, or an unfinished build). */
    static IndexMetadata existing(Path dir) throws IOException {
        return inspect(dir).metadata();
    }

    /**
     * What {@code dir} holds: nothing (missing, empty, or only the files of a build that never
     * committed: Lucene's files and its write lock), or a debias index.
     *
     * @throws InvalidInputException when it is a file, holds other files and no debias index, or a
     *     Lucene index that debias did not build
     */
    static Existing inspect(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return new Existing(null, false, List.of());
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": the index location is a file; give a directory");
        }
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> others = names.stream().filter(n -> !luceneFile(n)).toList();
        InvalidInputException notEmpty = new InvalidInputException(dir + ": the directory is not empty and holds no "
                + "debias index; give a new or empty directory for the index");
        try (Directory d = FSDirectory.open(dir)) {
            if (DirectoryReader.indexExists(d)) {
                Map<String, String> userData;
                try {
                    userData = SegmentInfos.readLatestCommit(d).getUserData();
                } catch (IOException e) {
                    if (!others.isEmpty()) {
                        throw notEmpty;
                    }
                    LOG.info("{}: the index cannot be read ({}); treating it as unfinished", dir, e.toString());
                    return new Existing(null, true, List.of());
                }
                IndexMetadata m = IndexMetadata.fromUserData(userData);
                if (m == null) {
                    throw new InvalidInputException(dir + ": holds a Lucene index that debias did not build (or an "
                            + "older layout); give another directory for the index");
                }
                return new Existing(m, false, others);
            }
        }
        boolean lockOnly = names.equals(List.of(IndexWriter.WRITE_LOCK_NAME));
        if (names.isEmpty() || lockOnly) {
            return new Existing(null, false, List.of());
        }
        // Lucene makes its write lock first and never removes it: files named like an index's beside it
        // are a build that was stopped before its first commit
        if (!others.isEmpty() || !names.contains(IndexWriter.WRITE_LOCK_NAME)) {
            throw notEmpty;
        }
        return new Existing(null, true, List.of());
    }

    /** True for a name Lucene gives an index file (segments, codec files, the write lock). */
    static boolean luceneFile(String name) {
        return name.equals(IndexWriter.WRITE_LOCK_NAME) || name.startsWith(IndexFileNames.SEGMENTS)
                || name.startsWith(IndexFileNames.PENDING_SEGMENTS)
                || IndexFileNames.CODEC_FILE_PATTERN.matcher(name).matches();
    }
}
