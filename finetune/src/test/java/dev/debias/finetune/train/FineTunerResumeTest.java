package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
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
 * A run interrupted after (or during) an epoch and resumed ends exactly as the uninterrupted run:
 * the same model bytes, checkpoint and metrics (but the wall-clock seconds).
 */
class FineTunerResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILES = List.of("model.safetensors", "checkpoint/model.safetensors",
            "checkpoint/optimizer.safetensors");

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TinyBert.Toy toy;
    private static TrainConfig config;
    private static Path reference;
    private static RunResult referenceResult;

    @BeforeAll
    static void uninterrupted() throws IOException {
        toy = TinyBert.toy(shared);
        config = FineTunerTest.with(toy.config(), 3, null, false, 1);
        reference = shared.resolve("reference");
        referenceResult = FineTunerTest.run(config, reference);
        assertEquals(3, referenceResult.epochs().size());
    }

    /** Stops the run by throwing from the progress listener at a chosen point. */
    private static final class Interrupt extends RuntimeException {
        Interrupt() {
            super("interrupted by the test");
        }
    }

    private static ProgressListener stopAt(int epoch, int afterBatches) {
        return new ProgressListener() {
            int current;
            int done;

            @Override
            public void start(String task, long total, String unit) {
                current = Integer.parseInt(task.substring("epoch ".length(), task.indexOf('/')));
                done = 0;
                if (current == epoch && afterBatches == 0) {
                    throw new Interrupt();
                }
            }

            @Override
            public void advance(long units) {
                done += (int) units;
                if (current == epoch && done == afterBatches) {
                    throw new Interrupt();
                }
            }

            @Override
            public void finish() {}
        };
    }

    private static int stateEpoch(Path runDir) throws IOException {
        return JSON.readTree(runDir.resolve("checkpoint/state.json").toFile()).get("epoch").asInt();
    }

    private static void assertSameAsReference(Path runDir, RunResult r) throws IOException {
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(runDir.resolve(f)), f);
        }
        assertEquals(FineTunerTest.metricsWithoutTime(reference), FineTunerTest.metricsWithoutTime(runDir));
        assertEquals(referenceResult.bestEpoch(), r.bestEpoch());
        assertEquals(referenceResult.labels(), r.labels());
        assertEquals(3, r.epochs().size());
        for (int i = 0; i < 3; i++) {
            EpochMetrics a = referenceResult.epochs().get(i);
            EpochMetrics b = r.epochs().get(i);
            assertEquals(a.trainLoss(), b.trainLoss(), "epoch " + (i + 1));
            assertEquals(a.evalLoss(), b.evalLoss());
            assertEquals(a.accuracy(), b.accuracy());
            assertEquals(a.steps(), b.steps());
        }
    }

    private static void assertCloseToReference(Path runDir, RunResult r) throws IOException {
        for (String f : FILES) {
            var expected = dev.debias.finetune.model.SafeTensors.read(reference.resolve(f));
            var actual = dev.debias.finetune.model.SafeTensors.read(runDir.resolve(f));
            assertEquals(expected.all().keySet(), actual.all().keySet(), f);
            double max = 0;
            for (var e : expected.all().entrySet()) {
                float[] a = e.getValue().data();
                float[] b = actual.get(e.getKey()).data();
                for (int i = 0; i < a.length; i++) {
                    max = Math.max(max, Math.abs(a[i] - b[i]));
                }
            }
            assertTrue(max <= 1e-4, f + ": max difference " + max);
        }
        assertEquals(referenceResult.bestEpoch(), r.bestEpoch());
        assertEquals(3, r.epochs().size());
        for (int i = 0; i < 3; i++) {
            EpochMetrics a = referenceResult.epochs().get(i);
            EpochMetrics b = r.epochs().get(i);
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-4, "epoch " + (i + 1));
            assertEquals(a.evalLoss(), b.evalLoss(), 1e-4);
            assertEquals(a.accuracy(), b.accuracy());
            assertEquals(a.steps(), b.steps());
        }
    }

    @Test
    void interruptedAfterEpochOneInProcessThenResumed() throws Exception {
        Path run = dir.resolve("run");
        assertThrows(Interrupt.class, () -> FineTuner.builder().setConfig(config).setRunDir(run)
                .optProgress(stopAt(2, 0)).build().run());
        assertEquals(1, stateEpoch(run));
        assertEquals(1, TinyBert.lines(run.resolve("metrics.jsonl")).size());
        RunResult r = FineTuner.resume(run, ProgressListener.NONE);
        assertEquals(1, r.resumedFromEpoch());
        assertSameAsReference(run, r);
    }

    @Test
    void interruptedInTheMiddleOfEpochTwoInProcessThenResumed() throws Exception {
        Path run = dir.resolve("run");
        assertThrows(Interrupt.class, () -> FineTuner.builder().setConfig(config).setRunDir(run)
                .optProgress(stopAt(2, 6)).build().run());
        assertEquals(1, stateEpoch(run));
        // the half epoch is lost: the checkpoint still holds epoch 1
        RunResult r = FineTuner.resume(run, ProgressListener.NONE);
        assertEquals(1, r.resumedFromEpoch());
        assertSameAsReference(run, r);
    }

    @Test
    void interruptedInTheFirstEpochResumeStartsOver() throws Exception {
        Path run = dir.resolve("run");
        assertThrows(Interrupt.class, () -> FineTuner.builder().setConfig(config).setRunDir(run)
                .optProgress(stopAt(1, 4)).build().run());
        assertFalse(Files.exists(run.resolve("checkpoint/state.json")));
        RunResult r = FineTuner.resume(run, ProgressListener.NONE);
        assertEquals(0, r.resumedFromEpoch());
        assertSameAsReference(run, r);
    }

    @Test
    void killedWithSigkillInAChildJvmThenResumedInProcess() throws Exception {
        Path run = dir.resolve("run");
        Path settings = dir.resolve("settings.json");
        JSON.writeValue(settings.toFile(), config.asMap());
        Path log = dir.resolve("child.log");
        Process child = ResumeChild.start(settings, run, "60", log);
        int killedAt = -1;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            Path state = run.resolve("checkpoint/state.json");
            while (System.nanoTime() < deadline && child.isAlive()) {
                if (Files.isRegularFile(state)) {
                    int epoch = stateEpoch(run);
                    if (epoch >= 1) {
                        child.destroyForcibly();
                        killedAt = epoch;
                        break;
                    }
                }
                Thread.sleep(5);
            }
            if (killedAt < 0) {
                fail("the child never finished an epoch (alive: " + child.isAlive() + ")\n" + Files.readString(log));
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL:\n" + Files.readString(log));
        assertFalse(Files.readString(log).contains("finished"), Files.readString(log));
        int epoch = stateEpoch(run);
        assertTrue(epoch >= 1 && epoch < 3, "killed mid-run, after epoch " + epoch);
        // metrics.jsonl is derived from the checkpoint and written after it, so a kill between the two
        // leaves it one epoch behind or not yet there; the resume rewrites it from the state
        Path metrics = run.resolve("metrics.jsonl");
        assertTrue(!Files.exists(metrics) || TinyBert.lines(metrics).size() >= epoch - 1);

        RunResult r = FineTuner.resume(run, ProgressListener.NONE);
        assertEquals(epoch, r.resumedFromEpoch());
        // The first epochs ran in another JVM: PyTorch's CPU kernels may round differently with differently
        // aligned buffers, so across processes the weights agree to float rounding, not bit for bit (the
        // in-process resume tests check the bytes).
        assertCloseToReference(run, r);
    }

    @Test
    void resumingAFinishedRunChangesNothing() throws Exception {
        Path run = dir.resolve("run");
        FineTunerTest.run(config, run);
        byte[] model = Files.readAllBytes(run.resolve("model.safetensors"));
        String metrics = Files.readString(run.resolve("metrics.jsonl"));
        byte[] runJson = Files.readAllBytes(run.resolve("run.json"));
        byte[] sidecar = Files.readAllBytes(run.resolve("model.safetensors.provenance.json"));
        RunResult r = FineTuner.resume(run, ProgressListener.NONE);
        assertArrayEquals(runJson, Files.readAllBytes(run.resolve("run.json")));
        assertArrayEquals(sidecar, Files.readAllBytes(run.resolve("model.safetensors.provenance.json")));
        assertEquals(3, r.resumedFromEpoch());
        assertEquals(3, r.epochs().size());
        assertArrayEquals(model, Files.readAllBytes(run.resolve("model.safetensors")));
        assertEquals(metrics, Files.readString(run.resolve("metrics.jsonl")));
        assertSameAsReference(run, r);
    }

    @Test
    void resumingAfterTheDataChangedIsRefused() throws Exception {
        Path train = TinyBert.write(dir.resolve("train.jsonl"), TinyBert.toy("t", 200, 1, 2));
        TrainConfig c = FineTunerTest.withData(config, train);
        Path run = dir.resolve("run");
        assertThrows(Interrupt.class, () -> FineTuner.builder().setConfig(c).setRunDir(run).optProgress(stopAt(2, 0))
                .build().run());
        Files.writeString(train, Files.readString(train).replace("apple", "banana"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FineTuner.resume(run, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("the training or evaluation data changed since the run started"),
                e.getMessage());
    }

    @Test
    void resumingSomethingThatIsNoRunIsRefused() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FineTuner.resume(dir, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("no run.json; not a debias run directory"), e.getMessage());
    }

    @Test
    void killedWhileWritingTheNextCheckpointResumesFromTheLastCompleteOne() throws Exception {
        // epoch 2's checkpoint, as another (deterministic) run wrote it
        Path two = dir.resolve("two");
        assertThrows(Interrupt.class, () -> FineTuner.builder().setConfig(config).setRunDir(two)
                .optProgress(stopAt(3, 0)).build().run());
        assertEquals(2, stateEpoch(two));
        // a run killed while writing epoch 2's checkpoint: its weights and moments are in checkpoint-next/,
        // its state is not; checkpoint/ still holds epoch 1
        Path run = dir.resolve("run");
        assertThrows(Interrupt.class, () -> FineTuner.builder().setConfig(config).setRunDir(run)
                .optProgress(stopAt(2, 0)).build().run());
        Files.createDirectories(run.resolve("checkpoint-next"));
        for (String f : List.of("model.safetensors", "optimizer.safetensors")) {
            Files.copy(two.resolve("checkpoint").resolve(f), run.resolve("checkpoint-next").resolve(f));
        }
        assertEquals(1, stateEpoch(run));
        assertSameAsReference(run, FineTuner.resume(run, ProgressListener.NONE));
    }

    @Test
    void killedBetweenTheTwoMovesResumesFromTheNewCheckpoint() throws Exception {
        // the kill came after checkpoint/ became checkpoint-prev/ and before checkpoint-next/ became checkpoint/
        Path run = dir.resolve("moved");
        assertThrows(Interrupt.class, () -> FineTuner.builder().setConfig(config).setRunDir(run)
                .optProgress(stopAt(3, 0)).build().run());
        Files.move(run.resolve("checkpoint"), run.resolve("checkpoint-next"));
        assertSameAsReference(run, FineTuner.resume(run, ProgressListener.NONE));
    }
}
