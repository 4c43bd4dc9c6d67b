package dev.debias.evaluate.compare;

import dev.debias.stats.Estimate;
import java.util.Map;

/**
 * The headline numbers of one evaluated run.
 *
 * @param name the run's name (its directory name unless given)
 * @param design what the run is within the experiment ({@code upstream}, {@code data}, {@code seed}, ...)
 * @param measures measure name ({@link Comparison#ACCURACY} or a bias measure) to its value and interval
 */
public record RunSummary(String name, Map<String, String> design, Map<String, Estimate> measures) {
    public RunSummary {
        design = Map.copyOf(design);
        measures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(measures));
    }
}
