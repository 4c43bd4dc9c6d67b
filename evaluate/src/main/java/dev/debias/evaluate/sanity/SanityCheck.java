package dev.debias.evaluate.sanity;

import dev.debias.evaluate.group.Grouping;
import dev.debias.evaluate.group.PredictionSet;
import dev.debias.evaluate.group.ResampledMeasures;
import dev.debias.stats.Bootstrap;
import dev.debias.stats.Estimate;
import dev.debias.stats.Proportions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes a {@link Sanity} from a {@link PredictionSet}. The majority-class baseline predicts the most frequent
 * class of the training data when its label counts are given, else of the test records; chance is uniform
 * guessing over the model's k classes, whose expected accuracy is 1/k and whose expected macro-F1 (ratio of
 * expectations, every class predicted) is (1/k) sum_c 2 p_c / (k p_c + 1) for test class shares p_c. The
 * intervals come from one paired percentile bootstrap of the test records: each replicate draws the records
 * once and measures the model and both baselines on that same draw (the baseline's class shares move with it),
 * so the difference's interval carries only the sampling noise of the difference. The one exception is accuracy
 * minus chance: chance's accuracy 1/k is a constant, so that interval is the Wilson interval of the model's
 * accuracy shifted by 1/k. Accuracy and macro-F1 are
 * {@link ResampledMeasures}', the code behind the evaluation's own numbers. Replicates are seeded one by one.
 */
public final class SanityCheck {
    private final PredictionSet set;
    private final Map<String, Long> trainCounts;
    private final int bootstrap;
    private final long seed;
    private final int minClassRecords;

    private SanityCheck(Builder b) {
        this.set = b.set;
        this.trainCounts = b.trainCounts;
        this.bootstrap = b.bootstrap;
        this.seed = b.seed;
        this.minClassRecords = b.minClassRecords;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code e}'s interval lies above 0 (its value, when it has no interval). */
    public static boolean clear(Estimate e) {
        if (e == null || !e.isDefined()) {
            return false;
        }
        return e.low() != null ? e.low() > 0 : e.value() > 0;
    }

    /** Runs the check. */
    public Sanity check() {
        int n = set.size();
        int k = set.classes().size();
        long[] support = new long[k];
        for (int i = 0; i < n; i++) {
            support[set.label(i)]++;
        }
        int majority;
        String from;
        if (trainCounts != null) {
            majority = -1;
            for (int c = 0; c < k; c++) {
                long v = trainCounts.getOrDefault(set.classes().get(c), 0L);
                if (majority < 0 || v > trainCounts.getOrDefault(set.classes().get(majority), 0L)) {
                    majority = c;
                }
            }
            from = "train";
        } else {
            majority = 0;
            for (int c = 1; c < k; c++) {
                majority = support[c] > support[majority] ? c : majority;
            }
            from = "test";
        }
        Grouping one = new Grouping("all", List.of("all"), new int[n]);
        ResampledMeasures model = ResampledMeasures.builder().setPredictions(set).setGrouping(one).build();
        List<String> labels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(set.classes().get(set.label(i)));
        }
        PredictionSet constant = PredictionSet.of(labels, Collections.nCopies(n, set.classes().get(majority)), Map.of(),
                set.classes());
        ResampledMeasures base = ResampledMeasures.builder().setPredictions(constant).setGrouping(one).build();

        double[] point = values(model.point(), base.point(), chanceF1(support, n, k), k);
        double[][] reps = Bootstrap.replicates(bootstrap, seed, r -> {
            int[] idx = new int[n];
            long[] s = new long[k];
            for (int j = 0; j < n; j++) {
                idx[j] = r.nextInt(n);
                s[set.label(idx[j])]++;
            }
            return values(model.on(idx), base.on(idx), chanceF1(s, n, k), k);
        }).toArray(double[][]::new);
        Estimate[] est = new Estimate[point.length];
        double[] col = new double[bootstrap];
        for (int m = 0; m < point.length; m++) {
            for (int b = 0; b < bootstrap; b++) {
                col[b] = reps[b][m];
            }
            double[] sorted = Arrays.stream(col).filter(v -> !Double.isNaN(v)).sorted().toArray();
            est[m] = bootstrap == 0 ? new Estimate(point[m], null, null, "no interval: bootstrap off")
                    : Bootstrap.interval(point[m], sorted);
        }
        Map<String, Long> small = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            if (support[c] < minClassRecords) {
                small.put(set.classes().get(c), support[c]);
            }
        }
        // chance's accuracy is the constant 1/k, so accuracy minus chance is the model's accuracy shifted: its Wilson
        // interval, which covers better than a percentile bootstrap of a proportion (Brown, Cai and DasGupta 2001)
        long correct = 0;
        for (int i = 0; i < n; i++) {
            correct += set.label(i) == set.prediction(i) ? 1 : 0;
        }
        Estimate w = Proportions.wilson(correct, n);
        est[3] = bootstrap == 0 ? est[3] : Estimate.of(w.value() - 1.0 / k, w.low() - 1.0 / k, w.high() - 1.0 / k);
        double[] basePoint = base.point();
        boolean passed = clear(est[2]) && clear(est[3]) && clear(est[4]) && clear(est[5]);
        return new Sanity(n, k, set.classes().get(majority), from, est[0], est[1], basePoint[0], basePoint[1], 1.0 / k,
                chanceF1(support, n, k), est[2], est[3], est[4], est[5], passed, small, minClassRecords, bootstrap, seed);
    }

    /** {model accuracy, model macro-F1, acc - majority, acc - chance, F1 - majority, F1 - chance}. */
    private static double[] values(double[] model, double[] base, double chanceF1, int k) {
        int acc = ResampledMeasures.NAMES.indexOf(ResampledMeasures.ACCURACY);
        int f1 = ResampledMeasures.NAMES.indexOf(ResampledMeasures.MACRO_F1);
        return new double[] {model[acc], model[f1], model[acc] - base[acc], model[acc] - 1.0 / k,
                model[f1] - base[f1], model[f1] - chanceF1};
    }

    /** Uniform guessing's expected macro-F1 over k classes with these label counts. */
    static double chanceF1(long[] support, int n, int k) {
        double sum = 0;
        for (long s : support) {
            double p = (double) s / n;
            sum += 2 * p / (k * p + 1);
        }
        return sum / k;
    }

    /** Builds a {@link SanityCheck}; the predictions are required. */
    public static final class Builder {
        private PredictionSet set;
        private Map<String, Long> trainCounts;
        private int bootstrap = 1000;
        private long seed = 1;
        private int minClassRecords = 10;

        private Builder() {}

        /** The test predictions (required). */
        public Builder setPredictions(PredictionSet set) {
            this.set = Objects.requireNonNull(set);
            return this;
        }

        /** The training data's records per class, for the majority class; default: the test records' majority. */
        public Builder optTrainCounts(Map<String, Long> counts) {
            this.trainCounts = counts == null ? null : Map.copyOf(counts);
            return this;
        }

        /** Bootstrap replicates; 0 for no intervals (the gate then compares the values). Default 1000. */
        public Builder optBootstrap(int replicates) {
            this.bootstrap = replicates;
            return this;
        }

        /** The bootstrap seed; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A class with fewer test records than this is named in {@link Sanity#smallClasses()}; default 10. */
        public Builder optMinClassRecords(int records) {
            this.minClassRecords = records;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         */
        public SanityCheck build() {
            if (set == null || set.size() == 0) {
                throw new IllegalArgumentException("the sanity check needs predictions for at least one record");
            }
            if (bootstrap < 0 || minClassRecords < 0) {
                throw new IllegalArgumentException("bootstrap replicates and the minimum class records must be >= 0, got "
                        + bootstrap + " and " + minClassRecords);
            }
            if (trainCounts != null && trainCounts.keySet().stream().noneMatch(set.classes()::contains)) {
                throw new IllegalArgumentException("no class of the training counts " + trainCounts.keySet()
                        + " is a class of the predictions " + set.classes());
            }
            return new SanityCheck(this);
        }
    }
}
