package dev.debias.recipe;

import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.stats.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a user's labelled file into {@code train.jsonl}, {@code dev.jsonl} and {@code test.jsonl} in one
 * streaming pass. Record {@code i} (0-based, in file order) goes to test when {@code u < testFraction}, to
 * dev when {@code u < testFraction + devFraction}, else to train, with {@code u = Seeds.unit(seed, i)}; so
 * the split is the same every time and a record's part depends only on its position. With a separate test
 * file, the user's file gives train and dev only and the test file is copied. Caps on train and test
 * records drop (and count as {@code over_cap}) the records past them. Records keep their id, text, label
 * and the one group field (empty when missing); a record without a label is bad input.
 */
final class SeededSplit {
    /** The three parts. */
    enum Part {
        TRAIN, DEV, TEST
    }

    private final Path file;
    private final Path testFile;
    private final FieldMapping fields;
    private final String groupField;
    private final double testFraction;
    private final double devFraction;
    private final Integer trainCap;
    private final Integer testCap;
    private final long seed;

    /**
     * @param file the user's file
     * @param testFile a separate test file, or null to split one off {@code file}
     * @param fields how to read both files (the group field is its only group field)
     * @param testFraction share of {@code file} for test (ignored with a test file)
     * @param devFraction share of {@code file} for dev
     * @param trainCap most training records, or null
     * @param testCap most test records, or null
     */
    SeededSplit(Path file, Path testFile, FieldMapping fields, double testFraction, double devFraction, Integer trainCap,
            Integer testCap, long seed) {
        this.file = file;
        this.testFile = testFile;
        this.fields = fields;
        this.groupField = fields.groupFields().get(0);
        this.testFraction = testFraction;
        this.devFraction = devFraction;
        this.trainCap = trainCap;
        this.testCap = testCap;
        this.seed = seed;
    }

    /** The part of record {@code i}. */
    Part part(long i) {
        double u = Seeds.unit(seed, i);
        return testFile == null && u < testFraction ? Part.TEST : u < testFraction + devFraction ? Part.DEV : Part.TRAIN;
    }

    /**
     * Writes the three files into {@code dir} (each published only when all three are complete) and returns
     * the counts: {@code over_cap} (when any), {@code read}, {@code train}, {@code dev}, {@code test}.
     *
     * @throws InvalidInputException when a part would be empty, or a record has no label
     */
    Map<String, Long> run(Path dir, ProgressListener progress) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        WriteOptions wo = WriteOptions.defaults();
        try (RecordReader r = CorpusReaders.open(file, ReadOptions.defaults().withFields(fields));
                RecordWriter train = CorpusWriters.open(dir.resolve("train.jsonl"), wo);
                RecordWriter dev = CorpusWriters.open(dir.resolve("dev.jsonl"), wo);
                RecordWriter test = CorpusWriters.open(dir.resolve("test.jsonl"), wo)) {
            progress.start("splitting " + file.getFileName(), -1, "records");
            long i = 0;
            while (r.hasNext()) {
                Record x = normalise(r.next(), groupField);
                Part p = part(i++);
                RecordWriter target = p == Part.TEST ? test : p == Part.DEV ? dev : train;
                Integer cap = p == Part.TEST ? testCap : p == Part.TRAIN ? trainCap : null;
                if (cap != null && target.written() >= cap) {
                    counts.merge("over_cap", 1L, Long::sum);
                    continue;
                }
                target.write(x);
                progress.advance(1);
            }
            counts.put("read", i);
            if (testFile != null) {
                try (RecordReader t = CorpusReaders.open(testFile, ReadOptions.defaults().withFields(fields))) {
                    while (t.hasNext() && (testCap == null || test.written() < testCap)) {
                        test.write(normalise(t.next(), groupField));
                    }
                }
            }
            progress.finish();
            counts.put("train", train.written());
            counts.put("dev", dev.written());
            counts.put("test", test.written());
            for (String part : List.of("train", "dev", "test")) {
                if (counts.get(part) == 0) {
                    throw new InvalidInputException(file + ": the " + part + " split is empty (" + i
                            + " records read); give more data or change data.test_fraction/dev_fraction");
                }
            }
            train.commit();
            dev.commit();
            test.commit();
        }
        return counts;
    }

    /** {@code x} with only the group field among its attributes (empty when missing). */
    static Record normalise(Record x, String groupField) {
        String g = x.attribute(groupField).orElse("");
        if (x.optLabel().isEmpty()) {
            throw new InvalidInputException("record " + x.id() + " (" + x.provenance() + ") has no label");
        }
        return new Record(x.id(), x.text(), x.label(), Map.of(groupField, g), x.provenance());
    }
}
