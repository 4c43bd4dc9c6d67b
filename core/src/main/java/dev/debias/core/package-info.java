/**
 * What every module shares beneath the corpus: the exception for bad input a user can act on
 * ({@link dev.debias.core.InvalidInputException}), the settings that library messages name
 * ({@link dev.debias.core.Setting}), provenance records of outputs
 * ({@link dev.debias.core.ArtifactProvenance}), atomic file writes, content hashes, library versions,
 * seeded shuffles and progress reporting.
 */
package dev.debias.core;
