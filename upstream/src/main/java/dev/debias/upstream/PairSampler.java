package dev.debias.upstream;

import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.ProgressListener;
import dev.debias.core.SeededShuffle;
import dev.debias.corpus.Record;
import dev.debias.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Splits a stream of records into sentences and keeps a seeded uniform sample of the sentences that
 * the swapper changes (as {@link SentencePair}s) and of those without any axis term (neutral), in one
 * pass with bounded memory (reservoir sampling). The sampled pairs are then shuffled with the seed
 * and split into learning and held-out pairs. Same records and seed, same sample.
 */
public final class PairSampler {
    /** Sentences with more words than this are skipped and counted, by default (they would be truncated). */
    public static final int DEFAULT_MAX_WORDS = 60;
    private final CounterfactualSwapper swapper;
    private final int learnPairs;
    private final int heldOutPairs;
    private final int neutral;
    private final int maxWords;
    private final long seed;
    private final SentenceSplitter splitter = SentenceSplitter.create();

    private PairSampler(Builder b) {
        this.swapper = b.swapper;
        this.learnPairs = b.learnPairs;
        this.heldOutPairs = b.heldOutPairs;
        this.neutral = b.neutral;
        this.maxWords = b.maxWords;
        this.seed = b.seed;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Samples from {@code records}. When the stream holds fewer pairs than asked for, the learning and
     * held-out shares keep their ratio (at least one held-out pair when there are two or more).
     */
    public PairSample sample(Iterator<Record> records, ProgressListener progress) {
        SplittableRandom random = new SplittableRandom(seed);
        Reservoir<SentencePair> pairs = new Reservoir<>(learnPairs + heldOutPairs, random.split());
        Reservoir<String> plain = new Reservoir<>(neutral, random.split());
        long read = 0;
        long sentences = 0;
        long tooLong = 0;
        progress.start("collecting sentences (" + swapper.axis() + ")", -1, "records");
        while (records.hasNext()) {
            String text = records.next().text();
            read++;
            for (var span : splitter.split(text)) {
                String s = span.getCoveredText(text).toString().strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (words(s) > maxWords) {
                    tooLong++;
                    continue;
                }
                sentences++;
                Counterfactual cf = swapper.swap(s);
                if (cf.changed()) {
                    pairs.offer(new SentencePair(s, cf.text(), groupOf(cf.groupsFound()),
                            groupOf(swapper.swap(cf.text()).groupsFound())));
                } else if (cf.groupsFound().isEmpty()) {
                    plain.offer(s);
                }
            }
            progress.advance(1);
        }
        progress.finish();
        List<SentencePair> all = new ArrayList<>(pairs.items);
        SeededShuffle.shuffle(all, random.split());
        int held = all.size() < 2 ? 0 : (int) Math.max(1, Math.round(
                (double) all.size() * heldOutPairs / (learnPairs + heldOutPairs)));
        if (heldOutPairs == 0) {
            held = 0;
        }
        return new PairSample(all.subList(held, all.size()), all.subList(0, held), plain.items, read, sentences,
                pairs.seen, plain.seen, tooLong);
    }

    private static int words(String s) {
        return s.split("\\s+").length;
    }

    /** The group most of the terms belong to, or null when there is none or a tie. */
    static String groupOf(Map<String, Integer> found) {
        String best = null;
        int count = 0;
        boolean tie = false;
        for (var e : new java.util.TreeMap<>(found).entrySet()) {
            if (e.getValue() > count) {
                best = e.getKey();
                count = e.getValue();
                tie = false;
            } else if (e.getValue() == count) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /** Algorithm R: a uniform sample of at most {@code size} items from a stream. */
    private static final class Reservoir<T> {
        final List<T> items = new ArrayList<>();
        final int size;
        final SplittableRandom random;
        long seen;

        Reservoir(int size, SplittableRandom random) {
            this.size = size;
            this.random = random;
        }

        void offer(T item) {
            seen++;
            if (items.size() < size) {
                items.add(item);
            } else if (size > 0) {
                long j = random.nextLong(seen);
                if (j < size) {
                    items.set((int) j, item);
                }
            }
        }
    }

    /** Builds a {@link PairSampler}; every setting has a default. */
    public static final class Builder {
        private CounterfactualSwapper swapper;
        private int learnPairs = 800;
        private int heldOutPairs = 200;
        private int neutral = 400;
        private int maxWords = DEFAULT_MAX_WORDS;
        private long seed = 1;

        private Builder() {}

        /** Makes the counterfactuals; default the gender swapper with the built-in lexicons. */
        public Builder optSwapper(CounterfactualSwapper swapper) {
            this.swapper = Objects.requireNonNull(swapper);
            return this;
        }

        /** Pairs to learn from; default 800. */
        public Builder optLearnPairs(int n) {
            this.learnPairs = n;
            return this;
        }

        /** Pairs held out for measuring; default 200. */
        public Builder optHeldOutPairs(int n) {
            this.heldOutPairs = n;
            return this;
        }

        /** Neutral sentences; default 400. */
        public Builder optNeutral(int n) {
            this.neutral = n;
            return this;
        }

        /** Sentences with more words than this are skipped (they would be truncated); default 60. */
        public Builder optMaxWords(int n) {
            this.maxWords = n;
            return this;
        }

        /** Seed of the sample and the split; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException when a count is negative, no pairs are asked for, or max words < 1
         */
        public PairSampler build() {
            if (learnPairs < 0 || heldOutPairs < 0 || neutral < 0 || learnPairs + heldOutPairs == 0 || maxWords < 1) {
                throw new IllegalArgumentException("pairs to learn (" + learnPairs + ") and hold out (" + heldOutPairs
                        + ") and neutral sentences (" + neutral + ") must be >= 0, with some pairs, and max words ("
                        + maxWords + ") >= 1");
            }
            if (swapper == null) {
                swapper = CounterfactualSwapper.builder().build();
            }
            return new PairSampler(this);
        }
    }
}
