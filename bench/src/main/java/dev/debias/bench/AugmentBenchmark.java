package dev.debias.bench;

import dev.debias.augment.AugmentMode;
import dev.debias.augment.AugmentSummary;
import dev.debias.augment.Augmenter;

import dev.debias.augment.swap.PosContext;
import dev.debias.bench.BenchResult;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosGenerator;
import dev.debias.text.SentenceSplitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures two-sided counterfactual augmentation of the demo corpus end to end (read, swap, write,
 * summary), against the floor that OpenNLP tokenization and part-of-speech tagging alone reach on
 * the same records with the same threads in the same run. Augmentation can beat the floor: it tags
 * only the clauses around {@code her} and {@code his}, the words whose counterpart depends on their
 * part of speech.
 */
public final class AugmentBenchmark {
    private final int records;
    private final int repeats;
    private final int threads;
    private final Path workDir;

    /**
     * @param records corpus size
     * @param repeats timed runs of each measurement, after one warm-up; the best is kept
     * @param threads worker threads for both measurements
     * @param workDir where the corpus and output go; deleted afterwards
     */
    public AugmentBenchmark(int records, int repeats, int threads, Path workDir) {
        if (records < 1 || repeats < 1 || threads < 1) {
            throw new IllegalArgumentException("records, repeats and threads must be at least 1");
        }
        this.records = records;
        this.repeats = repeats;
        this.threads = threads;
        this.workDir = workDir;
    }

    /** Runs both measurements. */
    public BenchResult run(ProgressListener progress) throws Exception {
        Path corpus = workDir.resolve("bench-augment.jsonl");
        Path output = workDir.resolve("bench-augment-out.jsonl");
        List<String> texts = new ArrayList<>();
        long sentences = 0;
        SentenceSplitter splitter = SentenceSplitter.create();
        try {
            try (RecordWriter w = CorpusWriters.open(corpus, WriteOptions.defaults())) {
                for (Record r : BiosGenerator.builder().setCount(records).optSeed(13).build().stream().toList()) {
                    w.write(r);
                    texts.add(r.text());
                    sentences += splitter.split(r.text()).length;
                }
                w.commit();
            }
            long bytes = Files.size(corpus);
            ReadOptions read = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id")
                    .withGroupFields(List.of("gender")));
            Augmenter augmenter = Augmenter.builder().setMode(AugmentMode.TWO_SIDED).optThreads(threads).build();
            double floor = Double.MAX_VALUE;
            double cda = Double.MAX_VALUE;
            long written = 0;
            progress.start("benchmarking augment", 2L * (repeats + 1), "runs");
            for (int r = 0; r <= repeats; r++) {
                long t0 = System.nanoTime();
                tagAll(texts);
                double f = (System.nanoTime() - t0) / 1e9;
                progress.advance(1);
                t0 = System.nanoTime();
                AugmentSummary s = augmenter.run(corpus, read, output, WriteOptions.defaults());
                double c = (System.nanoTime() - t0) / 1e9;
                progress.advance(1);
                written = s.recordsOut();
                if (r > 0) {
                    floor = Math.min(floor, f);
                    cda = Math.min(cda, c);
                }
            }
            progress.finish();
            List<BenchResult.Row> rows = List.of(
                    new BenchResult.Row("tokenize + POS (floor)", records, bytes, floor),
                    new BenchResult.Row("two-sided CDA", records, bytes, cda));
            Map<String, Double> ratios = new LinkedHashMap<>();
            ratios.put("cda_vs_floor", floor / cda);
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("records", records);
            facts.put("sentences", sentences);
            facts.put("cda_sentences_per_s", sentences / cda);
            facts.put("floor_sentences_per_s", sentences / floor);
            facts.put("records_out", written);
            facts.put("threads", threads);
            facts.put("repeats", repeats);
            return new BenchResult("augment", rows, ratios, facts);
        } finally {
            Files.deleteIfExists(corpus);
            Files.deleteIfExists(output);
            Files.deleteIfExists(Augmenter.summaryPath(output));
            Files.deleteIfExists(dev.debias.core.ArtifactProvenance.sidecarOf(output));
        }
    }

    private void tagAll(List<String> texts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            int per = (texts.size() + threads - 1) / threads;
            for (int t = 0; t < threads; t++) {
                List<String> part = texts.subList(Math.min(texts.size(), t * per), Math.min(texts.size(), (t + 1) * per));
                parts.add(pool.submit(() -> {
                    PosContext ctx = new PosContext();
                    long n = 0;
                    for (String s : part) {
                        n += ctx.tagAll(s).length;
                    }
                    return n;
                }));
            }
            for (Future<Long> f : parts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
