package dev.debias.finetune.train;

/**
 * What early stopping and the choice of the best epoch follow: an evaluation measure of {@link EpochMetrics},
 * written to {@code run.json} by its {@link #key()}. Accuracy and macro-F1 measure a classification run,
 * Pearson and Spearman correlation a regression run.
 */
public enum Metric {
    /** The share of evaluation records predicted right. */
    ACCURACY("accuracy", Task.CLASSIFICATION),
    /** The mean over labels of the per-label F1. */
    MACRO_F1("macro_f1", Task.CLASSIFICATION),
    /** Pearson's correlation of predicted and gold values. */
    PEARSON("pearson", Task.REGRESSION),
    /** Spearman's rank correlation of predicted and gold values (ties share their mean rank). */
    SPEARMAN("spearman", Task.REGRESSION);

    private final String key;
    private final Task task;

    Metric(String key, Task task) {
        this.key = key;
        this.task = task;
    }

    /** The name in {@code run.json} and on the command line. */
    public String key() {
        return key;
    }

    /** The task this metric measures. */
    public Task task() {
        return task;
    }

    /** The metric a run of {@code task} follows unless told otherwise: macro-F1, or Pearson for regression. */
    public static Metric defaultFor(Task task) {
        return task == Task.REGRESSION ? PEARSON : MACRO_F1;
    }

    /**
     * The metric whose {@link #key()} is {@code s}, exactly.
     *
     * @throws IllegalArgumentException naming the unknown value and the known ones
     */
    public static Metric parse(String s) {
        for (Metric m : values()) {
            if (m.key.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + s + "'; expected accuracy, macro_f1, pearson or spearman");
    }
}
