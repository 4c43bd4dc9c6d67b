package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --precision} of finetune and predict: bf16 is recorded in run.json, predict may override it, bad values are named. */
class PrecisionOptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void bf16IsRecordedPredictCanOverrideItAndAnUnknownValueIsNamed() throws Exception {
        TinyBert.Toy toy = TinyBert.toy(dir);
        Path run = dir.resolve("run");
        CliTest.Run r = FinetuneCommandTest.debias("finetune", "--model", toy.model().toString(), "--train",
                toy.train().toString(), "--eval", toy.eval().toString(), "--epochs", "1", "--max-length", "32",
                "--precision", "bf16", "--out", run.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode json = JSON.readTree(run.resolve("run.json").toFile());
        assertEquals("bf16", json.get("config").get("precision").asText());
        assertTrue(json.get("mixed_precision").asBoolean());

        Path out = dir.resolve("p.jsonl");
        CliTest.Run p = FinetuneCommandTest.debias("predict", "--model", run.toString(), "--input", toy.eval().toString(),
                "--id-field", "id", "--precision", "fp32", "--out", out.toString());
        assertEquals(ExitCodes.OK, p.code(), p.err());
        assertEquals(60, Files.readAllLines(out).size());

        CliTest.Run bad = FinetuneCommandTest.debias("finetune", "--model", toy.model().toString(), "--train",
                toy.train().toString(), "--eval", toy.eval().toString(), "--precision", "fp16", "--out",
                dir.resolve("bad").toString());
        assertNotEquals(ExitCodes.OK, bad.code());
        assertTrue(bad.err().contains("precision 'fp16' is unknown; use fp32, bf16 or auto"), bad.err());
        assertTrue(Files.notExists(dir.resolve("bad")), "nothing is written for a bad setting");
    }
}
