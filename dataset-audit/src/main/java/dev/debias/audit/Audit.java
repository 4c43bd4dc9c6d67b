package dev.debias.audit;

import dev.debias.audit.count.CountTable;
import dev.debias.audit.count.Feature;
import dev.debias.audit.count.IndexCounter;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.IndexMetadata;
import dev.debias.core.Setting;
import dev.debias.core.InvalidInputException;
import dev.debias.core.ProgressListener;
import dev.debias.core.Versions;
import dev.debias.corpus.GroupValueMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A co-occurrence audit of an indexed corpus: for every axis group and every target (term targets
 * and, when the index has labels, every label or the positive one) at one scope, exact unit counts,
 * rates with Wilson intervals, group-vs-comparison differences (Newcombe) and ratios (Katz), the same
 * against the base rate and against units with no term of the axis, PMI, the log-odds ratio with an
 * informative Dirichlet prior and a G-test; per axis, a summary; per ground-truth column, the same
 * against the labels and the agreement with the lexicon. Label tables count documents unless asked
 * otherwise; at sentence or window scope intervals and tests are clustered by document and documents
 * dominating a group or cell are named in warnings. An {@linkplain Builder#optIntersection intersection}
 * of axes is audited as an axis whose groups are its cells ({@code female+black}), with the same
 * statistics.
 *
 * <pre>{@code
 * try (CorpusIndex index = CorpusIndex.open(dir)) {
 *     AuditResult r = Audit.builder()
 *             .setIndex(index)
 *             .addAxes(Axis.parse("builtin:gender", false))
 *             .optTargets(Targets.parse("builtin:occupations", false))
 *             .optScope(Scope.SENTENCE)
 *             .build()
 *             .run();
 * }
 * }</pre>
 */
public final class Audit {
    /** Groups detected in a document besides the single-group cases, in agreement tables. */
    public static final String SEVERAL = "several";
    /** No group detected, in agreement tables. */
    public static final String NONE = "none";

    private final CorpusIndex index;
    private final List<Axis> axes;
    private final List<List<String>> intersections;
    private final Targets targets;
    private final Scope scope;
    private final boolean labels;
    private final double priorStrength;
    private final boolean labelsAtUnitScope;
    private final String positiveLabel;
    private final MinimumSupport support;
    private final double dominanceShare;
    private final Map<String, String> config;
    private final ProgressListener progress;
    private final GroupValueMap groupValues;

    private Audit(Builder b) {
        this.index = b.index;
        this.axes = List.copyOf(b.axes);
        this.intersections = b.intersections.stream().map(List::copyOf).toList();
        this.targets = b.targets;
        this.scope = b.scope;
        this.labels = b.labels && b.index.metadata().labelField() != null;
        this.priorStrength = b.priorStrength;
        this.labelsAtUnitScope = b.labelsAtUnitScope;
        this.positiveLabel = b.positiveLabel;
        this.support = b.support;
        this.dominanceShare = b.dominanceShare;
        this.config = new LinkedHashMap<>(b.config);
        this.progress = b.progress;
        this.groupValues = b.groupValues;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the audit.
     *
     * @throws InvalidInputException when an axis has no term in the corpus
     */
    public AuditResult run() throws IOException {
        IndexMetadata meta = index.metadata();
        List<String> warnings = new ArrayList<>();
        if (meta.skipped() > 0) {
            warnings.add(String.format(Locale.ROOT, "%d invalid records of %s were skipped while indexing (%s); "
                    + "the audit covers the %d valid ones", meta.skipped(), meta.source(), Setting.SKIP_INVALID,
                    meta.documents()));
        }
        progress.start("auditing at " + scope + " scope", axes.size() + intersections.size() + meta.groupFields().size(),
                "axes");
        boolean byDocument = scope.equals(Scope.DOCUMENT);
        IndexCounter counter = new IndexCounter(index, scope);
        IndexCounter documents = byDocument ? counter : new IndexCounter(index, Scope.DOCUMENT);
        IndexCounter labelCounter = labelsAtUnitScope ? counter : documents;
        List<String> allLabels = labels ? counter.values(null) : List.of();
        String positive = Labels.positive(allLabels, positiveLabel, documents);
        List<String> labelNames = positive == null ? allLabels : List.of(positive);
        if (labels && allLabels.isEmpty()) {
            warnings.add("the label field '" + meta.labelField() + "' is empty on every record");
        }
        Dominance dominance = new Dominance(index, scope, dominanceShare);
        List<DominatingDocument> dominating = new ArrayList<>();
        long anyTarget = targets.size() == 0 ? 0 : counter.count(new Feature.AnyOf("any target", targets.features()));
        GroupTables tables = new GroupTables(counter, labelCounter, targets, labelNames, dominance, priorStrength,
                support, anyTarget, dominating, warnings);
        List<AxisReport> axisReports = new ArrayList<>();
        List<AuditCell> cells = new ArrayList<>();
        List<AuditCell> labelCells = new ArrayList<>();
        for (Axis axis : axes) {
            List<GroupReport> groups = new ArrayList<>();
            for (int g = 0; g < axis.groups().size(); g++) {
                Feature f = axis.features().get(g);
                Map<String, Long> occ = counter.termOccurrences(f);
                Feature.Terms terms = (Feature.Terms) f;
                if (occ.isEmpty()) {
                    warnings.add(String.format(Locale.ROOT, "axis %s, group %s: none of its %d terms occur in the corpus",
                            axis.name(), axis.groups().get(g), terms.terms().size()));
                }
                groups.add(new GroupReport(axis.groups().get(g), counter.count(f), 0, terms.terms().size(), occ.size(),
                        top(occ, 10)));
            }
            if (groups.stream().allMatch(r -> r.units() == 0)) {
                throw new InvalidInputException(String.format(Locale.ROOT,
                        "axis %s (%s): none of its %d terms occurs in %s (%d documents); check %s and the "
                                + "lexicon", axis.name(), axis.spec(), axis.terms(), meta.source(), meta.documents(),
                        Setting.TEXT_FIELD));
            }
            GroupTables.Tables t = tables.of(axis.name(), axis.groups(), axis.features());
            cells.addAll(t.termCells());
            labelCells.addAll(t.labelCells());
            CountTable termTable = t.terms();
            List<GroupReport> withExclusive = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                GroupReport r = groups.get(g);
                withExclusive.add(new GroupReport(r.group(), r.units(), termTable.exclusive(g), r.terms(), r.termsFound(),
                        r.topTerms()));
            }
            // units with the first group, plus units with another group but not the first: units with any group
            long anyUnits = termTable.group(0) + termTable.rest(0);
            axisReports.add(new AxisReport(axis.name(), axis.spec(), axis.terms(), axis.ambiguousLeftOut(), anyUnits,
                    withExclusive, t.termsSummary(), t.labelsSummary()));
            progress.advance(1);
        }
        List<IntersectionReport> intersectionReports = new ArrayList<>();
        for (List<String> spec : intersections) {
            intersectionReports.add(tables.intersection(Intersection.resolve(spec, axes, counter, groupValues, warnings)));
            progress.advance(1);
        }
        if (targets.size() > 0) {
            List<String> missing = new ArrayList<>();
            for (int t = 0; t < targets.size(); t++) {
                if (counter.count(targets.features().get(t)) == 0) {
                    missing.add(targets.names().get(t));
                }
            }
            if (!missing.isEmpty()) {
                warnings.add(String.format(Locale.ROOT, "%d of %d targets never occur in the corpus: %s%s", missing.size(),
                        targets.size(), String.join(", ", missing.subList(0, Math.min(12, missing.size()))),
                        missing.size() > 12 ? ", ..." : ""));
            }
        }
        List<GroundTruthReport> truth = new ArrayList<>();
        for (String field : meta.groupFields()) {
            List<String> values = counter.values(field);
            List<Feature> valueFeatures = values.stream().<Feature>map(v -> Feature.FieldValue.attribute(field, v)).toList();
            if (values.isEmpty()) {
                warnings.add("the group field '" + field + "' is empty on every record");
            }
            List<AuditCell> c = new ArrayList<>();
            AuditSummary s = null;
            if (tables.hasLabels() && !values.isEmpty()) {
                s = tables.fieldLabels(field, values, groupValues, c);
            }
            List<Agreement> agreement = new ArrayList<>();
            if (!values.isEmpty()) {
                for (Axis axis : axes) {
                    agreement.add(Agreements.of(axis, field, values, documents.detection(axis.features(), valueFeatures),
                            groupValues));
                }
            }
            truth.add(new GroundTruthReport(field, values, c, s, agreement));
            progress.advance(1);
        }
        progress.finish();
        Map<String, String> intervals = new LinkedHashMap<>();
        intervals.put("confidence", "0.95");
        intervals.put("rate", "wilson");
        intervals.put("difference", "newcombe-hybrid-score");
        intervals.put("ratio", "katz-log");
        intervals.put("base_difference", "newcombe against all other units, scaled by 1 - group units / units");
        intervals.put("clustering", byDocument ? "none: every unit is a document"
                : "documents, Taylor-linearised design effect (Kish deff, floored at 1) applied as effective counts; "
                        + "Rao-Scott first-order G (axis G-tests: the mean deff of their cells)");
        Map<String, String> cfg = new LinkedHashMap<>(config);
        cfg.put("scope", scope.toString());
        cfg.put("axes", String.join(" ", axes.stream().map(a -> a.name() + "=" + a.spec()).toList()));
        cfg.put("intersections", String.join(" ", intersections.stream().map(x -> String.join(",", x)).toList()));
        cfg.put("targets", targets.spec());
        cfg.put("labels", Boolean.toString(labels));
        cfg.put("label_scope", labelCounter.scope().toString());
        cfg.put("positive_label", positive == null ? "" : positive);
        cfg.put("min_support", support.groupUnits() + "," + support.targetUnits());
        cfg.put("dominance_share", Double.toString(dominanceShare));
        cfg.put("prior_strength", Double.toString(priorStrength));
        cfg.put("group_values", groupValues.toString());
        cfg.put("index_settings", meta.settings());
        return new AuditResult(AuditResult.SCHEMA, meta.source(), meta.inputSha256(), meta.documents(), scope.toString(),
                counter.units(), intervals, priorStrength, axisReports, cells, labelCells, truth, warnings, cfg,
                Versions.all(), labelNames.isEmpty() ? null : labelCounter.scope().toString(), positive, dominating,
                intersectionReports);
    }

    private static Map<String, Long> top(Map<String, Long> occurrences, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        occurrences.entrySet().stream()
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                        : Long.compare(b.getValue(), a.getValue()))
                .limit(n)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The group a column value stands for by name: equal ignoring case, or a single letter starting exactly
     * one group ({@code F} for {@code female}); null when none. A {@linkplain Builder#optGroupValues group
     * value mapping} comes first ({@link GroupValueMap#groupOf}); the augment module uses the same rule.
     */
    public static String groupOf(String value, List<String> groups) {
        return GroupValueMap.byName(value, groups);
    }

    /** Builds an {@link Audit}: the index and at least one axis are required. */
    public static final class Builder {
        private CorpusIndex index;
        private final List<Axis> axes = new ArrayList<>();
        private final List<List<String>> intersections = new ArrayList<>();
        private Targets targets = Targets.none();
        private Scope scope = Scope.DOCUMENT;
        private boolean labels = true;
        private double priorStrength = 10;
        private boolean labelsAtUnitScope;
        private String positiveLabel;
        private MinimumSupport support = MinimumSupport.DEFAULT;
        private double dominanceShare = 0.2;
        private final Map<String, String> config = new LinkedHashMap<>();
        private ProgressListener progress = ProgressListener.NONE;
        private GroupValueMap groupValues = GroupValueMap.NONE;

        private Builder() {}

        /** The index to audit. */
        public Builder setIndex(CorpusIndex index) {
            this.index = index;
            return this;
        }

        /** Adds axes to audit, e.g. {@code Axis.parse("builtin:gender", false)}. */
        public Builder addAxes(List<Axis> more) {
            axes.addAll(more);
            return this;
        }

        /**
         * Adds an intersection of two or more of the audited axes, audited as an axis whose groups are its
         * cells ({@code female+black}); see {@link Intersection} for how a component is named (an axis, or
         * {@code field:FIELD} for a group field of the index). Repeatable; default none. Checked by
         * {@link #build()}: every component must be an audited axis or a group field.
         */
        public Builder optIntersection(List<String> components) {
            intersections.add(List.copyOf(components));
            return this;
        }

        /** The term targets; default none. */
        public Builder optTargets(Targets targets) {
            this.targets = Objects.requireNonNull(targets);
            return this;
        }

        /** The unit of co-occurrence; default {@link Scope#DOCUMENT}. */
        public Builder optScope(Scope scope) {
            this.scope = Objects.requireNonNull(scope);
            return this;
        }

        /** Whether to audit groups against labels when the index has a label field; default true. */
        public Builder optLabels(boolean labels) {
            this.labels = labels;
            return this;
        }

        /** Pseudo-units of the log-odds prior; default 10. */
        public Builder optPriorStrength(double strength) {
            this.priorStrength = strength;
            return this;
        }

        /**
         * Whether label tables count units at the audit's scope (clustered by document) instead of
         * documents; default false: a label belongs to its document, so each document counts once.
         */
        public Builder optLabelsAtUnitScope(boolean atUnitScope) {
            this.labelsAtUnitScope = atUnitScope;
            return this;
        }

        /**
         * The label whose rate label tables report, one row per group; default: for a binary label the
         * minority class (by documents; a tie takes the value sorted last), otherwise every label.
         */
        public Builder optPositiveLabel(String label) {
            this.positiveLabel = label;
            return this;
        }

        /** The support a cell needs to headline a summary; default {@link MinimumSupport#DEFAULT}. */
        public Builder optMinimumSupport(MinimumSupport support) {
            this.support = Objects.requireNonNull(support);
            return this;
        }

        /**
         * At sentence or window scope, the share of a group's (or cell's) units one document may hold
         * before the audit warns that it dominates them; default 0.2.
         */
        public Builder optDominanceShare(double share) {
            this.dominanceShare = share;
            return this;
        }

        /** Extra settings recorded in the result's config (the command line records its own). */
        public Builder optConfig(String key, String value) {
            config.put(key, value);
            return this;
        }

        /**
         * Which group field values stand for which group ({@code African-American=black}), before the rule by
         * name; default none. Used wherever a value is read as a group: the label tables of a group field
         * (values mapped to one group are one row, named by the group), its agreement with each axis, and
         * intersections with a field. Checked by {@link #build()}: every group must be one of an audited axis.
         */
        public Builder optGroupValues(GroupValueMap groupValues) {
            this.groupValues = Objects.requireNonNull(groupValues);
            return this;
        }

        /** Receives progress per axis. */
        public Builder optProgress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /** Validates and builds. */
        public Audit build() {
            if (index == null) {
                throw new IllegalArgumentException("setIndex is required");
            }
            if (axes.isEmpty()) {
                throw new IllegalArgumentException("at least one axis is required, e.g. Axis.parse(\"builtin:gender\", false)");
            }
            if (!(priorStrength > 0) || Double.isInfinite(priorStrength)) {
                throw new IllegalArgumentException("the prior strength must be a positive number, got " + priorStrength);
            }
            if (!(dominanceShare > 0 && dominanceShare <= 1)) {
                throw new IllegalArgumentException(Setting.DOMINANCE + " must be a share in (0, 1], got "
                        + dominanceShare);
            }
            if (positiveLabel != null && positiveLabel.isBlank()) {
                throw new IllegalArgumentException(Setting.POSITIVE_LABEL + " must not be blank");
            }
            for (Axis a : axes) {
                if (a.groups().isEmpty()) {
                    throw new InvalidInputException("axis " + a.name() + " (" + a.spec() + ") has no terms");
                }
            }
            Map<String, List<String>> axisGroups = new LinkedHashMap<>();
            axes.forEach(a -> axisGroups.put(a.name(), a.groups()));
            groupValues = groupValues.requireGroupsOf(axisGroups);
            for (List<String> x : intersections) {
                Intersection.validate(x, axes, index.metadata().groupFields());
            }
            return new Audit(this);
        }
    }
}
