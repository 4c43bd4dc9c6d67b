/**
 * Exact co-occurrence counting: what a unit is ({@link dev.debias.audit.count.Scope}: a document, a
 * sentence or a token window), what a unit can have ({@link dev.debias.audit.count.Feature}), and the units
 * per group and target ({@link dev.debias.audit.count.CountTable}), counted from the index's postings
 * ({@link dev.debias.audit.count.IndexCounter}) or, as the reference, from the text
 * ({@link dev.debias.audit.count.ScanCounter}).
 */
package dev.debias.audit.count;
