package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint swap, finding the last complete checkpoint, the state file and metrics.jsonl. */
class CheckpointsTest {
    @TempDir
    Path dir;

    private static Weights tensor(String name, float... values) {
        Weights w = new Weights();
        w.put(name, new long[] {values.length}, values);
        return w;
    }

    private static EpochMetrics epoch(int e, boolean best) {
        return new EpochMetrics(e, 10L * e, 1.0 / e, 2.0 / e, 0.5 + e / 10.0, 0.4 + e / 10.0, 1.5, best);
    }

    private static TrainingState state(int epoch, List<EpochMetrics> history) {
        return new TrainingState(epoch, 10L * epoch, 0.4 + epoch / 10.0, epoch, 0, false, history, "aa", "bb");
    }

    @Test
    void eachWriteReplacesTheCheckpointWholeAndRewritesTheMetrics() throws Exception {
        Checkpoints c = new Checkpoints(dir);
        assertNull(c.latest());
        assertNull(c.readState("aa", "bb"), "no checkpoint: nothing to resume");

        TrainingState one = state(1, List.of(epoch(1, true)));
        c.write(tensor("w", 1f, 2f), tensor("m.w", 0.5f), one);
        assertEquals(dir.resolve("checkpoint"), c.latest());
        assertEquals(one, c.readState("aa", "bb"));
        assertArrayEquals(new float[] {1f, 2f}, SafeTensors.read(dir.resolve("checkpoint/model.safetensors")).get("w").data());
        assertEquals(1, Files.readAllLines(dir.resolve(FineTuner.METRICS)).size());

        TrainingState two = state(2, List.of(epoch(1, true), epoch(2, true)));
        c.write(tensor("w", 3f, 4f), tensor("m.w", 0.25f), two);
        assertEquals(two, c.readState("aa", "bb"));
        assertArrayEquals(new float[] {3f, 4f}, SafeTensors.read(dir.resolve("checkpoint/model.safetensors")).get("w").data());
        assertArrayEquals(new float[] {0.25f},
                SafeTensors.read(dir.resolve("checkpoint/optimizer.safetensors")).get("m.w").data());
        assertFalse(Files.exists(dir.resolve("checkpoint-next")));
        assertFalse(Files.exists(dir.resolve("checkpoint-prev")));
        List<String> lines = Files.readAllLines(dir.resolve(FineTuner.METRICS));
        assertEquals(List.of("{\"epoch\":1,\"steps\":10,\"trainLoss\":1.0,\"evalLoss\":2.0,\"accuracy\":0.6,"
                + "\"macroF1\":0.5,\"seconds\":1.5,\"best\":true}", "{\"epoch\":2,\"steps\":20,\"trainLoss\":0.5,"
                + "\"evalLoss\":1.0,\"accuracy\":0.7,\"macroF1\":0.6000000000000001,\"seconds\":1.5,\"best\":true}"), lines);
    }

    @Test
    void aCheckpointLeftMidSwapIsFoundAndAnIncompleteOneIsNot() throws Exception {
        Checkpoints c = new Checkpoints(dir);
        c.write(tensor("w", 1f), tensor("m.w", 1f), state(1, List.of(epoch(1, true))));
        // killed between the two moves: only checkpoint-next/ holds a state
        Files.move(dir.resolve("checkpoint"), dir.resolve("checkpoint-next"));
        assertEquals(dir.resolve("checkpoint-next"), c.latest());
        // killed after the first move: checkpoint-prev/ is the complete one
        Files.move(dir.resolve("checkpoint-next"), dir.resolve("checkpoint-prev"));
        assertEquals(dir.resolve("checkpoint-prev"), c.latest());
        assertEquals(1, c.readState("aa", "bb").epoch());
        // a checkpoint/ without state.json (killed while writing it) does not count
        Files.createDirectories(dir.resolve("checkpoint"));
        Files.writeString(dir.resolve("checkpoint/model.safetensors"), "partial");
        assertEquals(dir.resolve("checkpoint-prev"), c.latest());
        // the next write cleans up whatever a kill left behind
        c.write(tensor("w", 2f), tensor("m.w", 2f), state(2, List.of(epoch(1, true), epoch(2, false))));
        assertEquals(dir.resolve("checkpoint"), c.latest());
        assertEquals(2, c.readState("aa", "bb").epoch());
        assertFalse(Files.exists(dir.resolve("checkpoint-prev")));
    }

    @Test
    void otherDataThanTheRunStartedOnIsRefused() throws Exception {
        Checkpoints c = new Checkpoints(dir);
        c.write(tensor("w", 1f), tensor("m.w", 1f), state(1, List.of(epoch(1, true))));
        String m = assertThrows(InvalidInputException.class, () -> c.readState("aa", "changed")).getMessage();
        assertTrue(m.contains("the training or evaluation data changed since the run started"), m);
        assertThrows(InvalidInputException.class, () -> c.readState("changed", "bb"));
    }

    @Test
    void aStateFileOfTheFirstReleaseReads() throws Exception {
        // as FineTuner's nested State record wrote it
        Files.createDirectories(dir.resolve("checkpoint"));
        Files.writeString(dir.resolve("checkpoint/state.json"), """
                {
                  "epoch" : 1,
                  "step" : 13,
                  "bestValue" : 0.10349992925863044,
                  "bestEpoch" : 1,
                  "badEpochs" : 0,
                  "stopped" : false,
                  "history" : [ {
                    "epoch" : 1,
                    "steps" : 13,
                    "trainLoss" : 2.0462458992004393,
                    "evalLoss" : 2.0252080249786375,
                    "accuracy" : 0.16,
                    "macroF1" : 0.10349992925863044,
                    "seconds" : 137.830650364,
                    "best" : true
                  } ],
                  "trainSha" : "ab50",
                  "evalSha" : "c7c0"
                }""");
        TrainingState s = new Checkpoints(dir).readState("ab50", "c7c0");
        assertEquals(new TrainingState(1, 13, 0.10349992925863044, 1, 0, false, List.of(new EpochMetrics(1, 13,
                2.0462458992004393, 2.0252080249786375, 0.16, 0.10349992925863044, 137.830650364, true)), "ab50", "c7c0"), s);
    }
}
