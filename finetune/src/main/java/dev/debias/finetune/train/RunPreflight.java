package dev.debias.finetune.train;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.finetune.load.PretrainedModel;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What {@link FineTuner#run()} checks before it reads or writes anything: the corpora are files, the
 * run directory is a new or empty folder or a debias run (never a folder of the user's files, whose
 * {@code config.json} a run would replace), and a model that is itself a run directory finished.
 */
final class RunPreflight {
    private RunPreflight() {}

    /**
     * Checks {@code config} and {@code runDir}, then creates {@code runDir}.
     *
     * @param resume whether the run continues the one in {@code runDir} (which then must be a run)
     * @throws InvalidInputException naming the path and what was expected there
     */
    static void check(TrainConfig config, Path runDir, boolean resume) throws IOException {
        corpus(config.train(), "training corpus", Setting.TRAIN);
        corpus(config.eval(), "evaluation corpus", Setting.EVAL);
        if (!config.model().equals(PretrainedModel.MINILM) && isDirectory(config.model())) {
            RunDescription.requireFinished(Path.of(config.model()));
        }
        if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
            throw new InvalidInputException(runDir + ": is a file, not a folder; give a new or empty folder, or an "
                    + "earlier run, as the run directory (" + Setting.OUT + ")");
        }
        if (!resume && Files.isDirectory(runDir) && !Files.exists(runDir.resolve(RunDescription.FILE))
                && !isEmpty(runDir)) {
            throw new InvalidInputException(runDir + ": the folder is not empty and holds no " + RunDescription.FILE
                    + ", so it is no debias run; a run would replace files there (config.json, tokenizer.json, "
                    + "model.safetensors, metrics.jsonl); give a new or empty folder (" + Setting.OUT + ")");
        }
        try {
            Files.createDirectories(runDir);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(runDir + ": cannot create the run directory: " + e.getFile()
                    + " is a file, not a folder; give a folder that can be created (" + Setting.OUT + ")");
        } catch (FileSystemException e) {
            throw new InvalidInputException(runDir + ": cannot create the run directory: " + e.getFile()
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")") + "; give a folder that can be "
                    + "created (" + Setting.OUT + ")");
        }
    }

    private static void corpus(Path file, String what, Setting setting) {
        String problem = dev.debias.corpus.CorpusReaders.unreadable(file);
        if (problem != null) {
            throw new InvalidInputException(file + ": " + problem + "; expected the " + what + " (a file, a folder "
                    + "of shards or a glob of them; " + setting + ")");
        }
    }

    private static boolean isDirectory(String spec) {
        try {
            return Files.isDirectory(Path.of(spec));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
