package dev.debias.augment;

import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.corpus.Record;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Counterfactual substitution: each record is replaced by its counterfactual with probability
 * {@code p}, by a coin of its own drawn from the seed and its ordinal; a record whose text the swap
 * leaves unchanged stays original.
 */
final class SubstituteTransform implements RecordTransform {
    private final CounterfactualSwapper swapper;
    private final RecordRewriter rewriter;
    private final long seed;
    private final double probability;

    /** Substitutes with probability {@code probability} (0 to 1), coins seeded by {@code seed}. */
    SubstituteTransform(CounterfactualSwapper swapper, RecordRewriter rewriter, long seed, double probability) {
        this.swapper = swapper;
        this.rewriter = rewriter;
        this.seed = seed;
        this.probability = probability;
    }

    /**
     * The seed of record {@code ordinal}'s coin: {@code seed ^ (ordinal * 0x9E3779B97F4A7C15)}. This is
     * not {@link dev.debias.stats.Seeds}, whose values differ: substituted outputs were made with this
     * derivation before Seeds existed, and the same seed must keep giving the same bytes.
     */
    static long coinSeed(long seed, long ordinal) {
        return seed ^ (ordinal * 0x9E3779B97F4A7C15L);
    }

    /** Whether record {@code ordinal} is to be substituted. */
    boolean coin(long ordinal) {
        return new SplittableRandom(coinSeed(seed, ordinal)).nextDouble() < probability;
    }

    @Override
    public Outcome apply(Record r, long ordinal) {
        Counterfactual cf = coin(ordinal) ? swapper.swap(r.text()) : null;
        if (cf != null && cf.changed()) {
            return new Outcome(List.of(rewriter.counterfactual(r, cf, "", Transforms.SUBSTITUTED)), true, 0, 1,
                    cf.substitutions());
        }
        return new Outcome(List.of(RecordRewriter.original(r)), true, 0, 0, List.of());
    }
}
