package dev.debias.spark.audit;

import dev.debias.audit.index.IndexBuild;
import dev.debias.audit.index.IndexMetadata;
import dev.debias.audit.index.ShardIndexer;
import dev.debias.audit.index.ShardIndexer.ShardCount;
import dev.debias.core.FileTrees;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.core.PathGlob;
import dev.debias.corpus.CorpusSplits;
import dev.debias.corpus.ReadOptions;
import dev.debias.spark.ReadSpec;
import dev.debias.spark.SparkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the audit index of a corpus on Spark: the same index {@link dev.debias.audit.index.CorpusIndexer}
 * builds on one machine (same documents, ordinals, ids and {@link IndexMetadata}), so an audit of it, and
 * {@code audit show}, give the same results. A first job counts each split's records (their ordinals start
 * after the earlier splits'); a second indexes each split into a shard of its own, written to a folder of
 * its task attempt and renamed to the split's folder when the attempt succeeds (an attempt that finds the
 * folder already committed by another attempt drops its own copy); the driver then joins the shards in
 * split order into the index directory and publishes it with one rename. Counts come from the tasks'
 * results, never from accumulators, so a retried task is counted once.
 *
 * <p>Splits are the shards of a folder or glob; a single file is one split (so it runs on one core).
 * The shard folders live in a work folder beside the index directory, which the executors must reach
 * (a shared file system on a cluster); it is removed once the index is published.
 */
public final class SparkIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(SparkIndexer.class);
    private final Path input;
    private final Path indexDir;
    private final ReadOptions readOptions;
    private final SparkSettings spark;
    private final boolean rebuild;
    private final String inputSha256;

    private SparkIndexer(Builder b) {
        this.input = b.input;
        this.indexDir = b.indexDir;
        this.readOptions = b.readOptions;
        this.spark = b.spark;
        this.rebuild = b.rebuild;
        this.inputSha256 = b.inputSha256;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reuses the index in the index directory when it was built from the same input bytes and settings (by
     * either engine), or builds it on Spark.
     *
     * @throws InvalidInputException when the input cannot be read or holds no record
     */
    public IndexBuild run() throws IOException {
        if (!PathGlob.existsOrMatches(input)) {
            throw new InvalidInputException(input + ": no such file or directory");
        }
        String sha = inputSha256 != null ? inputSha256 : Hashing.sha256(input);
        if (!rebuild) {
            IndexBuild reused = ShardIndexer.reusable(indexDir, input, readOptions, sha);
            if (reused != null) {
                LOG.info("reusing index {} (built from the same input)", indexDir);
                return reused;
            }
        }
        List<CorpusSplits.Split> splits = CorpusSplits.of(input, readOptions);
        Path target = indexDir.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path work = target.resolveSibling("." + target.getFileName() + ".spark-" + UUID.randomUUID());
        Files.createDirectory(work);
        long t0 = System.nanoTime();
        try (JavaSparkContext sc = spark.start("debias audit index " + input.getFileName())) {
            long t1 = System.nanoTime();
            ReadSpec read = ReadSpec.of(readOptions);
            List<Integer> ids = IntStream.range(0, splits.size()).boxed().toList();
            List<Long> counts = sc.parallelize(ids, splits.size())
                    .map(i -> SplitTasks.count(splits.get(i), read)).collect();
            List<long[]> starts = new ArrayList<>();
            long next = 0;
            for (int i = 0; i < splits.size(); i++) {
                starts.add(new long[] {i, next});
                next += counts.get(i);
            }
            long t2 = System.nanoTime();
            String workDir = work.toString();
            String failOnce = sc.getConf().get(SparkSettings.FAIL_ONCE, "");
            List<ShardCount> results = sc.parallelize(starts, splits.size())
                    .map(s -> SplitTasks.index(splits.get((int) s[0]), (int) s[0], s[1], read, workDir, failOnce))
                    .collect();
            ShardCount total = ShardCount.ZERO;
            List<Path> shards = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                total = total.plus(results.get(i));
                shards.add(SplitTasks.committed(work, i));
            }
            long t3 = System.nanoTime();
            IndexMetadata m = ShardIndexer.metadata(input, readOptions, sha, total);
            IndexBuild built = ShardIndexer.publish(shards, indexDir, m);
            long t4 = System.nanoTime();
            LOG.info(String.format(java.util.Locale.ROOT, "indexed %d documents in %d splits on Spark into %s "
                    + "(Spark start %.2f s, count pass %.2f s, index pass %.2f s, join %.2f s)", total.documents(),
                    splits.size(), indexDir, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9));
            return built;
        } finally {
            FileTrees.delete(work);
        }
    }

    /** Builds a {@link SparkIndexer}: input and index directory are required. */
    public static final class Builder {
        private Path input;
        private Path indexDir;
        private ReadOptions readOptions = ReadOptions.defaults();
        private SparkSettings spark = SparkSettings.local();
        private boolean rebuild;
        private String inputSha256;

        private Builder() {}

        /** The corpus: a file, or a folder or glob of shards (one split each). */
        public Builder setInput(Path input) {
            this.input = input;
            return this;
        }

        /** Where the index is published. */
        public Builder setIndexDir(Path dir) {
            this.indexDir = dir;
            return this;
        }

        /** How to read the input; default {@link ReadOptions#defaults()}. */
        public Builder optReadOptions(ReadOptions options) {
            this.readOptions = Objects.requireNonNull(options);
            return this;
        }

        /** The Spark master and settings; default {@link SparkSettings#local()}. */
        public Builder optSpark(SparkSettings settings) {
            this.spark = Objects.requireNonNull(settings);
            return this;
        }

        /** Rebuild even when the existing index matches the input. */
        public Builder optRebuild(boolean rebuild) {
            this.rebuild = rebuild;
            return this;
        }

        /** The input's SHA-256 when already computed; default computed here. */
        public Builder optInputSha256(String sha256) {
            this.inputSha256 = sha256;
            return this;
        }

        /** Validates and builds. */
        public SparkIndexer build() {
            if (input == null) {
                throw new IllegalArgumentException("setInput is required");
            }
            if (indexDir == null) {
                throw new IllegalArgumentException("setIndexDir is required");
            }
            return new SparkIndexer(this);
        }
    }
}
