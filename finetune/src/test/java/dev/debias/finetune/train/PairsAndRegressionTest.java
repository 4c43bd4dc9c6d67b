package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.testing.TinyBert;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sentence pairs and regression on the tiny BERT. The pair task needs both texts ({@link TinyBert#pairs}: the
 * premise alone allows at most 5 of 6 right); the regression target is the number of times "apple" occurs
 * (0 to 3).
 */
class PairsAndRegressionTest {
    private static final FieldMapping PAIR_FIELDS = new FieldMapping("premise", "label", List.of(), "id");

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path model;
    private static Path pairTrain;
    private static Path pairEval;
    private static Path regTrain;
    private static Path regEval;

    @BeforeAll
    static void setUp() throws IOException {
        model = TinyBert.writeModel(shared.resolve("tiny-bert"), 11);
        pairTrain = TinyBert.write(shared.resolve("pairs-train.jsonl"), TinyBert.pairs("t", 400, 1));
        pairEval = TinyBert.write(shared.resolve("pairs-eval.jsonl"), TinyBert.pairs("e", 100, 2));
        regTrain = TinyBert.write(shared.resolve("reg-train.jsonl"), TinyBert.counts("t", 300, 3));
        regEval = TinyBert.write(shared.resolve("reg-eval.jsonl"), TinyBert.counts("e", 80, 4));
    }

    private static TrainConfig.Builder base(Path train, Path eval, FieldMapping fields) {
        return TrainConfig.builder().setModel(model.toString()).setTrain(train).setEval(eval).setFields(fields)
                .optEpochs(12).optBatchSize(16).optMaxLength(40).optLearningRate(3e-3).optPatience(0)
                .optPooling(Pooling.MEAN).optDropout(0f).optDevice(ComputeDevice.CPU).optSeed(3);
    }

    private static RunResult run(TrainConfig c, Path runDir) throws IOException {
        return FineTuner.builder().setConfig(c).setRunDir(runDir).build().run();
    }

    @Test
    void aPairTaskIsLearnedFromBothTextsAndNotFromOne() throws Exception {
        TrainConfig pair = base(pairTrain, pairEval, PAIR_FIELDS).optPairField("hypothesis")
                .optMetric(Metric.ACCURACY).build();
        RunResult r = run(pair, dir.resolve("pair"));
        double pairAccuracy = r.best().accuracy();
        // the control: the premise alone carries no information about the label
        TrainConfig single = base(pairTrain, pairEval, PAIR_FIELDS).optMetric(Metric.ACCURACY).build();
        double singleAccuracy = run(single, dir.resolve("single")).best().accuracy();
        assertTrue(pairAccuracy >= 0.95, "pair accuracy " + pairAccuracy);
        assertTrue(singleAccuracy <= 0.87, "single-text accuracy " + singleAccuracy);

        // predict reads the pair field the run was trained on, and gives what predictPairs gives
        try (Predictor p = Predictor.load(dir.resolve("pair"));
                RecordReader reader = CorpusReaders.open(pairEval, ReadOptions.defaults().withFields(PAIR_FIELDS))) {
            assertEquals("hypothesis", p.pairField());
            assertThrows(IllegalStateException.class, () -> p.predict(List.of("a text")));
            List<Record> annotated = new ArrayList<>();
            p.annotateAll(reader, annotated::add, dev.debias.core.ProgressListener.NONE);
            long right = annotated.stream().filter(x -> x.label().equals(x.attributes().get(Predictor.PREDICTION)))
                    .count();
            assertEquals(pairAccuracy, right / (double) annotated.size(), 1e-9);
            Record first = annotated.get(0);
            float[] direct = p.predictPairs(List.of(first.text()), List.of(first.attributes().get("hypothesis")))[0];
            assertEquals(p.annotate(first, direct).attributes().get(Predictor.PROBABILITIES),
                    first.attributes().get(Predictor.PROBABILITIES));
        }
    }

    @Test
    void aRecordWithoutItsSecondTextIsRefusedNamingIt() throws Exception {
        List<Record> bad = TinyBert.pairs("b", 20, 5);
        bad.set(7, TinyBert.record("b-7", "", "both", Map.of("premise", "The apple.")));
        Path train = TinyBert.write(dir.resolve("bad.jsonl"), bad);
        TrainConfig c = base(train, pairEval, PAIR_FIELDS).optPairField("hypothesis").build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(c, dir.resolve("bad")));
        assertTrue(e.getMessage().contains("bad.jsonl: record b-7 has no pair field 'hypothesis'"), e.getMessage());
    }

    @Test
    void aRegressionLearnsTheCountAndPredictsNumbers() throws Exception {
        FieldMapping f = new FieldMapping("text", "label", List.of(), "id");
        TrainConfig c = base(regTrain, regEval, f).optTask(Task.REGRESSION).build();
        assertEquals(Metric.PEARSON, c.metric(), "a regression follows Pearson unless told otherwise");
        RunResult r = run(c, dir.resolve("reg"));
        assertEquals(List.of("label"), r.labels());
        EpochMetrics best = r.best();
        assertNull(best.accuracy());
        assertNull(best.macroF1());
        assertTrue(best.pearson() > 0.9, "pearson " + best.pearson());
        assertTrue(best.spearman() > 0.85, "spearman " + best.spearman());
        // the eval loss is the mean squared error; the variance of the targets 0..3 in equal shares is 1.25
        assertTrue(best.evalLoss() < 0.3, "mse " + best.evalLoss());
        try (Predictor p = Predictor.load(dir.resolve("reg"))) {
            assertEquals(Task.REGRESSION, p.task());
            float[][] v = p.predict(List.of("the dog sees the red cat.",
                    "the apple dog sees apple the red apple cat."));
            assertEquals(1, v[0].length);
            assertTrue(v[1][0] - v[0][0] > 1.5, v[0][0] + " vs " + v[1][0]);
            Record annotated = p.annotate(Record.of("x", "apple"), new float[] {1.25f});
            assertEquals("1.250000", annotated.attributes().get(Predictor.PREDICTION));
            assertNull(annotated.attributes().get(Predictor.PROBABILITIES));
        }
        // the same seed gives the same run
        run(c, dir.resolve("reg2"));
        assertEquals(java.util.Arrays.toString(java.nio.file.Files.readAllBytes(dir.resolve("reg/model.safetensors"))),
                java.util.Arrays.toString(java.nio.file.Files.readAllBytes(dir.resolve("reg2/model.safetensors"))));
    }

    @Test
    void aRegressionLabelThatIsNoNumberIsRefusedNamingTheRecord() throws Exception {
        List<Record> bad = TinyBert.counts("b", 12, 6);
        bad.set(4, TinyBert.record("b-4", "the dog.", "high", Map.of()));
        Path train = TinyBert.write(dir.resolve("badreg.jsonl"), bad);
        TrainConfig c = base(train, regEval, new FieldMapping("text", "label", List.of(), "id"))
                .optTask(Task.REGRESSION).build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(c, dir.resolve("b")));
        assertTrue(e.getMessage().contains("badreg.jsonl: record b-4 has the label 'high'; a regression label is a "
                + "finite number"), e.getMessage());
    }

    private static final byte[] TOKENIZER = TinyBert.tokenizerJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** With skip-invalid, a label that is no number and a missing pair field are skipped and counted, as a reader's skips are. */
    @Test
    void skipInvalidSkipsWhatOnlyTheTaskFindsInvalid() throws Exception {
        List<Record> records = TinyBert.counts("s", 40, 8);
        records.set(4, TinyBert.record("s-4", "the dog.", "high", Map.of()));
        Path train = TinyBert.write(dir.resolve("skipreg.jsonl"), records);
        FieldMapping plain = new FieldMapping("text", "label", List.of(), "id");
        TrainConfig c = base(train, regEval, plain).optTask(Task.REGRESSION).optSkipInvalid(true).build();
        TrainingData data = TrainingDataLoader.load(c.data(), false, TOKENIZER, 16);
        assertEquals(39, data.train().size(), "the record labelled 'high' is left out");
        assertEquals(1, data.trainRead().skipped());
        assertEquals(39, data.trainRead().records());
        assertTrue(data.trainRead().skippedRecords().get(0).toString().endsWith(
                "skipreg.jsonl: record s-4 has the label 'high'; a regression label is a finite number"),
                data.trainRead().skippedRecords().toString());
        // a pair record without its second text: skipped with skip-invalid, named without
        List<Record> pairs = new java.util.ArrayList<>(TinyBert.pairs("p", 12, 9));
        Record first = pairs.get(0);
        pairs.set(0, TinyBert.record(first.id(), "", first.label(), Map.of("premise", first.attributes().get("premise"))));
        Path pairTrain = TinyBert.write(dir.resolve("skippairs.jsonl"), pairs);
        TrainConfig pc = base(pairTrain, pairEval, PAIR_FIELDS).optPairField("hypothesis").optSkipInvalid(true).build();
        TrainingData pd = TrainingDataLoader.load(pc.data(), false, TOKENIZER, 16);
        assertEquals(11, pd.train().size());
        assertEquals(1, pd.trainRead().skipped());
        TrainConfig strict = base(pairTrain, pairEval, PAIR_FIELDS).optPairField("hypothesis").build();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TrainingDataLoader.load(strict.data(), false, TOKENIZER, 16));
        assertTrue(e.getMessage().contains("record " + first.id() + " has no pair field 'hypothesis'"), e.getMessage());
    }

    @Test
    void settingsThatDoNotFitTheTaskAreRefused() {
        TrainConfig.Builder b = base(regTrain, regEval, new FieldMapping("text", "label", List.of(), "id"))
                .optTask(Task.REGRESSION);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.optMetric(Metric.ACCURACY).build());
        assertEquals("the metric accuracy measures classification, but the task is regression; use pearson or "
                + "spearman", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> b.optMetric(Metric.SPEARMAN).optClassBalanced(true).build());
        assertThrows(IllegalArgumentException.class, () -> base(pairTrain, pairEval, PAIR_FIELDS)
                .optPairField("premise").build(), "the pair field cannot be the text field");
    }

    @Test
    void pairFieldAndTaskAreRecordedAndReadBack() {
        TrainConfig c = base(regTrain, regEval, PAIR_FIELDS).optPairField("hypothesis").optTask(Task.REGRESSION)
                .optMetric(Metric.SPEARMAN).build();
        Map<String, String> m = c.asMap();
        assertEquals("hypothesis", m.get("pair_field"));
        assertEquals("regression", m.get("task"));
        assertEquals(c, TrainConfig.fromMap(m));
        assertEquals(c, c.toBuilder().build(), "a copy keeps the metric chosen");
        // settings written before pairs and regression existed read as single texts, classification
        Map<String, String> old = new java.util.LinkedHashMap<>(base(pairTrain, pairEval, PAIR_FIELDS).build().asMap());
        old.remove("pair_field");
        old.remove("task");
        TrainConfig read = TrainConfig.fromMap(old);
        assertNull(read.pairField());
        assertEquals(Task.CLASSIFICATION, read.task());
    }
}
