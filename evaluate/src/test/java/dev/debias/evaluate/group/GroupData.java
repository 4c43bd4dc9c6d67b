package dev.debias.evaluate.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test data for the group fairness tests: records added cell by cell (group, true label, predicted
 * label), and assertions on {@link Estimate}s. Not a test class itself.
 */
final class GroupData {
    /** The group field of the data built here. */
    static final String FIELD = "group";
    static final double EPS = 1e-12;

    private final List<String> labels = new ArrayList<>();
    private final List<String> predictions = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();

    /** Adds {@code times} records of {@code group} with true label {@code label} predicted as {@code prediction}. */
    GroupData add(String group, String label, String prediction, int times) {
        for (int i = 0; i < times; i++) {
            groups.add(group);
            labels.add(label);
            predictions.add(prediction);
        }
        return this;
    }

    /** Adds one record. */
    GroupData add(String group, String label, String prediction) {
        return add(group, label, prediction, 1);
    }

    /** Adds a group's confusion matrix, rows the true class, columns the predicted class. */
    GroupData matrix(String group, List<String> classes, int[][] cm) {
        for (int t = 0; t < cm.length; t++) {
            for (int p = 0; p < cm[t].length; p++) {
                add(group, classes.get(t), classes.get(p), cm[t][p]);
            }
        }
        return this;
    }

    /** A copy with every record repeated {@code n} times. */
    GroupData times(int n) {
        GroupData d = new GroupData();
        for (int r = 0; r < n; r++) {
            d.labels.addAll(labels);
            d.predictions.addAll(predictions);
            d.groups.addAll(groups);
        }
        return d;
    }

    PredictionSet set() {
        return PredictionSet.of(labels, predictions, Map.of(FIELD, groups), null);
    }

    /** A builder over this data grouped by {@link #FIELD}, with the bootstrap off (exact values, fast). */
    GroupFairness.Builder builder() {
        PredictionSet s = set();
        return GroupFairness.builder().setPredictions(s).setGrouping(s.grouping(FIELD)).optBootstrap(0);
    }

    // ---- assertions ----

    /** The estimate is defined and equals {@code expected} to 1e-12. */
    static void assertValue(double expected, Estimate e, String what) {
        assertNotNull(e, what);
        assertNotNull(e.value(), what + " is undefined: " + e.undefined());
        assertEquals(expected, e.value(), EPS, what);
    }

    /** The estimate is undefined (never 0) with a reason containing every part. */
    static void assertUndefined(Estimate e, String what, String... reasonParts) {
        assertNotNull(e, what);
        assertNull(e.value(), what + " should be undefined, was " + e.value());
        assertNull(e.low(), what);
        assertNull(e.high(), what);
        assertNotNull(e.undefined(), what + " has no reason");
        for (String part : reasonParts) {
            assertTrue(e.undefined().contains(part), what + ": reason '" + e.undefined() + "' lacks '" + part + "'");
        }
    }

    static GroupMetrics group(GroupFairnessResult r, String name) {
        return r.group(name).orElseThrow(() -> new AssertionError("no group " + name + " in " + r.groups()));
    }

    static ClassMetrics cls(GroupMetrics g, String label) {
        return g.classes().stream().filter(c -> c.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no class " + label + " in group " + g.group()));
    }

    static Gap gap(GroupFairnessResult r, String name) {
        return r.gap(name).orElseThrow(() -> new AssertionError("no gap " + name));
    }

    static Estimate gapValue(GroupFairnessResult r, String name) {
        return gap(r, name).value();
    }

    /** Asserts a class's one-vs-rest metrics; NaN for an expected undefined value. */
    static void assertClass(GroupMetrics g, String label, long support, long predicted, double tpr, double fpr,
            double precision, double selection) {
        ClassMetrics c = cls(g, label);
        String at = g.group() + " class " + label + " ";
        assertEquals(support, c.support(), at + "support");
        assertEquals(predicted, c.predicted(), at + "predicted");
        check(tpr, c.tpr(), at + "TPR");
        check(fpr, c.fpr(), at + "FPR");
        check(precision, c.precision(), at + "precision");
        check(selection, c.selectionRate(), at + "selection rate");
    }

    private static void check(double expected, Estimate e, String what) {
        if (Double.isNaN(expected)) {
            assertUndefined(e, what);
        } else {
            assertValue(expected, e, what);
        }
    }
}
