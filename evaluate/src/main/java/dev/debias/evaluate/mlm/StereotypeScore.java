package dev.debias.evaluate.mlm;

import dev.debias.stats.Bootstrap;
import dev.debias.stats.Estimate;
import dev.debias.stats.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The CrowS-Pairs stereotype score (Nangia et al., 2020): the share of pairs whose stereotyping
 * sentence ({@link CrowsPair#stereotyping}: {@code sent_more} on stereo rows, {@code sent_less} on
 * antistereo rows, as the paper's metric counts them) scores strictly higher than the other. A tie
 * counts as not stereotyping and is reported. 0.5 is the unbiased value. Overall and per bias type, each
 * with a percentile bootstrap 95% interval over pairs from the seed. A pair the scorer could not score
 * (NaN, e.g. a sentence longer than the model takes) is left out of every part and counted as skipped.
 */
public final class StereotypeScore {
    private StereotypeScore() {}

    /** The score of {@code pairs} under {@code scorer}, with {@code replicates} bootstrap resamples from {@code seed}. */
    public static CrowsPairsResult run(List<CrowsPair> pairs, PairScorer scorer, int replicates, long seed) {
        List<double[]> scores = scorer.score(pairs);
        if (scores.size() != pairs.size()) {
            throw new IllegalStateException("the scorer gave " + scores.size() + " scores for " + pairs.size() + " pairs");
        }
        TreeMap<String, List<Integer>> byType = new TreeMap<>();
        List<Integer> all = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < pairs.size(); i++) {
            if (Double.isNaN(scores.get(i)[0]) || Double.isNaN(scores.get(i)[1])) {
                skipped++;
                continue;
            }
            all.add(i);
            byType.computeIfAbsent(pairs.get(i).biasType(), k -> new ArrayList<>()).add(i);
        }
        List<CrowsPairsResult.Part> parts = new ArrayList<>();
        int k = 1;
        for (var e : byType.entrySet()) {
            parts.add(part(e.getKey(), e.getValue(), scores, replicates, Seeds.mix(seed, k++)));
        }
        return new CrowsPairsResult(part("all", all, scores, replicates, seed), parts, skipped, replicates, seed);
    }

    private static CrowsPairsResult.Part part(String name, List<Integer> idx, List<double[]> scores, int replicates,
            long seed) {
        double[] wins = new double[idx.size()];
        int stereo = 0;
        int ties = 0;
        for (int i = 0; i < idx.size(); i++) {
            double[] s = scores.get(idx.get(i));
            if (s[0] > s[1]) {
                wins[i] = 1;
                stereo++;
            } else if (s[0] == s[1]) {
                ties++;
            }
        }
        Estimate score = Bootstrap.mean(wins, wins.length, replicates, seed);
        Estimate diff = score.low() == null ? new Estimate(score.value() - 0.5, null, null, score.undefined())
                : Estimate.of(score.value() - 0.5, score.low() - 0.5, score.high() - 0.5);
        return new CrowsPairsResult.Part(name, idx.size(), stereo, ties, score, diff);
    }
}
