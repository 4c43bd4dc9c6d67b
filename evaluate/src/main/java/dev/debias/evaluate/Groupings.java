package dev.debias.evaluate;

import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.evaluate.group.Grouping;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.group.PredictionSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The groupings an evaluation measures: one per group field, and their intersection when asked. */
final class Groupings {
    /** The warning of an evaluation with labels but no group field: the threshold-free measures are by group. */
    static final String THRESHOLD_FREE_SKIPPED = "threshold-free and calibration measures skipped: they are computed "
            + "by group (each group's AUC beside the overall one), and no group field was given (" + Setting.GROUP_FIELD
            + ")";

    private Groupings() {}

    /**
     * Why an evaluation with these columns has no group metrics, for {@code metrics.json}'s
     * {@code group_fairness_undefined}: no label or group field, or no group field; null when it has group fields.
     */
    static String absentBecause(PredictionColumns columns) {
        if (columns == null) {
            return "no label field and no group field given (" + Setting.LABEL_FIELD + ", " + Setting.GROUP_FIELD
                    + "): the group metrics compare each group's predictions with its true labels";
        }
        return columns.groupFields().isEmpty() ? "no group field given (" + Setting.GROUP_FIELD + "): the group "
                + "metrics need each record's group; accuracy and macro-F1 over all records are in the sanity check" : null;
    }

    /**
     * The groupings of {@code set} by each of {@code fields} and, with {@code intersect} and more than one
     * field, by all of them, keyed by their fields in that order.
     *
     * @throws InvalidInputException when {@code gapGroups} are not both groups of one grouping, naming the groups
     *     present
     */
    static Map<List<String>, Grouping> of(PredictionSet set, List<String> fields, boolean intersect,
            List<String> gapGroups) {
        List<List<String>> groupings = new ArrayList<>();
        fields.forEach(f -> groupings.add(List.of(f)));
        if (intersect && fields.size() > 1) {
            groupings.add(fields);
        }
        Map<List<String>, Grouping> byFields = new LinkedHashMap<>();
        groupings.forEach(f -> byFields.put(f, set.intersection(f)));
        if (!gapGroups.isEmpty() && byFields.values().stream().noneMatch(g -> g.groups().containsAll(gapGroups))) {
            List<String> present = byFields.values().stream().map(g -> g.name() + " " + g.groups()).toList();
            List<String> unknown = gapGroups.stream()
                    .filter(x -> byFields.values().stream().noneMatch(g -> g.groups().contains(x))).toList();
            throw new InvalidInputException(Setting.GAP_GROUPS + " " + gapGroups + ": "
                    + (unknown.isEmpty() ? "not both groups of one grouping" : "no grouping has the group '"
                            + String.join("', '", unknown) + "'") + "; the groups present are " + String.join("; ", present)
                    + ". Name two groups of one grouping");
        }
        return byFields;
    }
}
