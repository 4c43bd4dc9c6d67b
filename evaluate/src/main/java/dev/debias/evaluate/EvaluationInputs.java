package dev.debias.evaluate;

import dev.debias.core.Hashing;
import dev.debias.core.InvalidInputException;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.RunDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The input files of an {@link Evaluator}: each checked, hashed and recorded, and the run it evaluates. */
final class EvaluationInputs {
    private EvaluationInputs() {}

    /**
     * Hashes every file of {@code files} (role to path; null paths are skipped) into {@code inputs} as
     * {@code role:name} and records its path in {@code config} under its role.
     *
     * @throws InvalidInputException for a path that is not a regular file
     */
    static void hashAll(Map<String, Path> files, Map<String, String> inputs, Map<String, String> config)
            throws IOException {
        for (var f : files.entrySet()) {
            if (f.getValue() == null) {
                continue;
            }
            // each is hashed, then read: a pipe or device could be read only once
            String found = dev.debias.corpus.CorpusReaders.unreadable(f.getValue());
            if (found != null) {
                throw new InvalidInputException(f.getValue() + ": " + found + "; expected a corpus (a file, a folder "
                        + "of shards or a glob of them: the --" + f.getKey() + " corpus)");
            }
            inputs.put(f.getKey() + ":" + f.getValue().getFileName(), Hashing.sha256(f.getValue()));
            config.put(f.getKey(), f.getValue().toString());
        }
    }

    /** The description of a finished run directory; throws {@link InvalidInputException} for anything else. */
    static RunDescription readRun(Path runDir) throws IOException {
        Path runJson = runDir.resolve(FineTuner.RUN_JSON);
        if (!Files.isRegularFile(runJson)) {
            throw new InvalidInputException(runJson + ": missing; is " + runDir + " a finished debias finetune run?");
        }
        RunDescription.requireFinished(runDir);
        return RunDescription.read(runJson);
    }

    /**
     * Records per label in the training corpus, for the sanity check's majority class (the class a
     * model that ignores its input would predict is the training data's, not the test set's).
     *
     * Invalid records are skipped, and said so in {@code warnings}, when {@code skipInvalid}.
     *
     * @throws InvalidInputException naming the record when one has no label
     */
    static Map<String, Long> trainLabelCounts(Path train, String textField, String labelField, boolean skipInvalid,
            List<String> warnings) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        try (RecordReader r = CorpusReaders.open(train, ReadOptions.defaults()
                .withFields(new FieldMapping(textField, labelField, List.of(), null)).withSkipInvalid(skipInvalid))) {
            while (r.hasNext()) {
                Record rec = r.next();
                String label = rec.optLabel().orElseThrow(() -> new InvalidInputException(train.getFileName()
                        + ": training record " + rec.id() + " has no label"));
                counts.merge(label, 1L, Long::sum);
            }
            InputPredictions.warnSkipped(r, warnings);
        }
        return counts;
    }

    /**
     * Refuses a regression run: its predictions are numbers, which the group metrics and the flip test of
     * classes do not measure.
     *
     * @throws InvalidInputException naming {@code model} when {@code predictor} (null for none) predicts numbers
     */
    static void requireClasses(dev.debias.finetune.train.Predictor predictor, Path model) {
        if (predictor != null && predictor.task() != dev.debias.finetune.train.Task.CLASSIFICATION) {
            throw new InvalidInputException(model + ": a regression run predicts numbers, which the group metrics "
                    + "and the flip test of classes do not measure; score its predictions with the regression measures");
        }
    }
}
