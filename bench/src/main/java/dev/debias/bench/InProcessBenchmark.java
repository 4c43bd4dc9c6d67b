package dev.debias.bench;

import ai.djl.engine.Engine;
import dev.debias.core.FileTrees;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.TrainConfig;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Several identical fine-tunes in one JVM, as a recipe's sweep runs them: the time of each run, the ratio of
 * the last run's time to the first's (target: at most 1.2), and what the JVM holds after each run (live
 * threads, Java-allocated native memory) without forcing a garbage collection. The engine is loaded before
 * the first run, so its one-off start is not counted against it.
 */
public final class InProcessBenchmark {
    private static final List<String> SUBJECTS = List.of("The nurse", "The engineer", "My neighbour", "The teacher",
            "A doctor", "The driver", "Our manager", "The student");
    private static final List<String> GOOD = List.of("was kind and helpful today.", "did a wonderful job.",
            "made everyone happy.", "gave a clear and friendly answer.");
    private static final List<String> BAD = List.of("was rude and careless today.", "did a terrible job.",
            "made everyone angry.", "gave a confusing and hostile answer.");

    private final String model;
    private final int runs;
    private final int records;
    private final int maxLength;
    private final Path dir;

    /**
     * @param model the model every run starts from (e.g. {@code builtin:minilm})
     * @param runs fine-tunes in this JVM, at least 2
     * @param records training records per run (half as many evaluation records)
     * @param maxLength word pieces per text
     * @param dir where the corpora and run directories go (deleted afterwards)
     */
    public InProcessBenchmark(String model, int runs, int records, int maxLength, Path dir) {
        if (runs < 2 || records < 4 || maxLength < 4) {
            throw new IllegalArgumentException("at least 2 runs, 4 records and length 4 are required");
        }
        this.model = model;
        this.runs = runs;
        this.records = records;
        this.maxLength = maxLength;
        this.dir = dir;
    }

    /** Runs the fine-tunes one after another and reports them. */
    public BenchResult run(ProgressListener progress) throws IOException {
        Path train = corpus(dir.resolve("train.jsonl"), records, 1);
        Path eval = corpus(dir.resolve("eval.jsonl"), Math.max(2, records / 2), 2);
        TrainConfig c = TrainConfig.builder().setModel(model).setTrain(train).setEval(eval)
                .setFields(new FieldMapping("text", "label", List.of(), "id")).optEpochs(1).optBatchSize(16)
                .optMaxLength(maxLength).optSeed(1).build();
        Engine.getInstance();
        List<BenchResult.Row> rows = new ArrayList<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("threads_before", Thread.getAllStackTraces().size());
        double[] seconds = new double[runs];
        progress.start("fine-tuning " + runs + " times in one JVM", runs, "runs");
        try {
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                FineTuner.builder().setConfig(c).setRunDir(dir.resolve("run" + (i + 1))).build().run();
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                rows.add(new BenchResult.Row("fine-tune " + (i + 1) + " of " + runs, records, 0, seconds[i]));
                facts.put("threads_after_run" + (i + 1), Thread.getAllStackTraces().size());
                facts.put("direct_bytes_after_run" + (i + 1), directBytes());
                progress.advance(1);
            }
        } finally {
            progress.finish();
            for (int i = 0; i < runs; i++) {
                FileTrees.delete(dir.resolve("run" + (i + 1)));
            }
            FileTrees.delete(train);
            FileTrees.delete(eval);
        }
        facts.put("model", model);
        facts.put("records", records);
        facts.put("max_length", maxLength);
        facts.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("run" + runs + "_vs_run1", seconds[runs - 1] / seconds[0]);
        return new BenchResult("inprocess", rows, ratios, facts);
    }

    /** Java-allocated native memory (direct buffers) now, in bytes. */
    static long directBytes() {
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                return b.getMemoryUsed();
            }
        }
        return -1;
    }

    /** {@code n} short review-like sentences, label {@code good} or {@code bad} alternately. */
    static Path corpus(Path file, int n, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        try (RecordWriter w = CorpusWriters.open(file)) {
            for (int i = 0; i < n; i++) {
                boolean good = i % 2 == 0;
                List<String> ends = good ? GOOD : BAD;
                String text = SUBJECTS.get(r.nextInt(SUBJECTS.size())) + " " + ends.get(r.nextInt(ends.size()));
                String id = "r" + seed + "-" + i;
                w.write(new Record(id, text, good ? "good" : "bad", Map.of(), Provenance.original(id)));
            }
            w.commit();
        }
        return file;
    }
}
