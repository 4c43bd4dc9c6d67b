package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.corpus.Record;
import dev.debias.evaluate.Evaluation;
import dev.debias.evaluate.EvaluationFiles;
import dev.debias.evaluate.compare.ComparisonFiles;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.train.FineTuner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code debias evaluate}, {@code evaluate compare} and {@code evaluate intrinsic} end to end on a
 * {@link TinyBert} toy run and a toy evaluation corpus with a gender field.
 */
class EvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TinyBert.Toy toy;
    private static Path run;
    /** The toy evaluation corpus (ids e-0 ...), gender female for records 0, 1, 4, 5, ..., male for 2, 3, 6, 7, ... */
    private static Path eval;
    private static List<Record> evalRecords;
    /** A SEAT test of words from the tiny vocabulary. */
    private static Path seat;
    /** {@code debias evaluate --model --input ... --counterfactual}, and its output directory. */
    private static CliTest.Run fromModel;
    private static Path fromModelDir;
    /** {@code debias evaluate --predictions} on the predictions the first one wrote, and its output directory. */
    private static CliTest.Run fromPredictions;
    private static Path fromPredictionsDir;

    static CliTest.Run debias(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliTest.Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void setUp() throws IOException {
        toy = TinyBert.toy(shared);
        run = shared.resolve("run");
        FineTuner.builder().setConfig(toy.config()).setRunDir(run).build().run();
        evalRecords = new ArrayList<>();
        List<Record> plain = TinyBert.toy("e", 60, 2, 2);
        for (int i = 0; i < plain.size(); i++) {
            evalRecords.add(plain.get(i).withAttribute("gender", (i / 2) % 2 == 0 ? "female" : "male"));
        }
        // two more with gender terms for sure, one per group
        evalRecords.add(TinyBert.record("e-60", "She eats an apple and her dog is happy.", "alpha", java.util.Map.of(
                "gender", "female")));
        evalRecords.add(TinyBert.record("e-61", "He has a banana in his car.", "beta", java.util.Map.of("gender", "male")));
        eval = TinyBert.write(shared.resolve("eval.jsonl"), evalRecords);
        seat = Files.writeString(shared.resolve("tiny-seat.json"), """
                {"targ1": {"category": "male", "examples": ["he", "his"]},
                 "targ2": {"category": "female", "examples": ["she", "her"]},
                 "attr1": {"category": "things", "examples": ["car", "table", "book", "house"]},
                 "attr2": {"category": "animals", "examples": ["dog", "cat", "bird"]}}
                """);
        fromModelDir = shared.resolve("eval-model");
        fromModel = debias("evaluate", "--model", run.toString(), "--input", eval.toString(), "--label-field", "label",
                "--group-field", "gender", "--id-field", "id", "--counterfactual", "--seat", seat.toString(), "--out",
                fromModelDir.toString());
        fromPredictionsDir = shared.resolve("eval-predictions");
        fromPredictions = debias("evaluate", "--predictions", fromModelDir.resolve("predictions.jsonl").toString(),
                "--label-field", "label", "--group-field", "gender", "--out", fromPredictionsDir.toString());
    }

    /** How many evaluation texts hold he, she, his or her. */
    static long gendered() {
        return evalRecords.stream().filter(r -> {
            List<String> w = Arrays.asList(r.text().toLowerCase(Locale.ROOT).replace(".", "").split(" "));
            return w.contains("he") || w.contains("she") || w.contains("his") || w.contains("her");
        }).count();
    }

    @Test
    void evaluateAModelPrintsTheGapsAndTheFlipRateAndWritesItsFiles() throws Exception {
        CliTest.Run r = fromModel;
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("group fairness by gender (62 records, 2 groups)"), r.out());
        for (String measure : List.of("accuracy", "demographic_parity_difference", "disparate_impact_ratio",
                "equal_opportunity_difference", "equalized_odds_difference", "tpr_gap_rms", "flip_rate", "mean_abs_change")) {
            assertTrue(Pattern.compile("(?m)^  " + measure + " +(\\d|-|undefined)").matcher(r.out()).find(),
                    measure + " in\n" + r.out());
        }
        assertTrue(r.out().contains("counterfactual (gender): " + gendered() + " of 62 records tested"), r.out());
        assertTrue(r.out().contains("SEAT tiny-seat"), r.out());
        assertTrue(r.out().contains("wrote metrics.json, metrics.csv and report.html to " + fromModelDir), r.out());
        for (String f : List.of("metrics.json", "metrics.csv", "report.html", "predictions.jsonl")) {
            assertTrue(Files.isRegularFile(fromModelDir.resolve(f)), f);
        }
        List<String> preds = Files.readAllLines(fromModelDir.resolve("predictions.jsonl"), StandardCharsets.UTF_8);
        assertEquals(62, preds.size());
        for (int i = 0; i < preds.size(); i++) {
            JsonNode n = JSON.readTree(preds.get(i));
            assertEquals(evalRecords.get(i).id(), n.get("id").asText());
            assertEquals(evalRecords.get(i).attribute("gender").orElseThrow(), n.get("gender").asText());
            assertTrue(n.get("prediction").asText().matches("alpha|beta"), n.toString());
        }
        Evaluation e = EvaluationFiles.read(fromModelDir);
        assertEquals(run.toString(), e.model());
        assertEquals(gendered(), e.counterfactual().overall().tested());
        // one line per tested record, named by the input's ids
        List<String> flips = Files.readAllLines(fromModelDir.resolve("counterfactual.jsonl"), StandardCharsets.UTF_8);
        assertEquals(gendered(), flips.size());
        assertTrue(evalRecords.stream().anyMatch(x -> x.id().equals(readId(flips.get(0)))), flips.get(0));
        assertEquals(1, e.intrinsic().size());
        assertEquals("1", e.design().get("seed"));
        assertTrue(Files.readString(fromModelDir.resolve("report.html")).contains("<svg class=\"chart\""));
        assertTrue(Files.readAllLines(fromModelDir.resolve("metrics.csv")).get(0).equals(EvaluationFiles.CSV_HEADER));
    }

    @Test
    void theFlipTestRunsWithoutAGroupFieldAndSaysTheGroupMetricsAreSkipped() throws Exception {
        // labels but no group field (Jigsaw): the sanity check and the flip test run, the group metrics are skipped
        Path labelsOnly = dir.resolve("labels-only");
        CliTest.Run r = debias("evaluate", "--model", run.toString(), "--input", eval.toString(), "--label-field",
                "label", "--id-field", "id", "--counterfactual", "--out", labelsOnly.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("group metrics skipped: no group field given (--group-field): the group metrics "
                + "need each record's group; accuracy and macro-F1 over all records are in the sanity check"), r.out());
        assertTrue(r.out().contains("sanity: the model is "), r.out());
        assertTrue(r.out().contains("counterfactual (gender): " + gendered() + " of 62 records tested"), r.out());
        assertFalse(r.out().contains("group fairness by"), r.out());
        Evaluation e = EvaluationFiles.read(labelsOnly);
        Evaluation withGroups = EvaluationFiles.read(fromModelDir);
        // the same model, input and seed as the run with --group-field gender: the same flips and the same accuracy
        assertEquals(withGroups.counterfactual(), e.counterfactual());
        assertEquals(withGroups.sanity().accuracy(), e.sanity().accuracy());
        assertEquals(List.of(), e.groupFairness());
        JsonNode json = JSON.readTree(labelsOnly.resolve("metrics.json").toFile());
        assertEquals("no group field given (setting 'group field'): the group metrics need each record's group; "
                + "accuracy and macro-F1 over all records are in the sanity check",
                json.get("group_fairness_undefined").asText());

        // neither labels nor groups: the flip test alone, which needs only the model's predictions
        Path flipsOnly = dir.resolve("flips-only");
        CliTest.Run f = debias("evaluate", "--model", run.toString(), "--input", eval.toString(), "--id-field", "id",
                "--counterfactual", "--out", flipsOnly.toString());
        assertEquals(ExitCodes.OK, f.code(), f.err());
        assertTrue(f.out().contains("group metrics skipped: no label field and no group field given (--label-field, "
                + "--group-field)"), f.out());
        assertEquals(withGroups.counterfactual(), EvaluationFiles.read(flipsOnly).counterfactual());
        assertEquals(null, EvaluationFiles.read(flipsOnly).sanity());
    }

    private static String readId(String line) {
        try {
            return JSON.readTree(line).get("id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void evaluatingThePredictionsGivesTheSameGroupNumbers() throws Exception {
        assertEquals(ExitCodes.OK, fromModel.code(), fromModel.err());
        assertEquals(ExitCodes.OK, fromPredictions.code(), fromPredictions.err());
        Evaluation a = EvaluationFiles.read(fromModelDir);
        Evaluation b = EvaluationFiles.read(fromPredictionsDir);
        assertEquals(a.groupFairness(), b.groupFairness(), "same predictions, same bootstrap seed: same numbers");
        assertEquals(null, b.counterfactual());
        assertEquals(null, b.model());
        // the printed gap lines agree too
        List<String> gapsA = fromModel.out().lines().filter(l -> l.startsWith("  ") && !l.contains("flip_rate")
                && !l.contains("mean_abs_change")).toList();
        List<String> gapsB = fromPredictions.out().lines().filter(l -> l.startsWith("  ")).toList();
        assertEquals(gapsA, gapsB);
        assertFalse(Files.exists(fromPredictionsDir.resolve("predictions.jsonl")), "nothing was predicted");
    }

    @Test
    void compareAsDocumentedWritesItsFiles() throws Exception {
        checkCompare(new String[] {"evaluate", "compare"});
    }

    /**
     * The same through the work-around for the bug above: the parent's --out given (and ignored), so picocli
     * runs the subcommand; this also holds once the bug is fixed.
     */
    @Test
    void compareWritesItsFiles() throws Exception {
        checkCompare(new String[] {"evaluate", "--out", dir.resolve("ignored").toString(), "compare"});
        assertFalse(Files.exists(dir.resolve("ignored")), "the parent did not run");
    }

    static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    void checkCompare(String[] compare) throws Exception {
        Path out = dir.resolve("cmp");
        CliTest.Run r = debias(concat(compare, fromModelDir.toString(), fromPredictionsDir.toString(), "--out",
                out.toString()));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        for (String f : List.of(ComparisonFiles.JSON_FILE, ComparisonFiles.CSV_FILE, ComparisonFiles.AGREEMENT_FILE,
                ComparisonFiles.HTML_FILE)) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(r.out().contains("eval-model") && r.out().contains("eval-predictions"), r.out());
        assertTrue(r.out().contains("agreement (Kendall tau-b across runs):"), r.out());
        // the evaluation of a predictions file keeps no predictions.jsonl, so nothing can be paired, and it says so
        assertTrue(r.out().contains("no paired differences of the group measures: eval-predictions has no "
                + "predictions.jsonl"), r.out());
        // nor has it a counterfactual test to pair the flip rate on
        assertTrue(r.out().contains("no paired flip-rate difference: eval-predictions has no counterfactual.jsonl beside "
                + "its metrics.json (no counterfactual test)"), r.out());
        assertTrue(Files.isRegularFile(out.resolve(dev.debias.evaluate.compare.PairedComparison.JSON_FILE)));
        assertTrue(r.out().contains("wrote comparison.json, comparison.csv, agreement.csv and report.html to " + out), r.out());
        JsonNode c = JSON.readTree(out.resolve(ComparisonFiles.JSON_FILE).toFile());
        assertEquals("gender", c.get("grouping").asText());
        assertEquals(2, c.get("runs").size());
        String html = Files.readString(out.resolve(ComparisonFiles.HTML_FILE));
        assertTrue(html.contains("data-chart=\"bars\"") && html.contains("data-chart=\"scatter\""));

        CliTest.Run same = debias(concat(compare, fromModelDir.toString(), fromModelDir.toString(), "--out",
                dir.resolve("cmp2").toString()));
        assertEquals(ExitCodes.BAD_INPUT, same.code(), same.out());
        assertTrue(same.err().contains("run names repeat"), same.err());
        CliTest.Run none = debias(concat(compare, dir.resolve("nowhere").toString(), "--out",
                dir.resolve("cmp3").toString()));
        assertEquals(ExitCodes.BAD_INPUT, none.code(), none.out());
        assertTrue(none.err().contains("nowhere: missing; give the output directory of an evaluation (its --out)"), none.err());
        CliTest.Run grouping = debias(concat(compare, fromModelDir.toString(), "--grouping", "race", "--out",
                dir.resolve("cmp4").toString()));
        assertEquals(ExitCodes.BAD_INPUT, grouping.code(), grouping.out());
        assertTrue(grouping.err().contains("has no grouping 'race'"), grouping.err());
    }

    /** Runs debias, expects exit code 1 and {@code message} on stderr, and no stack trace. */
    static void badInput(String message, String... args) {
        CliTest.Run r = debias(args);
        assertEquals(ExitCodes.BAD_INPUT, r.code(), "out: " + r.out() + "\nerr: " + r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in:\n" + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void badInputExitsOneNamingTheProblem() {
        String out = dir.resolve("out").toString();
        String preds = fromModelDir.resolve("predictions.jsonl").toString();
        badInput("give --out DIR", "evaluate", "--predictions", preds, "--label-field", "label",
                "--group-field", "gender");
        badInput("group metrics need --label-field as well as --group-field", "evaluate", "--predictions", preds,
                "--group-field", "gender", "--out", out);
        badInput("--undefined must be skip-group or propagate, got 'never'", "evaluate", "--predictions", preds,
                "--label-field", "label", "--group-field", "gender", "--undefined", "never", "--out", out);
        badInput("no field 'race' (named by --group-field)", "evaluate", "--predictions", preds, "--label-field", "label",
                "--group-field", "race", "--out", out);
        badInput("no group field 'race'", "evaluate", "--model", run.toString(), "--input", eval.toString(), "--id-field",
                "id", "--label-field", "label", "--group-field", "race", "--out", out);
        badInput("give --predictions FILE, or --model RUN_DIR with --input FILE", "evaluate", "--input", eval.toString(),
                "--label-field", "label", "--group-field", "gender", "--out", out);
        badInput("nothing to evaluate", "evaluate", "--model", run.toString(), "--out", out);
        badInput("the counterfactual test needs a model and an input corpus", "evaluate", "--model", run.toString(),
                "--counterfactual", "--out", out);
        badInput("run.json: missing", "evaluate", "--model", dir.toString(), "--input", eval.toString(), "--label-field",
                "label", "--group-field", "gender", "--out", out);
        badInput("no such built-in SEAT test", "evaluate", "--model", run.toString(), "--seat", "builtin:nope", "--out", out);
        assertFalse(Files.exists(dir.resolve("out").resolve("metrics.json")), "no bad run wrote metrics");
    }

    @Test
    void theTemplateProbesRefuseARunOfSingleTextsOrOfClasses() {
        // the toy run classifies single texts: Bias-NLI needs pairs, Bias-STS a regression
        badInput("Bias-NLI needs a classification run of sentence pairs (premise and hypothesis); this run reads single "
                + "texts", "evaluate", "bias-nli", "--model", run.toString());
        badInput("Bias-STS needs a regression run (a similarity score); this run predicts classes", "evaluate",
                "bias-sts", "--model", run.toString());
    }

    @Test
    void aPredictionsFileThatDoesNotExistIsBadInput() {
        Path missing = dir.resolve("missing.jsonl");
        badInput(missing.toString(), "evaluate", "--predictions", missing.toString(), "--label-field", "label",
                "--group-field", "gender", "--out", dir.resolve("out").toString());
    }

    @Test
    void settingsReachTheEvaluation() throws Exception {
        Path out = dir.resolve("settings");
        CliTest.Run r = debias("evaluate", "--predictions", fromModelDir.resolve("predictions.jsonl").toString(),
                "--label-field", "label", "--group-field", "gender", "--positive-label", "alpha", "--bootstrap", "0",
                "--undefined", "propagate", "--design", "data=cda", "--design", "upstream=none", "--seed", "9",
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Evaluation e = EvaluationFiles.read(out);
        assertEquals(java.util.Map.of("data", "cda", "upstream", "none"), e.design());
        assertEquals("propagate", e.config().get("undefined_policy"));
        assertEquals("0", e.config().get("bootstrap"));
        assertEquals("9", e.config().get("seed"));
        assertEquals("alpha", e.groupFairness().get(0).positiveLabel());
        assertEquals(null, e.groupFairness().get(0).overall().accuracy().low(), "no bootstrap, no interval");
        assertTrue(r.out().contains("accuracy"), r.out());
    }

    @Test
    void theProbabilitiesOfPredictGiveTheThresholdFreeMeasuresAndANamedMissingFieldIsBadInput() throws Exception {
        Path out = dir.resolve("scores");
        String preds = fromModelDir.resolve("predictions.jsonl").toString();
        CliTest.Run r = debias("evaluate", "--predictions", preds, "--label-field", "label", "--group-field", "gender",
                "--probability-field", "probabilities", "--calibration-bins", "5", "--bootstrap", "50", "--out",
                out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(Pattern.compile("(?m)^threshold-free by gender, positive '(alpha|beta)' \\(probabilities, minority "
                + "class; 62 records, \\d+ positive\\)$").matcher(r.out()).find(), r.out());
        for (String measure : List.of("auc", "calibration_error", "subgroup_auc_power_mean", "bpsn_auc_power_mean",
                "bnsp_auc_power_mean", "final_score")) {
            assertTrue(Pattern.compile("(?m)^  " + measure + " +(\\d|-|undefined)").matcher(r.out()).find(),
                    measure + " in\n" + r.out());
        }
        Evaluation e = EvaluationFiles.read(out);
        assertEquals(5, e.thresholdFree().bins());
        assertEquals("5", e.config().get("calibration_bins"));
        badInput("no field 'p1' (named by --probability-field)", "evaluate", "--predictions", preds, "--label-field",
                "label", "--group-field", "gender", "--probability-field", "p1", "--out", out.toString());
    }

    @Test
    void anInputWithAnIdFieldNeedsIdFieldAsInPredict() {
        // like debias predict: without --id-field the input's "id" is an attribute that would clash with the id
        // column of predictions.jsonl
        Path out = dir.resolve("out");
        CliTest.Run r = debias("evaluate", "--model", run.toString(), "--input", eval.toString(), "--label-field", "label",
                "--group-field", "gender", "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("--id-field id"), r.err());
        assertFalse(Files.exists(out.resolve("metrics.json")));
        assertFalse(Files.exists(out.resolve("predictions.jsonl")));
    }

    @Test
    void helpMentionsEveryOption() {
        CliTest.Run r = debias("evaluate", "--help");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> options = List.of("--predictions", "--model", "--input", "--text-field", "--label-field",
                "--prediction-field", "--group-field", "--intersect", "--id-field", "--positive-label", "--gap-groups",
                "--train", "--counterfactual", "--axis", "--worst", "--seat", "--bootstrap", "--min-group-size",
                "--undefined", "--design", "--seed", "--out", "--help", "--version", "--verbose");
        for (String o : options) {
            assertTrue(r.out().contains(o), o + " in\n" + r.out());
        }
        CommandLine evaluate = Main.commandLine().getSubcommands().get("evaluate");
        for (var o : evaluate.getCommandSpec().options()) {
            assertTrue(r.out().contains(o.longestName()), o.longestName() + " in\n" + r.out());
        }
        assertTrue(r.out().contains("intrinsic") && r.out().contains("compare"), "the subcommands");
        assertTrue(r.out().contains("debias evaluate --predictions predictions.jsonl"), "an example");
    }

    @Test
    void subcommandHelpMentionsEveryOption() {
        checkSubcommandHelp(new String[] {"evaluate"});
    }

    @Test
    void subcommandHelpMentionsEveryOptionWithTheParentsOut() {
        checkSubcommandHelp(new String[] {"evaluate", "--out", dir.resolve("ignored").toString()});
    }

    void checkSubcommandHelp(String[] parent) {
        CommandLine evaluate = Main.commandLine().getSubcommands().get("evaluate");
        for (String sub : List.of("intrinsic", "compare")) {
            CliTest.Run h = debias(concat(parent, sub, "--help"));
            assertEquals(ExitCodes.OK, h.code(), h.err());
            assertTrue(h.out().contains("Example:") && h.out().contains("debias evaluate " + sub), h.out());
            for (var o : evaluate.getSubcommands().get(sub).getCommandSpec().options()) {
                assertTrue(h.out().contains(o.longestName()), o.longestName() + " in\n" + h.out());
            }
        }
    }

    @Test
    void intrinsicAsDocumentedPrintsAnEffectSize() throws Exception {
        checkIntrinsic(new String[] {"evaluate", "intrinsic"});
    }

    @Test
    void intrinsicPrintsAnEffectSize() throws Exception {
        checkIntrinsic(new String[] {"evaluate", "--out", dir.resolve("ignored").toString(), "intrinsic"});
    }

    void checkIntrinsic(String[] intrinsic) throws Exception {
        Path json = dir.resolve("seat.json");
        CliTest.Run r = debias(concat(intrinsic, "--model", toy.model().toString(), "--test", seat.toString(),
                "--out", json.toString()));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("test") && r.out().contains("effect"), r.out());
        // 2 + 2 targets: 6 partitions, exact
        assertTrue(Pattern.compile("(?m)^tiny-seat +male/female ~ things/animals +[+-]\\d\\.\\d{3} +\\d\\.\\d{4}$")
                .matcher(r.out()).find(), r.out());
        JsonNode results = JSON.readTree(json.toFile());
        assertEquals(1, results.size());
        assertEquals("tiny-seat", results.get(0).get("test").asText());
        assertTrue(results.get(0).get("weat").get("effect_size").isNumber(), results.toString());
        assertTrue(results.get(0).get("weat").get("exact").asBoolean());

        CliTest.Run bad = debias(concat(intrinsic, "--model", toy.model().toString(), "--test",
                dir.resolve("none.json").toString()));
        assertEquals(ExitCodes.BAD_INPUT, bad.code(), bad.out());
        assertTrue(bad.err().contains("none.json: no such file"), bad.err());
    }
}
