package dev.debias.finetune.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.core.AtomicFile;
import dev.debias.core.FileTrees;
import dev.debias.core.InvalidInputException;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The checkpoint of a run directory: the model and optimizer state after the last completed epoch, in
 * {@code checkpoint/} ({@value #MODEL}, {@value #OPTIMIZER}, {@value #STATE}), swapped in whole so that a
 * kill at any moment leaves one complete checkpoint; and {@code metrics.jsonl}, which is derived from the
 * state and rewritten with it.
 */
final class Checkpoints {
    /** The model's weights in a checkpoint. */
    static final String MODEL = "model.safetensors";
    /** The optimizer's moments in a checkpoint. */
    static final String OPTIMIZER = "optimizer.safetensors";
    /** The {@link TrainingState} in a checkpoint. */
    static final String STATE = "state.json";
    private static final String CHECKPOINT = "checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path runDir;

    /** The checkpoint of {@code runDir}. */
    Checkpoints(Path runDir) {
        this.runDir = runDir;
    }

    /**
     * Writes the epoch's checkpoint as a whole: into {@code checkpoint-next/} (state last), then
     * {@code checkpoint/} becomes {@code checkpoint-prev/}, {@code checkpoint-next/} becomes
     * {@code checkpoint/}, and the previous one is removed; then {@code metrics.jsonl} from the state's
     * history.
     */
    void write(Weights model, Weights optimizer, TrainingState s) throws IOException {
        Path current = runDir.resolve(CHECKPOINT);
        Path next = runDir.resolve(CHECKPOINT + "-next");
        Path prev = runDir.resolve(CHECKPOINT + "-prev");
        FileTrees.delete(next);
        Files.createDirectories(next);
        SafeTensors.write(next.resolve(MODEL), model);
        SafeTensors.write(next.resolve(OPTIMIZER), optimizer);
        AtomicFile.write(next.resolve(STATE), JSON.writeValueAsBytes(s));
        FileTrees.delete(prev);
        if (Files.exists(current)) {
            Files.move(current, prev, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(next, current, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(prev);
        // derived from the state, so rewritten whole from it; a resumed run rewrites it again
        StringBuilder lines = new StringBuilder();
        for (EpochMetrics m : s.history()) {
            lines.append(new ObjectMapper().writeValueAsString(m)).append('\n');
        }
        AtomicFile.write(runDir.resolve(FineTuner.METRICS), lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The last complete checkpoint: {@code checkpoint/}, or the one a kill left mid-swap; null when none. */
    Path latest() {
        for (String name : List.of(CHECKPOINT, CHECKPOINT + "-next", CHECKPOINT + "-prev")) {
            Path dir = runDir.resolve(name);
            if (Files.isRegularFile(dir.resolve(STATE))) {
                return dir;
            }
        }
        return null;
    }

    /**
     * The state of the {@link #latest()} checkpoint, or null when there is none.
     *
     * @throws InvalidInputException when the run started on other data than {@code trainSha} and {@code evalSha}
     */
    TrainingState readState(String trainSha, String evalSha) throws IOException {
        Path dir = latest();
        if (dir == null) {
            return null;
        }
        TrainingState s = JSON.readValue(dir.resolve(STATE).toFile(), TrainingState.class);
        if (!s.trainSha().equals(trainSha) || !s.evalSha().equals(evalSha)) {
            throw new InvalidInputException(runDir + ": the training or evaluation data changed since the run "
                    + "started; start a new run instead of resuming");
        }
        return s;
    }
}
