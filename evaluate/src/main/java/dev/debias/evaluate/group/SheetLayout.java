package dev.debias.evaluate.group;

/**
 * Where each metric and gap of a grouping sits in the flat vector of a {@link MetricSheet}. The vector
 * holds one scope per group and then the overall scope, each with {@link #ACCURACY}, {@link #MACRO_F1}
 * and {@link #SELECTION_POSITIVE} followed by four metrics per class ({@link #TPR}, {@link #FPR},
 * {@link #PRECISION}, {@link #SELECTION}); then the four binary gaps ({@link #DP}, {@link #DI},
 * {@link #EO}, {@link #EODDS}), the per-class TPR gaps, GAP-RMS and the gap-share correlation.
 */
final class SheetLayout {
    static final int ACCURACY = 0;
    static final int MACRO_F1 = 1;
    static final int SELECTION_POSITIVE = 2;
    static final int TPR = 0;
    static final int FPR = 1;
    static final int PRECISION = 2;
    static final int SELECTION = 3;
    static final int DP = 0;
    static final int DI = 1;
    static final int EO = 2;
    static final int EODDS = 3;

    private final int groups;
    private final int k;
    private final int perScope;

    /** The layout for {@code groups} groups and {@code classes} classes. */
    SheetLayout(int groups, int classes) {
        this.groups = groups;
        this.k = classes;
        this.perScope = 3 + 4 * classes;
    }

    /** Slots of one scope: the three scope metrics and four per class. */
    int perScope() {
        return perScope;
    }

    /** The length of the vector. */
    int slots() {
        return (groups + 1) * perScope + 6 + k;
    }

    /** Slot of a scope metric; scope {@code groups} is overall. */
    int scope(int scope, int metric) {
        return scope * perScope + metric;
    }

    /** Slot of metric {@code metric} of class {@code c} in scope {@code scope}. */
    int perClass(int scope, int c, int metric) {
        return scope * perScope + 3 + 4 * c + metric;
    }

    /** Slot of a binary gap ({@link #DP} to {@link #EODDS}); the first gap slot is {@code gap(0)}. */
    int gap(int which) {
        return (groups + 1) * perScope + which;
    }

    /** Slot of the TPR gap of class {@code c}. */
    int tprGap(int c) {
        return gap(4 + c);
    }

    /** Slot of GAP-RMS. */
    int gapRms() {
        return gap(4 + k);
    }

    /** Slot of the correlation between the TPR gaps and the training shares; the last slot. */
    int correlation() {
        return gap(5 + k);
    }
}
