package dev.debias.bench;

import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Measures corpus reading and writing against the floor of any line-oriented reader: a plain
 * {@link BufferedReader} counting the lines of the same file. Records come from the demo generator;
 * each measurement is the best of {@code repeats} runs after one warm-up.
 */
public final class IoBenchmark {
    private final int records;
    private final int repeats;
    private final Path workDir;

    /**
     * @param records corpus size (at least 1)
     * @param repeats timed runs per measurement (at least 1)
     * @param workDir where the temporary corpus files go; they are deleted afterwards
     */
    public IoBenchmark(int records, int repeats, Path workDir) {
        if (records < 1 || repeats < 1) {
            throw new IllegalArgumentException("records and repeats must be at least 1");
        }
        this.records = records;
        this.repeats = repeats;
        this.workDir = workDir;
    }

    /** Runs every measurement and returns the rows and ratios. */
    public BenchResult run(ProgressListener progress) throws Exception {
        List<Record> corpus = BiosGenerator.builder().setCount(records).optSeed(7).build().stream().toList();
        Path jsonl = workDir.resolve("bench-io.jsonl");
        Path csv = workDir.resolve("bench-io.csv");
        ReadOptions read = ReadOptions.defaults()
                .withFields(FieldMapping.DEFAULT.withLabelField("label").withIdField("id").withGroupFields(List.of("gender")));
        List<BenchResult.Row> rows = new ArrayList<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        progress.start("benchmarking corpus I/O", 6L * (repeats + 1), "runs");
        try {
            for (Path file : List.of(jsonl, csv)) {
                String fmt = file == jsonl ? "jsonl" : "csv";
                long bytes = Files.size(writeOnce(corpus, file));
                BenchResult.Row write = time(fmt + " write", progress, () -> {
                    try (RecordWriter w = CorpusWriters.open(file, WriteOptions.defaults())) {
                        for (Record r : corpus) {
                            w.write(r);
                        }
                        w.commit();
                    }
                    return (long) records;
                }, bytes);
                BenchResult.Row lines = time(fmt + " BufferedReader lines", progress, () -> countLines(file), bytes);
                BenchResult.Row parse = time(fmt + " read records", progress, () -> {
                    long n = 0;
                    try (RecordReader r = CorpusReaders.open(file, read)) {
                        while (r.hasNext()) {
                            r.next();
                            n++;
                        }
                    }
                    if (n != records) {
                        throw new IllegalStateException("read " + n + " records of " + records);
                    }
                    return n;
                }, bytes);
                // Normalise to records/s: the line count sees one line per JSONL record; CSV texts have no line breaks here.
                BenchResult.Row linesPerRecord = new BenchResult.Row(lines.name(), records, bytes, lines.seconds());
                rows.add(linesPerRecord);
                rows.add(parse);
                rows.add(write);
                ratios.put(fmt + "_read_vs_linecount", parse.itemsPerSecond() / linesPerRecord.itemsPerSecond());
                ratios.put(fmt + "_write_vs_linecount", write.itemsPerSecond() / linesPerRecord.itemsPerSecond());
                facts.put(fmt + "_bytes", bytes);
            }
            facts.put("records", records);
            facts.put("repeats", repeats);
        } finally {
            Files.deleteIfExists(jsonl);
            Files.deleteIfExists(csv);
            progress.finish();
        }
        return new BenchResult("io", rows, ratios, facts);
    }

    private static Path writeOnce(List<Record> corpus, Path file) throws IOException {
        try (RecordWriter w = CorpusWriters.open(file, WriteOptions.defaults())) {
            for (Record r : corpus) {
                w.write(r);
            }
            w.commit();
        }
        return file;
    }

    private static long countLines(Path file) throws IOException {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (r.readLine() != null) {
                n++;
            }
        }
        return n;
    }

    private BenchResult.Row time(String name, ProgressListener progress, Callable<Long> work, long bytes) throws Exception {
        long items = work.call(); // warm-up
        progress.advance(1);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            items = work.call();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            progress.advance(1);
        }
        return new BenchResult.Row(name, items, bytes, best);
    }
}
