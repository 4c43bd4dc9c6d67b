package dev.debias.demo;

import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.TermLexicon;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * What a bio's groups decide besides its pronouns: first names by gender (and by race group when the
 * generator sweeps race), surnames by race group when asked, and the religion mentions by religion group.
 * Built once per generator and checked: every list a bio can draw from holds at least one value.
 */
final class BiosCast {
    /** First names by gender, or by {@code race group + "/" + gender} on the race axis. */
    private final Map<String, List<String>> firstNames;
    /** Surnames by race group; empty unless surnames follow race. */
    private final Map<String, List<String>> surnames;
    /** Religion mention templates by religion group; empty unless the axis is religion. */
    private final Map<String, List<String>> religion;

    private BiosCast(Map<String, List<String>> firstNames, Map<String, List<String>> surnames,
            Map<String, List<String>> religion) {
        this.firstNames = firstNames;
        this.surnames = surnames;
        this.religion = religion;
    }

    /**
     * Resolves the cast. {@code raceNames} and {@code raceSurnames} are read only on the race axis (and
     * the latter only when surnames follow race); {@code groups} are the two groups the sweep contrasts.
     */
    /**
     * How many of each gender's top-ranked first names (flagged ones then left out) a bio may draw: 240, less than the built-in
     * list holds, so the demo corpus stays what it was when names were added for race.
     */
    static final int GENDER_NAMES = 240;

    static BiosCast of(BiosGenerator.Axis axis, List<String> groups, TermLexicon names, TermLexicon raceNames,
            TermLexicon raceSurnames) {
        Map<String, List<String>> first = new LinkedHashMap<>();
        for (String g : List.of("female", "male")) {
            // the most popular names of each gender: the built-in list grew names that carry a race signal at its end,
            // for race swaps, and a gender corpus drawing on them would change with every such addition
            first.put(g, names.terms("gender", g, true).stream().limit(GENDER_NAMES)
                    .filter(t -> !t.ambiguous()).map(LexiconTerm::term).toList());
            if (first.get(g).isEmpty()) {
                throw new IllegalArgumentException("the names lexicon (optNames) has no " + g
                        + " names of axis 'gender'; its rows are gender<TAB>female|male<TAB>Name");
            }
        }
        Map<String, List<String>> sur = new LinkedHashMap<>();
        Map<String, List<String>> rel = new LinkedHashMap<>();
        if (axis == BiosGenerator.Axis.RACE) {
            for (String group : groups) {
                raceNamesOf(group, names, raceNames, first);
                if (raceSurnames != null) {
                    List<String> s = raceSurnames.terms("race", group, false).stream().map(LexiconTerm::term).toList();
                    if (s.isEmpty()) {
                        throw new IllegalArgumentException("the race surname lexicon (optRaceSurnames) has no surnames "
                                + "of race group '" + group + "'; its groups are " + raceSurnames.groups("race"));
                    }
                    sur.put(group, s);
                }
            }
        } else if (axis == BiosGenerator.Axis.RELIGION) {
            Map<String, List<String>> all = religionTemplates();
            for (String group : groups) {
                if (!all.containsKey(group)) {
                    throw new IllegalArgumentException("the religion group '" + group + "' (optGroups) has no "
                            + "religion mentions; the groups are " + List.copyOf(all.keySet()));
                }
                rel.put(group, all.get(group));
            }
        }
        return new BiosCast(first, sur, rel);
    }

    /** Checks the groups a sweep contrasts, before any lexicon is read. */
    static void checkGroups(BiosGenerator.Axis axis, List<String> g, boolean surnamesByRace) {
        if (g.size() != 2 || g.get(0).equals(g.get(1))) {
            throw new IllegalArgumentException("the groups (optGroups) must be two different groups of axis '"
                    + axis.field() + "', e.g. " + axis.defaultGroups() + "; got " + g);
        }
        if (axis == BiosGenerator.Axis.GENDER && !Set.copyOf(g).equals(Set.of("female", "male"))) {
            throw new IllegalArgumentException("the groups (optGroups) of axis 'gender' are female and male; got " + g);
        }
        if (surnamesByRace && axis != BiosGenerator.Axis.RACE) {
            throw new IllegalArgumentException("surnames follow race (optSurnamesByRace) only on the race axis "
                    + "(optAxis); the axis is " + axis.field());
        }
    }

    private static void raceNamesOf(String group, TermLexicon names, TermLexicon raceNames,
            Map<String, List<String>> into) {
        Map<String, List<String>> byGender = new LinkedHashMap<>(Map.of("female", new ArrayList<>(), "male", new ArrayList<>()));
        for (LexiconTerm t : raceNames.terms("race", group, false)) {
            Optional<LexiconTerm> n = names.lookup("gender", t.key());
            if (n.isEmpty() || !byGender.containsKey(n.get().group())) {
                throw new IllegalArgumentException("the race name '" + t.term() + "' (" + t.origin() + ") of the race "
                        + "name lexicon (optRaceNames) is not in the names lexicon (optNames), so its gender is unknown; "
                        + "add it there as gender<TAB>female|male<TAB>" + t.term());
            }
            if (!n.get().ambiguous()) {
                byGender.get(n.get().group()).add(t.term());
            }
        }
        for (var e : byGender.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("the race name lexicon (optRaceNames) has no " + e.getKey()
                        + " names of race group '" + group + "' (a name's gender comes from optNames); its groups are "
                        + raceNames.groups("race"));
            }
            into.put(group + "/" + e.getKey(), List.copyOf(e.getValue()));
        }
    }

    /** The religion mention templates of the bundled {@code religion.tsv}, by group in file order. */
    static Map<String, List<String>> religionTemplates() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String[] row : BiosVocabulary.rows("religion.tsv", 2)) {
            Matcher m = BiosVocabulary.SLOT.matcher(row[1]);
            while (m.find()) {
                if (!BiosVocabulary.PERSON_SLOTS.contains(m.group(1)) && !BiosVocabulary.GENERAL_SLOTS.contains(m.group(1))) {
                    throw new IllegalStateException("religion.tsv: unknown slot {" + m.group(1) + "} in: " + row[1]);
                }
            }
            out.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        return out;
    }

    /** The first names of a bio of {@code gender} and, on the race axis, race group {@code race} (else null). */
    List<String> firstNames(String gender, String race) {
        return firstNames.get(race == null ? gender : race + "/" + gender);
    }

    /** The surnames of race group {@code race}, or null when surnames do not follow race. */
    List<String> surnames(String race) {
        return race == null ? null : surnames.get(race);
    }

    /** The religion mentions of {@code group}. */
    List<String> religion(String group) {
        return religion.get(group);
    }
}
