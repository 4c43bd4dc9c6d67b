package dev.debias.evaluate.scores;

import dev.debias.evaluate.group.GroupMetrics;
import dev.debias.evaluate.group.Grouping;
import dev.debias.evaluate.group.PredictionSet;
import dev.debias.evaluate.group.UndefinedPolicy;
import dev.debias.stats.Bootstrap;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Computes the threshold-free and calibration measures of predicted probabilities for every grouping and
 * positive class, each with a 95% bootstrap interval stratified by group exactly like {@code GroupFairness}: a
 * replicate redraws each group's records with replacement to the group's own size, replicate {@code b} drawing
 * from the {@code b}-th seed of a generator seeded with the seed, so the result is the same on any number of
 * threads. Per-group and overall values get the percentile interval; the power means and the final score get
 * the {@link BasicInterval}, which corrects their downward bias.
 *
 * <p>Per group: the subgroup, BPSN and BNSP AUCs (Borkan, Dixon, Sorensen, Thain and Vasserman, "Nuanced Metrics
 * for Measuring Unintended Bias with Real Data for Text Classification", WWW 2019), the expected calibration error
 * and the calibration difference (see {@link ScoreSheet}); overall: the AUC and both calibration values; over
 * groups: the power mean of each AUC and the final score of the Jigsaw Unintended Bias in Toxicity
 * Classification challenge, {@code 0.25 AUC + 0.25 (M(subgroup) + M(BPSN) + M(BNSP))}. The positive class is the
 * named positive label; without one, the minority class of a binary task (the second class on a tie), and every
 * class in turn (one-vs-rest) for more classes.
 */
public final class ThresholdFreeMeasures {
    /** Replicates below which an interval is not reported, as a share of all replicates (as in group fairness). */
    private static final double MIN_DEFINED_SHARE = 0.5;

    private final Builder b;

    private ThresholdFreeMeasures(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Computes every measure of every grouping and positive class. */
    public ThresholdFree evaluate() {
        List<String> classes = b.set.classes();
        List<Integer> positives = new ArrayList<>();
        String choice;
        if (b.positiveLabel != null) {
            positives.add(classes.indexOf(b.positiveLabel));
            choice = "named";
        } else if (classes.size() == 2) {
            long second = IntStream.range(0, b.set.size()).filter(i -> b.set.label(i) == 1).count();
            positives.add(second <= b.set.size() - second ? 1 : 0);
            choice = "minority class";
        } else {
            IntStream.range(0, classes.size()).forEach(positives::add);
            choice = "one-vs-rest";
        }
        List<ScoreResult> results = new ArrayList<>();
        for (Grouping g : b.groupings) {
            for (int c : positives) {
                results.add(evaluate(g, c));
            }
        }
        return new ThresholdFree(b.scores.field(), b.scores.format().name().toLowerCase(Locale.ROOT),
                b.scores.scoreLabel(), choice, b.bins, b.power, b.bootstrap, b.seed, b.minGroupSize,
                b.policy.name().toLowerCase(Locale.ROOT), results);
    }

    private ScoreResult evaluate(Grouping grouping, int c) {
        int n = b.set.size();
        String label = b.set.classes().get(c);
        List<String> groups = grouping.groups();
        int gs = groups.size();
        double[] score = new double[n];
        boolean[] positive = new boolean[n];
        int[] groupOf = grouping.groupOf();
        long[] count = new long[gs];
        long[] pos = new long[gs];
        for (int i = 0; i < n; i++) {
            score[i] = b.scores.probability(i, c);
            positive[i] = b.set.label(i) == c;
            count[groupOf[i]]++;
            pos[groupOf[i]] += positive[i] ? 1 : 0;
        }
        long totalPos = Arrays.stream(pos).sum();
        ScoreSheet sheet = new ScoreSheet(score, positive, groupOf, gs, b.bins);
        int[][] members = members(groupOf, count);
        double[] point = new double[sheet.slots()];
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        sheet.compute(ones, point);

        List<String> warnings = new ArrayList<>();
        PowerMeans plan = new PowerMeans(point, groups, count, b.minGroupSize, b.policy, b.power);
        double[] pointMeans = plan.of(point);

        double[][] replicates = Bootstrap.replicates(b.bootstrap, b.seed, random -> {
            int[] weight = new int[n];
            for (int[] m : members) {
                for (int j = 0; j < m.length; j++) {
                    weight[m[random.nextInt(m.length)]]++;
                }
            }
            double[] row = new double[sheet.slots()];
            sheet.compute(weight, row);
            double[] mean = plan.of(row);
            double[] all = Arrays.copyOf(row, row.length + mean.length);
            System.arraycopy(mean, 0, all, row.length, mean.length);
            return all;
        }).toArray(double[][]::new);
        int meanBase = point.length;
        double[] column = new double[b.bootstrap];
        java.util.function.IntFunction<double[]> col = s -> {
            for (int r = 0; r < b.bootstrap; r++) {
                column[r] = replicates[r][s];
            }
            return column;
        };
        long totalNeg = n - totalPos;
        String of = "'" + label + "'";
        SubgroupScores overall = new SubgroupScores(GroupMetrics.OVERALL, n, totalPos,
                estimate(point[ScoreSheet.OVERALL_AUC], aucReason(totalPos, totalNeg, of, "records", "records"),
                        col.apply(ScoreSheet.OVERALL_AUC)),
                null, null, estimate(point[ScoreSheet.OVERALL_ECE], "no records", col.apply(ScoreSheet.OVERALL_ECE)),
                estimate(point[ScoreSheet.OVERALL_CALIBRATION], "no records", col.apply(ScoreSheet.OVERALL_CALIBRATION)));
        List<SubgroupScores> perGroup = new ArrayList<>();
        for (int g = 0; g < gs; g++) {
            String in = "group '" + groups.get(g) + "'";
            long neg = count[g] - pos[g];
            perGroup.add(new SubgroupScores(groups.get(g), count[g], pos[g],
                    estimate(point[ScoreSheet.slot(g, ScoreSheet.AUC)], aucReason(pos[g], neg, of, in, in),
                            col.apply(ScoreSheet.slot(g, ScoreSheet.AUC))),
                    estimate(point[ScoreSheet.slot(g, ScoreSheet.BPSN)],
                            aucReason(totalPos - pos[g], neg, of, "the background (the other groups)", in),
                            col.apply(ScoreSheet.slot(g, ScoreSheet.BPSN))),
                    estimate(point[ScoreSheet.slot(g, ScoreSheet.BNSP)],
                            aucReason(pos[g], totalNeg - neg, of, in, "the background (the other groups)"),
                            col.apply(ScoreSheet.slot(g, ScoreSheet.BNSP))),
                    estimate(point[ScoreSheet.slot(g, ScoreSheet.ECE)], "no records", col.apply(ScoreSheet.slot(g, ScoreSheet.ECE))),
                    estimate(point[ScoreSheet.slot(g, ScoreSheet.CALIBRATION)], "no records",
                            col.apply(ScoreSheet.slot(g, ScoreSheet.CALIBRATION)))));
            if (count[g] < b.minGroupSize) {
                warnings.add(String.format(Locale.ROOT, "group '%s' of %s has %d records (fewer than %d): its AUCs and "
                        + "calibration are shown but left out of the power means", groups.get(g), grouping.name(),
                        count[g], b.minGroupSize));
            }
        }
        List<PowerMean> means = new ArrayList<>();
        String[] what = {"subgroup AUC", "BPSN AUC", "BNSP AUC"};
        String[] names = PowerMeans.NAMES;
        for (int m = 0; m < names.length; m++) {
            means.add(new PowerMean(names[m], summary(pointMeans[m], plan.reason(m), col.apply(meanBase + m)),
                    plan.excluded(m), String.format(Locale.ROOT, "power mean (p = %s) over groups of the %s of %s",
                            num(b.power), what[m], of)));
            Estimate v = means.get(m).value();
            if (v.low() != null && v.low() > v.value()) {
                warnings.add(String.format(Locale.ROOT, "%s of %s for %s: %.4f lies below its interval [%.4f, %.4f]; "
                        + "over many small groups the power mean of noisy AUCs underestimates that of the true AUCs, "
                        + "and the interval corrects for it", names[m], grouping.name(), of, v.value(), v.low(), v.high()));
            }
            List<String> undefinedThere = plan.excluded(m).stream().filter(x -> count[groups.indexOf(x)] >= b.minGroupSize)
                    .toList();
            if (!undefinedThere.isEmpty() && b.policy == UndefinedPolicy.SKIP_GROUP) {
                warnings.add(names[m] + " of " + grouping.name() + " for " + of + " leaves out " + undefinedThere
                        + ": the AUC is undefined there (" + UndefinedPolicy.SKIP_GROUP + ")");
            }
        }
        Estimate fin = summary(pointMeans[names.length], "a part is undefined (the overall AUC or a power mean)",
                col.apply(meanBase + names.length));
        return new ScoreResult(grouping.name(), label, overall, perGroup, means, fin, warnings);
    }

    private static String aucReason(long positives, long negatives, String of, String posWhere, String negWhere) {
        if (positives == 0) {
            return "no records of " + of + " in " + posWhere;
        }
        return negatives == 0 ? "no records other than " + of + " in " + negWhere : "undefined";
    }

    private static int[][] members(int[] groupOf, long[] count) {
        int[][] members = new int[count.length][];
        int[] fill = new int[count.length];
        for (int g = 0; g < count.length; g++) {
            members[g] = new int[(int) count[g]];
        }
        for (int i = 0; i < groupOf.length; i++) {
            members[groupOf[i]][fill[groupOf[i]]++] = i;
        }
        return members;
    }

    /** A per-group or overall value: the percentile interval, as in group fairness. */
    private Estimate estimate(double value, String reason, double[] replicates) {
        return interval(value, reason, replicates, false);
    }

    /** A power mean or the final score: the basic interval ({@link BasicInterval}), which corrects their bias. */
    private Estimate summary(double value, String reason, double[] replicates) {
        return interval(value, reason, replicates, true);
    }

    private Estimate interval(double value, String reason, double[] replicates, boolean basic) {
        if (Double.isNaN(value)) {
            return Estimate.undefined(reason == null ? "undefined" : reason);
        }
        if (b.bootstrap == 0) {
            return new Estimate(value, null, null, "no interval: bootstrap off");
        }
        double[] defined = Arrays.stream(replicates).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (defined.length < MIN_DEFINED_SHARE * b.bootstrap) {
            return new Estimate(value, null, null, String.format(Locale.ROOT,
                    "no interval: only %d of %d bootstrap replicates define it", defined.length, b.bootstrap));
        }
        return basic ? BasicInterval.of(value, defined) : Bootstrap.interval(value, defined);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Builds a {@link ThresholdFreeMeasures}; predictions, scores and groupings are required. */
    public static final class Builder {
        private PredictionSet set;
        private ScoreTable scores;
        private List<Grouping> groupings;
        private String positiveLabel;
        private int bins = 10;
        private double power = -5;
        private int bootstrap = 1000;
        private long seed = 1;
        private int minGroupSize = 30;
        private UndefinedPolicy policy = UndefinedPolicy.SKIP_GROUP;

        private Builder() {}

        /** The true labels (required). */
        public Builder setPredictions(PredictionSet set) {
            this.set = Objects.requireNonNull(set);
            return this;
        }

        /** The predicted probabilities, one row per record of the predictions (required). */
        public Builder setScores(ScoreTable scores) {
            this.scores = Objects.requireNonNull(scores);
            return this;
        }

        /** The groupings (required, at least one), each over the predictions' records. */
        public Builder setGroupings(List<Grouping> groupings) {
            this.groupings = List.copyOf(groupings);
            return this;
        }

        /** The positive class; default none (see the class comment for the choice then). */
        public Builder optPositiveLabel(String label) {
            this.positiveLabel = label;
            return this;
        }

        /** Equal-width calibration bins over [0, 1]; default 10. */
        public Builder optBins(int bins) {
            this.bins = bins;
            return this;
        }

        /** The exponent of the power means; default -5 (Borkan et al. 2019). */
        public Builder optPower(double power) {
            this.power = power;
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

        /** Groups smaller than this are shown, warned about and left out of the power means; default 30. */
        public Builder optMinGroupSize(int size) {
            this.minGroupSize = size;
            return this;
        }

        /** What a power mean does with a group whose AUC is undefined; default {@link UndefinedPolicy#SKIP_GROUP}. */
        public Builder optUndefinedPolicy(UndefinedPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         */
        public ThresholdFreeMeasures build() {
            if (set == null || scores == null || groupings == null || groupings.isEmpty()) {
                throw new IllegalArgumentException("predictions, scores and at least one grouping are required");
            }
            if (scores.size() != set.size() || !scores.classes().equals(set.classes())) {
                throw new IllegalArgumentException("the scores cover " + scores.size() + " records of " + scores.classes()
                        + ", the predictions " + set.size() + " of " + set.classes());
            }
            for (Grouping g : groupings) {
                if (g.size() != set.size()) {
                    throw new IllegalArgumentException("grouping " + g.name() + " covers " + g.size()
                            + " records, the predictions " + set.size());
                }
            }
            if (set.size() == 0) {
                throw new IllegalArgumentException("no records to evaluate");
            }
            if (positiveLabel != null && !set.classes().contains(positiveLabel)) {
                throw new IllegalArgumentException("the positive label '" + positiveLabel + "' is not a label; labels: "
                        + set.classes());
            }
            if (bins < 1 || bootstrap < 0 || !(power != 0 && Double.isFinite(power))) {
                throw new IllegalArgumentException("need bins >= 1 (got " + bins + "), bootstrap replicates >= 0 (got "
                        + bootstrap + ") and a finite, non-zero power (got " + power + ")");
            }
            return new ThresholdFreeMeasures(this);
        }
    }
}
