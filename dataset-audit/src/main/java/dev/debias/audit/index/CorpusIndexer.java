package dev.debias.audit.index;

import dev.debias.core.FileTrees;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.core.ProgressListener;
import dev.debias.core.Versions;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.text.AnalyzedText;
import dev.debias.text.SentenceSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Lucene index an audit counts from, or reuses the one already in the index directory
 * when it was built from the same input bytes with the same {@link IndexSettings}. The input is
 * streamed: one thread reads records while worker threads analyze them (tokens and OpenNLP
 * sentences) and add them to the index.
 *
 * <pre>{@code
 * IndexBuild build = CorpusIndexer.builder()
 *         .setInput(Path.of("bios.jsonl"))
 *         .setIndexDir(Path.of("bios.index"))
 *         .optReadOptions(ReadOptions.defaults().withFields(fields))
 *         .build()
 *         .run();
 * }</pre>
 */
public final class CorpusIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexer.class);
    private static final int BATCH = 256;
    private final Path input;
    private final Path indexDir;
    private final ReadOptions readOptions;
    private final int threads;
    private final boolean rebuild;
    private final ProgressListener progress;
    private final String inputSha256;
    private final double ramBufferMb;

    private CorpusIndexer(Builder b) {
        this.input = b.input;
        this.indexDir = b.indexDir;
        this.readOptions = b.readOptions;
        this.threads = b.threads;
        this.rebuild = b.rebuild;
        this.progress = b.progress;
        this.inputSha256 = b.inputSha256;
        this.ramBufferMb = b.ramBufferMb;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings this indexer builds with. */
    public IndexSettings settings() {
        return IndexSettings.of(input, readOptions);
    }

    /**
     * Reuses the index in the index directory if it matches the input, or (re)builds it.
     *
     * <p>A build never writes into the index directory: it builds in a hidden directory beside it
     * ({@code .NAME.building-...}) and, once the index is committed, renames it into place, so the
     * index directory holds either a complete index or nothing new, whenever the process stops. A
     * lock beside it ({@code .NAME.lock}, an operating-system lock the process loses when it dies)
     * keeps two processes from building the same index at once; the holder removes what builds that
     * were killed left beside the index, and a directory holding only the files of a build that never
     * committed (what earlier versions left when killed) is replaced.
     *
     * @throws InvalidInputException when the input cannot be read, or the index directory holds
     *     something other than a debias index, or another process is building it
     */
    public IndexBuild run() throws IOException {
        if (!dev.debias.core.PathGlob.existsOrMatches(input)) {
            throw new InvalidInputException(input + ": no such file or directory");
        }
        IndexSettings settings = settings();
        String sha = inputSha256 != null ? inputSha256 : Hashing.sha256(input);
        Path target = location(indexDir);
        IndexLocation.Existing found = IndexLocation.inspect(target);
        if (reusable(found, sha, settings)) {
            IndexLocation.tidy(target);
            return reuse(found, sha);
        }
        Path parent = target.getParent();
        Path created = IndexLocation.firstMissing(parent);
        Files.createDirectories(parent);
        boolean done = false;
        try (BuildLock lock = lock(target)) {
            IndexLocation.removeLeftovers(target);
            found = IndexLocation.inspect(target); // another process may have published it meanwhile
            if (reusable(found, sha, settings)) {
                done = true;
                return reuse(found, sha);
            }
            IndexLocation.requireReplaceable(found, indexDir);
            IndexMetadata existing = found.metadata();
            if (existing != null) {
                LOG.info("rebuilding index {}: {}", indexDir, rebuild ? "rebuild requested"
                        : !existing.inputSha256().equals(sha) ? "the input changed" : "the settings changed");
            } else if (found.unfinished()) {
                LOG.info("replacing the files of an unfinished build in {}", indexDir);
            }
            IndexMetadata built = buildAside(target, settings, sha);
            done = true;
            return new IndexBuild(indexDir, built, false);
        } finally {
            if (!done && created != null) {
                IndexLocation.removeEmptyDirectories(parent, created);
            }
        }
    }

    private boolean reusable(IndexLocation.Existing found, String sha, IndexSettings settings) {
        IndexMetadata m = found.metadata();
        return m != null && !rebuild && m.inputSha256().equals(sha) && m.settings().equals(settings.describe());
    }

    private IndexBuild reuse(IndexLocation.Existing found, String sha) {
        LOG.info("reusing index {} (built from the same input, sha256 {}...)", indexDir, sha.substring(0, 12));
        // the index may have been built from another file with the same bytes: name the one given
        return new IndexBuild(indexDir, found.metadata().withSource(sourceName(input)), true);
    }

    private static String sourceName(Path input) {
        Path name = input.toAbsolutePath().normalize().getFileName();
        return name == null ? input.toString() : name.toString();
    }

    /** The directory to work on: absolute, a symbolic link at the last step followed (its target is replaced, not the link). */
    private Path location(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(abs)) {
            try {
                return abs.toRealPath();
            } catch (NoSuchFileException e) {
                throw new InvalidInputException(dir + ": a symbolic link to " + Files.readSymbolicLink(abs)
                        + ", which does not exist; give a directory for the index");
            }
        }
        if (abs.getParent() == null) {
            throw new InvalidInputException(dir + ": the index needs a directory of its own; give a subdirectory");
        }
        return abs;
    }

    /** The lock of the index at {@code target}, or an error naming the live holder. */
    private BuildLock lock(Path target) throws IOException {
        try {
            return BuildLock.acquire(IndexLocation.sibling(target, "lock"));
        } catch (BuildLock.Busy e) {
            String who = e.holder() == null ? "another process"
                    : e.holder().equals(Long.toString(ProcessHandle.current().pid())) ? "another thread of this process"
                    : "another process (pid " + e.holder() + ")";
            throw new InvalidInputException(indexDir + ": " + who + " is building this index right now; wait for it "
                    + "to finish and run again (the index is then reused), or choose another directory with "
                    + Setting.INDEX);
        }
    }

    /** Builds into a directory beside {@code target} and renames it into place once committed. */
    private IndexMetadata buildAside(Path target, IndexSettings settings, String sha) throws IOException {
        String unique = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path building = IndexLocation.sibling(target, "building-" + unique);
        Files.createDirectory(building);
        try {
            IndexMetadata m = build(building, settings, sha);
            IndexLocation.replace(building, target, unique);
            return m;
        } catch (IOException | RuntimeException | Error e) {
            try {
                FileTrees.delete(building);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The metadata of the debias index in {@code dir}, or null when there is none (see {@link IndexLocation#inspect}). */
    static IndexMetadata existing(Path dir) throws IOException {
        return IndexLocation.existing(dir);
    }

    private IndexMetadata build(Path into, IndexSettings settings, String sha) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new TokenRuleAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(ramBufferMb)
                .setUseCompoundFile(false)
                .setCommitOnClose(false);
        LongAdder tokens = new LongAdder();
        LongAdder sentences = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BlockingQueue<List<Numbered>> queue = new ArrayBlockingQueue<>(threads * 4);
        List<Thread> workers = new ArrayList<>();
        long documents = 0;
        long skipped;
        try (Directory dir = FSDirectory.open(into);
                IndexWriter writer = new IndexWriter(dir, config);
                RecordReader reader = CorpusReaders.open(input, readOptions)) {
            for (int i = 0; i < threads; i++) {
                Thread t = Thread.ofPlatform().name("debias-index-" + i).daemon().unstarted(
                        () -> work(queue, writer, tokens, sentences, failure));
                workers.add(t);
                t.start();
            }
            progress.start("indexing " + input.getFileName(), reader.bytesTotal(), "bytes");
            long lastBytes = 0;
            try {
                List<Numbered> batch = new ArrayList<>(BATCH);
                while (reader.hasNext()) {
                    batch.add(new Numbered(documents++, reader.next()));
                    if (batch.size() == BATCH) {
                        put(queue, batch, failure);
                        batch = new ArrayList<>(BATCH);
                        progress.advance(reader.bytesRead() - lastBytes);
                        lastBytes = reader.bytesRead();
                    }
                }
                put(queue, batch, failure);
            } finally {
                for (int i = 0; i < threads; i++) {
                    putQuietly(queue, List.of());
                }
                for (Thread t : workers) {
                    joinQuietly(t);
                }
                progress.finish();
            }
            rethrow(failure.get());
            skipped = reader.report().skipped();
            IndexMetadata m = new IndexMetadata(sha, settings.describe(), sourceName(input), documents,
                    tokens.sum(), sentences.sum(), skipped, readOptions.fields().labelField(),
                    readOptions.fields().groupFields(), Versions.debias());
            writer.setLiveCommitData(m.toUserData().entrySet());
            writer.commit();
            LOG.info("indexed {} documents ({} tokens, {} sentences) into {}", documents, tokens.sum(),
                    sentences.sum(), indexDir);
            return m;
        }
    }

    private void work(BlockingQueue<List<Numbered>> queue, IndexWriter writer, LongAdder tokens,
            LongAdder sentences, AtomicReference<Throwable> failure) {
        SentenceSplitter splitter = SentenceSplitter.create();
        List<String> groupFields = readOptions.fields().groupFields();
        try {
            while (true) {
                List<Numbered> batch = queue.take();
                if (batch.isEmpty()) {
                    return;
                }
                if (failure.get() != null) {
                    continue;
                }
                for (Numbered n : batch) {
                    AnalyzedText a = AnalyzedText.of(n.record.text(), splitter);
                    writer.addDocument(IndexDocuments.document(n.ordinal, n.record, a, groupFields));
                    tokens.add(a.size());
                    sentences.add(a.sentenceStarts().length);
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private static void put(BlockingQueue<List<Numbered>> q, List<Numbered> batch, AtomicReference<Throwable> failure)
            throws IOException {
        try {
            while (!q.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                rethrow(failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while indexing", e);
        }
        rethrow(failure.get());
    }

    private static void putQuietly(BlockingQueue<List<Numbered>> q, List<Numbered> poison) {
        // Workers drain the queue to the end, so this never blocks for long.
        try {
            q.put(poison);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t == null) {
            return;
        }
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }

    private record Numbered(long ordinal, Record record) {}

    /** Builds a {@link CorpusIndexer}: input and index directory are required. */
    public static final class Builder {
        private Path input;
        private Path indexDir;
        private ReadOptions readOptions = ReadOptions.defaults();
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private boolean rebuild;
        private ProgressListener progress = ProgressListener.NONE;
        private String inputSha256;
        private double ramBufferMb = 256;

        private Builder() {}

        /** The corpus to index (any {@link dev.debias.corpus.CorpusFormat}). */
        public Builder setInput(Path input) {
            this.input = input;
            return this;
        }

        /** Where the index lives; created when missing. */
        public Builder setIndexDir(Path dir) {
            this.indexDir = dir;
            return this;
        }

        /** How to read the input; default {@link ReadOptions#defaults()}. */
        public Builder optReadOptions(ReadOptions options) {
            this.readOptions = Objects.requireNonNull(options);
            return this;
        }

        /** Analysis threads; default the number of cores. */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Rebuild even when the existing index matches the input. */
        public Builder optRebuild(boolean rebuild) {
            this.rebuild = rebuild;
            return this;
        }

        /**
         * The input's SHA-256 when the caller has already computed it ({@link Hashing#sha256(Path)}), so
         * a large input is not read twice; default: computed here.
         */
        public Builder optInputSha256(String sha256) {
            this.inputSha256 = sha256;
            return this;
        }

        /** Lucene's indexing buffer; a small one makes tests flush segments early. Default 256 MB. */
        Builder ramBufferMb(double mb) {
            this.ramBufferMb = mb;
            return this;
        }

        /** Receives progress in bytes of input read. */
        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /** Validates and builds. */
        public CorpusIndexer build() {
            if (input == null) {
                throw new IllegalArgumentException("setInput is required");
            }
            if (indexDir == null) {
                throw new IllegalArgumentException("setIndexDir is required");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            return new CorpusIndexer(this);
        }
    }
}
