/**
 * The audit's output files, {@code audit.json}, {@code audit.csv} and the self-contained
 * {@code report.html}, each written with its provenance record ({@link dev.debias.audit.report.AuditOutputs}).
 */
package dev.debias.audit.report;
