package dev.debias.evaluate.compare;

/**
 * How well two bias measures rank the compared runs alike: Kendall's tau-b over the runs where both
 * are defined (1: same order, -1: reversed, near 0: unrelated).
 *
 * @param first one measure
 * @param second the other
 * @param tau Kendall's tau-b, or null when undefined
 * @param runs the runs it is computed over
 * @param undefined why tau is missing, or null
 */
public record MeasureAgreement(String first, String second, Double tau, int runs, String undefined) {}
