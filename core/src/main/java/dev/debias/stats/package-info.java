/**
 * The statistics every stage shares: estimates with their 95% intervals or the reason they are undefined
 * ({@link dev.debias.stats.Estimate}) and how they read as text ({@link dev.debias.stats.EstimateFormat}),
 * closed-form intervals of rates ({@link dev.debias.stats.Proportions}), the percentile bootstrap
 * ({@link dev.debias.stats.Bootstrap}) with its one percentile definition
 * ({@link dev.debias.stats.Percentiles}), and the derivation of seeded sub-streams
 * ({@link dev.debias.stats.Seeds}).
 */
package dev.debias.stats;
