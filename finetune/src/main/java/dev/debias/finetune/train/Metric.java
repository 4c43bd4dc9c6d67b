package dev.debias.finetune.train;

/**
 * What early stopping and the choice of the best epoch follow: an evaluation measure of {@link EpochMetrics},
 * written to {@code run.json} by its {@link #key()}.
 */
public enum Metric {
    /** The share of evaluation records predicted right. */
    ACCURACY("accuracy"),
    /** The mean over labels of the per-label F1. */
    MACRO_F1("macro_f1");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    /** The name in {@code run.json} and on the command line: {@code accuracy} or {@code macro_f1}. */
    public String key() {
        return key;
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
        throw new IllegalArgumentException("unknown metric '" + s + "'; expected accuracy or macro_f1");
    }
}
