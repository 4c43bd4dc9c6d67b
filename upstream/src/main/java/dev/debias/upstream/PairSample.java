package dev.debias.upstream;

import java.util.List;

/**
 * The sentences an upstream intervention learns from and is measured on, drawn from a corpus by
 * {@link PairSampler}.
 *
 * @param learn pairs the intervention learns from
 * @param heldOut pairs kept out of learning, for the embedding gap before and after
 * @param neutral sentences without any axis term
 * @param records records read
 * @param sentences sentences read
 * @param pairsFound sentences whose swap changed them (before sampling)
 * @param neutralFound sentences without axis terms (before sampling)
 * @param tooLong sentences skipped because they have more words than the sampler's limit (not in
 *     {@code sentences})
 */
public record PairSample(List<SentencePair> learn, List<SentencePair> heldOut, List<String> neutral, long records,
        long sentences, long pairsFound, long neutralFound, long tooLong) {
    public PairSample {
        learn = List.copyOf(learn);
        heldOut = List.copyOf(heldOut);
        neutral = List.copyOf(neutral);
    }

    /** The originals of {@code pairs}, in order. */
    public static List<String> originals(List<SentencePair> pairs) {
        return pairs.stream().map(SentencePair::original).toList();
    }

    /** The counterfactuals of {@code pairs}, in order. */
    public static List<String> counterfactuals(List<SentencePair> pairs) {
        return pairs.stream().map(SentencePair::counterfactual).toList();
    }
}
