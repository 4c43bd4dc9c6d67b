package dev.debias.finetune.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.stats.Correlation;
import java.util.List;
import java.util.Set;

/**
 * The evaluation after an epoch: the model's outputs on the evaluation examples, in batches, scored for
 * the run's task. Classification: mean cross-entropy, accuracy and macro-F1 ({@link EpochMetrics#score}).
 * Regression: mean squared error of the single output, Pearson and Spearman correlation with the targets.
 */
final class EvaluationPass {
    private EvaluationPass() {}

    /**
     * The epoch's evaluation numbers as {@code {loss, accuracy, macroF1, pearson, spearman}}, the two that
     * do not apply to the task (and an undefined correlation) as null.
     */
    static Double[] run(BertClassifier model, ParameterStore store, NDManager base, List<Example> eval, Task task,
            int batchSize, NDManager params, Set<NDArray> keep) {
        int width = model.labels();
        int[] gold = new int[eval.size()];
        int[] predicted = new int[eval.size()];
        double[] target = new double[eval.size()];
        double[] output = new double[eval.size()];
        double loss = 0;
        int k = 0;
        for (List<Example> batch : Batches.inOrder(eval, batchSize)) {
            try (NDManager s = base.newSubManager()) {
                NDArray logits = model.forward(store, Batches.inputs(s, batch), false).get(0);
                float[] v = (task == Task.REGRESSION ? logits : logits.logSoftmax(1)).toFloatArray();
                for (int i = 0; i < batch.size(); i++, k++) {
                    Example e = batch.get(i);
                    if (task == Task.REGRESSION) {
                        target[k] = e.target();
                        output[k] = v[i];
                        loss += (output[k] - target[k]) * (output[k] - target[k]);
                        continue;
                    }
                    int best = 0;
                    for (int c = 1; c < width; c++) {
                        if (v[i * width + c] > v[i * width + best]) {
                            best = c;
                        }
                    }
                    gold[k] = e.label();
                    predicted[k] = best;
                    loss -= v[i * width + gold[k]];
                }
            }
            FineTuner.cleanUp(params, keep);
        }
        double meanLoss = eval.isEmpty() ? 0 : loss / eval.size();
        if (task == Task.REGRESSION) {
            return new Double[] {meanLoss, null, null, orNull(Correlation.pearson(output, target)),
                    orNull(Correlation.spearman(output, target))};
        }
        double[] sc = EpochMetrics.score(gold, predicted, width);
        return new Double[] {meanLoss, sc[0], sc[1], null, null};
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
