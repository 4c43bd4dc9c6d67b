package dev.debias.finetune.train;

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
 */
public record RunResult(Path runDir, List<String> labels, List<EpochMetrics> epochs, int bestEpoch, boolean stoppedEarly,
        long truncatedTrain, long truncatedEval, int resumedFromEpoch) {
    public RunResult {
        labels = List.copyOf(labels);
        epochs = List.copyOf(epochs);
    }

    /** The best epoch's metrics. */
    public EpochMetrics best() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).findFirst().orElseThrow();
    }
}
