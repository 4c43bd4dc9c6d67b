package dev.debias.evaluate.group;

import java.util.List;
import java.util.Objects;

/**
 * The headline measures of one grouping of a {@link PredictionSet} (accuracy, macro-F1, the binary gaps and
 * GAP-RMS, named as in {@code metrics.json}) evaluated on the records themselves or on any resample of them,
 * given as an array of record indexes. It runs the {@link MetricSheet} code that {@link GroupFairness}'s
 * bootstrap runs, so a paired or two-level bootstrap built outside this package measures exactly what an
 * evaluation reports: a binary gap keeps the class and the pair of groups that the full records found
 * extreme, and takes their signed difference in the resample. Immutable; safe to share between threads.
 */
public final class ResampledMeasures {
    /** Accuracy over all records. */
    public static final String ACCURACY = "accuracy";
    /** Macro-F1 over all records. */
    public static final String MACRO_F1 = "macro_f1";
    /** The measures, in the order of {@link #point()} and {@link #on}. */
    public static final List<String> NAMES = List.of(ACCURACY, MACRO_F1, Gap.DEMOGRAPHIC_PARITY, Gap.EQUAL_OPPORTUNITY,
            Gap.EQUALIZED_ODDS, Gap.GAP_RMS);

    private final PredictionSet set;
    private final Grouping grouping;
    private final MetricSheet sheet;
    private final SheetDetail detail;
    private final int[] slots;
    private final double[] point;

    private ResampledMeasures(Builder b) {
        this.set = b.set;
        this.grouping = b.grouping;
        List<String> groups = grouping.groups();
        List<String> pair = b.gapGroups.isEmpty() && groups.size() == 2 ? groups : b.gapGroups;
        int gapA = pair.isEmpty() ? -1 : groups.indexOf(pair.get(0));
        int gapB = pair.isEmpty() ? -1 : groups.indexOf(pair.get(1));
        int positive = b.positiveLabel == null ? -1 : set.classes().indexOf(b.positiveLabel);
        this.sheet = new MetricSheet(groups, set.classes(), positive, gapA, gapB, null, b.policy);
        SheetLayout l = sheet.layout();
        int overall = groups.size();
        this.slots = new int[] {l.scope(overall, SheetLayout.ACCURACY), l.scope(overall, SheetLayout.MACRO_F1),
                l.gap(SheetLayout.DP), l.gap(SheetLayout.EO), l.gap(SheetLayout.EODDS), l.gapRms()};
        this.detail = new SheetDetail(l.slots());
        double[] all = new double[l.slots()];
        sheet.compute(confusion(null), all, detail);
        this.point = pick(all);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The number of records. */
    public int size() {
        return set.size();
    }

    /** The measures on all records, in the order of {@link #NAMES}; NaN where undefined. */
    public double[] point() {
        return point.clone();
    }

    /**
     * The measures on the records {@code records} (indexes into the predictions, repeats allowed), in the
     * order of {@link #NAMES}; NaN where a measure is undefined in that resample.
     *
     * @throws IndexOutOfBoundsException when an index is outside the records
     */
    public double[] on(int[] records) {
        double[] all = new double[sheet.layout().slots()];
        sheet.replicate(confusion(records), all, detail);
        return pick(all);
    }

    private double[] pick(double[] all) {
        double[] out = new double[slots.length];
        for (int i = 0; i < slots.length; i++) {
            out[i] = all[slots[i]];
        }
        return out;
    }

    private long[][][] confusion(int[] records) {
        int k = set.classes().size();
        long[][][] cm = new long[grouping.groups().size()][k][k];
        int n = records == null ? set.size() : records.length;
        for (int j = 0; j < n; j++) {
            int i = records == null ? j : records[j];
            cm[grouping.groupOf(i)][set.label(i)][set.prediction(i)]++;
        }
        return cm;
    }

    /** Builds {@link ResampledMeasures}; predictions and grouping are required. */
    public static final class Builder {
        private PredictionSet set;
        private Grouping grouping;
        private String positiveLabel;
        private List<String> gapGroups = List.of();
        private UndefinedPolicy policy = UndefinedPolicy.SKIP_GROUP;

        private Builder() {}

        /** The predictions (required). */
        public Builder setPredictions(PredictionSet set) {
            this.set = Objects.requireNonNull(set);
            return this;
        }

        /** The grouping of the predictions' records (required). */
        public Builder setGrouping(Grouping grouping) {
            this.grouping = Objects.requireNonNull(grouping);
            return this;
        }

        /** See {@link GroupFairness.Builder#optPositiveLabel}. */
        public Builder optPositiveLabel(String label) {
            this.positiveLabel = label;
            return this;
        }

        /** See {@link GroupFairness.Builder#optGapGroups}; default: the two groups when there are two. */
        public Builder optGapGroups(List<String> groups) {
            this.gapGroups = List.copyOf(groups);
            return this;
        }

        /** See {@link UndefinedPolicy}; default {@link UndefinedPolicy#SKIP_GROUP}. */
        public Builder optUndefinedPolicy(UndefinedPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        /** The positive label and gap groups of an evaluation's result, so the measures match it. */
        public Builder optSettingsOf(GroupFairnessResult r) {
            this.positiveLabel = r.positiveLabel();
            this.gapGroups = List.copyOf(r.gapGroups());
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming what is missing or does not fit the predictions
         */
        public ResampledMeasures build() {
            if (set == null || grouping == null) {
                throw new IllegalArgumentException("predictions and grouping are required");
            }
            if (grouping.size() != set.size() || set.size() == 0) {
                throw new IllegalArgumentException("the grouping covers " + grouping.size() + " records, the predictions "
                        + set.size() + "; both must be the same, non-empty records");
            }
            if (positiveLabel != null && !set.classes().contains(positiveLabel)) {
                throw new IllegalArgumentException("the positive label '" + positiveLabel + "' is not a label; labels: "
                        + set.classes());
            }
            if (!gapGroups.isEmpty() && (gapGroups.size() != 2 || !grouping.groups().containsAll(gapGroups))) {
                throw new IllegalArgumentException("gap groups " + gapGroups + " are not two groups of " + grouping.name()
                        + " " + grouping.groups());
            }
            return new ResampledMeasures(this);
        }
    }
}
