package dev.debias.audit;

import java.util.List;

/**
 * A ground-truth group column against the labels, and against the lexicon axes.
 *
 * @param field the column
 * @param values its distinct non-empty values
 * @param labels value x label cells (empty without a label field)
 * @param labelsSummary summary of those cells, or null
 * @param agreement one entry per lexicon axis
 */
public record GroundTruthReport(String field, List<String> values, List<AuditCell> labels, AuditSummary labelsSummary,
        List<Agreement> agreement) {}
