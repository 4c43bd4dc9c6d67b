package dev.debias.evaluate.counterfactual;

import dev.debias.stats.Estimate;
import dev.debias.stats.Proportions;
import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.ProgressListener;
import dev.debias.stats.Bootstrap;
import dev.debias.corpus.Record;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Predicts every record that holds a term of the axis and its counterfactual (the axis terms swapped
 * by {@link CounterfactualSwapper}), and measures how often the predicted label flips and how much the
 * probability of the original prediction moves, overall and per direction (on an axis of more than two
 * groups, {@code black->white} and {@code white->black} apart). Records without a term are counted but not tested.
 * The swapper must have one mapping (on a multi-group axis, a pair or a target group).
 * Streams the records in chunks; keeps one float per tested record for the bootstrap, and each tested record's
 * outcome in arrays ({@link CounterfactualOutcomes}) for paired comparisons between models.
 *
 * <pre>{@code
 * CounterfactualResult r = CounterfactualTest.builder()
 *         .setClassifier(Classifier.of(predictor))
 *         .setSwapper(CounterfactualSwapper.builder().build())
 *         .build().run(reader);
 * r.overall().flipRate();   // e.g. 0.031 [0.024, 0.040]
 * }</pre>
 */
public final class CounterfactualTest {
    private static final int CHUNK = 256;

    private final Classifier classifier;
    private final CounterfactualSwapper swapper;
    private final int worst;
    private final int bootstrap;
    private final long seed;
    private final ProgressListener progress;
    private final boolean ids;

    private CounterfactualTest(Builder b) {
        this.ids = b.ids;
        this.classifier = b.classifier;
        this.swapper = b.swapper;
        this.worst = b.worst;
        this.bootstrap = b.bootstrap;
        this.seed = b.seed;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Tracks one set of tested records. */
    private static final class Tally {
        long tested;
        long flipped;
        float[] changes = new float[64];
        /** Per class, how often it was predicted for the originals and for their counterfactuals. */
        final long[] original;
        final long[] counterfactual;

        Tally(int classes) {
            original = new long[classes];
            counterfactual = new long[classes];
        }

        void add(int before, int after, double change) {
            if (tested == changes.length) {
                changes = Arrays.copyOf(changes, changes.length * 2);
            }
            changes[(int) tested++] = (float) change;
            if (before != after) {
                flipped++;
            }
            original[before]++;
            counterfactual[after]++;
        }

        /**
         * The flip rate expected when the counterfactuals' predictions are shuffled among the tested records:
         * a record's counterfactual prediction is then any of them with equal probability, so it differs from
         * the original's with probability 1 - (count of the original's class among the counterfactuals) / n,
         * and the mean over records is 1 - sum over classes of original count x counterfactual count / n^2.
         */
        Double chanceFlipRate() {
            if (tested == 0) {
                return null;
            }
            double same = 0;
            for (int c = 0; c < original.length; c++) {
                same += (double) original[c] * counterfactual[c];
            }
            return 1 - same / ((double) tested * tested);
        }
    }

    /** Runs the test over {@code records}, which it reads to the end. */
    public CounterfactualResult run(Iterator<Record> records) {
        List<String> labels = classifier.labels();
        Tally all = new Tally(labels.size());
        CounterfactualOutcomes.Builder outcomes = new CounterfactualOutcomes.Builder();
        List<Long> ordinals = new ArrayList<>(CHUNK);
        Map<String, Tally> byGroup = new TreeMap<>();
        Comparator<Candidate> order = Comparator.comparing((Candidate c) -> c.example.flipped())
                .thenComparingDouble(c -> c.example.change()).thenComparing(c -> -c.index);
        PriorityQueue<Candidate> top = new PriorityQueue<>(order);
        long read = 0;
        progress.start("counterfactual test (" + swapper.axis() + ")", -1, "records");
        List<Record> originals = new ArrayList<>(CHUNK);
        List<Counterfactual> swapped = new ArrayList<>(CHUNK);
        String pairField = classifier.pairField();
        List<Counterfactual> swappedSeconds = new ArrayList<>(CHUNK);
        while (records.hasNext()) {
            Record r = records.next();
            read++;
            Counterfactual cf = swapper.swap(r.text());
            // a pair is swapped in both texts, with the same mapping
            Counterfactual cf2 = pairField == null ? null : swapper.swap(PairText.second(r, pairField));
            if (cf.changed() || (cf2 != null && cf2.changed())) {
                originals.add(r);
                swapped.add(cf);
                swappedSeconds.add(cf2);
                ordinals.add(read - 1);
            }
            if (originals.size() == CHUNK || (!records.hasNext() && !originals.isEmpty())) {
                List<String> texts = new ArrayList<>(originals.size() * 2);
                originals.forEach(o -> texts.add(o.text()));
                swapped.forEach(s -> texts.add(s.text()));
                float[][] p;
                if (pairField == null) {
                    p = classifier.predict(texts);
                } else {
                    List<String> seconds = new ArrayList<>(texts.size());
                    originals.forEach(o -> seconds.add(PairText.second(o, pairField)));
                    swappedSeconds.forEach(s -> seconds.add(s.text()));
                    p = classifier.predictPairs(texts, seconds);
                }
                for (int i = 0; i < originals.size(); i++) {
                    float[] a = p[i];
                    float[] b = p[originals.size() + i];
                    int pa = Classifier.top(a);
                    int pb = Classifier.top(b);
                    Record o = originals.get(i);
                    Counterfactual s1 = swapped.get(i);
                    Counterfactual s2 = swappedSeconds.get(i);
                    String before = s2 == null ? o.text() : PairText.display(o.text(), PairText.second(o, pairField));
                    String after = s2 == null ? s1.text() : PairText.display(s1.text(), s2.text());
                    CounterfactualExample ex = new CounterfactualExample(o.id(), before, after, labels.get(pa),
                            labels.get(pb), a[pa], b[pa]);
                    all.add(pa, pb, ex.change());
                    String group = direction(groupOf(PairText.groups(s1, s2)));
                    byGroup.computeIfAbsent(group, g -> new Tally(labels.size())).add(pa, pb, ex.change());
                    outcomes.add(ids ? ex.id() : null, ordinals.get(i), pa != pb, b[pa] - a[pa], group);
                    top.add(new Candidate(ex, all.tested));
                    if (top.size() > worst) {
                        top.poll();
                    }
                }
                swappedSeconds.clear();
                progress.advance(originals.size());
                originals.clear();
                swapped.clear();
                ordinals.clear();
            }
        }
        progress.finish();
        List<CounterfactualExample> worstFirst = new ArrayList<>();
        top.stream().sorted(order.reversed()).forEach(c -> worstFirst.add(c.example));
        List<FlipStatistics> groups = new ArrayList<>();
        byGroup.forEach((g, t) -> groups.add(statistics(g, t)));
        return new CounterfactualResult(swapper.axis(), read, statistics(FlipStatistics.ALL, all), groups, worstFirst,
                bootstrap, seed, outcomes.build());
    }

    private record Candidate(CounterfactualExample example, long index) {}

    /**
     * The name a group's records are reported under: the group itself on a two-group axis (its direction is
     * implied), {@code group->target} on an axis of more groups ({@code black->white}), so each direction of a
     * pair has its own flip rate.
     */
    private String direction(String group) {
        if (swapper.groups().size() <= 2 || swapper.mapping() == null) {
            return group;
        }
        String to = swapper.mapping().targetOf(group);
        return to == null ? group : group + "->" + to;
    }

    /** The group most of the original's terms belong to, or {@code mixed} on a tie. */
    static String groupOf(Map<String, Integer> found) {
        String best = null;
        int max = 0;
        boolean tie = false;
        for (var e : new TreeMap<>(found).entrySet()) {
            if (e.getValue() > max) {
                best = e.getKey();
                max = e.getValue();
                tie = false;
            } else if (e.getValue() == max && max > 0) {
                tie = true;
            }
        }
        return best == null ? "(none)" : tie ? "mixed" : best;
    }

    private FlipStatistics statistics(String group, Tally t) {
        Estimate flip = t.tested == 0 ? Estimate.undefined("no record held a term of the axis")
                : Proportions.wilson(t.flipped, t.tested);
        return new FlipStatistics(group, t.tested, t.flipped, flip, meanChange(t), t.chanceFlipRate());
    }

    private Estimate meanChange(Tally t) {
        if (t.tested == 0) {
            return Estimate.undefined("no record held a term of the axis");
        }
        double[] changes = new double[(int) t.tested];
        for (int i = 0; i < changes.length; i++) {
            changes[i] = t.changes[i];
        }
        return Bootstrap.mean(changes, changes.length, bootstrap, seed);
    }

    /** Builds a {@link CounterfactualTest}; the classifier is required. */
    public static final class Builder {
        private Classifier classifier;
        private CounterfactualSwapper swapper;
        private int worst = 10;
        private int bootstrap = 1000;
        private long seed = 1;
        private ProgressListener progress = ProgressListener.NONE;
        private boolean ids = true;

        private Builder() {}

        /**
         * Whether the records' ids name them in the outcomes; false when the input has no id field (its ids are
         * then line numbers), so that the outcomes name records by their 0-based ordinal. Default true.
         */
        public Builder optRecordIds(boolean fromInput) {
            this.ids = fromInput;
            return this;
        }

        /** The model under test (required). */
        public Builder setClassifier(Classifier classifier) {
            this.classifier = Objects.requireNonNull(classifier);
            return this;
        }

        /** Makes the counterfactuals; default the gender swapper with the built-in lexicons. */
        public Builder optSwapper(CounterfactualSwapper swapper) {
            this.swapper = Objects.requireNonNull(swapper);
            return this;
        }

        /** How many of the most moved records to keep; default 10. */
        public Builder optWorstExamples(int n) {
            this.worst = n;
            return this;
        }

        /** Bootstrap replicates for the mean-change interval; 0 for none. Default 1000. */
        public Builder optBootstrap(int replicates) {
            this.bootstrap = replicates;
            return this;
        }

        /** The bootstrap seed; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Progress reporting; default none. */
        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /** Validates and builds. */
        public CounterfactualTest build() {
            if (classifier == null) {
                throw new IllegalArgumentException("a classifier is required");
            }
            if (worst < 0 || bootstrap < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "worst examples (%d) and bootstrap replicates (%d) must be >= 0", worst, bootstrap));
            }
            if (swapper == null) {
                swapper = CounterfactualSwapper.builder().build();
            }
            if (swapper.perGroup()) {
                throw new IllegalArgumentException("the counterfactual test swaps every record one way, but axis '"
                        + swapper.axis() + "' has " + swapper.groups().size() + " groups " + swapper.groups()
                        + ": name a pair of groups or a target group");
            }
            return new CounterfactualTest(this);
        }
    }
}
