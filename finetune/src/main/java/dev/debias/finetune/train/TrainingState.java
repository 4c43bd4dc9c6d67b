package dev.debias.finetune.train;

import java.util.List;

/**
 * The resumable state of a run after an epoch, the {@code state.json} of its checkpoint (Jackson writes
 * the components by name, so renaming one breaks resuming older runs).
 *
 * @param epoch the last completed epoch
 * @param step optimizer steps so far
 * @param bestValue the best value of the run's metric so far
 * @param bestEpoch the epoch that reached it (0 before any)
 * @param badEpochs epochs since it without improvement
 * @param stopped whether early stopping ended the run
 * @param history every epoch's metrics, in order
 * @param trainSha SHA-256 of the training corpus the run started on
 * @param evalSha SHA-256 of the evaluation corpus
 */
record TrainingState(int epoch, long step, double bestValue, int bestEpoch, int badEpochs, boolean stopped,
        List<EpochMetrics> history, String trainSha, String evalSha) {}
