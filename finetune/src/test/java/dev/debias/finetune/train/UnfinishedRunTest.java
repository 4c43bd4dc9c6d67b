package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.core.Setting;
import dev.debias.finetune.testing.TinyBert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that did not finish says so in its run.json ({@code "finished": false}), and every consumer
 * (prediction, sentence vectors, a fine-tuning that starts from it) refuses it, naming the run directory
 * and {@link Setting#RESUME}; once resumed to the end it says {@code true} and loads. A run.json from before
 * the key existed reads as finished.
 */
class UnfinishedRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TrainConfig twoEpochs;

    @BeforeAll
    static void toy() throws IOException {
        // small corpora: a few batches an epoch keep the test fast
        Path train = TinyBert.write(shared.resolve("small-train.jsonl"), TinyBert.toy("t", 48, 1, 2));
        Path eval = TinyBert.write(shared.resolve("small-eval.jsonl"), TinyBert.toy("e", 16, 2, 2));
        twoEpochs = FineTunerTest.with(TinyBert.toy(shared).config(), 2, null, false, 1).toBuilder().setTrain(train)
                .setEval(eval).build();
    }

    private static JsonNode finished(Path run) throws IOException {
        return JSON.readTree(run.resolve(RunDescription.FILE).toFile()).get("finished");
    }

    private static void assertRefused(Path run) {
        String m = assertThrows(InvalidInputException.class, () -> Predictor.load(run).close()).getMessage();
        assertTrue(m.contains(run.toString()) && m.contains("did not finish") && m.contains(Setting.RESUME.mention()),
                m);
        m = assertThrows(InvalidInputException.class, () -> SentenceEncoder.load(run.toString()).close()).getMessage();
        assertTrue(m.contains(run.toString()) && m.contains(Setting.RESUME.mention()), m);
        TrainConfig fromIt = twoEpochs.toBuilder().setModel(run.toString()).build();
        Path next = run.resolveSibling(run.getFileName() + "-next");
        m = assertThrows(InvalidInputException.class, () -> FineTunerTest.run(fromIt, next)).getMessage();
        assertTrue(m.contains(run.toString()) && m.contains(Setting.RESUME.mention()), m);
        assertFalse(Files.exists(next), "refused before anything was written");
    }

    private static void assertLoads(Path run) throws IOException {
        assertEquals(true, finished(run).booleanValue());
        try (Predictor p = Predictor.load(run)) {
            assertEquals(1, p.predict(List.of("apple apple")).length);
        }
        SentenceEncoder.load(run.toString()).close();
    }

    @Test
    void killedWithSigkillAfterEpochOneIsRefusedUntilResumed() throws Exception {
        Path run = dir.resolve("run");
        Path settings = dir.resolve("settings.json");
        JSON.writeValue(settings.toFile(), twoEpochs.asMap());
        Path log = dir.resolve("child.log");
        Process child = ResumeChild.start(settings, run, "200", log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            Path state = run.resolve("checkpoint/state.json");
            boolean killed = false;
            while (System.nanoTime() < deadline && child.isAlive() && !killed) {
                if (Files.isRegularFile(state) && Files.isRegularFile(run.resolve(FineTuner.WEIGHTS))) {
                    child.destroyForcibly();
                    killed = true;
                }
                Thread.sleep(5);
            }
            if (!killed) {
                fail("the child never finished an epoch (alive: " + child.isAlive() + ")\n" + Files.readString(log));
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL:\n" + Files.readString(log));
        assertEquals(1, JSON.readTree(run.resolve("checkpoint/state.json").toFile()).get("epoch").asInt(),
                "killed after epoch 1 of 2");
        // the killed run has the best weights so far, but says it did not finish
        assertEquals(false, finished(run).booleanValue());
        assertFalse(RunDescription.read(run.resolve(RunDescription.FILE)).isFinished());
        assertRefused(run);

        RunResult r = FineTuner.resume(run, ProgressListener.NONE);
        assertEquals(1, r.resumedFromEpoch());
        assertLoads(run);
    }

    @Test
    void interruptedInTheFirstEpochIsRefusedUntilResumed() throws Exception {
        Path run = dir.resolve("early");
        ProgressListener stop = new ProgressListener() {
            @Override
            public void start(String task, long total, String unit) {}

            @Override
            public void advance(long units) {
                throw new IllegalStateException("interrupted by the test");
            }

            @Override
            public void finish() {}
        };
        assertThrows(IllegalStateException.class,
                () -> FineTuner.builder().setConfig(twoEpochs).setRunDir(run).optProgress(stop).build().run());
        assertEquals(false, finished(run).booleanValue());
        assertRefused(run);
        FineTuner.resume(run, ProgressListener.NONE);
        assertLoads(run);
    }

    @Test
    void aFinishedRunSaysSoAndAnOldRunJsonWithoutTheKeyReadsAsFinished() throws Exception {
        Path run = dir.resolve("done");
        FineTunerTest.run(twoEpochs, run);
        assertLoads(run);
        // a run.json written before the key existed: the same run, read as finished, written back without it
        String json = Files.readString(run.resolve(RunDescription.FILE));
        String old = json.replace(",\n  \"finished\" : true", "");
        assertFalse(old.contains("finished"), old);
        Files.writeString(run.resolve(RunDescription.FILE), old);
        RunDescription d = RunDescription.read(run.resolve(RunDescription.FILE));
        assertTrue(d.isFinished());
        assertEquals(old, new String(d.toJson(), java.nio.charset.StandardCharsets.UTF_8));
        Predictor.load(run).close();
        // a value that is not a boolean is refused, naming the key
        Files.writeString(run.resolve(RunDescription.FILE), json.replace("\"finished\" : true", "\"finished\" : \"no\""));
        String m = assertThrows(InvalidInputException.class, () -> Predictor.load(run).close()).getMessage();
        assertTrue(m.contains("'finished'") && m.contains(RunDescription.FILE), m);
    }
}
