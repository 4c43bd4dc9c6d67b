package dev.debias.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.Record;
import dev.debias.evaluate.group.Gap;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.group.GroupMetrics;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.intrinsic.SeatTest;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.train.FineTuner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation orchestration: group metrics from a hand-written predictions file (alone, or joined
 * with its input corpus), from a fine-tuned tiny BERT and an input corpus, the counterfactual and SEAT
 * parts, the design read from the run, and every bad input.
 */
class EvaluatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PredictionColumns COLUMNS = new PredictionColumns("label", "prediction", List.of("gender"), null,
            "text");

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TinyBert.Toy toy;
    private static Path runDir;
    /** The toy evaluation corpus with a gender field: records 0, 1 female, 2, 3 male, 4, 5 female, ... */
    private static Path gendered;
    private static List<Record> genderedRecords;

    @BeforeAll
    static void trainToyRun() throws IOException {
        toy = TinyBert.toy(shared);
        runDir = shared.resolve("run");
        FineTuner.builder().setConfig(toy.config()).setRunDir(runDir).build().run();
        genderedRecords = new ArrayList<>();
        List<Record> eval = TinyBert.toy("e", 60, 2, 2);
        for (int i = 0; i < eval.size(); i++) {
            genderedRecords.add(eval.get(i).withAttribute("gender", (i / 2) % 2 == 0 ? "female" : "male"));
        }
        gendered = TinyBert.write(shared.resolve("gendered.jsonl"), genderedRecords);
    }

    /** JSON Lines, one object per map, fields in the given order. */
    static Path jsonl(Path file, List<Map<String, String>> rows) throws IOException {
        StringBuilder s = new StringBuilder();
        for (Map<String, String> r : rows) {
            s.append(JSON.writeValueAsString(r)).append('\n');
        }
        return Files.writeString(file, s.toString());
    }

    static Map<String, String> row(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * Nine records: group f (4) and m (5), labels and predictions in alpha and beta.
     * f: (alpha,alpha) (alpha,beta) (beta,beta) (beta,beta)
     * m: (alpha,alpha) (alpha,alpha) (beta,alpha) (beta,alpha) (beta,beta)
     */
    static final String[][] TINY = {
        {"f", "alpha", "alpha"}, {"f", "alpha", "beta"}, {"f", "beta", "beta"}, {"f", "beta", "beta"},
        {"m", "alpha", "alpha"}, {"m", "alpha", "alpha"}, {"m", "beta", "alpha"}, {"m", "beta", "alpha"},
        {"m", "beta", "beta"}};

    static Path tinyPredictions(Path dir) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < TINY.length; i++) {
            rows.add(row("id", "p" + i, "label", TINY[i][1], "prediction", TINY[i][2], "gender", TINY[i][0]));
        }
        return jsonl(dir.resolve("predictions.jsonl"), rows);
    }

    /** The numbers of {@link #TINY} with positive label alpha, worked out by hand. */
    static void assertTinyNumbers(GroupFairnessResult r) {
        assertEquals("gender", r.grouping());
        assertEquals(List.of("alpha", "beta"), r.classes());
        assertEquals(List.of("f", "m"), r.groups().stream().map(GroupMetrics::group).toList());
        assertEquals(List.of("f", "m"), r.gapGroups(), "two groups: the gap groups by default, sorted");
        GroupMetrics f = r.group("f").orElseThrow();
        GroupMetrics m = r.group("m").orElseThrow();
        assertEquals(4, f.count());
        assertEquals(5, m.count());
        assertEquals(9, r.overall().count());
        assertEquals(3.0 / 4, f.accuracy().value(), 1e-12);
        assertEquals(3.0 / 5, m.accuracy().value(), 1e-12);
        assertEquals(6.0 / 9, r.overall().accuracy().value(), 1e-12);
        assertEquals(1.0 / 4, f.selectionRate().value(), 1e-12, "f predicts alpha once in 4");
        assertEquals(4.0 / 5, m.selectionRate().value(), 1e-12);
        // TPR and FPR of alpha: f 1/2 and 0/2, m 2/2 and 2/3; TPR of beta: f 2/2, m 1/3
        assertEquals(0.5, f.classes().get(0).tpr().value(), 1e-12);
        assertEquals(0.0, f.classes().get(0).fpr().value(), 1e-12);
        assertEquals(1.0, m.classes().get(0).tpr().value(), 1e-12);
        assertEquals(2.0 / 3, m.classes().get(0).fpr().value(), 1e-12);
        assertEquals(1.0, f.classes().get(1).tpr().value(), 1e-12);
        assertEquals(1.0 / 3, m.classes().get(1).tpr().value(), 1e-12);
        // macro-F1 of f: alpha 2*1/(2+1) = 2/3, beta 2*2/(2+3) = 4/5
        assertEquals((2.0 / 3 + 4.0 / 5) / 2, f.macroF1().value(), 1e-12);
        assertEquals(0.8 - 0.25, gap(r, Gap.DEMOGRAPHIC_PARITY), 1e-12);
        assertEquals(0.25 / 0.8, gap(r, Gap.DISPARATE_IMPACT), 1e-12);
        assertEquals(0.5, gap(r, Gap.EQUAL_OPPORTUNITY), 1e-12);
        assertEquals(2.0 / 3, gap(r, Gap.EQUALIZED_ODDS), 1e-12, "the FPR gap 2/3 is larger than the TPR gap 1/2");
        assertEquals(0.5 - 1.0, gap(r, Gap.TPR_GAP + "[alpha]"), 1e-12, "f minus m");
        assertEquals(1.0 - 1.0 / 3, gap(r, Gap.TPR_GAP + "[beta]"), 1e-12);
        assertEquals(Math.sqrt((0.25 + 4.0 / 9) / 2), gap(r, Gap.GAP_RMS), 1e-12);
        assertFalse(r.gap(Gap.GAP_SHARE_CORRELATION).orElseThrow().value().isDefined(), "no --train");
    }

    static double gap(GroupFairnessResult r, String name) {
        return r.gap(name).orElseThrow(() -> new AssertionError("no gap " + name)).value().value();
    }

    static Evaluator.Builder tiny() {
        return Evaluator.builder().optColumns(COLUMNS).optPositiveLabel("alpha").optBootstrap(0);
    }

    @Test
    void groupFairnessFromAPredictionsFile() throws Exception {
        Path p = tinyPredictions(dir);
        Evaluation e = tiny().optPredictions(p).build().run();
        assertEquals(Evaluation.SCHEMA, e.schema());
        assertNull(e.model());
        assertEquals(Map.of(), e.design(), "no run, no design");
        assertEquals(1, e.groupFairness().size());
        assertTinyNumbers(e.groupFairness().get(0));
        assertNull(e.counterfactual());
        assertEquals(List.of(), e.intrinsic());
        assertEquals(Map.of("predictions:predictions.jsonl", Hashing.sha256(p)), e.inputs());
        assertEquals(p.toString(), e.config().get("predictions"));
        assertEquals("alpha", e.config().get("positive_label"));
        assertEquals("skip_group", e.config().get("undefined_policy"));
        assertTrue(e.warnings().stream().anyMatch(w -> w.contains("group 'f' of gender has 4 records")), e.warnings().toString());

        // with a bootstrap: the same points, with intervals around them
        GroupFairnessResult b = tiny().optPredictions(p).optBootstrap(200).optSeed(3).build().run().groupFairness().get(0);
        assertTinyNumbers(b);
        var acc = b.overall().accuracy();
        assertNotNull(acc.low());
        assertTrue(acc.low() <= acc.value() && acc.value() <= acc.high(), acc.toString());
    }

    @Test
    void theSanityCheckTakesTheMajorityClassFromTheTrainingDataWhenGiven() throws Exception {
        Path p = tinyPredictions(dir);
        // test labels: 4 alpha, 5 beta; without training data the majority is the test set's, beta, right on 5 of 9
        var fromTest = tiny().optPredictions(p).build().run().sanity();
        assertEquals("beta", fromTest.majorityClass());
        assertEquals("test", fromTest.majorityFrom());
        assertEquals(5.0 / 9, fromTest.majorityAccuracy(), 1e-12);
        // training labels: 3 alpha, 1 beta, so a model that ignores its input predicts alpha: right on 4 of 9
        Path train = jsonl(dir.resolve("train.jsonl"), List.of(row("text", "a", "label", "alpha", "gender", "f"),
                row("text", "b", "label", "alpha", "gender", "m"), row("text", "c", "label", "alpha", "gender", "m"),
                row("text", "d", "label", "beta", "gender", "f")));
        var fromTrain = tiny().optPredictions(p).optTrain(train).build().run().sanity();
        assertEquals("alpha", fromTrain.majorityClass());
        assertEquals("train", fromTrain.majorityFrom());
        assertEquals(4.0 / 9, fromTrain.majorityAccuracy(), 1e-12);
    }

    @Test
    void anUnknownGapGroupIsBadInputNamingItAndTheGroupsPresent() throws Exception {
        Path p = tinyPredictions(dir);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> tiny().optPredictions(p).optGapGroups(List.of("f", "martian")).build().run());
        assertEquals("setting 'gap groups' [f, martian]: no grouping has the group 'martian'; the groups present are "
                + "gender [f, m]. Name two groups of one grouping", e.getMessage());
        GroupFairnessResult named = tiny().optPredictions(p).optGapGroups(List.of("m", "f")).build().run()
                .groupFairness().get(0);
        assertEquals(List.of("m", "f"), named.gapGroups(), "two groups present: used as named");
    }

    @Test
    void fieldsThePredictionsLackAreTakenFromTheInputInOrder() throws Exception {
        List<Map<String, String>> preds = new ArrayList<>();
        List<Map<String, String>> input = new ArrayList<>();
        for (int i = 0; i < TINY.length; i++) {
            preds.add(row("id", "p" + i, "prediction", TINY[i][2]));
            input.add(row("id", "p" + i, "text", "text " + i, "label", TINY[i][1], "gender", TINY[i][0]));
        }
        Path p = jsonl(dir.resolve("preds.jsonl"), preds);
        Path in = jsonl(dir.resolve("input.jsonl"), input);
        PredictionColumns withId = new PredictionColumns("label", "prediction", List.of("gender"), "id", "text");
        Evaluation e = tiny().optColumns(withId).optPredictions(p).optInput(in).build().run();
        assertTinyNumbers(e.groupFairness().get(0));
        assertEquals(Map.of("predictions:preds.jsonl", Hashing.sha256(p), "input:input.jsonl", Hashing.sha256(in)), e.inputs());
        // the same without ids: order alone
        assertTinyNumbers(tiny().optPredictions(p).optInput(in).build().run().groupFairness().get(0));
    }

    @Test
    void recordCountsThatDifferNameBothFilesAndBothCounts() throws Exception {
        List<Map<String, String>> preds = new ArrayList<>();
        List<Map<String, String>> input = new ArrayList<>();
        for (int i = 0; i < TINY.length; i++) {
            preds.add(row("prediction", TINY[i][2]));
            input.add(row("text", "t" + i, "label", TINY[i][1], "gender", TINY[i][0]));
        }
        Path p = jsonl(dir.resolve("preds.jsonl"), preds);
        Path shortInput = jsonl(dir.resolve("short.jsonl"), input.subList(0, 7));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> tiny().optPredictions(p).optInput(shortInput).build().run());
        assertTrue(e.getMessage().contains(p + " holds 9 records but " + shortInput + " holds 7"), e.getMessage());

        Path shortPreds = jsonl(dir.resolve("short-preds.jsonl"), preds.subList(0, 5));
        Path fullInput = jsonl(dir.resolve("input.jsonl"), input);
        e = assertThrows(InvalidInputException.class, () -> tiny().optPredictions(shortPreds).optInput(fullInput).build().run());
        assertTrue(e.getMessage().contains(shortPreds + " holds 5 records but " + fullInput + " holds 9"), e.getMessage());
    }

    @Test
    void anIdMismatchNamesTheRecord() throws Exception {
        List<Map<String, String>> preds = new ArrayList<>();
        List<Map<String, String>> input = new ArrayList<>();
        for (int i = 0; i < TINY.length; i++) {
            preds.add(row("id", i == 3 ? "p4" : i == 4 ? "p3" : "p" + i, "prediction", TINY[i][2]));
            input.add(row("id", "p" + i, "text", "t" + i, "label", TINY[i][1], "gender", TINY[i][0]));
        }
        Path p = jsonl(dir.resolve("preds.jsonl"), preds);
        Path in = jsonl(dir.resolve("input.jsonl"), input);
        PredictionColumns withId = new PredictionColumns("label", "prediction", List.of("gender"), "id", "text");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> tiny().optColumns(withId).optPredictions(p).optInput(in).build().run());
        assertTrue(e.getMessage().contains("record 4: id 'p4' in preds.jsonl (preds.jsonl:4) but 'p3' in input.jsonl "
                + "(input.jsonl:4)"), e.getMessage());
    }

    @Test
    void aMissingFieldNamesTheFileLineAndField() throws Exception {
        List<Map<String, String>> preds = new ArrayList<>();
        for (int i = 0; i < TINY.length; i++) {
            preds.add(i == 2 ? row("label", TINY[i][1], "prediction", TINY[i][2])
                    : row("label", TINY[i][1], "prediction", TINY[i][2], "gender", TINY[i][0]));
        }
        Path p = jsonl(dir.resolve("preds.jsonl"), preds);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> tiny().optPredictions(p).build().run());
        assertTrue(e.getMessage().startsWith("preds.jsonl:3: no field 'gender' (named by setting 'group field')"), e.getMessage());

        preds.set(5, row("prediction", "beta", "gender", "m"));
        preds.set(2, row("label", "beta", "prediction", "beta", "gender", "f"));
        Path noLabel = jsonl(dir.resolve("no-label.jsonl"), preds);
        e = assertThrows(InvalidInputException.class, () -> tiny().optPredictions(noLabel).build().run());
        assertTrue(e.getMessage().startsWith("no-label.jsonl:6: no field 'label' (named by setting 'label field')"), e.getMessage());

        Path noPrediction = jsonl(dir.resolve("no-prediction.jsonl"), List.of(row("label", "alpha", "gender", "f")));
        e = assertThrows(InvalidInputException.class, () -> tiny().optPredictions(noPrediction).build().run());
        assertTrue(e.getMessage().contains("no-prediction.jsonl:1") && e.getMessage().contains("'prediction'")
                && e.getMessage().contains("setting 'prediction field'"), e.getMessage());
    }

    @Test
    void anEmptyPredictionOrLabelIsAnError() throws Exception {
        Path p = jsonl(dir.resolve("preds.jsonl"), List.of(row("label", "alpha", "prediction", "alpha", "gender", "f"),
                row("label", "beta", "prediction", " ", "gender", "m")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> tiny().optPredictions(p).build().run());
        assertTrue(e.getMessage().contains("preds.jsonl:2") && e.getMessage().contains("'prediction' is empty"), e.getMessage());

        Path l = jsonl(dir.resolve("labels.jsonl"), List.of(row("label", "", "prediction", "alpha", "gender", "f")));
        e = assertThrows(InvalidInputException.class, () -> tiny().optPredictions(l).build().run());
        assertTrue(e.getMessage().contains("labels.jsonl:1") && e.getMessage().contains("'label' is empty"), e.getMessage());
    }

    @Test
    void aModelPredictsTheInputAndWritesThePredictions() throws Exception {
        Path out = dir.resolve("predictions.jsonl");
        PredictionColumns columns = new PredictionColumns("label", "prediction", List.of("gender"), "id", "text");
        SeatTest seat = new SeatTest("tiny", new SeatTest.Category("male", List.of("he", "his")),
                new SeatTest.Category("female", List.of("she", "her")),
                new SeatTest.Category("things", List.of("car", "table", "book")),
                new SeatTest.Category("animals", List.of("dog", "cat", "bird")));
        Evaluation e = Evaluator.builder().optModel(runDir).optInput(gendered).optColumns(columns).optPredictionsOut(out)
                .optCounterfactual(CounterfactualSwapper.builder().build()).optSeatTests(List.of(seat))
                .optBootstrap(100).build().run();

        assertEquals(runDir.toString(), e.model());
        GroupFairnessResult r = e.groupFairness().get(0);
        assertEquals(List.of("alpha", "beta"), r.classes(), "the model's label order");
        assertEquals(60, r.overall().count());
        assertEquals(30, r.group("female").orElseThrow().count());
        assertEquals(30, r.group("male").orElseThrow().count());

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(60, lines.size());
        long correct = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = JSON.readTree(lines.get(i));
            Record src = genderedRecords.get(i);
            assertEquals(src.id(), n.get("id").asText(), "input order");
            assertEquals(src.text(), n.get("text").asText());
            assertEquals(src.label(), n.get("label").asText());
            assertEquals(src.attribute("gender").orElseThrow(), n.get("gender").asText());
            String pred = n.get("prediction").asText();
            assertTrue(pred.equals("alpha") || pred.equals("beta"), n.toString());
            assertTrue(n.get("probabilities").asText().matches("alpha=\\d\\.\\d{6};beta=\\d\\.\\d{6}"), n.toString());
            correct += pred.equals(src.label()) ? 1 : 0;
        }
        assertEquals(correct / 60.0, r.overall().accuracy().value(), 1e-12, "the metrics are of the written predictions");

        // the counterfactual part: tested = the texts with he, she, his or her
        long withTerm = genderedRecords.stream().filter(x -> {
            List<String> w = Arrays.asList(x.text().toLowerCase(Locale.ROOT).replace(".", "").split(" "));
            return w.contains("he") || w.contains("she") || w.contains("his") || w.contains("her");
        }).count();
        assertNotNull(e.counterfactual());
        assertEquals(60, e.counterfactual().records());
        assertEquals(withTerm, e.counterfactual().overall().tested());
        assertEquals("gender", e.config().get("counterfactual_axis"));

        // the SEAT part
        assertEquals(1, e.intrinsic().size());
        assertEquals("tiny", e.intrinsic().get(0).test());
        assertEquals("tiny", e.config().get("seat_tests"));

        assertEquals(Hashing.sha256(runDir.resolve(FineTuner.WEIGHTS)), e.inputs().get("model:model.safetensors"));
        assertEquals(Hashing.sha256(gendered), e.inputs().get("input:gendered.jsonl"));

        // the threshold-free part, from the probabilities the model wrote: the same as from the written file
        assertNotNull(e.thresholdFree());
        assertEquals("minority class", e.thresholdFree().positiveChoice());
        assertEquals(e.thresholdFree(), Evaluator.builder().optPredictions(out).optColumns(columns).optBootstrap(100)
                .build().run().thresholdFree());

        // every part round-trips through metrics.json
        assertEquals(e, EvaluationFiles.read(EvaluationFiles.write(e, dir.resolve("out"))));
    }

    @Test
    void withoutAGroupFieldTheFlipTestAndTheSanityCheckRunAndTheGroupMetricsAreAbsentWithTheReason() throws Exception {
        PredictionColumns labelsOnly = new PredictionColumns("label", "prediction", List.of(), "id", "text");
        PredictionColumns withGender = new PredictionColumns("label", "prediction", List.of("gender"), "id", "text");
        Evaluation e = Evaluator.builder().optModel(runDir).optInput(gendered).optColumns(labelsOnly)
                .optCounterfactual(CounterfactualSwapper.builder().build()).optBootstrap(50).build().run();
        Evaluation g = Evaluator.builder().optModel(runDir).optInput(gendered).optColumns(withGender)
                .optCounterfactual(CounterfactualSwapper.builder().build()).optBootstrap(50).build().run();
        assertEquals(List.of(), e.groupFairness());
        assertEquals("no group field given (setting 'group field'): the group metrics need each record's group; "
                + "accuracy and macro-F1 over all records are in the sanity check", e.groupFairnessUndefined());
        assertEquals(null, g.groupFairnessUndefined(), "with a group field there are group metrics");
        // the flip test swaps terms in each text: the group field changes nothing in it
        assertEquals(g.counterfactual(), e.counterfactual());
        // accuracy needs only labels: 60 records, the same as with the group field
        assertEquals(60, e.sanity().records());
        assertEquals(g.sanity(), e.sanity());
        assertEquals(null, e.thresholdFree());
        assertTrue(e.warnings().contains(Groupings.THRESHOLD_FREE_SKIPPED), e.warnings().toString());
        assertEquals(e, EvaluationFiles.read(EvaluationFiles.write(e, dir.resolve("out"))), "round-trips");

        // no label field either: the flip test alone, which needs only the model's predictions
        Evaluation flips = Evaluator.builder().optModel(runDir).optInput(gendered).optInputFields("text", "id")
                .optCounterfactual(CounterfactualSwapper.builder().build()).optBootstrap(50).build().run();
        assertEquals(g.counterfactual(), flips.counterfactual());
        assertEquals(null, flips.sanity());
        assertEquals("no label field and no group field given (setting 'label field', setting 'group field'): the "
                + "group metrics compare each group's predictions with its true labels", flips.groupFairnessUndefined());
    }

    @Test
    void inputsWithTheSameFileNameKeepBothHashes() throws Exception {
        List<Map<String, String>> preds = new ArrayList<>();
        List<Map<String, String>> input = new ArrayList<>();
        for (int i = 0; i < TINY.length; i++) {
            preds.add(row("prediction", TINY[i][2]));
            input.add(row("text", "t" + i, "label", TINY[i][1], "gender", TINY[i][0]));
        }
        Path p = jsonl(Files.createDirectories(dir.resolve("run")).resolve("eval.jsonl"), preds);
        Path in = jsonl(Files.createDirectories(dir.resolve("data")).resolve("eval.jsonl"), input);
        Evaluation e = tiny().optPredictions(p).optInput(in).build().run();
        assertTinyNumbers(e.groupFairness().get(0));
        assertTrue(e.inputs().containsValue(Hashing.sha256(p)), e.inputs().toString());
        assertTrue(e.inputs().containsValue(Hashing.sha256(in)), e.inputs().toString());
    }

    @Test
    void labelsOutsideTheModelsLabelsAreListed() throws Exception {
        List<Record> bad = new ArrayList<>(genderedRecords.subList(0, 10));
        bad.set(3, bad.get(3).withLabel("gamma"));
        bad.set(7, bad.get(7).withLabel("gamma"));
        bad.set(8, bad.get(8).withLabel("delta"));
        Path in = TinyBert.write(dir.resolve("bad.jsonl"), bad);
        PredictionColumns columns = new PredictionColumns("label", "prediction", List.of("gender"), "id", "text");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Evaluator.builder().optModel(runDir)
                .optInput(in).optColumns(columns).optBootstrap(0).build().run());
        assertTrue(e.getMessage().startsWith(in.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("[alpha, beta]") && e.getMessage().contains("gamma=2")
                && e.getMessage().contains("delta=1"), e.getMessage());

        // the same from a predictions file checked against the model's labels
        Path p = jsonl(dir.resolve("p.jsonl"), List.of(row("label", "gamma", "prediction", "alpha", "gender", "f")));
        e = assertThrows(InvalidInputException.class, () -> Evaluator.builder().optModel(runDir).optPredictions(p)
                .optColumns(COLUMNS).optBootstrap(0).build().run());
        assertTrue(e.getMessage().contains("gamma") && e.getMessage().contains("[alpha, beta]"), e.getMessage());
    }

    @Test
    void nothingToEvaluateIsBadInput() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Evaluator.builder().build().run());
        assertTrue(e.getMessage().startsWith("nothing to evaluate"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Evaluator.builder().optModel(runDir).build().run());
        assertTrue(e.getMessage().startsWith("nothing to evaluate"), e.getMessage());
    }

    @Test
    void partsWithoutTheirInputsAreBadInput() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Evaluator.builder().optModel(runDir)
                .optCounterfactual(CounterfactualSwapper.builder().build()).build().run());
        assertTrue(e.getMessage().contains("the counterfactual test needs a model and an input corpus"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Evaluator.builder().optColumns(COLUMNS).build().run());
        assertTrue(e.getMessage().contains("needs a model and an input corpus"), e.getMessage());
        SeatTest seat = new SeatTest("t", new SeatTest.Category("a", List.of("he")), new SeatTest.Category("b", List.of("she")),
                new SeatTest.Category("c", List.of("car")), new SeatTest.Category("d", List.of("dog")));
        e = assertThrows(InvalidInputException.class, () -> Evaluator.builder().optSeatTests(List.of(seat)).build().run());
        assertTrue(e.getMessage().contains("the SEAT tests need a model"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Evaluator.builder().optModel(dir).optInput(gendered)
                .optColumns(COLUMNS).build().run());
        assertTrue(e.getMessage().contains("run.json: missing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Evaluator.builder().optGapGroups(List.of("f")).build());
        assertThrows(IllegalArgumentException.class, () -> Evaluator.builder().optBootstrap(-1).build());
    }

    @Test
    void theDesignIsReadFromTheRunAndOverridden() throws Exception {
        Evaluation e = Evaluator.builder().optModel(runDir).optInput(gendered)
                .optCounterfactual(CounterfactualSwapper.builder().build()).optInputFields("text", "id").optBootstrap(0)
                .build().run();
        assertEquals(Map.of("model", toy.model().toString(), "train", "train.jsonl", "seed", "1"), e.design());
        assertEquals(runDir.toString(), e.config().get("model"));

        Evaluation o = Evaluator.builder().optModel(runDir).optInput(gendered)
                .optCounterfactual(CounterfactualSwapper.builder().build()).optInputFields("text", "id").optBootstrap(0)
                .optDesign(Map.of("upstream", "inlp", "seed", "7")).build().run();
        assertEquals(Map.of("model", toy.model().toString(), "train", "train.jsonl", "seed", "7", "upstream", "inlp"),
                o.design());
        assertEquals(e.counterfactual().overall(), o.counterfactual().overall());

        // without a run only the given design
        Evaluation p = tiny().optPredictions(tinyPredictions(dir)).optDesign(Map.of("data", "cda")).build().run();
        assertEquals(Map.of("data", "cda"), p.design());
    }
}
