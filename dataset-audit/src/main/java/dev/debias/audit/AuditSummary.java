package dev.debias.audit;

import dev.debias.stats.Estimate;
import dev.debias.audit.stats.GTest;

/**
 * The numbers a curator tracks over time for one axis against one kind of target.
 *
 * @param axis the axis or ground-truth field
 * @param targets {@code terms} or {@code labels}
 * @param unit the unit the table counted: {@code document}, {@code sentence} or {@code window:N}
 * @param comparison what each group is compared with: {@code other groups}, or {@code no term of the
 *     axis} for a one-group axis
 * @param cells number of cells
 * @param clearDifferences cells whose comparison interval excludes 0
 * @param belowSupport cells below the minimum support, shown but never the headline
 * @param largestGroup group of the headline cell: among supported cells, the largest |z| of the
 *     prior-smoothed log-odds ratio (a shrunk estimate, not the raw difference); of two cells whose |z| ties, or
 *     of the two mirror-image cells of a two-group axis (A against B and B against A on one target), the one
 *     with the positive difference (the over-represented direction); null when none
 * @param largestTarget target of that cell, or null
 * @param largestDifference that cell's comparison (its rate difference, or for a one-group axis its
 *     difference from no-term units) with its interval
 * @param largestBaseDifference that cell's difference from the base rate
 * @param clearestBaseGroup group of the supported cell whose base-rate difference is clearest of 0 (its interval
 *     excludes 0, and its bound nearer 0 is farthest from it), which the headline, chosen against the other
 *     groups, can miss (a large group is compared with groups much like it); null when no interval excludes 0
 * @param clearestBaseTarget target of that cell, or null
 * @param clearestBaseDifference that cell's difference from the base rate, or null
 * @param independence G-test of independence of the exclusive group (units holding exactly one group;
 *     for a one-group axis, the group against units with no term of the axis) and the target (labels,
 *     or the term targets plus "no target"; a unit with several term targets counts once for each),
 *     divided by {@code designEffect} (first-order Rao-Scott)
 * @param designEffect the mean design effect of the cells' comparisons the test was divided by (1 at
 *     document scope)
 */
public record AuditSummary(String axis, String targets, String unit, String comparison, int cells,
        int clearDifferences, int belowSupport, String largestGroup, String largestTarget, Estimate largestDifference,
        Estimate largestBaseDifference, String clearestBaseGroup, String clearestBaseTarget,
        Estimate clearestBaseDifference, GTest independence, double designEffect) {}
