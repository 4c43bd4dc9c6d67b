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
 * the same records with the same threads in the same run; and, given {@link ColdRuns}, the whole
 * {@code debias augment} command against {@code debias corpus convert} of the same file, each in a
 * fresh JVM, the ratio a user waits for (target: at most 4). Augmentation can beat the floor: it tags
 * only the clauses around {@code her} and {@code his}, the words whose counterpart depends on their
 * part of speech.
 */
public final class AugmentBenchmark {
    private final int records;
    private final int repeats;
    private final int threads;
    private final Path workDir;
    private final ColdRuns cold;
    private final int coldRecords;

    /**
     * @param records corpus size
     * @param repeats timed runs of each measurement, after one warm-up; the best is kept
     * @param threads worker threads for both measurements
     * @param workDir where the corpus and output go; deleted afterwards
     */
    public AugmentBenchmark(int records, int repeats, int threads, Path workDir) {
        this(records, repeats, threads, workDir, null, 0);
    }

    /**
     * As above, and also, when {@code cold} is given, the whole commands as a user runs them on a demo corpus
     * of {@code coldRecords} records: {@code debias augment --mode two-sided} (with the label, so the before
     * and after rates are computed) against {@code debias corpus convert} of the same file, each in a fresh
     * JVM, alternated {@code repeats} times, the best of each kept.
     */
    public AugmentBenchmark(int records, int repeats, int threads, Path workDir, ColdRuns cold, int coldRecords) {
        if (records < 1 || repeats < 1 || threads < 1 || cold != null && coldRecords < 1) {
            throw new IllegalArgumentException("records, repeats, threads and cold records must be at least 1");
        }
        this.records = records;
        this.repeats = repeats;
        this.threads = threads;
        this.workDir = workDir;
        this.cold = cold;
        this.coldRecords = coldRecords;
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
            List<BenchResult.Row> rows = new ArrayList<>(List.of(
                    new BenchResult.Row("tokenize + POS (floor)", records, bytes, floor),
                    new BenchResult.Row("two-sided CDA", records, bytes, cda)));
            Map<String, Double> ratios = new LinkedHashMap<>();
            ratios.put("cda_vs_floor", floor / cda);
            Map<String, Object> coldFacts = new LinkedHashMap<>();
            if (cold != null) {
                coldRuns(rows, ratios, coldFacts, progress);
            }
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("records", records);
            facts.put("sentences", sentences);
            facts.put("cda_sentences_per_s", sentences / cda);
            facts.put("floor_sentences_per_s", sentences / floor);
            facts.put("records_out", written);
            facts.put("threads", threads);
            facts.put("repeats", repeats);
            facts.putAll(coldFacts);
            return new BenchResult("augment", rows, ratios, facts);
        } finally {
            Files.deleteIfExists(corpus);
            Files.deleteIfExists(output);
            Files.deleteIfExists(Augmenter.summaryPath(output));
            Files.deleteIfExists(dev.debias.core.ArtifactProvenance.sidecarOf(output));
        }
    }

    /** The cold end-to-end runs: augment against corpus convert of the same demo corpus, fresh JVMs, alternated. */
    private void coldRuns(List<BenchResult.Row> rows, Map<String, Double> ratios, Map<String, Object> facts,
            ProgressListener progress) throws Exception {
        Path corpus = workDir.resolve("bench-cold.jsonl");
        Path converted = workDir.resolve("bench-cold-convert.jsonl");
        Path augmented = workDir.resolve("bench-cold-augment.jsonl");
        List<Path> outputs = List.of(converted, augmented, Augmenter.summaryPath(augmented),
                dev.debias.core.ArtifactProvenance.sidecarOf(augmented), dev.debias.core.ArtifactProvenance.sidecarOf(converted));
        try {
            try (RecordWriter w = CorpusWriters.open(corpus, WriteOptions.defaults())) {
                BiosGenerator.builder().setCount(coldRecords).optSeed(13).build().stream().forEach(r -> {
                    try {
                        w.write(r);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                w.commit();
            }
            long bytes = Files.size(corpus);
            List<String> convert = cold.launcher().convert(corpus, converted);
            List<String> augment = cold.launcher().augmentTwoSided(corpus, augmented, threads);
            List<Double> c = new ArrayList<>();
            List<Double> a = new ArrayList<>();
            progress.start("cold runs (fresh JVMs)", 2L * repeats, "runs");
            for (int r = 0; r < repeats; r++) {
                for (Path p : outputs) {
                    Files.deleteIfExists(p);
                }
                c.add(cold.seconds(convert));
                progress.advance(1);
                a.add(cold.seconds(augment));
                progress.advance(1);
            }
            progress.finish();
            double bestConvert = c.stream().min(Double::compare).orElseThrow();
            double bestAugment = a.stream().min(Double::compare).orElseThrow();
            rows.add(new BenchResult.Row("cold: corpus convert", coldRecords, bytes, bestConvert));
            rows.add(new BenchResult.Row("cold: augment two-sided", coldRecords, bytes, bestAugment));
            ratios.put("cold_augment_vs_convert", bestAugment / bestConvert);
            facts.put("cold_records", coldRecords);
            facts.put("cold_convert_seconds", c);
            facts.put("cold_augment_seconds", a);
        } finally {
            Files.deleteIfExists(corpus);
            for (Path p : outputs) {
                Files.deleteIfExists(p);
            }
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
