package dev.debias.augment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what augment versions before the staging folder left behind when they were killed, and only
 * what is certainly theirs and certainly stale: in the temp folder, index folders named
 * {@code debias-augmentDIGITS} holding nothing but {@code before} and {@code after} folders of Lucene
 * files; beside an output {@code NAME}, files {@code .NAME.X.partial}, {@code .NAME.augment.json.X.partial}
 * and {@code .NAME.provenance.json.X.partial} (X the random base-36 part). Either is removed only when
 * nothing in it was modified for {@link #STALE_AFTER}. Each removal is logged; a failure to remove is
 * logged and never fails the run.
 */
final class OldDebris {
    /** How long debris must have been left unmodified before it is removed. */
    static final Duration STALE_AFTER = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(OldDebris.class);
    /** {@code Files.createTempDirectory(dir, "debias-augment")}: the prefix and an unsigned long. */
    private static final Pattern INDEX_FOLDER = Pattern.compile("debias-augment[0-9]{1,20}");
    private static final Set<String> INDEX_PARTS = Set.of("before", "after");
    /** The names Lucene gives its files: segments, the lock, per-segment files and temporary files. */
    private static final Pattern LUCENE_FILE =
            Pattern.compile("write\\.lock|(pending_)?segments(_[0-9a-z]+)?|_[0-9A-Za-z][0-9A-Za-z_.\\-]*");
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private OldDebris() {}

    /**
     * Removes the stale old index folders in {@code tempDir} and the stale old partial files beside
     * {@code output}; returns what was removed.
     */
    static List<Path> clean(Path output, Path tempDir, Instant now) {
        Instant cutoff = now.minus(STALE_AFTER);
        List<Path> removed = new ArrayList<>();
        try {
            removed.addAll(indexFolders(tempDir, cutoff));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not look for old augment indexes in {}: {}", tempDir, e.toString());
        }
        try {
            removed.addAll(partialFiles(output, cutoff));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not look for old partial files beside {}: {}", output, e.toString());
        }
        return removed;
    }

    private static List<Path> indexFolders(Path tempDir, Instant cutoff) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(tempDir)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tempDir,
                p -> INDEX_FOLDER.matcher(p.getFileName().toString()).matches())) {
            for (Path folder : entries) {
                List<Path> tree;
                try {
                    tree = oldIndexTree(folder, cutoff);
                } catch (IOException e) {
                    continue; // removed or changed while it was read: not certainly stale
                }
                if (tree != null && deleteAll(tree)) {
                    LOG.info("removed {}, a temporary index folder an older debias augment left (unmodified for {} days)",
                            folder, STALE_AFTER.toDays());
                    removed.add(folder);
                }
            }
        }
        return removed;
    }

    /**
     * The entries of {@code folder}, deepest first and the folder last, when it has the layout of an old
     * augment index folder and nothing in it is newer than {@code cutoff}; otherwise null.
     */
    private static List<Path> oldIndexTree(Path folder, Instant cutoff) throws IOException {
        if (!isStaleDirectory(folder, cutoff)) {
            return null;
        }
        List<Path> tree = new ArrayList<>();
        for (Path part : list(folder)) {
            if (!INDEX_PARTS.contains(part.getFileName().toString()) || !isStaleDirectory(part, cutoff)) {
                return null;
            }
            for (Path file : list(part)) {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, NO_FOLLOW);
                if (!a.isRegularFile() || !LUCENE_FILE.matcher(file.getFileName().toString()).matches()
                        || !a.lastModifiedTime().toInstant().isBefore(cutoff)) {
                    return null;
                }
                tree.add(file);
            }
            tree.add(part);
        }
        tree.add(folder);
        return tree;
    }

    private static List<Path> partialFiles(Path output, Instant cutoff) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        Pattern own = Pattern.compile("\\." + Pattern.quote(output.getFileName().toString())
                + "(\\.augment\\.json|\\.provenance\\.json)?\\.[0-9a-z]{1,13}\\.partial");
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent,
                p -> own.matcher(p.getFileName().toString()).matches())) {
            for (Path p : entries) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NO_FOLLOW);
                if (a.isRegularFile() && a.lastModifiedTime().toInstant().isBefore(cutoff) && deleteAll(List.of(p))) {
                    LOG.info("removed {}, a partial file an older debias augment left (unmodified for {} days)", p,
                            STALE_AFTER.toDays());
                    removed.add(p);
                }
            }
        }
        return removed;
    }

    private static boolean isStaleDirectory(Path p, Instant cutoff) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NO_FOLLOW);
        return a.isDirectory() && a.lastModifiedTime().toInstant().isBefore(cutoff);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /**
     * Deletes each path in order (a folder only once empty, so one that gained an entry since it was
     * checked stays); true when all are gone.
     */
    private static boolean deleteAll(List<Path> paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("left {}: {}", p, e.toString());
                return false;
            }
        }
        return true;
    }
}
