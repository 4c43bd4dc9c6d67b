package dev.debias.finetune.train;

import dev.debias.corpus.ReadReport;
import java.nio.file.Path;
import java.util.List;

/**
 * What a fine-tuning run produced.
 *
 * @param runDir the run directory
 * @param labels the label vocabulary, in index order
 * @param epochs per-epoch metrics, in order
 * @param bestEpoch the epoch whose weights the run keeps
 * @param stoppedEarly whether early stopping ended the run
 * @param truncatedTrain training texts truncated to the maximum length
 * @param truncatedEval evaluation texts truncated
 * @param resumedFromEpoch the last completed epoch a resumed run started after, or 0
 * @param trainRead what reading the training corpus skipped ({@link DataOptions#skipInvalid()}); never null
 * @param evalRead what reading the evaluation corpus skipped; never null
 */
public record RunResult(Path runDir, List<String> labels, List<EpochMetrics> epochs, int bestEpoch, boolean stoppedEarly,
        long truncatedTrain, long truncatedEval, int resumedFromEpoch, ReadReport trainRead, ReadReport evalRead) {
    public RunResult {
        labels = List.copyOf(labels);
        epochs = List.copyOf(epochs);
    }

    /** The best epoch's metrics. */
    public EpochMetrics best() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst().orElseThrow();
    }
}
