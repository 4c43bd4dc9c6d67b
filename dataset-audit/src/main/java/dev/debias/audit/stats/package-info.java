/**
 * The audit's own statistics beyond the shared rates and intervals of {@code dev.debias.stats}:
 * association measures (PMI, log-odds with an informative Dirichlet prior), the G-test of independence
 * and the chi-squared upper tail it needs.
 */
package dev.debias.audit.stats;
