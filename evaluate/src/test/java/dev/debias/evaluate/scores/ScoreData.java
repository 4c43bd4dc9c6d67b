package dev.debias.evaluate.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.debias.evaluate.group.PredictionSet;
import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test data for the threshold-free tests: binary records (group, true label 0 or 1, probability of 1), built
 * into a prediction set and a score table. Not a test class itself.
 */
final class ScoreData {
    static final String FIELD = "group";
    static final double EPS = 1e-12;

    private final List<String> groups = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<Double> p = new ArrayList<>();

    /** Adds one record of {@code group} with true label {@code label} and probability {@code p1} of label 1. */
    ScoreData add(String group, int label, double p1) {
        groups.add(group);
        labels.add(Integer.toString(label));
        p.add(p1);
        return this;
    }

    int size() {
        return labels.size();
    }

    PredictionSet set() {
        List<String> predicted = p.stream().map(x -> x >= 0.5 ? "1" : "0").toList();
        return PredictionSet.of(labels, predicted, Map.of(FIELD, groups), List.of("0", "1"));
    }

    ScoreTable table() {
        ScoreTable.Builder b = ScoreTable.builder("probabilities", List.of("0", "1"), List.of("0", "1"), null);
        for (double x : p) {
            b.add(String.format(Locale.ROOT, "0=%.17g;1=%.17g", 1 - x, x));
        }
        return b.build();
    }

    ThresholdFreeMeasures.Builder builder() {
        PredictionSet set = set();
        return ThresholdFreeMeasures.builder().setPredictions(set).setScores(table())
                .setGroupings(List.of(set.grouping(FIELD))).optMinGroupSize(1);
    }

    static void assertValue(double expected, Estimate e, String what) {
        assertNotNull(e.value(), what + " is undefined: " + e.undefined());
        assertEquals(expected, e.value(), 1e-9, what);
    }

    static void assertUndefined(Estimate e, String reasonPart, String what) {
        assertNull(e.value(), what + " should be undefined: " + e);
        assertNotNull(e.undefined());
        if (!e.undefined().contains(reasonPart)) {
            throw new AssertionError(what + ": reason '" + e.undefined() + "' lacks '" + reasonPart + "'");
        }
    }
}
