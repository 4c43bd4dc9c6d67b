package dev.debias.audit.index;

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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.ByteArrayDataOutput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;
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
    private static final FieldType TEXT_TYPE = new FieldType();

    static {
        TEXT_TYPE.setTokenized(true);
        TEXT_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        TEXT_TYPE.setOmitNorms(true);
        TEXT_TYPE.setStored(false);
        TEXT_TYPE.freeze();
    }

    private final Path input;
    private final Path indexDir;
    private final ReadOptions readOptions;
    private final int threads;
    private final boolean rebuild;
    private final ProgressListener progress;
    private final String inputSha256;

    private CorpusIndexer(Builder b) {
        this.input = b.input;
        this.indexDir = b.indexDir;
        this.readOptions = b.readOptions;
        this.threads = b.threads;
        this.rebuild = b.rebuild;
        this.progress = b.progress;
        this.inputSha256 = b.inputSha256;
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
     * @throws InvalidInputException when the input cannot be read, or the index directory holds
     *     something other than a debias index, or another process is writing it
     */
    public IndexBuild run() throws IOException {
        if (!Files.exists(input)) {
            throw new InvalidInputException(input + ": no such file or directory");
        }
        IndexSettings settings = settings();
        String sha = inputSha256 != null ? inputSha256 : Hashing.sha256(input);
        IndexMetadata existing = existing(indexDir);
        if (existing != null && !rebuild && existing.inputSha256().equals(sha)
                && existing.settings().equals(settings.describe())) {
            LOG.info("reusing index {} (built from the same input, sha256 {}...)", indexDir, sha.substring(0, 12));
            return new IndexBuild(indexDir, existing, true);
        }
        if (existing != null) {
            LOG.info("rebuilding index {}: {}", indexDir, rebuild ? "rebuild requested"
                    : !existing.inputSha256().equals(sha) ? "the input changed" : "the settings changed");
        }
        IndexMetadata built = build(settings, sha);
        return new IndexBuild(indexDir, built, false);
    }

    /** The metadata of the debias index in {@code dir}, or null when there is none (a new or empty directory). */
    static IndexMetadata existing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return null;
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + ": the index location is a file; give a directory");
        }
        try (Directory d = FSDirectory.open(dir)) {
            if (!DirectoryReader.indexExists(d)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.anyMatch(p -> !p.getFileName().toString().equals("write.lock"))) {
                        throw new InvalidInputException(dir + ": the directory is not empty and holds no debias "
                                + "index; give a new or empty directory for the index");
                    }
                }
                return null;
            }
            IndexMetadata m = IndexMetadata.fromUserData(SegmentInfos.readLatestCommit(d).getUserData());
            if (m == null) {
                throw new InvalidInputException(dir + ": holds a Lucene index that debias did not build (or an older "
                        + "layout); give another directory for the index");
            }
            return m;
        }
    }

    private IndexMetadata build(IndexSettings settings, String sha) throws IOException {
        Files.createDirectories(indexDir);
        IndexWriterConfig config = new IndexWriterConfig(new TokenRuleAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(256)
                .setUseCompoundFile(false)
                .setCommitOnClose(false);
        LongAdder tokens = new LongAdder();
        LongAdder sentences = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BlockingQueue<List<Numbered>> queue = new ArrayBlockingQueue<>(threads * 4);
        List<Thread> workers = new ArrayList<>();
        long documents = 0;
        long skipped;
        try (Directory dir = FSDirectory.open(indexDir);
                IndexWriter writer = openWriter(dir, config);
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
            IndexMetadata m = new IndexMetadata(sha, settings.describe(), input.getFileName().toString(), documents,
                    tokens.sum(), sentences.sum(), skipped, readOptions.fields().labelField(),
                    readOptions.fields().groupFields(), Versions.debias());
            writer.setLiveCommitData(m.toUserData().entrySet());
            writer.commit();
            LOG.info("indexed {} documents ({} tokens, {} sentences) into {}", documents, tokens.sum(),
                    sentences.sum(), indexDir);
            return m;
        }
    }

    private IndexWriter openWriter(Directory dir, IndexWriterConfig config) throws IOException {
        try {
            return new IndexWriter(dir, config);
        } catch (LockObtainFailedException e) {
            throw new InvalidInputException(indexDir + ": another process is writing this index; wait for it or "
                    + "choose another directory with " + Setting.INDEX, e);
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
                    writer.addDocument(document(n.ordinal, n.record, a, groupFields));
                    tokens.add(a.size());
                    sentences.add(a.sentenceStarts().length);
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    static Document document(long ordinal, Record r, AnalyzedText a, List<String> groupFields) {
        Document doc = new Document();
        doc.add(new Field(IndexFields.TEXT, new AnalyzedTokenStream(a), TEXT_TYPE));
        doc.add(new StoredField(IndexFields.TEXT, r.text()));
        doc.add(new StoredField(IndexFields.ID, r.id()));
        doc.add(new NumericDocValuesField(IndexFields.ORDINAL, ordinal));
        doc.add(new StoredField(IndexFields.ORDINAL, ordinal));
        if (r.label() != null) {
            doc.add(new SortedDocValuesField(IndexFields.LABEL, new BytesRef(r.label())));
            doc.add(new StoredField(IndexFields.LABEL, r.label()));
        }
        for (String g : groupFields) {
            String v = r.attribute(g).orElse("");
            doc.add(new SortedDocValuesField(IndexFields.group(g), new BytesRef(v)));
            doc.add(new StoredField(IndexFields.group(g), v));
        }
        doc.add(new NumericDocValuesField(IndexFields.TOKENS, a.size()));
        int[] starts = a.sentenceStarts();
        doc.add(new NumericDocValuesField(IndexFields.SENTENCES, starts.length));
        doc.add(new BinaryDocValuesField(IndexFields.SENTENCE_STARTS, encode(starts)));
        return doc;
    }

    /** Delta-encodes ascending ints as variable-length ints. */
    static BytesRef encode(int[] ascending) {
        byte[] buf = new byte[ascending.length * 5];
        ByteArrayDataOutput out = new ByteArrayDataOutput(buf);
        int prev = 0;
        for (int v : ascending) {
            try {
                out.writeVInt(v - prev);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            prev = v;
        }
        return new BytesRef(buf, 0, out.getPosition());
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
