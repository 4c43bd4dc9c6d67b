package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.finetune.testing.TinyBert;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code debias finetune} and {@code debias predict} end to end on {@link TinyBert} (2 layers, 32 wide,
 * hand-written WordPiece vocabulary, random weights) and its learnable toy corpus: a text with "apple"
 * is {@code alpha}, one with "banana" is {@code beta}.
 */
class FinetuneCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path model;
    private static Path train;
    private static Path eval;
    /** A finished 2-epoch run, shared by the tests that only read it. */
    private static Path finished;
    private static CliTest.Run finishedRun;

    static CliTest.Run debias(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliTest.Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void setUp() throws IOException {
        TinyBert.Toy toy = TinyBert.toy(shared);
        model = toy.model();
        train = toy.train();
        eval = toy.eval();
        finished = shared.resolve("run");
        finishedRun = debias("finetune", "--model", model.toString(), "--train", train.toString(), "--eval", eval.toString(),
                "--epochs", "2", "--lr", "5e-3", "--max-length", "32", "--out", finished.toString());
    }

    @Test
    void finetunePrintsTheEpochTableAndWritesTheRun() throws Exception {
        CliTest.Run r = finishedRun;
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("labels: [alpha, beta]"), r.out());
        assertTrue(r.out().contains("epoch    steps train loss  eval loss  accuracy  macro-F1  seconds"), r.out());
        Pattern row = Pattern.compile("(?m)^\\s+(\\d) +(\\d+) +(\\d+\\.\\d{4}) +(\\d+\\.\\d{4}) +(\\d\\.\\d{4}) +(\\d\\.\\d{4}) "
                + "+\\d+\\.\\d( {2}best)?$");
        Matcher m = row.matcher(r.out());
        List<String> epochs = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        while (m.find()) {
            epochs.add(m.group(1));
            steps.add(m.group(2));
        }
        assertEquals(List.of("1", "2"), epochs, r.out());
        assertEquals(List.of("13", "26"), steps, r.out());
        assertTrue(r.out().contains("  best"), r.out());
        assertTrue(r.out().matches("(?s).*run: " + Pattern.quote(finished.toString()) + " \\(best epoch [12]\\)\\s*"), r.out());
        assertFalse(r.out().contains("truncated"), r.out());
        for (String f : List.of("run.json", "config.json", "tokenizer.json", "model.safetensors", "metrics.jsonl",
                "checkpoint/state.json")) {
            assertTrue(Files.isRegularFile(finished.resolve(f)), f);
        }
        JsonNode run = JSON.readTree(finished.resolve("run.json").toFile());
        assertEquals("2", run.get("config").get("epochs").asText());
        assertEquals("0.005", run.get("config").get("learning_rate").asText());
        assertEquals("macro_f1", run.get("config").get("metric").asText());
    }

    @Test
    void predictWritesAPredictionAndProbabilitiesForEveryRecord() throws Exception {
        Path out = dir.resolve("p.jsonl");
        CliTest.Run r = debias("predict", "--model", finished.toString(), "--input", eval.toString(), "--id-field", "id",
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("wrote 60 predictions to " + out), r.out());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> in = Files.readAllLines(eval, StandardCharsets.UTF_8);
        assertEquals(60, lines.size());
        Pattern probs = Pattern.compile("alpha=(\\d\\.\\d{6});beta=(\\d\\.\\d{6})");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = JSON.readTree(lines.get(i));
            JsonNode src = JSON.readTree(in.get(i));
            assertEquals(src.get("id").asText(), n.get("id").asText(), "input order");
            assertEquals(src.get("text").asText(), n.get("text").asText());
            assertEquals(src.get("label").asText(), n.get("label").asText(), "fields are kept");
            Matcher m = probs.matcher(n.get("probabilities").asText());
            assertTrue(m.matches(), n.toString());
            double a = Double.parseDouble(m.group(1));
            double b = Double.parseDouble(m.group(2));
            assertEquals(1.0, a + b, 2e-6, n.toString());
            assertEquals(a >= b ? "alpha" : "beta", n.get("prediction").asText(), n.toString());
        }
        assertTrue(Files.exists(dir.resolve("p.jsonl.provenance.json")));
    }

    @Test
    void predictOnAFileWithAnIdFieldNeedsIdField() throws Exception {
        // without --id-field the input's "id" is an attribute that would clash with the output's id column
        CliTest.Run r = debias("predict", "--model", finished.toString(), "--input", eval.toString(), "--out",
                dir.resolve("p.jsonl").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("--id-field id"), r.err());
    }

    @Test
    void finetuneWithoutTrainIsBadUsage() {
        CliTest.Run r = debias("finetune", "--model", model.toString(), "--eval", eval.toString(), "--out",
                dir.resolve("run").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("give --train, --eval and --out (or --resume RUN_DIR)"), r.err());
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void resumingAFinishedRunExitsZeroAndReprintsTheTable() throws Exception {
        Path copy = dir.resolve("copy");
        copyTree(finished, copy);
        // run.json names the data by path; those are unchanged
        byte[] before = Files.readAllBytes(copy.resolve("model.safetensors"));
        CliTest.Run r = debias("finetune", "--resume", copy.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("resumed after epoch 2"), r.out());
        assertTrue(r.out().contains("labels: [alpha, beta]"), r.out());
        assertTrue(r.out().contains("run: " + copy), r.out());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(copy.resolve("model.safetensors"))));
        // the same rows as the original run printed
        assertEquals(rows(finishedRun.out()), rows(r.out()));
    }

    private static List<String> rows(String out) {
        return out.lines().filter(l -> l.matches("\\s+\\d .*")).toList();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void gpuOnAMachineWithoutOneIsBadInput() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ai.djl.engine.Engine.getInstance().getGpuCount() == 0,
                "this machine has a GPU");
        CliTest.Run r = debias("finetune", "--model", model.toString(), "--train", train.toString(), "--eval",
                eval.toString(), "--epochs", "1", "--device", "gpu", "--out", dir.resolve("run").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("--device gpu: no GPU is visible to PyTorch"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void anUnknownEvalLabelIsBadInputNamingTheRecord() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(eval, StandardCharsets.UTF_8));
        var third = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(lines.get(3));
        assertEquals("e-3", third.get("id").asText());
        third.put("label", "gamma");
        lines.set(3, JSON.writeValueAsString(third));
        Path bad = Files.write(dir.resolve("bad.jsonl"), lines, StandardCharsets.UTF_8);
        CliTest.Run r = debias("finetune", "--model", model.toString(), "--train", train.toString(), "--eval",
                bad.toString(), "--id-field", "id", "--epochs", "1", "--out", dir.resolve("run").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("record e-3 has the label 'gamma'"), r.err());
    }

    /** A copy of the finished run whose run.json says it did not finish, as a run killed after epoch 1 does. */
    private Path unfinishedCopy() throws IOException {
        Path copy = dir.resolve("unfinished");
        copyTree(finished, copy);
        Path runJson = copy.resolve("run.json");
        String json = Files.readString(runJson);
        assertTrue(json.contains("\"finished\" : true"), json);
        Files.writeString(runJson, json.replace("\"finished\" : true", "\"finished\" : false"));
        return copy;
    }

    @Test
    void predictAndEvaluateRefuseAnUnfinishedRunNamingResume() throws Exception {
        Path run = unfinishedCopy();
        Path out = dir.resolve("p.jsonl");
        CliTest.Run r = debias("predict", "--model", run.toString(), "--input", eval.toString(), "--id-field", "id",
                "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains(run + ": the fine-tuning run did not finish") && r.err().contains("--resume " + run),
                r.err());
        assertFalse(Files.exists(out));
        r = debias("evaluate", "--model", run.toString(), "--input", eval.toString(), "--id-field", "id", "--label-field",
                "label", "--group-field", "gender", "--counterfactual", "--out", dir.resolve("ev").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("did not finish") && r.err().contains("--resume " + run), r.err());
        r = debias("evaluate", "intrinsic", "--model", run.toString(), "--test", "builtin:gender-career-family-words");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("did not finish") && r.err().contains("--resume " + run), r.err());
        // resumed to the end, it is a model again
        assertEquals(ExitCodes.OK, debias("finetune", "--resume", run.toString()).code());
        r = debias("predict", "--model", run.toString(), "--input", eval.toString(), "--id-field", "id", "--out",
                out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
    }

    @Test
    void finetuneRefusesANonEmptyFolderThatIsNoRun() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("config.json"), "{\"mine\": true}");
        CliTest.Run r = debias("finetune", "--model", model.toString(), "--train", train.toString(), "--eval",
                eval.toString(), "--epochs", "1", "--out", mine.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains(mine + ": the folder is not empty and holds no run.json") && r.err().contains("--out"),
                r.err());
        assertEquals("{\"mine\": true}", Files.readString(mine.resolve("config.json")));
        try (var files = Files.list(mine)) {
            assertEquals(1, files.count(), "nothing written beside the user's file");
        }
    }

    @Test
    void predictRefusesToReplaceItsInput() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.copy(eval, input);
        byte[] before = Files.readAllBytes(input);
        for (String out : List.of(input.toString(), dir.resolve(".").resolve("in.jsonl").toString())) {
            CliTest.Run r = debias("predict", "--model", finished.toString(), "--input", input.toString(), "--id-field",
                    "id", "--out", out);
            assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
            assertTrue(r.err().contains("the output would replace the input"), r.err());
        }
        // the same file through a linked folder: writing there would replace the input too
        Path link = Files.createSymbolicLink(dir.resolve("linked"), dir);
        CliTest.Run r = debias("predict", "--model", finished.toString(), "--input", input.toString(), "--id-field", "id",
                "--out", link.resolve("in.jsonl").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(input)), "the input is unchanged");
    }

    @Test
    void finetuneNamesAMissingCorpusOrAnOutThatIsAFile() throws Exception {
        Path missing = dir.resolve("missing.jsonl");
        CliTest.Run r = debias("finetune", "--model", model.toString(), "--train", missing.toString(), "--eval",
                eval.toString(), "--out", dir.resolve("a").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains(missing + ": no such file; expected the training corpus (a file, a folder of shards or a glob of them; --train)"), r.err());
        r = debias("finetune", "--model", model.toString(), "--train", train.toString(), "--eval", missing.toString(),
                "--out", dir.resolve("b").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains(missing + ": no such file; expected the evaluation corpus (a file, a folder of shards or a glob of them; --eval)"), r.err());
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        r = debias("finetune", "--model", model.toString(), "--train", train.toString(), "--eval", eval.toString(),
                "--out", file.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains(file + ": is a file, not a folder") && r.err().contains("(--out)"), r.err());
        assertFalse(r.err().contains("java.nio"), r.err());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void evaluateNamesAPredictionsPathThatIsNoRegularFile() throws Exception {
        Path fifo = dir.resolve("preds.jsonl");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
                "mkfifo is not available");
        CliTest.Run r = debias("evaluate", "--predictions", fifo.toString(), "--label-field", "label", "--group-field",
                "gender", "--out",
                dir.resolve("ev").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains(fifo + ": is not a regular file") && r.err().contains("--predictions"), r.err());
        assertFalse(r.err().contains("no such file"), r.err());
    }
}
