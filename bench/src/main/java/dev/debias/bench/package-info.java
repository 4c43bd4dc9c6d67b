/**
 * The benchmarks behind {@code debias bench}: corpus I/O against a bare line count, indexing and counting
 * against a single scan, augmentation against tokenization and tagging, fine-tuning against the engine's own
 * matrix product. Each reports a table and ratios measured in one run on the same machine, so a result says
 * how close a stage comes to its floor rather than a number that only holds on one computer.
 *
 * <p>A module of its own, so that no class of the library's main code is a benchmark while the command line
 * can still run them.
 */
package dev.debias.bench;
