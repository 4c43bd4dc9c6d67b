/**
 * The demo corpus: synthetic biographies for occupation classification with an exact, seeded
 * gender/occupation co-occurrence rate ({@link dev.debias.demo.BiosGenerator}), so examples and tests have
 * a corpus whose bias is known.
 */
package dev.debias.demo;
