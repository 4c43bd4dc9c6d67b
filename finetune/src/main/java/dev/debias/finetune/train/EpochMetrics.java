package dev.debias.finetune.train;

/**
 * One epoch's numbers, a line of {@code metrics.jsonl}. A classification run has accuracy and macro-F1
 * (Pearson and Spearman null); a regression run has Pearson and Spearman (accuracy and macro-F1 null), and
 * its losses are mean squared errors. A null measure is left out of the JSON line.
 *
 * @param epoch 1-based epoch
 * @param steps optimizer steps so far
 * @param trainLoss mean weighted training loss over the epoch
 * @param evalLoss mean evaluation loss
 * @param accuracy evaluation accuracy, or null for regression
 * @param macroF1 evaluation macro-F1 (mean over labels of F1; a label never predicted nor present counts as 0),
 *     or null for regression
 * @param pearson Pearson's correlation of predicted and gold values, or null for classification (and when
 *     undefined: constant predictions or gold values)
 * @param spearman Spearman's rank correlation, or null as Pearson's
 * @param seconds wall time of the epoch
 * @param best whether this epoch is the best so far (its weights are the run's model)
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record EpochMetrics(int epoch, long steps, double trainLoss, double evalLoss, Double accuracy, Double macroF1,
        Double pearson, Double spearman, double seconds, boolean best) {
    /** A classification epoch. */
    public EpochMetrics(int epoch, long steps, double trainLoss, double evalLoss, double accuracy, double macroF1,
            double seconds, boolean best) {
        this(epoch, steps, trainLoss, evalLoss, accuracy, macroF1, null, null, seconds, best);
    }

    /**
     * The value of {@code metric}; negative infinity when this epoch lacks it (an undefined correlation),
     * so such an epoch is never the best.
     */
    public double value(Metric metric) {
        Double v = switch (metric) {
            case ACCURACY -> accuracy;
            case MACRO_F1 -> macroF1;
            case PEARSON -> pearson;
            case SPEARMAN -> spearman;
        };
        return v == null ? Double.NEGATIVE_INFINITY : v;
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
