package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./debias} launcher as a user runs it, against the jar this build packaged. */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    private Result launch(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("debias").toString());
        cmd.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher finished");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpRunsWithoutRebuildingAndListsTheSubcommands() throws Exception {
        Result r = launch("--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("generate"), r.out());
        assertTrue(r.out().contains("corpus"), r.out());
        assertFalse(r.err().contains("building"), "the fresh jar is used as is: " + r.err());
    }

    @Test
    void generateThenReadAMalformedFileGivesExitOneNamingTheLine() throws Exception {
        Result gen = launch("generate", "bios", "--n", "50", "--seed", "3", "--out", "bios.jsonl");
        assertEquals(0, gen.code(), gen.err());
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("bios.jsonl")));
        assertEquals(50, lines.size());
        lines.set(2, "{\"id\": \"x\", \"text\": ");
        Files.write(dir.resolve("broken.jsonl"), lines);
        Result bad = launch("corpus", "stats", "broken.jsonl");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("broken.jsonl:3:"), bad.err());
    }
}
