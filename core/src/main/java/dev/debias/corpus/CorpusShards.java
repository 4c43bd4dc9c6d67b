package dev.debias.corpus;

import dev.debias.core.InvalidInputException;
import dev.debias.core.PathGlob;
import dev.debias.core.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shards of a corpus kept in several files, read as one corpus in sorted path order: a glob
 * ({@link PathGlob}, e.g. {@code data/train-*.parquet}) or a folder of shards (e.g. a Hugging Face data
 * folder of {@code train-00000-of-00032.parquet} files, or {@code *.jsonl.zst} shards).
 *
 * <p>How a folder is recognised: its regular files are listed recursively, leaving out hidden ones (a name
 * starting with {@code .} at any level, such as {@code .gitattributes} or a writer's {@code .partial} file) and
 * the provenance sidecars debias writes beside its outputs ({@code NAME.provenance.json}).
 * A folder holding a {@code .txt} file is what it always was, a {@link CorpusFormat#DIR} folder of {@code .txt}
 * documents (its other files ignored). Otherwise, when a file has a corpus extension ({@code .jsonl .ndjson
 * .csv .tsv .tab .parquet}, the line formats optionally {@code .gz} or {@code .zst}), the folder is a folder
 * of shards, and every listed file must then have that one format (compression may differ): a folder that
 * mixes formats, or holds shards and other files (a {@code README.md}), is refused, naming each kind. A format
 * named in the read options reads every listed file as a shard of that format ({@link CorpusFormat#DIR}
 * keeps the folder a folder of documents). A glob's files are shards by their extensions (a {@code .txt}
 * shard is plain text, one document per line) and must share one format too.
 *
 * @param source the folder or the glob
 * @param folder the folder the shard names are relative to (the source folder, or the glob's folder)
 * @param files the shards, in sorted path order
 * @param format the shards' format
 */
record CorpusShards(Path source, Path folder, List<Path> files, CorpusFormat format) {
    /** The ending of debias's provenance sidecars ({@link dev.debias.core.ArtifactProvenance}), never shards. */
    private static final String SIDECAR = ".provenance.json";

    CorpusShards {
        files = List.copyOf(files);
    }

    /**
     * The shards of {@code source} (a folder or a glob), read in {@code forced} format when not null; null for a
     * folder of {@code .txt} documents.
     *
     * @throws InvalidInputException when a glob matches nothing, or the files mix formats
     */
    static CorpusShards find(Path source, CorpusFormat forced) {
        boolean glob = PathGlob.isGlob(source);
        if (forced == CorpusFormat.DIR) {
            if (glob) {
                throw new InvalidInputException(source + ": the dir format reads a folder of .txt files, not a glob;"
                        + " name the folder");
            }
            return null;
        }
        List<Path> files = glob ? PathGlob.expand(source) : listed(source);
        Path folder = glob ? PathGlob.folder(source) : source;
        if (glob && files.isEmpty()) {
            throw new CorpusFormatException(source, 0, "the glob matches no file");
        }
        if (forced != null) {
            if (files.isEmpty()) {
                throw new EmptyCorpusException(source, "the folder holds no files");
            }
            return new CorpusShards(source, folder, files, forced);
        }
        if (!glob && files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".txt"))) {
            return null;   // .txt documents, as DirectoryRecordReader reads them
        }
        Map<CorpusFormat, List<Path>> byFormat = new LinkedHashMap<>();
        List<Path> other = new ArrayList<>();
        for (Path f : files) {
            CorpusFormat format = CorpusFormat.byExtension(f);
            if (format == null) {
                other.add(f);
            } else {
                byFormat.computeIfAbsent(format, k -> new ArrayList<>()).add(f);
            }
        }
        if (byFormat.isEmpty()) {
            if (glob) {
                throw new InvalidInputException(source + ": cannot tell the format of " + folder.relativize(other.get(0))
                        + " from its extension; name it with " + Setting.FORMAT);
            }
            return null;
        }
        if (byFormat.size() > 1 || !other.isEmpty()) {
            List<String> kinds = new ArrayList<>();
            byFormat.forEach((f, l) -> kinds.add(l.size() + " " + f.id() + " (" + example(folder, l) + ")"));
            if (!other.isEmpty()) {
                kinds.add(other.size() + " other (" + example(folder, other) + ")");
            }
            throw new CorpusFormatException(source, 0, "mixes files of several kinds: " + String.join(", ", kinds)
                    + "; a folder is read as one corpus when all its files are shards of one format (.jsonl .csv .tsv"
                    + " .parquet, optionally .gz or .zst); name the shards with a glob such as "
                    + folder.resolve("*." + byFormat.keySet().iterator().next().id()) + ", or move the other files");
        }
        return new CorpusShards(source, folder, files, byFormat.keySet().iterator().next());
    }

    /** The name of a shard as ids, skips and messages give it: its path below the folder, with {@code /}. */
    String name(Path shard) {
        return folder.relativize(shard).toString().replace('\\', '/');
    }

    private static String example(Path folder, List<Path> files) {
        String first = folder.relativize(files.get(0)).toString().replace('\\', '/');
        return files.size() == 1 ? first : first + ", ...";
    }

    /** The regular files below a folder, hidden ones left out, in sorted path order. */
    private static List<Path> listed(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p) && !hidden(dir, p)
                    && !p.getFileName().toString().endsWith(SIDECAR)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
    }

    private static boolean hidden(Path dir, Path file) {
        for (Path part : dir.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
