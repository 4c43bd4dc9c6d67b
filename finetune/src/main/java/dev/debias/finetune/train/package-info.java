/**
 * Training and prediction: the typed configuration ({@link dev.debias.finetune.train.TrainConfig}: data
 * options and hyperparameters), the fine-tuning loop with checkpoints and exact resume
 * ({@link dev.debias.finetune.train.FineTuner}), the run's description as written to {@code run.json}
 * ({@link dev.debias.finetune.train.RunDescription}), prediction and sentence vectors from a run.
 */
package dev.debias.finetune.train;
