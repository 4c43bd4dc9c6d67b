package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.corpus.Record;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debias upstream} end to end on the tiny model: its output, its model directory in finetune and intrinsic. */
class UpstreamCommandTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TinyBert.Toy toy;
    private static Path corpus;

    @BeforeAll
    static void setUp() throws Exception {
        toy = TinyBert.toy(shared);
        SplittableRandom r = new SplittableRandom(3);
        List<String> things = List.of("dog", "cat", "car", "house", "book", "tree");
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            boolean she = i % 2 == 0;
            String text = (she ? "She likes her " : "He likes his ") + things.get(r.nextInt(things.size()))
                    + ". It is a " + things.get(r.nextInt(things.size())) + ".";
            records.add(TinyBert.record("r" + i, text, "x", Map.of()));
        }
        corpus = TinyBert.write(shared.resolve("corpus.jsonl"), records);
    }

    private static String[] args(String method, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("upstream", "--model", toy.model().toString(), "--method", method,
                "--corpus", corpus.toString(), "--pairs", "30", "--held-out", "10", "--neutral", "20", "--max-length", "32",
                "--bootstrap", "50", "--seat", "builtin:gender-career-family-words", "--steps", "10", "--lr", "1e-3",
                "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void inlpPrintsItsIterationsAndTheModelFineTunes() throws Exception {
        Path out = dir.resolve("inlp");
        CliTest.Run r = CliTest.debias(args("inlp", out, "--iterations", "5"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("INLP probe accuracy"), r.out());
        assertTrue(r.out().contains("iteration  0"), r.out());
        assertTrue(r.out().contains("embedding gap (1 - cos), held-out pairs"), r.out());
        assertTrue(r.out().contains("SEAT gender-career-family-words"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("upstream.json").toFile());
        assertEquals("inlp", json.get("method").asText());
        assertEquals("nullspace", json.get("diagnostics").get("kind").asText());
        assertEquals("5", json.get("parameters").get("inlp_iterations").asText());
        assertEquals("mean", json.get("pooling").asText());
        assertTrue(json.get("before").get("gap").get("mean_cosine_distance").get("value").isNumber());

        CliTest.Run ft = CliTest.debias("finetune", "--model", out.toString(), "--train", toy.train().toString(),
                "--eval", toy.eval().toString(), "--id-field", "id", "--epochs", "1", "--max-length", "32", "--lr", "5e-3",
                "--device", "cpu", "--out", dir.resolve("run").toString());
        assertEquals(0, ft.code(), ft.err());
        // a projection learned on mean-pooled vectors does not go with [CLS] pooling
        CliTest.Run cls = CliTest.debias("finetune", "--model", out.toString(), "--train", toy.train().toString(),
                "--eval", toy.eval().toString(), "--id-field", "id", "--epochs", "1", "--pooling", "cls",
                "--device", "cpu", "--out", dir.resolve("run-cls").toString());
        assertEquals(1, cls.code());
        assertTrue(cls.err().contains("--pooling mean"), cls.err());

        CliTest.Run intrinsic = CliTest.debias("evaluate", "intrinsic", "--model", out.toString(), "--test",
                "builtin:gender-career-family-words");
        assertEquals(0, intrinsic.code(), intrinsic.err());
    }

    @Test
    void pruningPrintsThePrunedUnits() {
        Path out = dir.resolve("heads");
        CliTest.Run r = CliTest.debias(args("prune-heads", out, "--count", "2", "--scoring", "ablation"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*pruned [0-2] of 4 heads \\(ablation scores.*"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
    }

    @Test
    void badInputExitsOneAndSaysWhy() throws Exception {
        CliTest.Run method = CliTest.debias(args("prune", dir.resolve("a")));
        assertEquals(1, method.code());
        assertTrue(method.err().contains("unknown upstream method 'prune'"), method.err());
        assertTrue(method.err().contains("counterfactual-continue"), method.err());

        CliTest.Run scoring = CliTest.debias(args("prune-neurons", dir.resolve("b"), "--scoring", "ablation"));
        assertEquals(1, scoring.code());
        assertTrue(scoring.err().contains("gradient"), scoring.err());

        CliTest.Run count = CliTest.debias(args("prune-heads", dir.resolve("c"), "--count", "0"));
        assertEquals(1, count.code());

        CliTest.Run noOut = CliTest.debias("upstream", "--method", "inlp");
        assertEquals(1, noOut.code());
        assertTrue(noOut.err().contains("--out"), noOut.err());

        CliTest.Run missing = CliTest.debias(args("inlp", dir.resolve("d")).clone());
        assertEquals(0, missing.code(), missing.err());
        CliTest.Run again = CliTest.debias(args("inlp", dir.resolve("d")));
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already holds an upstream model"), again.err());
        // the library's mention of the setting reaches the user as the flag
        assertTrue(again.err().contains("choose another --out or remove it"), again.err());
        assertEquals(0, CliTest.debias(args("inlp", dir.resolve("d"), "--overwrite")).code());

        CliTest.Run help = CliTest.debias("upstream", "--help");
        assertEquals(0, help.code());
        for (String m : List.of("sentence-debias", "inlp", "prune-heads", "prune-neurons", "counterfactual-continue",
                "magnitude-prune", "--context", "--eval-corpus")) {
            assertTrue(help.out().contains(m), m);
        }
    }
}
