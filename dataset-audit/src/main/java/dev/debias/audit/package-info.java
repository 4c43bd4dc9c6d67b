/**
 * The co-occurrence audit of a corpus: for every group of each demographic {@link dev.debias.audit.Axis}
 * and every target (term lists, labels), exact unit counts with rates, differences and ratios with their
 * intervals, PMI, log-odds and G-tests ({@link dev.debias.audit.Audit}, {@link dev.debias.audit.AuditResult}),
 * and the passages behind a cell ({@link dev.debias.audit.Snippets}).
 */
package dev.debias.audit;
