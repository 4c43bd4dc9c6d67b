package dev.debias.audit;

import dev.debias.stats.Estimate;

/**
 * One group x target cell of an audit. The <em>comparison</em> units of a group are the units holding
 * another group of the same axis but not this one, so the two sides of every comparison are disjoint;
 * the <em>none</em> units hold no group of the axis. Counts are units of the table's unit (see the
 * summary's {@code unit}); at sentence or window scope the intervals and the p-value are clustered by
 * document (Taylor-linearised design effects, {@link dev.debias.stats.ClusteredProportions}).
 *
 * @param axis the demographic axis (or ground-truth field)
 * @param group the group
 * @param target the target term group or label
 * @param groupUnits units holding the group
 * @param targetUnits units holding the target
 * @param bothUnits units holding both
 * @param comparisonUnits units holding another group of the axis and not this one
 * @param comparisonBothUnits comparison units holding the target
 * @param targetGivenGroup P(target | group), Wilson interval
 * @param groupGivenTarget P(group | target), Wilson interval
 * @param targetGivenComparison P(target | comparison), Wilson interval
 * @param rateDifference P(target | group) - P(target | comparison), Newcombe interval; undefined for a
 *     one-group axis
 * @param rateRatio P(target | group) / P(target | comparison), Katz log interval
 * @param pmi pointwise mutual information of group and target in bits over all units; null when they
 *     never co-occur
 * @param logOdds log-odds ratio of the target, group against comparison, with the informative
 *     Dirichlet prior; null when undefined
 * @param logOddsZ its z-score (divided by the square root of the difference's design effect); null
 *     when undefined
 * @param pValue G-test p-value of the 2x2 table group/comparison x target/not (Rao-Scott corrected)
 * @param noneUnits units holding no group of the axis
 * @param noneBothUnits none units holding the target
 * @param targetRate P(target) over all units, the base rate, Wilson interval
 * @param baseDifference P(target | group) - P(target): the Newcombe interval of the group against all
 *     other units scaled by {@code 1 - groupUnits / units}, which makes it exact
 * @param targetGivenNone P(target | none), Wilson interval
 * @param noneDifference P(target | group) - P(target | none), Newcombe interval
 * @param noneRatio P(target | group) / P(target | none), Katz log interval
 * @param noneLogOddsZ z-score of the prior-smoothed log-odds ratio, group against none; null when undefined
 * @param designEffect the design effect of the cell's comparison: the rate difference, or for a one-group
 *     axis the no-term difference (1 at document scope)
 * @param supported whether the cell has the minimum support to headline a summary
 */
public record AuditCell(String axis, String group, String target, long groupUnits, long targetUnits, long bothUnits,
        long comparisonUnits, long comparisonBothUnits, Estimate targetGivenGroup, Estimate groupGivenTarget,
        Estimate targetGivenComparison, Estimate rateDifference, Estimate rateRatio, Double pmi, Double logOdds,
        Double logOddsZ, double pValue, long noneUnits, long noneBothUnits, Estimate targetRate,
        Estimate baseDifference, Estimate targetGivenNone, Estimate noneDifference, Estimate noneRatio,
        Double noneLogOddsZ, double designEffect, boolean supported) {}
