package dev.debias.augment;

import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.corpus.Record;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Counterfactual substitution: each record is replaced by its counterfactual with probability
 * {@code p}, by a coin of its own drawn from the seed and its ordinal; a record whose text the swap
 * leaves unchanged stays original. With a swapper that copies per group, the record becomes one of its
 * counterfactuals, drawn uniformly with the same coin.
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

    /**
     * The counterfactual a substituted record becomes: the swapper's; with a swapper that copies per group, one
     * of the record's counterfactuals drawn uniformly by a second draw of the record's coin.
     */
    private Counterfactual pick(String text, long ordinal) {
        if (!swapper.perGroup()) {
            return swapper.swap(text);
        }
        List<Counterfactual> all = swapper.counterfactuals(text);
        if (all.isEmpty()) {
            return null;
        }
        SplittableRandom coin = new SplittableRandom(coinSeed(seed, ordinal));
        coin.nextDouble();
        return all.get(coin.nextInt(all.size()));
    }

    /** Whether record {@code ordinal} is to be substituted. */
    boolean coin(long ordinal) {
        return new SplittableRandom(coinSeed(seed, ordinal)).nextDouble() < probability;
    }

    @Override
    public Outcome apply(Record r, long ordinal) {
        Counterfactual cf = coin(ordinal) ? pick(r.text(), ordinal) : null;
        if (cf != null && cf.changed()) {
            return new Outcome(List.of(rewriter.counterfactual(r, cf, "",
                    Transforms.of(Transforms.SUBSTITUTED, swapper.groups().size(), cf.target()))), true, 0, 1,
                    cf.substitutions(), cf.kept());
        }
        return new Outcome(List.of(RecordRewriter.original(r)), true, 0, 0, List.of());
    }
}
