package dev.debias.finetune.train;

import dev.debias.finetune.load.PretrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What {@link FineTuner#run()} checks before it reads or writes anything: a model that is itself a run
 * directory finished.
 */
final class RunPreflight {
    private RunPreflight() {}

    /**
     * Checks {@code config} and {@code runDir}, then creates {@code runDir}.
     *
     * @param resume whether the run continues the one in {@code runDir} (which then must be a run)
     * @throws dev.debias.core.InvalidInputException naming the path and what was expected there
     */
    static void check(TrainConfig config, Path runDir, boolean resume) throws IOException {
        if (!config.model().equals(PretrainedModel.MINILM) && isDirectory(config.model())) {
            RunDescription.requireFinished(Path.of(config.model()));
        }
        Files.createDirectories(runDir);
    }

    private static boolean isDirectory(String spec) {
        try {
            return Files.isDirectory(Path.of(spec));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
