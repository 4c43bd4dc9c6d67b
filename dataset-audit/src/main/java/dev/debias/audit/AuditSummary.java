package dev.debias.audit;

import dev.debias.stats.Estimate;
import dev.debias.audit.stats.GTest;

/**
 * The numbers a curator tracks over time for one axis against one kind of target.
 *
 * @param axis the axis or ground-truth field
 * @param targets {@code terms} or {@code labels}
 * @param cells number of cells
 * @param clearDifferences cells whose rate-difference interval excludes 0
 * @param largestGroup group of the cell with the largest absolute rate difference, or null when none is defined
 * @param largestTarget target of that cell, or null
 * @param largestDifference that cell's rate difference with its interval
 * @param independence G-test of independence of the exclusive group (units holding exactly one group)
 *     and the target (labels, or the term targets plus "no target"; a unit with several term targets
 *     counts once for each)
 */
public record AuditSummary(String axis, String targets, int cells, int clearDifferences, String largestGroup,
        String largestTarget, Estimate largestDifference, GTest independence) {}
