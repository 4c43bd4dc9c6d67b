package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.finetune.testing.TinyBert;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debias bench inprocess} on the tiny BERT: the ratio of the last run to the first, and no files left. */
class BenchInProcessTest {
    @TempDir
    Path dir;

    @Test
    void reportsTheLastRunAgainstTheFirstAndCleansUp() throws Exception {
        Path model = TinyBert.writeModel(dir.resolve("tiny"), 3);
        Path work = dir.resolve("bench");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "bench", "inprocess", "--runs", "3",
                "--records", "16", "--max-length", "16", "--model", model.toString(), "--work-dir", work.toString());
        assertEquals(ExitCodes.OK, code, err.toString());
        String json = out.toString().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        JsonNode n = new ObjectMapper().readTree(json);
        assertTrue(n.path("ratios").path("run3_vs_run1").asDouble() > 0, json);
        assertEquals(3, n.path("rows").size(), json);
        assertTrue(n.path("facts").has("direct_bytes_after_run3"), json);
        try (Stream<Path> files = Files.list(work)) {
            assertEquals(0, files.count(), "the benchmark removes its files");
        }
    }
}
