package dev.debias.bench;

import dev.debias.audit.Targets;
import dev.debias.audit.Axis;
import dev.debias.audit.count.CountTable;
import dev.debias.audit.count.Feature;
import dev.debias.audit.count.IndexCounter;
import dev.debias.audit.count.ScanCounter;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.audit.index.IndexBuild;
import dev.debias.core.FileTrees;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the audit stage: indexing throughput, and the time to compute the full group x target
 * table (2 gender groups x 100 occupation targets) from the index at document and sentence scope,
 * against a single-pass scan that reads, tokenizes and looks up every document (running the sentence
 * model where it needs sentences) in the same run. Checks that both give equal counts.
 */
public final class AuditBenchmark {
    /** Targets in the table. */
    public static final int TARGETS = 100;

    private final int documents;
    private final int repeats;
    private final int threads;
    private final Path workDir;

    /**
     * @param documents corpus size (at least 1)
     * @param repeats timed runs of each index table, after one warm-up (at least 1); the scans run once,
     *     long enough to warm up by themselves
     * @param threads indexing threads
     * @param workDir where the corpus and index go; deleted afterwards
     */
    public AuditBenchmark(int documents, int repeats, int threads, Path workDir) {
        if (documents < 1 || repeats < 1 || threads < 1) {
            throw new IllegalArgumentException("documents, repeats and threads must be at least 1");
        }
        this.documents = documents;
        this.repeats = repeats;
        this.threads = threads;
        this.workDir = workDir;
    }

    /** Runs every measurement. */
    public BenchResult run(ProgressListener progress) throws Exception {
        Path corpus = workDir.resolve("bench-audit.jsonl");
        Path indexDir = workDir.resolve("bench-audit.index");
        ReadOptions read = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withLabelField("label"));
        List<BenchResult.Row> rows = new ArrayList<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        try {
            try (RecordWriter w = CorpusWriters.open(corpus, WriteOptions.defaults())) {
                BiosGenerator.builder().setCount(documents).optSeed(11).build().writeTo(w, progress);
                w.commit();
            }
            long bytes = Files.size(corpus);
            long t0 = System.nanoTime();
            IndexBuild build = CorpusIndexer.builder().setInput(corpus).setIndexDir(indexDir).optReadOptions(read)
                    .optThreads(threads).optRebuild(true).optProgress(progress).build().run();
            double indexSeconds = (System.nanoTime() - t0) / 1e9;
            rows.add(new BenchResult.Row("index (" + threads + " threads)", documents, bytes, indexSeconds));
            Axis gender = Axis.parse("builtin:gender", false).get(0);
            Targets all = Targets.parse("builtin:occupations", false);
            List<String> names = all.names().subList(0, Math.min(TARGETS, all.size()));
            List<Feature> targets = all.features().subList(0, names.size());
            try (CorpusIndex index = CorpusIndex.open(build.dir())) {
                for (Scope scope : List.of(Scope.DOCUMENT, Scope.SENTENCE)) {
                    CountTable fromIndex = null;
                    double best = Double.MAX_VALUE;
                    for (int r = 0; r <= repeats; r++) {
                        long s = System.nanoTime();
                        fromIndex = new IndexCounter(index, scope).table(gender.groups(), gender.features(), names, targets);
                        double sec = (System.nanoTime() - s) / 1e9;
                        if (r > 0) {
                            best = Math.min(best, sec);
                        }
                    }
                    long s = System.nanoTime();
                    ScanCounter scan = new ScanCounter(scope, gender.groups(), gender.features(), names, targets);
                    progress.start("scanning at " + scope + " scope", documents, "documents");
                    try (RecordReader reader = CorpusReaders.open(corpus, read)) {
                        while (reader.hasNext()) {
                            scan.add(reader.next());
                            progress.advance(1);
                        }
                    }
                    progress.finish();
                    CountTable fromScan = scan.table();
                    double scanSeconds = (System.nanoTime() - s) / 1e9;
                    rows.add(new BenchResult.Row("table " + scope + " (index)", documents, 0, best));
                    rows.add(new BenchResult.Row("table " + scope + " (scan)", documents, bytes, scanSeconds));
                    ratios.put(scope + "_scan_vs_index", scanSeconds / best);
                    boolean equal = fromIndex.equals(fromScan);
                    facts.put(scope + "_counts_equal", equal);
                    facts.put(scope + "_units", fromIndex.units());
                    if (!equal) {
                        throw new IllegalStateException("index and scan counts differ at " + scope + " scope:\n"
                                + fromIndex + "\n" + fromScan);
                    }
                }
            }
            facts.put("documents", documents);
            facts.put("corpus_bytes", bytes);
            facts.put("index_mb_per_s", bytes / 1e6 / indexSeconds);
            facts.put("groups", gender.groups().size());
            facts.put("targets", names.size());
            facts.put("repeats", repeats);
            facts.put("tokens", build.metadata().tokens());
            facts.put("sentences", build.metadata().sentences());
        } finally {
            Files.deleteIfExists(corpus);
            FileTrees.delete(indexDir);
        }
        return new BenchResult("audit", rows, ratios, facts);
    }
}
