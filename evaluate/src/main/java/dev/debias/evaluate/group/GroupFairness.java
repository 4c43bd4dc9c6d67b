package dev.debias.evaluate.group;

import dev.debias.stats.Bootstrap;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Computes group fairness metrics and gaps for one grouping of a {@link PredictionSet}, each with a
 * 95% percentile bootstrap interval. The bootstrap is stratified by group: every replicate draws each
 * group's records with replacement to the group's own size, so group sizes stay fixed and only the
 * sampling noise within groups varies. Replicates are seeded one by one from the seed, so the result
 * is the same on any number of threads.
 *
 * <pre>{@code
 * GroupFairnessResult r = GroupFairness.builder()
 *         .setPredictions(set).setGrouping(set.grouping("gender"))
 *         .optPositiveLabel("1").optBootstrap(1000).optSeed(1)
 *         .build().evaluate();
 * r.gap(Gap.EQUAL_OPPORTUNITY).get().value();   // e.g. 0.083 [0.041, 0.127]
 * }</pre>
 */
public final class GroupFairness {
    /** Replicates below which an interval is not reported, as a share of all replicates. */
    private static final double MIN_DEFINED_SHARE = 0.5;

    private final PredictionSet set;
    private final Grouping grouping;
    private final String positiveLabel;
    private final List<String> gapGroups;
    private final Map<String, Double> trainShares;
    private final int bootstrap;
    private final long seed;
    private final int minGroupSize;
    private final UndefinedPolicy policy;
    private final int chancePermutations;

    private GroupFairness(Builder b, List<String> gapGroups) {
        this.set = b.set;
        this.grouping = b.grouping;
        this.positiveLabel = b.positiveLabel;
        this.gapGroups = gapGroups;
        this.trainShares = b.trainShares;
        this.bootstrap = b.bootstrap;
        this.seed = b.seed;
        this.minGroupSize = b.minGroupSize;
        this.policy = b.policy;
        this.chancePermutations = b.chancePermutations;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Computes the metrics, gaps and intervals. */
    public GroupFairnessResult evaluate() {
        List<String> classes = set.classes();
        List<String> groups = grouping.groups();
        int k = classes.size();
        int groupCount = groups.size();
        int positive = positiveLabel == null ? -1 : classes.indexOf(positiveLabel);
        int gapA = gapGroups.isEmpty() ? -1 : groups.indexOf(gapGroups.get(0));
        int gapB = gapGroups.isEmpty() ? -1 : groups.indexOf(gapGroups.get(1));
        double[] shares = null;
        if (trainShares != null) {
            shares = new double[k];
            for (int c = 0; c < k; c++) {
                shares[c] = trainShares.getOrDefault(classes.get(c), Double.NaN);
            }
        }
        MetricSheet sheet = new MetricSheet(groups, classes, positive, gapA, gapB, shares, policy);
        SheetLayout layout = sheet.layout();

        // each group's records as cell codes (true * k + predicted)
        int[][] members = new int[groupCount][];
        int[] fill = new int[groupCount];
        for (int i = 0; i < set.size(); i++) {
            fill[grouping.groupOf(i)]++;
        }
        for (int g = 0; g < groupCount; g++) {
            members[g] = new int[fill[g]];
        }
        Arrays.fill(fill, 0);
        for (int i = 0; i < set.size(); i++) {
            int g = grouping.groupOf(i);
            members[g][fill[g]++] = set.label(i) * k + set.prediction(i);
        }
        double[] point = new double[layout.slots()];
        SheetDetail detail = new SheetDetail(layout.slots());
        sheet.compute(confusion(members, k, null), point, detail);

        double[][] replicates = Bootstrap.replicates(bootstrap, seed, random -> {
            double[] row = new double[layout.slots()];
            sheet.replicate(confusion(members, k, random), row, detail);
            return row;
        }).toArray(double[][]::new);
        Estimate[] estimates = new Estimate[layout.slots()];
        double[] column = new double[bootstrap];
        for (int s = 0; s < estimates.length; s++) {
            for (int b = 0; b < bootstrap; b++) {
                column[b] = replicates[b][s];
            }
            estimates[s] = estimate(point[s], detail.reasons[s], column);
        }
        if (bootstrap > 0 && groupCount >= 2) {
            for (int which : new int[] {SheetLayout.DP, SheetLayout.EO, SheetLayout.EODDS}) {
                int slot = layout.gap(which);
                List<int[]> family = family(layout, which, point, positive, k, groupCount);
                if (estimates[slot].isDefined() && estimates[slot].low() != null && RangeInterval.needed(family.size())) {
                    estimates[slot] = RangeInterval.of(point[slot], point, replicates, family, MIN_DEFINED_SHARE);
                }
            }
        }

        List<GroupMetrics> perGroup = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            perGroup.add(scope(layout, g, groups.get(g), members[g].length, members, k, estimates));
        }
        GroupMetrics overall = scope(layout, groupCount, GroupMetrics.OVERALL, set.size(), members, k, estimates);
        List<Gap> gaps = new ArrayList<>();
        String of = positive >= 0 ? " of '" + positiveLabel + "'" : ", worst class (one-vs-rest)";
        gaps.add(gap(Gap.DEMOGRAPHIC_PARITY, null, estimates[layout.gap(SheetLayout.DP)], detail, layout.gap(SheetLayout.DP),
                "max minus min selection rate" + of + " across groups"));
        gaps.add(gap(Gap.DISPARATE_IMPACT, null, estimates[layout.gap(SheetLayout.DI)], detail, layout.gap(SheetLayout.DI),
                "min over max selection rate" + of + " across groups" + (positive >= 0 ? "" : " (lowest class)")));
        gaps.add(gap(Gap.EQUAL_OPPORTUNITY, null, estimates[layout.gap(SheetLayout.EO)], detail, layout.gap(SheetLayout.EO),
                "max minus min TPR" + of + " across groups"));
        gaps.add(gap(Gap.EQUALIZED_ODDS, null, estimates[layout.gap(SheetLayout.EODDS)], detail, layout.gap(SheetLayout.EODDS),
                "the larger of the max-min TPR and max-min FPR differences" + of + " across groups"));
        String pair = gapA >= 0 ? "'" + gapGroups.get(0) + "' minus '" + gapGroups.get(1) + "'" : "first minus second group";
        for (int c = 0; c < k; c++) {
            gaps.add(gap(Gap.TPR_GAP + "[" + classes.get(c) + "]", classes.get(c), estimates[layout.tprGap(c)], detail,
                    layout.tprGap(c), "TPR of " + pair));
        }
        gaps.add(gap(Gap.GAP_RMS, null, estimates[layout.gapRms()], detail, layout.gapRms(),
                "root mean square over classes of the TPR gap (" + pair + ")"));
        gaps.add(gap(Gap.GAP_SHARE_CORRELATION, null, estimates[layout.correlation()], detail, layout.correlation(),
                "Pearson correlation over classes between the TPR gap and the share of '"
                        + (gapA >= 0 ? gapGroups.get(0) : "the first group") + "' among the class's training examples"));

        List<String> warnings = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            if (members[g].length < minGroupSize) {
                warnings.add(String.format(Locale.ROOT, "group '%s' of %s has %d records (fewer than %d): its intervals are wide",
                        groups.get(g), grouping.name(), members[g].length, minGroupSize));
            }
        }
        for (Gap g : gaps) {
            if (g.label() == null && !g.excludedGroups().isEmpty()) {
                warnings.add(g.name() + " of " + grouping.name() + " leaves out " + g.excludedGroups()
                        + ": the metric is undefined there (" + UndefinedPolicy.SKIP_GROUP + ")");
            }
        }
        if (groups.contains(PredictionSet.EMPTY_GROUP)) {
            warnings.add("records with an empty " + grouping.name() + " form the group '" + PredictionSet.EMPTY_GROUP + "'");
        }
        ChanceLevel chance = chancePermutations == 0 ? null
                : ChanceLevels.of(sheet, members, k, chancePermutations, seed);
        return new GroupFairnessResult(grouping.name(), classes, positiveLabel, gapGroups, overall, perGroup, gaps,
                warnings, bootstrap, seed, chance);
    }

    /**
     * The signed differences a max-minus-min gap is the largest of: every pair of groups defining the
     * metric, for the positive class (or every class), of selection rate (DP), TPR (EO) or TPR and FPR
     * (equalized odds); each as {slot a, slot b}.
     */
    private static List<int[]> family(SheetLayout layout, int which, double[] point, int positive, int k, int groups) {
        int[] metrics = which == SheetLayout.DP ? new int[] {SheetLayout.SELECTION}
                : which == SheetLayout.EO ? new int[] {SheetLayout.TPR} : new int[] {SheetLayout.TPR, SheetLayout.FPR};
        List<int[]> out = new ArrayList<>();
        for (int c = positive >= 0 ? positive : 0; c < (positive >= 0 ? positive + 1 : k); c++) {
            for (int metric : metrics) {
                for (int g = 0; g < groups; g++) {
                    for (int h = g + 1; h < groups; h++) {
                        int a = layout.perClass(g, c, metric);
                        int b = layout.perClass(h, c, metric);
                        if (!Double.isNaN(point[a]) && !Double.isNaN(point[b])) {
                            out.add(new int[] {a, b});
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Gap gap(String name, String label, Estimate e, SheetDetail detail, int slot, String definition) {
        return new Gap(name, label, e, detail.excluded.get(slot), definition);
    }

    private GroupMetrics scope(SheetLayout layout, int s, String name, long count, int[][] members, int k, Estimate[] est) {
        long[] support = new long[k];
        long[] predicted = new long[k];
        if (s < members.length) {
            count(members[s], k, support, predicted);
        } else {
            for (int[] m : members) {
                count(m, k, support, predicted);
            }
        }
        List<ClassMetrics> classes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            classes.add(new ClassMetrics(set.classes().get(c), support[c], predicted[c],
                    est[layout.perClass(s, c, SheetLayout.TPR)], est[layout.perClass(s, c, SheetLayout.FPR)],
                    est[layout.perClass(s, c, SheetLayout.PRECISION)], est[layout.perClass(s, c, SheetLayout.SELECTION)]));
        }
        return new GroupMetrics(name, count, est[layout.scope(s, SheetLayout.ACCURACY)], est[layout.scope(s, SheetLayout.MACRO_F1)],
                est[layout.scope(s, SheetLayout.SELECTION_POSITIVE)], classes);
    }

    private static void count(int[] cells, int k, long[] support, long[] predicted) {
        for (int cell : cells) {
            support[cell / k]++;
            predicted[cell % k]++;
        }
    }

    /** Confusion matrices per group: of the records themselves, or of one stratified resample. */
    private static long[][][] confusion(int[][] members, int k, SplittableRandom random) {
        long[][][] cm = new long[members.length][k][k];
        for (int g = 0; g < members.length; g++) {
            int[] m = members[g];
            long[][] c = cm[g];
            for (int j = 0; j < m.length; j++) {
                int cell = random == null ? m[j] : m[random.nextInt(m.length)];
                c[cell / k][cell % k]++;
            }
        }
        return cm;
    }

    private Estimate estimate(double value, String reason, double[] replicates) {
        if (Double.isNaN(value)) {
            return Estimate.undefined(reason == null ? "undefined" : reason);
        }
        if (bootstrap == 0) {
            return new Estimate(value, null, null, "no interval: bootstrap off");
        }
        double[] defined = Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (defined.length < MIN_DEFINED_SHARE * bootstrap) {
            return new Estimate(value, null, null, String.format(Locale.ROOT,
                    "no interval: only %d of %d bootstrap replicates define it", defined.length, bootstrap));
        }
        return Bootstrap.interval(value, defined);
    }

    /** Builds a {@link GroupFairness}; predictions and grouping are required. */
    public static final class Builder {
        private PredictionSet set;
        private Grouping grouping;
        private String positiveLabel;
        private List<String> gapGroups = List.of();
        private Map<String, Double> trainShares;
        private int bootstrap = 1000;
        private long seed = 1;
        private int minGroupSize = 30;
        private UndefinedPolicy policy = UndefinedPolicy.SKIP_GROUP;
        private int chancePermutations = 200;

        private Builder() {}

        /** The predictions (required). */
        public Builder setPredictions(PredictionSet set) {
            this.set = Objects.requireNonNull(set);
            return this;
        }

        /** The grouping (required), from {@link PredictionSet#grouping} or {@link PredictionSet#intersection}. */
        public Builder setGrouping(Grouping grouping) {
            this.grouping = Objects.requireNonNull(grouping);
            return this;
        }

        /**
         * The positive label of the selection rate and the binary gaps; default none, and then each
         * binary gap is the worst over classes taken one-versus-rest.
         */
        public Builder optPositiveLabel(String label) {
            this.positiveLabel = label;
            return this;
        }

        /**
         * The two groups whose per-class TPR gap (first minus second) and GAP-RMS are reported;
         * default: the two groups when there are exactly two (in sorted order, so {@code female} minus
         * {@code male}), else none.
         */
        public Builder optGapGroups(String first, String second) {
            this.gapGroups = List.of(first, second);
            return this;
        }

        /**
         * Per class, the share of the first gap group among the class's training examples, for the
         * correlation with the TPR gap; see {@link TrainShares}. Default none.
         */
        public Builder optTrainShares(Map<String, Double> shares) {
            this.trainShares = shares == null ? null : Map.copyOf(shares);
            return this;
        }

        /** Bootstrap replicates; 0 for no intervals. Default 1000. */
        public Builder optBootstrap(int replicates) {
            this.bootstrap = replicates;
            return this;
        }

        /** The bootstrap seed; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Groups smaller than this are warned about; default 30. */
        public Builder optMinGroupSize(int size) {
            this.minGroupSize = size;
            return this;
        }

        /** What a gap does when a group's metric is undefined; default {@link UndefinedPolicy#SKIP_GROUP}. */
        public Builder optUndefinedPolicy(UndefinedPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Shuffles of the predictions behind the {@linkplain ChanceLevel chance level} of each headline
         * measure; 0 for none. Default 200.
         */
        public Builder optChancePermutations(int permutations) {
            this.chancePermutations = permutations;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         */
        public GroupFairness build() {
            if (set == null || grouping == null) {
                throw new IllegalArgumentException("predictions and grouping are required");
            }
            if (grouping.size() != set.size()) {
                throw new IllegalArgumentException("the grouping covers " + grouping.size() + " records, the predictions "
                        + set.size());
            }
            if (set.size() == 0) {
                throw new IllegalArgumentException("no records to evaluate");
            }
            if (positiveLabel != null && !set.classes().contains(positiveLabel)) {
                throw new IllegalArgumentException("the positive label '" + positiveLabel + "' is not a label; labels: "
                        + set.classes());
            }
            for (String g : gapGroups) {
                if (!grouping.groups().contains(g)) {
                    throw new IllegalArgumentException("gap group '" + g + "' is not a group of " + grouping.name()
                            + "; groups: " + grouping.groups());
                }
            }
            if (gapGroups.size() == 2 && gapGroups.get(0).equals(gapGroups.get(1))) {
                throw new IllegalArgumentException("the two gap groups must differ");
            }
            // the default pair is worked out per build, so a reused builder follows its new grouping
            List<String> pair = gapGroups.isEmpty() && grouping.groups().size() == 2 ? grouping.groups() : gapGroups;
            if (chancePermutations < 0) {
                throw new IllegalArgumentException("chance permutations must be >= 0, got " + chancePermutations);
            }
            if (bootstrap < 0) {
                throw new IllegalArgumentException("bootstrap replicates must be >= 0, got " + bootstrap);
            }
            return new GroupFairness(this, pair);
        }
    }
}
