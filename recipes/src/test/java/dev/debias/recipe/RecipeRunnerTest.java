package dev.debias.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recipe kind end to end on the tiny test model and a few demo records: the plan runs, the report and
 * results are written, a re-run is fully cached and gives the same results, and a failed or interrupted
 * step resumes.
 */
class RecipeRunnerTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void setUp() throws Exception {
        model = TinyBert.writeModel(dir.resolve("tiny"), 1);
    }

    /** The quick scale used by every test here. */
    static String scale(String seeds) {
        return """
                scale:
                  records: 64
                  test_records: 48
                  epochs: 1
                  max_length: 32
                  batch_size: 16
                  seeds: %s
                  bootstrap: 50
                """.formatted(seeds);
    }

    static Recipe recipe(String yaml) {
        return Recipes.parse(yaml, "test.yaml", true, "test");
    }

    static RecipeResult run(Recipe r, Path out) throws Exception {
        return RecipeRunner.builder().setRecipe(r).setOut(out).build().run();
    }

    static String quickstart(Path modelDir) {
        return "kind: quickstart\nmodel: " + modelDir + "\n" + scale("[1]");
    }

    @Test
    void aDryRunWritesNothingNotEvenTheRunDirectory() throws Exception {
        Path out = dir.resolve("dry").resolve("nested");
        RecipeResult r = RecipeRunner.builder().setRecipe(recipe(quickstart(model))).setOut(out).optDryRun(true).build()
                .run();
        assertEquals(10, r.plan().size(), r.plan().toString());
        assertEquals(0, r.cached());
        assertFalse(Files.exists(dir.resolve("dry")), "a dry run creates no directory");
    }

    @Test
    void quickstartWritesTheReportAndARerunIsCachedWithTheSameResults() throws Exception {
        Path out = dir.resolve("qs");
        RecipeResult first = run(recipe(quickstart(model)), out);
        assertEquals(0, first.cached());
        assertEquals(10, first.steps().size(), first.plan().toString());
        String html = Files.readString(out.resolve(Report.HTML));
        assertTrue(html.contains("data-chart=\"bars\""), "per-class TPR gap bars");
        assertTrue(html.contains("data-chart=\"scatter\""), "bias-vs-accuracy scatter");
        assertTrue(html.contains("Audit before and after the fix"));
        assertFalse(java.util.regex.Pattern.compile("(src|href)=\"(https?:)?//|url\\(|@import").matcher(html).find(),
                "the report loads nothing from the network");
        JsonNode json = Recipes.mapper().readTree(out.resolve(Report.JSON).toFile());
        assertEquals(Report.SCHEMA, json.get("schema").asText());
        assertEquals(2, json.get("cells").size());
        assertEquals("two-sided", json.get("cells").get(1).get("design").get("data").asText());
        assertTrue(json.get("cells").get(0).get("measures").has("flip_rate"));
        assertTrue(first.reading().stream().anyMatch(s -> s.startsWith("Counterfactual flip rate: original")),
                first.reading().toString());
        String csv = Files.readString(out.resolve(Report.CSV));
        assertTrue(csv.startsWith("data,measure,value,low,high,runs,note\n"), csv);
        assertTrue(csv.contains("\ntwo-sided,flip_rate,"), csv);
        // the two-sided data really is balanced: its audit says so
        JsonNode effects = json.get("effects");
        assertTrue(effects.size() >= 3);

        RecipeResult second = run(recipe(quickstart(model)), out);
        assertEquals(first.steps().size(), second.cached(), "a re-run does nothing");
        assertEquals(csv, Files.readString(out.resolve(Report.CSV)));
        assertEquals(first.reading(), second.reading());
    }

    @Test
    void theReportRendersInHeadlessChromiumWithItsCharts() throws Exception {
        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(chromium != null, "no chromium on this machine");
        Path out = dir.resolve("render");
        RecipeResult r = run(recipe(quickstart(model)), out);
        Path png = out.resolve("shot.png");
        String dom = chromium(chromium, "--dump-dom", r.report().toUri().toString());
        chromium(chromium, "--window-size=1200,2400", "--screenshot=" + png, r.report().toUri().toString());
        // the browser parsed the page and built every chart element
        assertTrue(dom.contains("<h1>debias recipe test (quickstart)</h1>"), dom.length() > 300 ? dom.substring(0, 300) : dom);
        for (String chart : List.of("bars", "scatter")) {
            assertTrue(dom.contains("data-chart=\"" + chart + "\""), chart);
        }
        assertTrue(dom.contains("<rect"), "bars drawn");
        assertTrue(dom.contains("<circle"), "points drawn");
        assertTrue(Files.size(png) > 20_000, "a screenshot with content: " + Files.size(png) + " bytes");
    }

    private static String chromium(Path exe, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(exe.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--user-data-dir=" + dir.resolve("chromium-profile")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "chromium finished");
        return out;
    }

    @Test
    void aFailedStepStopsTheRecipeKeepsFinishedStepsAndTheRerunResumesToTheSameResults() throws Exception {
        Path late = dir.resolve("late-model");
        Path out = dir.resolve("failing");
        StepFailedException e = assertThrows(StepFailedException.class, () -> run(recipe(quickstart(late)), out));
        assertTrue(e.step().startsWith("finetune original"), e.step());
        assertTrue(e.getMessage().contains(late.toString()), e.getMessage());
        // data and audits are done and kept
        try (Stream<Path> s = Files.walk(out.resolve(RecipeRunner.STEPS))) {
            assertEquals(6, s.filter(p -> p.getFileName().toString().equals(StepRunner.MARKER)).count());
        }
        assertFalse(Files.exists(out.resolve(Report.HTML)));

        // the model appears; the same command resumes at the failed step
        TinyBert.writeModel(late, 1);
        RecipeResult resumed = run(recipe(quickstart(late)), out);
        assertEquals(6, resumed.cached());
        Path clean = dir.resolve("clean");
        run(recipe(quickstart(late)), clean);
        assertEquals(Files.readString(clean.resolve(Report.CSV)), Files.readString(out.resolve(Report.CSV)));
    }

    @Test
    void anInterruptedStepIsRedoneAndTheResultsMatch() throws Exception {
        Path out = dir.resolve("interrupted");
        run(recipe(quickstart(model)), out);
        String csv = Files.readString(out.resolve(Report.CSV));
        // as if killed while evaluating: the marker is missing, a partial file is there
        Path eval;
        try (Stream<Path> s = Files.list(out.resolve(RecipeRunner.STEPS).resolve("evaluate"))) {
            eval = s.sorted().findFirst().orElseThrow();
        }
        Files.delete(eval.resolve(StepRunner.MARKER));
        Files.writeString(eval.resolve("metrics.json"), "{\"trunc");
        Files.delete(out.resolve(Report.CSV));
        RecipeResult again = run(recipe(quickstart(model)), out);
        assertEquals(again.steps().size() - 1, again.cached());
        assertEquals(csv, Files.readString(out.resolve(Report.CSV)));
    }

    @Test
    void aChangedSettingRerunsOnlyTheStepsItAffects() throws Exception {
        Path out = dir.resolve("changed");
        run(recipe(quickstart(model)), out);
        // another fix: the original arm, data and its audit are reused
        RecipeResult r = run(recipe(quickstart(model) + "fix: one-sided\n"), out);
        assertEquals(6, r.cached(), r.steps().toString());
        assertTrue(Files.readString(out.resolve(Report.CSV)).contains("\none-sided,flip_rate,"));
    }

    @Test
    void cooccurrenceSweepPlotsBiasAgainstTheRateWithSlopes() throws Exception {
        Path out = dir.resolve("sweep");
        RecipeResult r = run(recipe("kind: cooccurrence-sweep\nmodel: " + model + "\nrates: [0.5, 1.0]\n"
                + scale("[1, 2]")), out);
        String html = Files.readString(r.report());
        assertTrue(html.contains("data-chart=\"lines\""), "bias against rate with bands");
        JsonNode json = Recipes.mapper().readTree(out.resolve(Report.JSON).toFile());
        assertEquals(2, json.get("cells").size());
        assertEquals(2, json.get("cells").get(0).get("runs").size(), "two seeds pooled");
        assertTrue(json.get("effects").toString().contains("slope per +0.1"));
        // data otherwise fixed: the two training sets differ only in gender words
        List<String> low = Files.readAllLines(stepFile(out, "data", "demo-bios-train-rate=0.5", Steps.DATA));
        List<String> high = Files.readAllLines(stepFile(out, "data", "demo-bios-train-rate=1.0", Steps.DATA));
        assertEquals(low.size(), high.size());
        long same = 0;
        for (int i = 0; i < low.size(); i++) {
            same += low.get(i).equals(high.get(i)) ? 1 : 0;
        }
        assertTrue(same > low.size() / 3 && same < low.size(), same + " of " + low.size() + " unchanged");
    }

    @Test
    void aRaceSweepStatesItsSlopeWithAnIntervalInTheAxisWords() throws Exception {
        Path out = dir.resolve("sweep-race");
        // three runs: the fewest a slope's interval needs
        RecipeResult r = run(recipe("kind: cooccurrence-sweep\naxis: race\nmodel: " + model
                + "\nrates: [0.5, 0.75, 1.0]\n" + scale("[1]")), out);
        assertEquals(List.of("black", "white"), r.recipe().pair());
        String reading = String.join("\n", r.reading());
        assertTrue(reading.contains("3 race/label co-occurrence rates") && reading.contains("black for nurse"), reading);
        assertTrue(java.util.regex.Pattern.compile("Counterfactual flip rate changes by [-\u2212]?\\d\\.\\d{3} "
                + "\\[[-\u2212]?\\d\\.\\d{3}, [-\u2212]?\\d\\.\\d{3}\\] per \\+0\\.1 of race/label co-occurrence")
                .matcher(reading).find(), reading);
        JsonNode json = Recipes.mapper().readTree(out.resolve(Report.JSON).toFile());
        assertTrue(json.get("effects").toString().contains("slope per +0.1 of race/label co-occurrence"));
        // the demo bios carry the race field, and the flip test swaps race
        JsonNode bio = Recipes.mapper().readTree(Files.readAllLines(stepFile(out, "data", "demo-bios-train-rate=1.0",
                Steps.DATA)).get(0));
        assertTrue(List.of("black", "white").contains(bio.at("/attributes/race").asText(bio.path("race").asText())),
                bio.toString());
        assertTrue(Files.readString(r.report()).contains("race terms \u00d7 label"));
    }

    @Test
    void aUsersCsvReplacesTheDemoDataAndTheSweepResamplesItPerLabel() throws Exception {
        // a CSV with its own column names and one-letter group values
        Path csv = dir.resolve("people.csv");
        StringBuilder b = new StringBuilder("person,bio,job,sex\n");
        dev.debias.demo.BiosGenerator.builder().setCount(400).optCooccurrence(0.8).optSeed(5).build().stream()
                .forEach(x -> b.append(x.id()).append(",\"").append(x.text().replace("\"", "\"\"")).append("\",")
                        .append(x.label()).append(',').append(x.attribute("gender").orElseThrow().equals("female") ? "F" : "M")
                        .append('\n'));
        for (int i = 0; i < 30; i++) {
            // a label with one group only cannot take every rate: it is kept whole, and said so
            b.append("m").append(i).append(",He prays before dawn in the abbey.,monk,M\n");
        }
        Files.writeString(csv, b);
        Path out = dir.resolve("csv-sweep");
        RecipeResult r = run(recipe("""
                kind: cooccurrence-sweep
                model: %s
                rates: [0.5, 0.9]
                data: {file: %s, text_field: bio, label_field: job, group_field: sex, id_field: person}
                """.formatted(model, csv) + scale("[1]").replace("records: 64", "records: 300")), out);
        JsonNode split = Recipes.mapper().readTree(stepFile(out, "data", "split-people.csv", "split.json").toFile());
        assertEquals(430, split.get("read").asInt());
        assertEquals(430, split.get("train").asInt() + split.get("dev").asInt() + split.get("test").asInt()
                + split.path("over_cap").asInt(), split.toString());
        java.util.Map<String, java.util.Map<String, Integer>> sizes = new java.util.TreeMap<>();
        for (double rate : List.of(0.5, 0.9)) {
            java.util.Map<String, int[]> byLabel = new java.util.TreeMap<>();
            JsonNode summary = Recipes.mapper().readTree(stepFile(out, "data", "resample-rate=" + rate, "resample.json")
                    .toFile());
            assertEquals("[\"monk\"]", summary.get("kept_as_is").toString());
            for (String line : Files.readAllLines(stepFile(out, "data", "resample-rate=" + rate, Steps.DATA))) {
                JsonNode x = Recipes.mapper().readTree(line);
                int[] c = byLabel.computeIfAbsent(x.get("label").asText(), k -> new int[2]);
                c[x.get("sex").asText().equals("F") ? 0 : 1]++;
            }
            java.util.Map<String, Integer> size = new java.util.TreeMap<>();
            for (var e : byLabel.entrySet()) {
                int n = e.getValue()[0] + e.getValue()[1];
                if (e.getKey().equals("monk")) {
                    assertEquals(0, e.getValue()[0]);
                    size.put(e.getKey(), n);
                    continue;
                }
                double majority = Math.max(e.getValue()[0], e.getValue()[1]) / (double) n;
                assertEquals(rate, majority, 0.5 / n + 1e-9, e.getKey() + " at " + rate);
                size.put(e.getKey(), n);
            }
            sizes.put(Double.toString(rate), size);
        }
        assertEquals(sizes.get("0.5"), sizes.get("0.9"), "the same size per label at every rate");
        // every size the run used is reported against the one asked for; the resampling changed the training size
        long kept = Recipes.mapper().readTree(stepFile(out, "data", "resample-rate=0.5", "resample.json").toFile())
                .get("kept").asLong();
        String said = "Size: scale.records asked for 300 training records at every rate; " + kept + " were used";
        assertTrue(kept < 300 && r.reading().stream().anyMatch(x -> x.startsWith(said)), r.reading().toString());
        JsonNode used = Recipes.mapper().readTree(out.resolve(Report.JSON).toFile()).get("sizes");
        assertEquals("scale.test_records", used.get(1).get("setting").asText(), used.toString());
        assertEquals(48, used.get(1).get("requested").asInt());
        assertEquals(split.get("test").asInt(), used.get(1).get("used").asInt());
        assertTrue(Files.readString(r.report()).contains("data <code>" + csv + "</code>"));
    }

    @Test
    void aNonFiniteLossThatReproducesStopsTheRecipeAfterOneRetry() throws Exception {
        Path out = dir.resolve("nan");
        StepFailedException e = assertThrows(StepFailedException.class, () -> run(recipe(quickstart(model)
                .replace("  batch_size: 16\n", "  batch_size: 16\n  learning_rate: 1.0e12\n")), out));
        assertTrue(e.getMessage().contains(" became "), e.getMessage());
        assertTrue(e.step().startsWith("finetune original"), e.step());
        assertFalse(Files.exists(e.dir().resolve("retried.txt")), "the retry failed too, so nothing says it succeeded");
    }

    static Path stepFile(Path out, String type, String prefix, String file) throws Exception {
        try (Stream<Path> s = Files.list(out.resolve(RecipeRunner.STEPS).resolve(type))) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no step " + prefix)).resolve(file);
        }
    }

    @Test
    void upstreamVsDownstreamAnswersTheQuestionWithAnInterval() throws Exception {
        Path out = dir.resolve("uvd");
        RecipeResult r = run(recipe("""
                kind: upstream-vs-downstream
                model: %s
                upstream: [none, sentence-debias]
                downstream: [none, two-sided, reweigh]
                upstream_options: {learn_pairs: 40, held_out_pairs: 10, corpus_records: 80}
                """.formatted(model) + scale("[1]")), out);
        JsonNode json = Recipes.mapper().readTree(out.resolve(Report.JSON).toFile());
        assertEquals(6, json.get("cells").size());
        assertTrue(r.reading().stream().anyMatch(s -> s.startsWith("Answer on counterfactual flip rate")),
                r.reading().toString());
        String effects = json.get("effects").toString();
        assertTrue(effects.contains("upstream sentence-debias (original data)"), effects);
        assertTrue(effects.contains("downstream reweigh (pre-trained model)"), effects);
        String html = Files.readString(r.report());
        assertTrue(html.contains("data-chart=\"scatter\"") && html.contains("data-chart=\"bars\""));
        // reweighing trains with the weight field
        JsonNode run = Recipes.mapper().readTree(stepFile(out, "finetune", "finetune-upstream=none-downstream=reweigh",
                "run/run.json").toFile());
        assertEquals("weight", run.at("/config/weight_field").asText(), run.toString());
    }

    @Test
    void upstreamVsDownstreamRunsOnRaceLearningFromRacePairs() throws Exception {
        Path out = dir.resolve("uvd-race");
        RecipeResult r = run(recipe("""
                kind: upstream-vs-downstream
                axis: race
                model: %s
                upstream: [none, prune-neurons]
                downstream: [none, two-sided]
                upstream_options: {learn_pairs: 40, held_out_pairs: 10, corpus_records: 80}
                """.formatted(model) + scale("[1]")), out);
        JsonNode json = Recipes.mapper().readTree(out.resolve(Report.JSON).toFile());
        assertEquals(4, json.get("cells").size());
        assertTrue(r.reading().stream().anyMatch(s -> s.startsWith("Answer on counterfactual flip rate")),
                r.reading().toString());
        // the intervention learned from black/white pairs (the tiny model reads every name as [UNK], so they embed
        // alike here and sentence-debias would find no direction; pruning still runs)
        JsonNode up = Recipes.mapper().readTree(stepFile(out, "upstream", "upstream-prune-neurons",
                "model/" + dev.debias.upstream.Upstream.UPSTREAM_JSON).toFile());
        assertTrue(up.findValuesAsText("axis").contains("race"), up.toString());
        // two-sided augmentation wrote black/white counterparts of the race field
        List<String> fixed = Files.readAllLines(stepFile(out, "data", "augment-two-sided", Steps.DATA));
        assertTrue(fixed.size() > 64 && fixed.stream().anyMatch(x -> x.contains("\"race\":\"black\""))
                && fixed.stream().anyMatch(x -> x.contains("\"race\":\"white\"")), fixed.get(0));
    }

    @Test
    void pruningTransferMeasuresTheSameAndTheOtherContext() throws Exception {
        Path out = dir.resolve("transfer");
        RecipeResult r = run(recipe("""
                kind: pruning-transfer
                model: %s
                contexts:
                  learn: {name: bios, demo: bios, records: 120}
                  other: {name: everyday, demo: everyday, records: 120}
                upstream_options: {learn_pairs: 40, held_out_pairs: 20, fraction: 0.25}
                """.formatted(model) + scale("[1]")), out);
        JsonNode json = Recipes.mapper().readTree(out.resolve(Report.JSON).toFile());
        assertEquals(4, json.get("cells").size(), "heads and neurons x two contexts");
        for (JsonNode c : json.get("cells")) {
            JsonNode m = c.get("measures");
            double before = m.get("gap_before").get("value").asDouble();
            double after = m.get("gap_after").get("value").asDouble();
            assertEquals(1 - after / before, m.get("reduction").get("value").asDouble(), 1e-9, c.toString());
        }
        assertTrue(r.reading().stream().anyMatch(s -> s.startsWith("prune-heads cuts the gap by")), r.reading().toString());
        // the held-out pairs of the learning context are not the ones the mask learned from
        assertNotEquals(Files.readString(stepFile(out, "data", "demo-bios-context-bios-learn", Steps.DATA)),
                Files.readString(stepFile(out, "data", "demo-bios-context-bios-measure", Steps.DATA)));
    }

    @Test
    void measureAgreementRanksRunsByEveryMeasure() throws Exception {
        Path out = dir.resolve("agreement");
        RecipeResult r = run(recipe("""
                kind: measure-agreement
                model: %s
                upstream: [none, sentence-debias]
                sparsities: [0.3, 0.6]
                upstream_options: {learn_pairs: 40, held_out_pairs: 16, corpus_records: 80}
                """.formatted(model) + scale("[1]")), out);
        JsonNode json = Recipes.mapper().readTree(out.resolve(Report.JSON).toFile());
        assertEquals(4, json.get("cells").size());
        JsonNode m = json.get("cells").get(0).get("measures");
        for (String measure : List.of("accuracy", "tpr_gap_rms", "flip_rate", "demographic_parity_difference",
                "embedding_gap", "seat:gender-career-family-words")) {
            assertTrue(m.has(measure), measure + " in " + m);
        }
        String html = Files.readString(r.report());
        assertTrue(html.contains("class=\"agreement\""), "the agreement matrix");
        assertTrue(json.get("effects").toString().contains("Kendall tau-b"));
    }
}
