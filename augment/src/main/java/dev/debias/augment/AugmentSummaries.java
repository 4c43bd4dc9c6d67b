package dev.debias.augment;

import dev.debias.core.Versions;
import dev.debias.corpus.GroupValueMap;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link AugmentSummary} of a run from its settings, its {@link Tally} and its rates: the
 * {@code config} holds every setting that decides the output (a mode's own settings only for that
 * mode), substitutions by term are listed most frequent first.
 */
final class AugmentSummaries {
    private AugmentSummaries() {}

    /** The summary's {@code config}: every setting, in a fixed order; {@code groupField} null means the lexicon. */
    static Map<String, String> config(AugmentConfig c, String groupField) {
        return config(c, groupField, GroupValueMap.NONE);
    }

    /** The summary's {@code config}, with {@code group_values} last when {@code groupValues} maps any value. */
    static Map<String, String> config(AugmentConfig c, String groupField, GroupValueMap groupValues) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mode", c.mode().id());
        config.put("axis", c.swapper().axis());
        config.put("axis_lexicon", c.axisSpec());
        config.put("direction", c.swapper().direction().toString());
        config.put("groups", c.swapper().mapping() == null ? "per-group" : c.swapper().mapping().toString());
        config.put("seed", Long.toString(c.seed()));
        if (c.mode() == AugmentMode.SUBSTITUTE) {
            config.put("p", Double.toString(c.probability()));
        }
        if (c.mode() == AugmentMode.REBALANCE) {
            config.put("target_rate", Double.toString(c.targetRate()));
            config.put("target_group", c.targetGroup() == null ? "" : c.targetGroup());
            config.put("allow_drop", Boolean.toString(c.allowDrop()));
            if (!c.targetShares().isEmpty()) {
                config.put("target_shares", TargetShares.format(c.targetShares()));
            } else if (c.swapper().groups().size() > 2 && c.targetGroup() == null && !c.targetRateSet()) {
                config.put("target_shares", "parity");
            }
        }
        if (c.mode() == AugmentMode.REWEIGH) {
            config.put("weight_field", c.weightField());
        }
        if (c.swapper().keepsFullNames()) {
            config.put("keep_full_names", "true");
        }
        if (c.swapper().skipsRealPeople()) {
            config.put("skip_real_people", "true");
        }
        config.put("swap_labels", c.swapLabels() ? "auto" : "never");
        config.put("groups_from", groupField == null ? "lexicon" : "field:" + groupField);
        if (!groupValues.isEmpty()) {
            config.put("group_values", groupValues.toString());
        }
        return config;
    }

    /** How the rates are defined, in words. */
    static String rateDefinition(AugmentConfig c, String groupField) {
        return "per label, the share of each group among the label's records that hold exactly one group ("
                + (groupField == null ? "detected with the " + c.axisSpec() + " lexicon" : "by the field " + groupField)
                + "), counted by the audit module" + (c.mode() == AugmentMode.REWEIGH ? "; after: weighted" : "");
    }

    private static Map<String, Long> top(Map<String, Long> m, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        m.entrySet().stream().limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** {@code byTerm} with the most frequent terms first, ties by term. */
    static Map<String, Long> mostFrequentFirst(Map<String, Long> byTerm) {
        Map<String, Long> out = new LinkedHashMap<>();
        byTerm.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The summary of a run of {@code c} that read {@code input} (hash {@code inputSha256}) and wrote
     * {@code output}, counted in {@code t}, with the rates before and after, the weights of each
     * {@code group|label} (reweigh) and the planner's warnings; {@code groupValues} is how the group field's
     * values were read as groups.
     */
    static AugmentSummary summary(AugmentConfig c, String input, String inputSha256, String output, Tally t,
            String groupField, GroupValueMap groupValues, Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after,
            Map<String, Double> weights, List<String> warnings) {
        return new AugmentSummary(AugmentSummary.SCHEMA, c.mode().id(), input, inputSha256, output, config(c, groupField, groupValues),
                t.in, t.skipped, t.skippedRecords, t.out, t.byTransform, t.originals, t.dropped, t.copies, t.changed,
                t.substitutions, mostFrequentFirst(t.byTerm), top(mostFrequentFirst(t.kept), AugmentSummary.KEPT_LISTED),
                t.in == t.originals + t.dropped,
                rateDefinition(c, groupField), before, after, weights, warnings, Versions.all());
    }
}
