package dev.debias.audit;

import dev.debias.stats.Estimate;

/**
 * One group x target cell of an audit. The <em>comparison</em> units of a group are the units holding
 * another group of the same axis but not this one, so the two sides of every comparison are disjoint.
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
 * @param rateDifference P(target | group) - P(target | comparison), Newcombe interval
 * @param rateRatio P(target | group) / P(target | comparison), Katz log interval
 * @param pmi pointwise mutual information of group and target in bits over all units; null when they
 *     never co-occur
 * @param logOdds log-odds ratio of the target, group against comparison, with the informative
 *     Dirichlet prior; null when undefined
 * @param logOddsZ its z-score; null when undefined
 * @param pValue G-test p-value of the 2x2 table group/comparison x target/not
 */
public record AuditCell(String axis, String group, String target, long groupUnits, long targetUnits, long bothUnits,
        long comparisonUnits, long comparisonBothUnits, Estimate targetGivenGroup, Estimate groupGivenTarget,
        Estimate targetGivenComparison, Estimate rateDifference, Estimate rateRatio, Double pmi, Double logOdds,
        Double logOddsZ, double pValue) {}
