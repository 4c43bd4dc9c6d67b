package dev.debias.spark.audit;

import dev.debias.audit.index.ShardIndexer;
import dev.debias.audit.index.ShardIndexer.ShardCount;
import dev.debias.core.FileTrees;
import dev.debias.corpus.CorpusSplits;
import dev.debias.corpus.EmptyCorpusException;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.spark.ReadSpec;
import dev.debias.spark.SparkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;

/** What the tasks of {@link SparkIndexer} do with one split; static, so no driver state is shipped. */
final class SplitTasks {
    private SplitTasks() {}

    /** The records of a split (0 when it has none). */
    static long count(CorpusSplits.Split split, ReadSpec read) {
        try (RecordReader r = CorpusSplits.open(split, read.options())) {
            long n = 0;
            for (Iterator<Record> it = records(r); it.hasNext(); it.next()) {
                n++;
            }
            return n;
        }
    }

    /** The committed shard folder of split {@code i}. */
    static Path committed(Path work, int i) {
        return work.resolve(String.format(java.util.Locale.ROOT, "part-%05d", i));
    }

    /**
     * Indexes split {@code i}, its records numbered from {@code first}, into a folder of this attempt, then
     * renames it to the split's committed folder; when another attempt committed first, this attempt's copy
     * is dropped (both hold the same documents).
     */
    static ShardCount index(CorpusSplits.Split split, int i, long first, ReadSpec read, String work, String failOnce)
            throws IOException {
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        Path workDir = Path.of(work);
        Path committed = committed(workDir, i);
        Path mine = workDir.resolve(committed.getFileName() + ".attempt-" + attempt + "-"
                + (task == null ? 0 : task.taskAttemptId()));
        Files.createDirectories(mine);
        ShardCount c;
        try (RecordReader r = CorpusSplits.open(split, read.options())) {
            Iterator<Record> records = records(r);
            c = ShardIndexer.indexShard(records, first, read.groupFields(), mine);
            c = new ShardCount(c.documents(), c.tokens(), c.sentences(), r.report().skipped());
        }
        try {
            Files.move(mine, committed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(committed)) {
                throw e;
            }
            FileTrees.delete(mine);   // another attempt committed the same shard first: keep one copy
        }
        if (attempt == 0 && failOnce.equals(Integer.toString(i))) {
            throw new IllegalStateException(SparkSettings.FAIL_ONCE + "=" + i + ": failing the first attempt of "
                    + "partition " + i + " on purpose, after it committed its shard");
        }
        return c;
    }

    /** The reader's records; none when the split holds no record. */
    private static Iterator<Record> records(RecordReader r) {
        try {
            if (!r.hasNext()) {
                return Collections.emptyIterator();
            }
        } catch (EmptyCorpusException e) {
            return Collections.emptyIterator();
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return r.hasNext();
            }

            @Override
            public Record next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return r.next();
            }
        };
    }
}
