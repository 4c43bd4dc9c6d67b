package dev.debias.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import dev.debias.evaluate.counterfactual.Classifier;
import dev.debias.evaluate.counterfactual.CounterfactualFile;
import dev.debias.evaluate.counterfactual.CounterfactualResult;
import dev.debias.evaluate.counterfactual.CounterfactualTest;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.intrinsic.SeatResult;
import dev.debias.evaluate.intrinsic.WeatResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.json, metrics.csv and report.html of an evaluation, and reading metrics.json back. */
class EvaluationFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A group name that must be escaped in HTML. */
    private static final String ODD = "<b>&";

    @TempDir
    Path dir;

    /** A rule model: alpha when the text has "she", else beta. */
    static final Classifier SHE = new Classifier() {
        @Override
        public List<String> labels() {
            return List.of("alpha", "beta");
        }

        @Override
        public float[][] predict(List<String> texts) {
            float[][] out = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                boolean she = List.of(texts.get(i).toLowerCase().split("[^a-z]+")).contains("she");
                out[i] = she ? new float[] {0.75f, 0.25f} : new float[] {0.25f, 0.75f};
            }
            return out;
        }
    };

    /**
     * An evaluation with every part: group fairness of a hand-written predictions file (groups
     * {@value #ODD} and m, positive label alpha, no bootstrap), a counterfactual test of a rule model,
     * and two SEAT results, one with an undefined effect size.
     */
    Evaluation evaluation() throws Exception {
        String[][] rows = {{ODD, "alpha", "alpha"}, {ODD, "alpha", "beta"}, {ODD, "beta", "beta"}, {ODD, "beta", "beta"},
            {"m", "alpha", "alpha"}, {"m", "alpha", "alpha"}, {"m", "beta", "alpha"}, {"m", "beta", "alpha"},
            {"m", "beta", "beta"}};
        StringBuilder s = new StringBuilder();
        for (String[] r : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("label", r[1]);
            m.put("prediction", r[2]);
            m.put("gender", r[0]);
            s.append(JSON.writeValueAsString(m)).append('\n');
        }
        Path p = Files.writeString(dir.resolve("predictions.jsonl"), s.toString());
        Evaluation base = Evaluator.builder().optPredictions(p)
                .optColumns(new PredictionColumns("label", "prediction", List.of("gender"), null, "text"))
                .optPositiveLabel("alpha").optBootstrap(0).optDesign(Map.of("data", "cda", "seed", "3")).build().run();
        List<Record> texts = List.of(rec("a", "she likes the apple."), rec("b", "He sees his dog."),
                rec("c", "The bird is happy."));
        CounterfactualResult cf = CounterfactualTest.builder().setClassifier(SHE)
                .optSwapper(CounterfactualSwapper.builder().build()).optBootstrap(50).build().run(texts.iterator());
        List<SeatResult> seat = List.of(
                new SeatResult("words", "male", "female", "career", "family", "tiny",
                        new WeatResult(0.75, null, 0.125, true, 70, 1.5, 0.2, -0.1, 4, 4, 3, 3)),
                new SeatResult("flat", "x", "y", "a", "b", "tiny",
                        new WeatResult(null, "every association is the same", 1.0, true, 2, 0, 0, 0, 1, 1, 1, 1)));
        return new Evaluation(base.schema(), base.model(), base.design(), base.config(), base.inputs(),
                base.groupFairness(), base.groupFairnessUndefined(), cf, seat, base.sanity(), base.thresholdFree(), base.warnings(), base.versions());
    }

    static Record rec(String id, String text) {
        return new Record(id, text, null, Map.of(), Provenance.original(id));
    }

    @Test
    void metricsJsonRoundTrips() throws Exception {
        Evaluation e = evaluation();
        Path json = EvaluationFiles.write(e, dir.resolve("out"));
        assertEquals(dir.resolve("out").resolve(EvaluationFiles.JSON_FILE), json);
        Evaluation back = EvaluationFiles.read(json);
        assertEquals(e, back);
        assertEquals(e.groupFairness(), back.groupFairness());
        assertEquals(e.counterfactual(), back.counterfactual(), "equal but for the outcomes, which metrics.json leaves out");
        assertNotNull(e.counterfactual().outcomes());
        assertNull(back.counterfactual().outcomes());
        assertEquals(e.intrinsic(), back.intrinsic());
        assertEquals(e, EvaluationFiles.read(dir.resolve("out")), "the directory reads too");

        // a: "she likes the apple." alpha 0.75 -> "he likes ..." alpha 0.25: flipped, change -0.5, female;
        // b: "He sees his dog." beta 0.75 -> "She sees her dog." beta 0.25: flipped, change -0.5, male; c untested
        assertEquals(List.of("{\"index\":0,\"id\":\"a\",\"flipped\":true,\"change\":-0.5,\"group\":\"female\"}",
                "{\"index\":1,\"id\":\"b\",\"flipped\":true,\"change\":-0.5,\"group\":\"male\"}"),
                Files.readAllLines(dir.resolve("out").resolve(CounterfactualFile.FILE)));
        assertTrue(Files.isRegularFile(ArtifactProvenance.sidecarOf(dir.resolve("out").resolve(CounterfactualFile.FILE))),
                "a provenance sidecar");

        JsonNode n = JSON.readTree(json.toFile());
        assertEquals(Evaluation.SCHEMA, n.get("schema").asText());
        assertTrue(n.has("group_fairness") && n.get("counterfactual").has("by_group"), "snake_case keys");
        assertFalse(n.has("model"), "no model: left out");
    }

    @Test
    void aFileThatIsNotAnEvaluationIsBadInput() throws Exception {
        Path json = EvaluationFiles.write(evaluation(), dir.resolve("out"));
        ObjectNode n = (ObjectNode) JSON.readTree(json.toFile());
        n.put("schema", "debias.evaluation/2");
        Path other = Files.writeString(dir.resolve("other.json"), JSON.writeValueAsString(n));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EvaluationFiles.read(other));
        assertTrue(e.getMessage().contains("schema 'debias.evaluation/2', expected 'debias.evaluation/1'"), e.getMessage());

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schema\": ");
        e = assertThrows(InvalidInputException.class, () -> EvaluationFiles.read(broken));
        assertTrue(e.getMessage().startsWith(broken + ": not a debias metrics.json"), e.getMessage());

        e = assertThrows(InvalidInputException.class, () -> EvaluationFiles.read(dir.resolve("empty-dir")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        Files.createDirectories(dir.resolve("empty-dir"));
        e = assertThrows(InvalidInputException.class, () -> EvaluationFiles.read(dir.resolve("empty-dir")));
        assertTrue(e.getMessage().startsWith(dir.resolve("empty-dir").resolve("metrics.json") + ": missing"), e.getMessage());
    }

    @Test
    void metricsCsvHasOneRowPerNumber() throws Exception {
        Evaluation e = evaluation();
        EvaluationFiles.write(e, dir.resolve("out"));
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(EvaluationFiles.CSV_FILE), StandardCharsets.UTF_8);
        assertEquals(EvaluationFiles.CSV_HEADER, lines.get(0));
        assertEquals("section,grouping,group,class,metric,value,low,high,note", lines.get(0));

        GroupFairnessResult r = e.groupFairness().get(0);
        int k = r.classes().size();
        int groupRows = (r.groups().size() + 1) * (4 + 4 * k) + r.gaps().size();
        int cfRows = (e.counterfactual().byGroup().size() + 1) * 2;
        int seatRows = 2 * e.intrinsic().size();
        assertEquals(1 + groupRows + cfRows + seatRows, lines.size(), String.join("\n", lines));
        for (String line : lines) {
            assertEquals(8, line.chars().filter(c -> c == ',').count(), "nine columns, none quoted here: " + line);
        }

        assertTrue(lines.contains("group,gender," + ODD + ",,count,4.0,4.0,4.0,"), String.join("\n", lines));
        assertTrue(lines.contains("group,gender," + ODD + ",,accuracy,0.75,,,no interval: bootstrap off"));
        assertTrue(lines.contains("group,gender,m,,selection_rate,0.8,,,no interval: bootstrap off"));
        assertTrue(lines.contains("group,gender,m,alpha,fpr," + (2.0 / 3) + ",,,no interval: bootstrap off"));
        assertTrue(lines.contains("group,gender,(overall),,accuracy," + (6.0 / 9) + ",,,no interval: bootstrap off"));
        assertTrue(lines.contains("gap,gender,,,demographic_parity_difference," + (0.8 - 0.25) + ",,,no interval: bootstrap off"));
        assertTrue(lines.contains("gap,gender,,alpha,tpr_gap[alpha],-0.5,,,no interval: bootstrap off"));
        // undefined: empty value and bounds, the reason in the note
        assertTrue(lines.contains("gap,gender,,,tpr_gap_share_correlation,,,,no training file given (setting 'training corpus')"),
                String.join("\n", lines));
        assertTrue(lines.contains("seat,flat,,,effect_size,,,,every association is the same"));
        assertTrue(lines.contains("seat,words,,,effect_size,0.75,,,"));
        assertTrue(lines.contains("seat,words,,,p_value,0.125,,,"));
        // the counterfactual rows: "a" flips (she -> he), "b" flips (he -> she), "c" untested
        String flip = lines.stream().filter(l -> l.startsWith("counterfactual,gender,(all),,flip_rate,1.0,")).findFirst()
                .orElseThrow(() -> new AssertionError(String.join("\n", lines)));
        String[] f = flip.split(",", -1);
        assertTrue(Double.parseDouble(f[6]) < 1 && f[7].equals("1.0") && f[8].isEmpty(), flip);
        assertTrue(lines.contains("counterfactual,gender,female,,mean_abs_change,0.5,0.5,0.5,"), String.join("\n", lines));
    }

    @Test
    void csvQuotesFieldsWithCommasAndQuotes() {
        assertEquals("plain", EvaluationFiles.q("plain"));
        assertEquals("\"a, b\"", EvaluationFiles.q("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", EvaluationFiles.q("say \"hi\""));
        assertEquals("\"two\nlines\"", EvaluationFiles.q("two\nlines"));
    }

    @Test
    void formulaLikeGroupsAndLabelsAreNeutralisedInTheCsv() throws Exception {
        StringBuilder s = new StringBuilder();
        String[][] rows = {{"=1+1", "@a", "@a"}, {"=1+1", "-b", "@a"}, {"+m", "-b", "-b"}, {"+m", "@a", "-b"}};
        for (String[] r : rows) {
            s.append(JSON.writeValueAsString(Map.of("label", r[1], "prediction", r[2], "gender", r[0]))).append('\n');
        }
        Path p = Files.writeString(dir.resolve("hostile.jsonl"), s.toString());
        Evaluation e = Evaluator.builder().optPredictions(p)
                .optColumns(new PredictionColumns("label", "prediction", List.of("gender"), null, "text"))
                .optPositiveLabel("@a").optBootstrap(0).build().run();
        String csv = EvaluationFiles.csv(e);
        for (String line : csv.split("\n")) {
            String[] f = line.split(",", -1);
            for (int i : new int[] {1, 2, 3, 8}) {
                assertFalse(!f[i].isEmpty() && "=+-@".indexOf(f[i].charAt(0)) >= 0, "column " + i + " of " + line);
            }
        }
        assertTrue(csv.contains("group,gender,'=1+1,'@a,tpr,"), csv);
        assertTrue(csv.contains("group,gender,'+m,'-b,fpr,"), csv);
        assertTrue(csv.contains("group,gender,'+m,,count,2.0,2.0,2.0,"), csv);
        // negative numbers (tpr_gap[alpha],-0.5) stay as they are: metricsCsvHasOneRowPerNumber
    }

    @Test
    void twoEvaluationsOfTheSameInputsWriteByteIdenticalFiles() throws Exception {
        EvaluationFiles.write(evaluation(), dir.resolve("one"));
        EvaluationFiles.write(evaluation(), dir.resolve("two"));
        for (String f : List.of(EvaluationFiles.HTML_FILE, EvaluationFiles.JSON_FILE, EvaluationFiles.CSV_FILE)) {
            assertEquals(Files.readString(dir.resolve("one").resolve(f)), Files.readString(dir.resolve("two").resolve(f)), f);
        }
    }

    @Test
    void theReportListsInputsAndDesignSortedWhateverTheMapsOrder() throws Exception {
        Evaluation base = evaluation();
        Map<String, String> inputs = new LinkedHashMap<>();
        Map<String, String> design = new LinkedHashMap<>();
        for (String k : List.of("seat:z", "model:w", "input:m", "train:q", "predictions:b", "input:a", "eval:k", "c:c")) {
            inputs.put(k, "0123456789abcdef" + k);
            design.put(k.replace(':', '_'), k);
        }
        Evaluation e = new Evaluation(base.schema(), base.model(), design, base.config(), inputs, base.groupFairness(),
                base.groupFairnessUndefined(), base.counterfactual(), base.intrinsic(), base.sanity(), base.thresholdFree(),
                base.warnings(), base.versions());
        String html = EvaluationReport.render(e);
        List<String> sorted = inputs.keySet().stream().sorted().toList();
        int at = -1;
        for (String k : sorted) {
            int i = html.indexOf(k + " (sha256 ");
            assertTrue(i > at, "inputs in key order: " + k + " in " + html.substring(0, Math.min(html.length(), 3000)));
            at = i;
        }
        at = -1;
        for (String k : design.keySet().stream().sorted().toList()) {
            int i = html.indexOf(k + " = <b>");
            assertTrue(i > at, "design in key order: " + k);
            at = i;
        }
    }

    @Test
    void reportHtmlHasChartsAndEscapesNames() throws Exception {
        Evaluation e = evaluation();
        EvaluationFiles.write(e, dir.resolve("out"));
        String html = Files.readString(dir.resolve("out").resolve(EvaluationFiles.HTML_FILE), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg class=\"chart\" data-chart=\"bars\""), "the gap bars");
        assertTrue(html.contains("&lt;b&gt;&amp;"), "the group name, escaped");
        assertFalse(Pattern.compile("<b>&(?!amp;|lt;|gt;|quot;|#39;|nbsp;)").matcher(html).find(), "never raw");
        assertTrue(html.contains("Counterfactual test (gender)"));
        assertTrue(html.contains("he likes the apple."), "the most moved records");
        assertTrue(html.contains("Intrinsic tests on the encoder (SEAT)"));
        assertTrue(html.contains("<td class=\"n\"><span class=\"undef\" title=\""), "the undefined SEAT effect size, never 0");
        assertTrue(html.contains("title=\"no training file given (setting &#39;training corpus&#39;)\">undefined</span>"),
                "an undefined gap keeps its reason");
        assertTrue(html.contains("data = <b>cda</b>"), "the design");
        assertTrue(html.trim().endsWith("</html>"));
        assertFalse(html.contains("http://") && html.contains("<script src"), "self-contained");
    }

    @Test
    void anUndefinedSeatEffectSizeKeepsItsReason() throws Exception {
        EvaluationFiles.write(evaluation(), dir.resolve("out"));
        String html = Files.readString(dir.resolve("out").resolve(EvaluationFiles.HTML_FILE), StandardCharsets.UTF_8);
        assertTrue(html.contains("title=\"every association is the same\""), "the SEAT row's reason");
    }

    @Test
    void everyFileHasAProvenanceSidecar() throws Exception {
        Evaluation e = evaluation();
        Path out = dir.resolve("out");
        EvaluationFiles.write(e, out);
        for (String f : List.of(EvaluationFiles.JSON_FILE, EvaluationFiles.CSV_FILE, EvaluationFiles.HTML_FILE,
                CounterfactualFile.FILE)) {
            Path sidecar = ArtifactProvenance.sidecarOf(out.resolve(f));
            assertTrue(Files.isRegularFile(sidecar), sidecar.toString());
            ArtifactProvenance p = ArtifactProvenance.read(sidecar);
            assertEquals("evaluate", p.operation());
            assertEquals(e.inputs(), p.inputs());
            assertNotNull(p.config());
        }
        List<String> names = new ArrayList<>();
        try (var s = Files.list(out)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertEquals(8, names.size(), names.toString());     // four files, each with its sidecar
    }
}
