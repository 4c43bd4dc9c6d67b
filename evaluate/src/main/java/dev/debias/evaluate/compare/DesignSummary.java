package dev.debias.evaluate.compare;

import dev.debias.stats.Estimate;
import java.util.List;
import java.util.Map;

/**
 * The runs that share a design except for the seed, pooled: each measure's mean over seeds with a 95%
 * Student-t interval (undefined with one seed).
 *
 * @param design the shared design, without the seed
 * @param runs the names of the runs pooled
 * @param seeds their seeds
 * @param measures measure name to the mean over seeds and its interval
 */
public record DesignSummary(Map<String, String> design, List<String> runs, List<String> seeds,
        Map<String, Estimate> measures) {
    public DesignSummary {
        design = Map.copyOf(design);
        runs = List.copyOf(runs);
        seeds = List.copyOf(seeds);
        measures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(measures));
    }
}
