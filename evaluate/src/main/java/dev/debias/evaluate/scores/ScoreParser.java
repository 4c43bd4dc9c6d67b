package dev.debias.evaluate.scores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses one record's probability field: either {@code label=probability} pairs separated by {@code ;}
 * (what {@code debias predict} writes), one per label of {@link #columns()}, or, for a binary task, a single
 * number read as the probability of {@link #scoreLabel()}. Strict: a malformed pair, a label outside the
 * columns, a repeated or missing label, a value outside [0, 1] or a row whose sum is more than
 * {@link #SUM_TOLERANCE} away from 1 is an {@link IllegalArgumentException} saying which.
 */
final class ScoreParser {
    /** How far from 1 the probabilities of a record may sum (six-decimal rounding is far inside it). */
    static final double SUM_TOLERANCE = 0.01;

    private final List<String> columns;
    private final String scoreLabel;

    /**
     * @param columns the labels every record must give a probability for, in column order
     * @param scoreLabel the label a single number is the probability of, or null when single numbers are refused
     *     (not a binary task)
     */
    ScoreParser(List<String> columns, String scoreLabel) {
        this.columns = List.copyOf(columns);
        this.scoreLabel = scoreLabel;
    }

    List<String> columns() {
        return columns;
    }

    String scoreLabel() {
        return scoreLabel;
    }

    /** True when the value is one number rather than pairs. */
    static boolean isSingleScore(String value) {
        return value.indexOf('=') < 0;
    }

    /** The labels named by a value of pairs, in order; nothing is checked but the pair shape. */
    static List<String> labelsOf(String value) {
        List<String> labels = new ArrayList<>();
        for (String pair : value.split(";", -1)) {
            int eq = pair.indexOf('=');
            labels.add(eq < 0 ? pair.strip() : pair.substring(0, eq).strip());
        }
        return labels;
    }

    /** The probability of each column label. */
    double[] parse(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty; expected label=probability pairs separated by ';'");
        }
        double[] p = new double[columns.size()];
        if (isSingleScore(v)) {
            if (scoreLabel == null) {
                throw new IllegalArgumentException("'" + v + "' is a single number, which is read only for two labels; "
                        + "there are " + columns.size() + " " + columns + ": give label=probability pairs");
            }
            double s = number(v, "the score");
            int c = columns.indexOf(scoreLabel);
            p[c] = s;
            p[1 - c] = 1 - s;
            return p;
        }
        Arrays.fill(p, Double.NaN);
        for (String pair : v.split(";", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq != pair.lastIndexOf('=') || pair.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException("malformed pair '" + pair + "' in '" + v
                        + "'; expected label=probability pairs separated by ';'");
            }
            String label = pair.substring(0, eq).strip();
            int c = columns.indexOf(label);
            if (c < 0) {
                throw new IllegalArgumentException("unknown label '" + label + "'; the labels are " + columns);
            }
            if (!Double.isNaN(p[c])) {
                throw new IllegalArgumentException("label '" + label + "' is given twice in '" + v + "'");
            }
            p[c] = number(pair.substring(eq + 1).strip(), "the probability of '" + label + "'");
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            if (Double.isNaN(p[c])) {
                throw new IllegalArgumentException("no probability for label '" + columns.get(c) + "' in '" + v + "'");
            }
            sum += p[c];
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the probabilities sum to %.6f, not 1 (within %.2f), in '%s'", sum, SUM_TOLERANCE, v));
        }
        return p;
    }

    private static double number(String s, String what) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a number");
        }
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException(what + " " + s + " lies outside [0, 1]");
        }
        return d;
    }
}
