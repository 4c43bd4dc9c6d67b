package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.finetune.testing.TinyBert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before it reads or writes anything, a run refuses corpora that are no files, a run directory that is a
 * file, and a non-empty folder that is no run (whose config.json it would replace), naming the path, what
 * was expected and the setting, as bad input rather than a raw file-system exception.
 */
class RunPreflightTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TrainConfig config;

    @BeforeAll
    static void toy() throws IOException {
        // small corpora: a few batches an epoch keep the test fast
        Path train = TinyBert.write(shared.resolve("small-train.jsonl"), TinyBert.toy("t", 48, 1, 2));
        Path eval = TinyBert.write(shared.resolve("small-eval.jsonl"), TinyBert.toy("e", 16, 2, 2));
        config = FineTunerTest.with(TinyBert.toy(shared).config(), 1, null, false, 1).toBuilder().setTrain(train)
                .setEval(eval).build();
    }

    private String refused(TrainConfig c, Path runDir) {
        return assertThrows(InvalidInputException.class, () -> FineTunerTest.run(c, runDir)).getMessage();
    }

    @Test
    void aMissingCorpusIsNamedWithItsSetting() {
        Path missing = dir.resolve("nope.jsonl");
        String m = refused(config.toBuilder().setTrain(missing).build(), dir.resolve("a"));
        assertTrue(m.contains(missing + ": no such file; expected the training corpus")
                && m.contains(Setting.TRAIN.mention()), m);
        m = refused(config.toBuilder().setEval(missing).build(), dir.resolve("b"));
        assertTrue(m.contains(missing + ": no such file; expected the evaluation corpus")
                && m.contains(Setting.EVAL.mention()), m);
        Path nothing = dir.resolve("shards-*.jsonl");
        m = refused(config.toBuilder().setEval(nothing).build(), dir.resolve("c"));
        assertTrue(m.contains(nothing + ": no file matches the pattern; expected the evaluation corpus"), m);
        assertTrue(!Files.exists(dir.resolve("a")) && !Files.exists(dir.resolve("b")), "nothing written");
    }

    @Test
    void aRunDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("out.txt"), "mine");
        String m = refused(config, file);
        assertTrue(m.contains(file + ": is a file, not a folder") && m.contains(Setting.OUT.mention()), m);
        m = refused(config, file.resolve("run"));
        assertTrue(m.contains(file.resolve("run") + ": cannot create the run directory"), m);
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void aNonEmptyFolderThatIsNoRunIsLeftAlone() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        byte[] userConfig = "{\"mine\": true}".getBytes();
        Files.write(mine.resolve("config.json"), userConfig);
        String m = refused(config, mine);
        assertTrue(m.contains(mine + ": the folder is not empty and holds no run.json")
                && m.contains(Setting.OUT.mention()), m);
        assertArrayEquals(userConfig, Files.readAllBytes(mine.resolve("config.json")));
        try (var s = Files.list(mine)) {
            assertEquals(List.of(mine.resolve("config.json")), s.toList());
        }
    }

    @Test
    void anEmptyFolderAndAnEarlierRunAreWrittenTo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        FineTunerTest.run(config, empty);
        assertTrue(Files.isRegularFile(empty.resolve(FineTuner.WEIGHTS)));
        // an earlier run in the folder is the tool's own: a new run replaces it, as before
        FineTunerTest.run(config, empty);
        Predictor.load(empty).close();
    }

    /** A folder of shards and a glob of them train on the records of the one file they were cut from. */
    @Test
    void aFolderOfShardsAndAGlobTrainAsTheFileTheyWereCutFrom() throws Exception {
        List<String> lines = Files.readAllLines(config.train());
        Path shards = Files.createDirectories(dir.resolve("train"));
        Files.write(shards.resolve("part-0.jsonl"), lines.subList(0, 20));
        Files.write(shards.resolve("part-1.jsonl"), lines.subList(20, lines.size()));
        RunResult whole = FineTunerTest.run(config, dir.resolve("whole"));
        RunResult folder = FineTunerTest.run(config.toBuilder().setTrain(shards).build(), dir.resolve("folder"));
        RunResult glob = FineTunerTest.run(config.toBuilder().setTrain(shards.resolve("part-*.jsonl")).build(),
                dir.resolve("glob"));
        assertEquals(losses(whole), losses(folder), "the same records in the same order: the same training");
        assertEquals(losses(whole), losses(glob));
        assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(FineTuner.WEIGHTS)),
                Files.readAllBytes(dir.resolve("glob").resolve(FineTuner.WEIGHTS)));
    }

    private static List<Double> losses(RunResult r) {
        return r.epochs().stream().flatMap(e -> java.util.stream.Stream.of(e.trainLoss(), e.evalLoss())).toList();
    }
}
