package dev.debias.spark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.demo.BiosGenerator;
import dev.debias.spark.SparkSettings;
import dev.debias.spark.audit.SparkIndexer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the Spark engine's index build (the part of an audit that reads the corpus) against the
 * single-machine engine's on a corpus of demo bios in JSON Lines shards: Spark at {@code local[1]} and
 * {@code local[2]} (their ratio is how the engine scales over cores), the local engine at 1 and 2 threads
 * (Spark against it at the same core count), each the best of some timed runs after a warm-up. From Spark's
 * cost per core it estimates a 1 TB corpus on 100 cores, assuming throughput per core holds (splits at
 * least as many as cores, a shared file system that keeps up, no stragglers) and adding the join of the
 * shards on the driver at the measured join rate.
 */
public final class SparkAuditBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int documents;
    private final int shards;
    private final int repeats;
    private final Path workDir;

    /** A benchmark of {@code documents} bios in {@code shards} shards, best of {@code repeats} timed runs. */
    public SparkAuditBenchmark(int documents, int shards, int repeats, Path workDir) {
        if (documents < 1 || shards < 1 || repeats < 1) {
            throw new IllegalArgumentException("documents, shards and repeats must be at least 1");
        }
        this.documents = documents;
        this.shards = shards;
        this.repeats = repeats;
        this.workDir = workDir;
    }

    /** Runs it and prints a table and the estimate to {@code out}. */
    public Map<String, Double> run(PrintWriter out) throws IOException {
        try {
            return measure(out);
        } finally {
            for (String d : new String[] {"bios-shards", "local.index", "spark.index"}) {
                dev.debias.core.FileTrees.delete(workDir.resolve(d));
            }
        }
    }

    private Map<String, Double> measure(PrintWriter out) throws IOException {
        Path corpus = workDir.resolve("bios-shards");
        long bytes = writeCorpus(corpus);
        ReadOptions read = ReadOptions.defaults().withFields(new FieldMapping("text", "label", List.of(), null));
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int cores = 1; cores <= 2; cores++) {
            int t = cores;
            seconds.put("local engine, " + t + " thread" + (t == 1 ? "" : "s"), best(() -> CorpusIndexer.builder()
                    .setInput(corpus).setIndexDir(workDir.resolve("local.index")).optReadOptions(read)
                    .optThreads(t).optRebuild(true).build().run()));
            seconds.put("spark engine, local[" + t + "]", best(() -> SparkIndexer.builder().setInput(corpus)
                    .setIndexDir(workDir.resolve("spark.index")).optReadOptions(read)
                    .optSpark(SparkSettings.local().withMaster("local[" + t + "]")).optRebuild(true).build().run()));
        }
        double mb = bytes / 1e6;
        out.printf(Locale.ROOT, "index build of %,d demo bios in %d JSON Lines shards (%.1f MB), best of %d:%n",
                documents, shards, mb, repeats);
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            out.printf(Locale.ROOT, "  %-28s %7.2f s  %7.2f MB/s  %9.0f records/s%n", e.getKey(), e.getValue(),
                    mb / e.getValue(), documents / e.getValue());
        }
        double s1 = seconds.get("spark engine, local[1]");
        double s2 = seconds.get("spark engine, local[2]");
        out.printf(Locale.ROOT, "  spark local[2] / local[1] throughput: %.2fx%n", s1 / s2);
        out.printf(Locale.ROOT, "  spark / local engine at 1 core: %.2f, at 2 cores: %.2f%n",
                seconds.get("local engine, 1 thread") / s1, seconds.get("local engine, 2 threads") / s2);
        double perCoreMbS = mb / s1;
        double hours = 1e6 / (perCoreMbS * 100) / 3600;
        out.printf(Locale.ROOT, "  estimate: 1 TB on 100 cores at %.2f MB/s per core (local[1]) = %.1f hours of "
                + "indexing, assuming per-core throughput holds, at least 100 splits, storage that keeps up, "
                + "plus the driver's join of the shards (a copy of the index files) and the audit itself%n",
                perCoreMbS, hours);
        out.flush();
        return seconds;
    }

    private interface Run {
        Object run() throws IOException;
    }

    private double best(Run r) throws IOException {
        r.run();   // warm-up
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private long writeCorpus(Path dir) throws IOException {
        Files.createDirectories(dir);
        BiosGenerator gen = BiosGenerator.builder().setCount(documents).optSeed(1).build();
        long bytes = 0;
        List<Path> files = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            Path f = dir.resolve(String.format(Locale.ROOT, "part-%05d.jsonl", s));
            files.add(f);
            try (BufferedWriter w = Files.newBufferedWriter(f)) {
                for (int i = s; i < documents; i += shards) {
                    Record r = gen.record(i);
                    w.write(JSON.writeValueAsString(JSON.createObjectNode().put("text", r.text())
                            .put("label", r.label())));
                    w.newLine();
                }
            }
        }
        for (Path f : files) {
            bytes += Files.size(f);
        }
        return bytes;
    }
}
