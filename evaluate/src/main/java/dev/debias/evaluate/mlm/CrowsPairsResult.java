package dev.debias.evaluate.mlm;

import dev.debias.stats.Estimate;
import java.util.List;

/**
 * A CrowS-Pairs stereotype score.
 *
 * @param overall every pair scored
 * @param byType one part per bias type, sorted by name
 * @param skipped pairs left out because they could not be scored (a sentence longer than the model takes)
 * @param replicates bootstrap resamples of the intervals
 * @param seed the bootstrap seed
 */
public record CrowsPairsResult(Part overall, List<Part> byType, int skipped, int replicates, long seed) {
    /**
     * The score of some pairs.
     *
     * @param biasType the bias type, or {@code all}
     * @param pairs number of pairs
     * @param stereotyping pairs whose stereotyping sentence scored strictly higher
     * @param ties pairs whose two sentences scored the same (counted as not stereotyping)
     * @param score {@code stereotyping / pairs} with its interval
     * @param differenceFromHalf {@code score - 0.5} with its interval (0 is unbiased)
     */
    public record Part(String biasType, int pairs, int stereotyping, int ties, Estimate score,
            Estimate differenceFromHalf) {}
}
