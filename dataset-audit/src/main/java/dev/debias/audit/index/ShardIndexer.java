package dev.debias.audit.index;

import dev.debias.core.FileTrees;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Versions;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.text.AnalyzedText;
import dev.debias.text.SentenceSplitter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds an audit index in pieces, for an engine that indexes the splits of a corpus in separate tasks
 * (the Spark engine): {@link #indexShard} writes one split's records, numbered from a given ordinal, with
 * exactly the documents {@link CorpusIndexer} writes; {@link #publish} joins the shards in split order into
 * one debias index (segment copies, no re-analysis) with the same {@link IndexMetadata} a single-machine
 * build of the whole corpus records, and renames it into place, so the index directory holds either the
 * complete index or what it held before.
 */
public final class ShardIndexer {
    private ShardIndexer() {}

    /**
     * What one split added.
     *
     * @param documents records indexed
     * @param tokens tokens over them
     * @param sentences sentences over them
     * @param skipped invalid records skipped while reading the split
     */
    public record ShardCount(long documents, long tokens, long sentences, long skipped) implements Serializable {
        /** Nothing. */
        public static final ShardCount ZERO = new ShardCount(0, 0, 0, 0);

        /** The sum of this and {@code o}. */
        public ShardCount plus(ShardCount o) {
            return new ShardCount(documents + o.documents, tokens + o.tokens, sentences + o.sentences,
                    skipped + o.skipped);
        }
    }

    /**
     * Indexes {@code records} into the new directory {@code into}, the first one numbered
     * {@code firstOrdinal}, and commits. {@code skipped} is what reading them skipped (reported back).
     */
    public static ShardCount indexShard(Iterator<Record> records, long firstOrdinal, List<String> groupFields,
            Path into) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new TokenRuleAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64)
                .setUseCompoundFile(false)
                .setCommitOnClose(false);
        SentenceSplitter splitter = SentenceSplitter.create();
        long docs = 0;
        long tokens = 0;
        long sentences = 0;
        try (Directory dir = FSDirectory.open(into); IndexWriter writer = new IndexWriter(dir, config)) {
            while (records.hasNext()) {
                Record r = records.next();
                AnalyzedText a = AnalyzedText.of(r.text(), splitter);
                writer.addDocument(IndexDocuments.document(firstOrdinal + docs, r, a, groupFields));
                docs++;
                tokens += a.size();
                sentences += a.sentenceStarts().length;
            }
            writer.commit();
        }
        Files.deleteIfExists(into.resolve(IndexWriter.WRITE_LOCK_NAME));
        return new ShardCount(docs, tokens, sentences, 0);
    }

    /**
     * The metadata a single-machine build of {@code input} with {@code read} would record, for the totals
     * {@code total} of all shards.
     */
    public static IndexMetadata metadata(Path input, ReadOptions read, String inputSha256, ShardCount total) {
        Path name = input.toAbsolutePath().normalize().getFileName();
        return new IndexMetadata(inputSha256, IndexSettings.of(input, read).describe(),
                name == null ? input.toString() : name.toString(), total.documents(), total.tokens(),
                total.sentences(), total.skipped(), read.fields().labelField(), read.fields().groupFields(),
                Versions.debias());
    }

    /**
     * The index in {@code indexDir} when it was built from the same input bytes with the same settings (it can be
     * reused as it is), else null.
     */
    public static IndexBuild reusable(Path indexDir, Path input, ReadOptions read, String inputSha256)
            throws IOException {
        IndexMetadata m = IndexLocation.existing(indexDir.toAbsolutePath().normalize());
        if (m == null || !m.inputSha256().equals(inputSha256)
                || !m.settings().equals(IndexSettings.of(input, read).describe())) {
            return null;
        }
        Path name = input.toAbsolutePath().normalize().getFileName();
        return new IndexBuild(indexDir, m.withSource(name == null ? input.toString() : name.toString()), true);
    }

    /**
     * Joins {@code shards} (committed shard indexes, in split order) into one index with {@code metadata},
     * built beside {@code indexDir} and renamed into place (an earlier index there is replaced).
     *
     * @throws InvalidInputException when the corpus held no record
     */
    public static IndexBuild publish(List<Path> shards, Path indexDir, IndexMetadata metadata) throws IOException {
        if (metadata.documents() == 0) {
            throw new InvalidInputException(indexDir + ": the corpus " + metadata.source() + " holds no record");
        }
        Path target = indexDir.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        // as a single-machine build: one builder at a time, and never over a folder holding other files
        try (BuildLock lock = BuildLock.acquire(IndexLocation.sibling(target, "lock"))) {
            IndexLocation.removeLeftovers(target);
            IndexLocation.requireReplaceable(IndexLocation.inspect(target), indexDir);
            return join(shards, indexDir, target, metadata);
        } catch (BuildLock.Busy e) {
            throw new InvalidInputException(indexDir + ": another build of this index is running right now; wait for "
                    + "it to finish and run again");
        }
    }

    private static IndexBuild join(List<Path> shards, Path indexDir, Path target, IndexMetadata metadata)
            throws IOException {
        String unique = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path building = IndexLocation.sibling(target, "building-" + unique);
        Files.createDirectory(building);
        try {
            IndexWriterConfig config = new IndexWriterConfig(new TokenRuleAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setUseCompoundFile(false)
                    .setCommitOnClose(false);
            Directory[] in = new Directory[shards.size()];
            try (Directory out = FSDirectory.open(building); IndexWriter writer = new IndexWriter(out, config)) {
                for (int i = 0; i < in.length; i++) {
                    in[i] = FSDirectory.open(shards.get(i));
                }
                writer.addIndexes(in);
                writer.setLiveCommitData(metadata.toUserData().entrySet());
                writer.commit();
            } finally {
                for (Directory d : in) {
                    if (d != null) {
                        d.close();
                    }
                }
            }
            IndexLocation.replace(building, target, unique);
            return new IndexBuild(indexDir, metadata, false);
        } catch (IOException | RuntimeException | Error e) {
            try {
                FileTrees.delete(building);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
