package dev.debias.audit;

import java.util.Map;

/**
 * How a group of an axis shows up in the corpus.
 *
 * @param group the group
 * @param units units holding the group
 * @param exclusiveUnits units holding this group and no other of the axis
 * @param terms terms of the group in use
 * @param termsFound terms that occur at least once
 * @param topTerms the most frequent terms with their occurrence counts, most frequent first (at most 10)
 */
public record GroupReport(String group, long units, long exclusiveUnits, int terms, int termsFound,
        Map<String, Long> topTerms) {
    public GroupReport {
        topTerms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topTerms));
    }
}
