package dev.debias.evaluate.group;

import dev.debias.corpus.GroupValueMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The true and predicted labels of a set of records, coded as class indexes, with the records'
 * group attributes. Held as arrays (a few bytes per record) because bootstrap intervals resample
 * them many times. Immutable.
 */
public final class PredictionSet {
    /** The group name given to records whose group field is empty. */
    public static final String EMPTY_GROUP = "(empty)";
    /** How the fields of an intersection are joined in its name and its group names. */
    public static final String INTERSECTION = " x ";

    private final List<String> classes;
    private final int[] labels;
    private final int[] predictions;
    private final Map<String, List<String>> groupColumns;

    private PredictionSet(List<String> classes, int[] labels, int[] predictions, Map<String, List<String>> groupColumns) {
        this.classes = classes;
        this.labels = labels;
        this.predictions = predictions;
        this.groupColumns = groupColumns;
    }

    /**
     * Codes string labels. The classes are {@code classOrder} when given (every label and prediction
     * must be one of them), else the sorted union of labels and predictions.
     *
     * @param labels the true label of each record
     * @param predictions the predicted label of each record
     * @param groupColumns group field to the value of each record (empty values become {@link #EMPTY_GROUP})
     * @param classOrder the classes in a fixed order (a model's label list), or null
     * @throws IllegalArgumentException when the lists differ in length, or a label is outside {@code classOrder}
     */
    public static PredictionSet of(List<String> labels, List<String> predictions, Map<String, List<String>> groupColumns,
            List<String> classOrder) {
        int n = labels.size();
        if (predictions.size() != n) {
            throw new IllegalArgumentException(n + " labels but " + predictions.size() + " predictions");
        }
        List<String> classes;
        if (classOrder != null) {
            classes = List.copyOf(classOrder);
        } else {
            TreeSet<String> all = new TreeSet<>(labels);
            all.addAll(predictions);
            classes = List.copyOf(all);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        int[] l = code(labels, index, "label", classes);
        int[] p = code(predictions, index, "prediction", classes);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (var e : groupColumns.entrySet()) {
            if (e.getValue().size() != n) {
                throw new IllegalArgumentException("group field '" + e.getKey() + "' has " + e.getValue().size()
                        + " values for " + n + " records");
            }
            List<String> values = new ArrayList<>(n);
            for (String v : e.getValue()) {
                values.add(v == null || v.isBlank() ? EMPTY_GROUP : v);
            }
            groups.put(e.getKey(), List.copyOf(values));
        }
        return new PredictionSet(classes, l, p, groups);
    }

    private static int[] code(List<String> values, Map<String, Integer> index, String what, List<String> classes) {
        int[] out = new int[values.size()];
        Map<String, Integer> unknown = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) {
            Integer c = index.get(Objects.requireNonNull(values.get(i), what));
            if (c == null) {
                unknown.merge(values.get(i), 1, Integer::sum);
                continue;
            }
            out[i] = c;
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(what + "s outside the model's labels " + classes + ": " + unknown
                    + " (value=records)");
        }
        return out;
    }

    /** The classes, in index order. */
    public List<String> classes() {
        return classes;
    }

    /** The number of records. */
    public int size() {
        return labels.length;
    }

    /** The true class index of record {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The predicted class index of record {@code i}. */
    public int prediction(int i) {
        return predictions[i];
    }

    /**
     * This set with every group value that {@code map} names replaced by its group ({@code African-American}
     * by {@code black}), so values mapped to one group are one group; other values stay as written.
     */
    public PredictionSet withGroupValues(GroupValueMap map) {
        if (map.isEmpty()) {
            return this;
        }
        Map<String, List<String>> mapped = new LinkedHashMap<>();
        groupColumns.forEach((f, vs) -> mapped.put(f, vs.stream().map(v -> {
            String g = map.mapped(v);
            return g == null ? v : g;
        }).toList()));
        return new PredictionSet(classes, labels, predictions, mapped);
    }

    /** The group fields available. */
    public List<String> groupFields() {
        return List.copyOf(groupColumns.keySet());
    }

    /** The grouping by one field. */
    public Grouping grouping(String field) {
        return intersection(List.of(field));
    }

    /** The grouping by the combination of several fields ({@code female x black}); one field gives its plain grouping. */
    public Grouping intersection(List<String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no group field");
        }
        for (String f : fields) {
            if (!groupColumns.containsKey(f)) {
                throw new IllegalArgumentException("no group field '" + f + "'; fields: " + groupColumns.keySet());
            }
        }
        String[] keys = new String[size()];
        TreeSet<String> distinct = new TreeSet<>();
        for (int i = 0; i < keys.length; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < fields.size(); j++) {
                sb.append(j == 0 ? "" : INTERSECTION).append(groupColumns.get(fields.get(j)).get(i));
            }
            keys[i] = sb.toString();
            distinct.add(keys[i]);
        }
        List<String> groups = List.copyOf(distinct);
        Map<String, Integer> index = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            index.put(groups.get(g), g);
        }
        int[] of = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            of[i] = index.get(keys[i]);
        }
        return new Grouping(String.join(INTERSECTION, fields), groups, of);
    }
}
