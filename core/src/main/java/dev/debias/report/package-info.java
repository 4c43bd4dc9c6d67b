/**
 * Plumbing of the self-contained HTML reports: escaping, the page frame and style, sortable tables and
 * estimates with their intervals ({@link dev.debias.report.Html}), and inline SVG charts
 * ({@link dev.debias.report.Charts}); nothing is fetched from the network.
 */
package dev.debias.report;
