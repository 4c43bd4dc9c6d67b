package dev.debias.evaluate.compare;

import java.util.List;

/**
 * Several evaluated runs side by side: their headline measures, the same pooled over seeds per design,
 * and the rank agreement between every pair of bias measures. Immutable.
 *
 * @param schema {@link #SCHEMA}
 * @param grouping the grouping whose gaps are compared
 * @param measures the measure names, accuracy first
 * @param runs one summary per run, in the order given
 * @param designs one summary per design (runs equal but for the seed)
 * @param agreement Kendall's tau-b for every pair of bias measures
 */
public record Comparison(String schema, String grouping, List<String> measures, List<RunSummary> runs,
        List<DesignSummary> designs, List<MeasureAgreement> agreement) {
    /** The schema name and version of {@code comparison.json}. */
    public static final String SCHEMA = "debias.comparison/1";
    /** The accuracy measure: overall accuracy of the grouping's evaluation. */
    public static final String ACCURACY = "accuracy";
    /** The flip-rate measure of the counterfactual test. */
    public static final String FLIP_RATE = "flip_rate";
    /** The prefix of SEAT effect-size measures: {@code seat:TEST}. */
    public static final String SEAT = "seat:";

    public Comparison {
        measures = List.copyOf(measures);
        runs = List.copyOf(runs);
        designs = List.copyOf(designs);
        agreement = List.copyOf(agreement);
    }
}
