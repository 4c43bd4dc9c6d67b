package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.finetune.testing.TinyBert;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debias recipe}: run, list, show, the dry run, and the exit codes of bad recipes and failed steps. */
class RecipeCommandTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path model;

    @BeforeAll
    static void setUp() throws Exception {
        model = TinyBert.writeModel(shared.resolve("tiny"), 1);
    }

    private static String[] quick(String recipe, Path out, String modelSpec) {
        return new String[] {"recipe", "run", recipe, "--model", modelSpec, "--records", "48", "--test-records", "32",
            "--max-length", "32", "--bootstrap", "20", "--out", out.toString()};
    }

    @Test
    void runPrintsEachStepTheReadingAndWhereTheReportIs() throws Exception {
        Path out = dir.resolve("qs");
        CliTest.Run r = CliTest.debias(quick("quickstart", out, model.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[1/10] demo bios train rate=0.9"), r.out());
        assertTrue(r.out().contains("Counterfactual flip rate: original"), r.out());
        assertTrue(r.out().contains("10 steps (0 cached). Report: " + out.resolve("report.html").toAbsolutePath()), r.out());
        assertTrue(Files.isRegularFile(out.resolve("results.csv")));
        assertTrue(Files.readString(out.resolve("recipe.resolved.yaml")).contains("records: 48"));

        CliTest.Run again = CliTest.debias(quick("quickstart", out, model.toString()));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("[7/10] finetune original seed=1 (done, cached)"), again.out());
        assertTrue(again.out().contains("10 steps (10 cached)"), again.out());

        CliTest.Run dry = CliTest.debias(new String[] {"recipe", "run", "quickstart", "--model", model.toString(),
            "--records", "48", "--test-records", "32", "--max-length", "32", "--bootstrap", "20", "--seeds", "1,2",
            "--out", out.toString(), "--dry-run"});
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("14 steps, 10 done:"), dry.out());
        assertTrue(dry.out().contains("finetune two-sided seed=2"), dry.out());
    }

    @Test
    void aFailedStepExitsWithItsErrorAndHowToResume() throws Exception {
        Path out = dir.resolve("fail");
        Path missing = dir.resolve("no-model");
        CliTest.Run r = CliTest.debias(quick("quickstart", out, missing.toString()));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("debias: error: step 'finetune original seed=1' failed: "), r.err());
        assertTrue(r.err().contains("run the same command again: it resumes at this step"), r.err());
        assertFalse(Files.exists(out.resolve("report.html")));
    }

    @Test
    void aNameLeavingTheRunFolderIsBadInputAndADryRunWritesNothing() throws Exception {
        Path f = dir.resolve("esc.yaml");
        Files.writeString(f, "kind: quickstart\nname: ../../../esc\n");
        CliTest.Run r = CliTest.debias("recipe", "run", f.toString(), "--dry-run");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(f + ":2:1: key 'name': '../../../esc' is not a valid recipe name"), r.err());

        Path out = dir.resolve("dry").resolve("run");
        CliTest.Run dry = CliTest.debias("recipe", "run", "quickstart", "--model", model.toString(), "--out",
                out.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("10 steps, 0 done:"), dry.out());
        assertFalse(Files.exists(dir.resolve("dry")), "a dry run creates no directory");
    }

    @Test
    void badRecipesExitWithOneAndSayWhy() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "kind: cooccurrence-sweep\nrates: [0.5, 2]\n");
        CliTest.Run r = CliTest.debias("recipe", "run", f.toString(), "--out", dir.resolve("x").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("recipe bad: rates must lie in [0, 1], got 2.0"), r.err());
        CliTest.Run missing = CliTest.debias("recipe", "run", "quikstart");
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("no recipe 'quikstart'"), missing.err());
    }

    @Test
    void listShowAndHelp() throws Exception {
        CliTest.Run list = CliTest.debias("recipe", "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("measure-agreement"), list.out());
        CliTest.Run show = CliTest.debias("recipe", "show", "pruning-transfer");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().startsWith("# pruning-transfer:"), show.out());
        CliTest.Run resolved = CliTest.debias("recipe", "show", "quickstart", "--resolved");
        assertTrue(resolved.out().contains("seeds:\n  - 1"), resolved.out());
        assertFalse(resolved.out().contains("file: false"), resolved.out());
        CliTest.Run help = CliTest.debias("recipe", "run", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--seeds"), help.out());
    }
}
