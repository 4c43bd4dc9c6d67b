package dev.debias.audit;

import java.util.List;

/**
 * One audited axis: where its terms came from, how often each group occurs, and its summaries.
 *
 * @param axis the axis
 * @param lexicon the lexicon specification
 * @param terms terms in use
 * @param ambiguousLeftOut ambiguous terms left out (see {@code --include-ambiguous})
 * @param anyGroupUnits units holding at least one group of the axis
 * @param groups per group counts
 * @param termsSummary summary against the term targets, or null when there are none
 * @param labelsSummary summary against the labels, or null when there is no label field
 */
public record AxisReport(String axis, String lexicon, int terms, int ambiguousLeftOut, long anyGroupUnits,
        List<GroupReport> groups, AuditSummary termsSummary, AuditSummary labelsSummary) {}
