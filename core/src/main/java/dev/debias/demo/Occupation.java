package dev.debias.demo;

import java.util.List;

/**
 * An occupation of the demo biographies with the gender it is stereotyped with. The demo pairs
 * occupations within a domain, one stereotyped female and one male, so that content words tell the
 * domain apart easily and gender words are the tempting shortcut within a domain.
 *
 * @param name the label, e.g. {@code interior designer}
 * @param domain the shared domain, e.g. {@code design}
 * @param stereotypedGender {@code female} or {@code male}
 */
public record Occupation(String name, String domain, String stereotypedGender) {
    /** The eight occupations, in label order. */
    public static final List<Occupation> ALL = List.of(
            new Occupation("nurse", "health", "female"),
            new Occupation("surgeon", "health", "male"),
            new Occupation("teacher", "education", "female"),
            new Occupation("professor", "education", "male"),
            new Occupation("paralegal", "law", "female"),
            new Occupation("attorney", "law", "male"),
            new Occupation("interior designer", "design", "female"),
            new Occupation("architect", "design", "male"));

    /** The two occupations of the binary variant: a nurse/surgeon task where gender is the only shortcut. */
    public static final List<Occupation> BINARY = List.of(ALL.get(0), ALL.get(1));

    /** The gender this occupation is not stereotyped with. */
    public String otherGender() {
        return stereotypedGender.equals("female") ? "male" : "female";
    }

    /** Looks an occupation up by name. */
    public static Occupation named(String name) {
        return ALL.stream().filter(o -> o.name.equals(name)).findFirst().orElseThrow(() ->
                new dev.debias.core.InvalidInputException("unknown demo occupation '" + name + "'; they are "
                        + ALL.stream().map(Occupation::name).toList()));
    }
}
