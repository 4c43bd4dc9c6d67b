package dev.debias.demo;

import java.util.List;

/**
 * The settings of a demo biography corpus; with them (and the lexicons named in the provenance) the corpus
 * can be generated again byte for byte.
 *
 * @param count number of records
 * @param cooccurrence share of each occupation's bios written with its stereotyped group of {@code axis}
 * @param seed seed of every random choice
 * @param labels the label set
 * @param mentionRate probability that a bio names its occupation
 * @param axis the axis whose co-occurrence with the occupation is set
 * @param groups the two groups of {@code axis} the sweep contrasts: the first is stereotyped with the first
 *     occupation of each domain (nurse, teacher, paralegal, interior designer), the second with the other
 * @param surnamesByRace whether surnames, like first names, follow the race group (race axis only)
 */
public record BiosConfig(int count, double cooccurrence, long seed, BiosGenerator.Labels labels, double mentionRate,
        BiosGenerator.Axis axis, List<String> groups, boolean surnamesByRace) {
    public BiosConfig {
        groups = List.copyOf(groups);
    }

    /** The settings of a gender sweep (female with nurse, teacher, paralegal, interior designer). */
    public BiosConfig(int count, double cooccurrence, long seed, BiosGenerator.Labels labels, double mentionRate) {
        this(count, cooccurrence, seed, labels, mentionRate, BiosGenerator.Axis.GENDER, BiosGenerator.Axis.GENDER.defaultGroups(),
                false);
    }
}
