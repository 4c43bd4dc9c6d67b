package dev.debias.demo;

/**
 * The settings of a demo biography corpus; with them the corpus can be generated again byte for byte.
 *
 * @param count number of records
 * @param cooccurrence share of each occupation's bios written with its stereotyped gender
 * @param seed seed of every random choice
 * @param labels the label set
 * @param mentionRate probability that a bio names its occupation
 */
public record BiosConfig(int count, double cooccurrence, long seed, BiosGenerator.Labels labels, double mentionRate) {}
