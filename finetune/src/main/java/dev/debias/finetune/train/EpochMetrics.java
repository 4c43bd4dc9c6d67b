package dev.debias.finetune.train;

/**
 * One epoch's numbers, a line of {@code metrics.jsonl}.
 *
 * @param epoch 1-based epoch
 * @param steps optimizer steps so far
 * @param trainLoss mean weighted training loss over the epoch
 * @param evalLoss mean evaluation loss
 * @param accuracy evaluation accuracy
 * @param macroF1 evaluation macro-F1 (mean over labels of F1; a label never predicted nor present counts as 0)
 * @param seconds wall time of the epoch
 * @param best whether this epoch is the best so far (its weights are the run's model)
 */
public record EpochMetrics(int epoch, long steps, double trainLoss, double evalLoss, double accuracy, double macroF1,
        double seconds, boolean best) {
    /** The value of {@code metric}. */
    public double value(Metric metric) {
        return metric == Metric.ACCURACY ? accuracy : macroF1;
    }

    /** Accuracy and macro-F1 of predictions against gold labels over {@code labels} classes. */
    static double[] score(int[] gold, int[] predicted, int labels) {
        long correct = 0;
        long[] tp = new long[labels];
        long[] fp = new long[labels];
        long[] fn = new long[labels];
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] == predicted[i]) {
                correct++;
                tp[gold[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[gold[i]]++;
            }
        }
        double f1 = 0;
        for (int c = 0; c < labels; c++) {
            double denom = 2.0 * tp[c] + fp[c] + fn[c];
            f1 += denom == 0 ? 0 : 2.0 * tp[c] / denom;
        }
        return new double[] {gold.length == 0 ? 0 : (double) correct / gold.length, f1 / labels};
    }
}
