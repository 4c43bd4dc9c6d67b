package dev.debias.evaluate.regression;

import dev.debias.stats.Bootstrap;
import dev.debias.stats.Correlation;
import dev.debias.stats.Estimate;
import dev.debias.stats.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Scores a regression model's predictions (an STS similarity, a toxicity score) against gold values:
 * mean squared error, Pearson and Spearman correlation, each with a 95% percentile bootstrap interval
 * ({@link Bootstrap}, {@link Correlation}), next to the squared error of always predicting the mean. By
 * group: the same measures, and how much more each group is over-predicted than the other records (its
 * mean residual minus theirs, by a bootstrap that resamples each side on its own; its coverage is checked
 * by simulation in {@code RegressionEvaluationTest}). A model whose Pearson interval does not lie above
 * zero predicts no better than chance, and its group gaps are then not read ({@link RegressionResult#reading}).
 *
 * <pre>{@code
 * RegressionResult r = RegressionEvaluation.builder().optBootstrap(1000).optSeed(1).build()
 *         .run(gold, predicted, Map.of("gender", genders));
 * }</pre>
 */
public final class RegressionEvaluation {
    private final int bootstrap;
    private final long seed;

    private RegressionEvaluation(Builder b) {
        this.bootstrap = b.bootstrap;
        this.seed = b.seed;
    }

    /** A builder with 1000 replicates and seed 1. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores {@code predicted} against {@code gold} (same length), by each group field of {@code groups}
     * (field to each record's group; an empty group is not a group: those records count only overall).
     *
     * @throws IllegalArgumentException when the lengths differ or there are no records
     */
    public RegressionResult run(double[] gold, double[] predicted, Map<String, List<String>> groups) {
        if (gold.length != predicted.length || gold.length == 0) {
            throw new IllegalArgumentException("need as many predictions as gold values, and some: " + gold.length
                    + " gold, " + predicted.length + " predicted");
        }
        RegressionResult.Measures overall = measures(gold, predicted, 0);
        double mean = Arrays.stream(gold).average().orElse(0);
        double baseline = Arrays.stream(gold).map(g -> (g - mean) * (g - mean)).average().orElse(0);
        boolean beats = overall.pearson().isDefined() && overall.pearson().low() != null && overall.pearson().low() > 0;
        List<RegressionResult.Grouping> groupings = new ArrayList<>();
        int k = 1;
        for (var e : new TreeMap<>(groups).entrySet()) {
            groupings.add(grouping(e.getKey(), e.getValue(), gold, predicted, k++ * 1000));
        }
        return new RegressionResult(gold.length, overall, baseline, beats,
                reading(overall, baseline, beats) + multiplicity(groupings, beats), groupings, bootstrap, seed);
    }

    private RegressionResult.Measures measures(double[] gold, double[] predicted, long stream) {
        int n = gold.length;
        double[] sq = new double[n];
        double[] res = new double[n];
        double meanGold = 0;
        for (int i = 0; i < n; i++) {
            res[i] = predicted[i] - gold[i];
            sq[i] = res[i] * res[i];
            meanGold += gold[i] / n;
        }
        long s = Seeds.stream(seed, stream);
        return new RegressionResult.Measures(n, meanGold, Bootstrap.mean(predicted, n, bootstrap, s + 1), Bootstrap.mean(sq, n, bootstrap, s + 2),
                Correlation.pearsonInterval(predicted, gold, bootstrap, s + 3),
                Correlation.spearmanInterval(predicted, gold, bootstrap, s + 4), Bootstrap.mean(res, n, bootstrap, s + 5));
    }

    private RegressionResult.Grouping grouping(String field, List<String> labels, double[] gold, double[] predicted,
            long stream) {
        if (labels.size() != gold.length) {
            throw new IllegalArgumentException("group field '" + field + "' has " + labels.size() + " values for "
                    + gold.length + " records");
        }
        Map<String, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String g = labels.get(i);
            if (g != null && !g.isEmpty()) {
                members.computeIfAbsent(g, x -> new ArrayList<>()).add(i);
            }
        }
        List<RegressionResult.Group> groups = new ArrayList<>();
        List<RegressionResult.Gap> gaps = new ArrayList<>();
        int k = 0;
        for (var e : members.entrySet()) {
            k++;
            List<Integer> in = e.getValue();
            double[] g = pick(gold, in);
            double[] p = pick(predicted, in);
            groups.add(new RegressionResult.Group(e.getKey(), measures(g, p, stream + 10L * k)));
            List<Integer> out = new ArrayList<>();
            boolean[] isIn = new boolean[gold.length];
            in.forEach(i -> isIn[i] = true);
            for (var other : members.values()) {
                for (int i : other) {
                    if (!isIn[i]) {
                        out.add(i);
                    }
                }
            }
            gaps.add(new RegressionResult.Gap(e.getKey(), residualGap(residuals(gold, predicted, in),
                    residuals(gold, predicted, out), Seeds.stream(seed, stream + 10L * k + 7))));
        }
        return new RegressionResult.Grouping(field, groups, gaps);
    }

    /**
     * The mean of {@code a} minus the mean of {@code b}, with a 95% percentile interval from resampling
     * each on its own ({@code bootstrap} replicates from {@code seed}).
     */
    Estimate residualGap(double[] a, double[] b, long seed) {
        if (a.length == 0 || b.length == 0) {
            return Estimate.undefined(a.length == 0 ? "the group has no records" : "no other group has records");
        }
        double value = mean(a) - mean(b);
        if (bootstrap == 0) {
            return new Estimate(value, null, null, "no interval: bootstrap off");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] reps = new double[bootstrap];
        for (int r = 0; r < bootstrap; r++) {
            reps[r] = resampledMean(a, random) - resampledMean(b, random);
        }
        Arrays.sort(reps);
        return Bootstrap.interval(value, reps);
    }

    private static double resampledMean(double[] v, SplittableRandom random) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[random.nextInt(v.length)];
        }
        return s / v.length;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double[] residuals(double[] gold, double[] predicted, List<Integer> idx) {
        double[] out = new double[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = predicted[idx.get(i)] - gold[idx.get(i)];
        }
        return out;
    }

    private static double[] pick(double[] v, List<Integer> idx) {
        double[] out = new double[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[idx.get(i)];
        }
        return out;
    }

    private static String reading(RegressionResult.Measures m, double baseline, boolean beats) {
        if (!m.pearson().isDefined()) {
            return "the predictions or the gold values are constant, so the model's fit cannot be measured; "
                    + "the group gaps are not read";
        }
        if (!beats) {
            return "Pearson's interval reaches zero: the predictions track the gold values no better than chance "
                    + "could, so the group gaps say nothing about the model";
        }
        String fit = m.mse().value() < baseline ? "below" : "not below";
        return "the predictions track the gold values (Pearson's interval lies above zero), with a squared error "
                + fit + " that of always predicting the mean; the group gaps can be read";
    }

    /**
     * When the gaps are read and some grouping has more than two groups: how many gap intervals there are,
     * and that about one in twenty of them excludes zero by chance alone, as no adjustment is made.
     */
    private static String multiplicity(List<RegressionResult.Grouping> groupings, boolean beats) {
        int gaps = groupings.stream().mapToInt(g -> g.gaps().size()).sum();
        boolean many = groupings.stream().anyMatch(g -> g.groups().size() > 2);
        if (!beats || !many) {
            return "";
        }
        return "; of the " + gaps + " gap intervals, each at 95% and not adjusted for their number, about "
                + String.format(java.util.Locale.ROOT, "%.2f", gaps * 0.05) + " would exclude zero by chance alone";
    }

    /** Builds a {@link RegressionEvaluation}. */
    public static final class Builder {
        private int bootstrap = 1000;
        private long seed = 1;

        private Builder() {}

        /** Bootstrap replicates of every interval (default 1000; 0 for none). */
        public Builder optBootstrap(int bootstrap) {
            this.bootstrap = bootstrap;
            return this;
        }

        /** The seed of the bootstrap (default 1). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException when the replicates are negative
         */
        public RegressionEvaluation build() {
            if (bootstrap < 0) {
                throw new IllegalArgumentException("bootstrap replicates must be >= 0, not " + bootstrap);
            }
            return new RegressionEvaluation(this);
        }
    }
}
