package dev.debias.evaluate.scores;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The predicted probability of every class of an evaluation for every record, in record order, as read
 * from a probability field. Built record by record with {@link #builder}; immutable once built.
 */
public final class ScoreTable {
    /** How the field was written: {@code label=probability} pairs, or one number for a binary task. */
    public enum Format { PAIRS, SCORE }

    private final String field;
    private final Format format;
    private final String scoreLabel;
    private final List<String> classes;
    private final double[] values;

    private ScoreTable(String field, Format format, String scoreLabel, List<String> classes, double[] values) {
        this.field = field;
        this.format = format;
        this.scoreLabel = scoreLabel;
        this.classes = classes;
        this.values = values;
    }

    /**
     * Starts a table for an evaluation's classes.
     *
     * @param field the probability field's name, for messages and provenance
     * @param classes the evaluation's classes, in its index order
     * @param modelLabels the model's labels when known (then every record must name exactly these), else null
     *     (then every record must name the labels of the first, which must include every class)
     * @param scoreLabel the label a single number is the probability of (binary tasks), or null to refuse numbers
     */
    public static Builder builder(String field, List<String> classes, List<String> modelLabels, String scoreLabel) {
        return new Builder(field, classes, modelLabels, scoreLabel);
    }

    /** The field the probabilities were read from. */
    public String field() {
        return field;
    }

    /** Pairs or a single score. */
    public Format format() {
        return format;
    }

    /** The label a single score is the probability of; null for pairs. */
    public String scoreLabel() {
        return format == Format.SCORE ? scoreLabel : null;
    }

    /** The evaluation's classes, in index order. */
    public List<String> classes() {
        return classes;
    }

    /** The number of records. */
    public int size() {
        return values.length / classes.size();
    }

    /** The probability that record {@code i} is of class index {@code c}. */
    public double probability(int i, int c) {
        return values[i * classes.size() + c];
    }

    /** Accumulates records; {@link #add} throws {@link IllegalArgumentException} naming what is wrong. */
    public static final class Builder {
        private final String field;
        private final List<String> classes;
        private final List<String> modelLabels;
        private final String scoreLabel;
        private ScoreParser parser;
        private Format format;
        private int[] toClass;
        private double[] values = new double[64];
        private int n;

        private Builder(String field, List<String> classes, List<String> modelLabels, String scoreLabel) {
            this.field = Objects.requireNonNull(field);
            this.classes = List.copyOf(classes);
            this.modelLabels = modelLabels == null ? null : List.copyOf(modelLabels);
            this.scoreLabel = scoreLabel;
        }

        /** Adds the next record's field value. */
        public Builder add(String value) {
            if (parser == null) {
                start(value);
            }
            Format f = ScoreParser.isSingleScore(value.strip()) ? Format.SCORE : Format.PAIRS;
            if (f != format) {
                throw new IllegalArgumentException("'" + value.strip() + "' is " + (f == Format.SCORE ? "a single number"
                        : "label=probability pairs") + " but the first record's value is " + (format == Format.SCORE
                        ? "a single number" : "label=probability pairs") + "; write every record the same way");
            }
            double[] p = parser.parse(value);
            int k = classes.size();
            if ((n + 1) * k > values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(values.length * 2, (n + 1) * k));
            }
            for (int c = 0; c < k; c++) {
                values[n * k + c] = p[toClass[c]];
            }
            n++;
            return this;
        }

        private void start(String first) {
            List<String> columns;
            format = ScoreParser.isSingleScore(first.strip()) ? Format.SCORE : Format.PAIRS;
            if (modelLabels != null) {
                columns = modelLabels;
            } else if (format == Format.SCORE) {
                columns = classes;
            } else {
                Set<String> all = new LinkedHashSet<>(classes);
                all.addAll(ScoreParser.labelsOf(first.strip()));
                columns = List.copyOf(all);
            }
            if (!columns.containsAll(classes)) {
                List<String> missing = new ArrayList<>(classes);
                missing.removeAll(columns);
                throw new IllegalArgumentException("labels " + missing + " are not among the model's " + columns);
            }
            String single = columns.size() == 2 ? (scoreLabel != null ? scoreLabel : columns.get(1)) : null;
            parser = new ScoreParser(columns, single);
            toClass = new int[classes.size()];
            for (int c = 0; c < toClass.length; c++) {
                toClass[c] = columns.indexOf(classes.get(c));
            }
        }

        /** The records added so far. */
        public int size() {
            return n;
        }

        /** The table of the records added. */
        public ScoreTable build() {
            return new ScoreTable(field, format == null ? Format.PAIRS : format, parser == null ? null : parser.scoreLabel(),
                    classes, java.util.Arrays.copyOf(values, n * classes.size()));
        }
    }
}
