package dev.debias.recipe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of an experiment (a data arm, a rate, an upstream x downstream pair, a model): its design,
 * and each measure pooled over the cell's runs (seeds). Immutable.
 *
 * @param design what the cell is, e.g. {@code upstream=inlp, downstream=none}
 * @param runs the names of its runs
 * @param measures measure name to its pooled summary
 */
public record Cell(Map<String, String> design, List<String> runs, Map<String, Effects.Summary> measures) {
    public Cell {
        design = Collections.unmodifiableMap(new LinkedHashMap<>(design));
        runs = List.copyOf(runs);
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    }

    /** The summary of {@code measure}, or an undefined one. */
    public Effects.Summary get(String measure) {
        Effects.Summary s = measures.get(measure);
        return s != null ? s : Effects.pool(List.of());
    }

    /** The design as {@code k=v, k=v}. */
    public String name() {
        return String.join(", ", design.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
