package dev.debias.augment.swap;

import dev.debias.lexicon.CounterfactualPair;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.PairLexicon;
import dev.debias.lexicon.TermLexicon;
import dev.debias.text.Tokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one swapper matches and what each match becomes in every other group of its axis: the axis' terms
 * (with their counterparts from the pair list, one per target group), and its first names and surnames
 * paired by frequency rank. On the gender axis the i-th female name of a race (or of no race) pairs with
 * the i-th male name of the same race, so a gender swap keeps the name's race; on the race axis the k-th
 * name of a race and gender pairs with the k-th name of another race and the same gender, and the k-th
 * surname of a race with the k-th of another. A shorter list is reused from its top. Immutable.
 */
final class SwapTable {
    /** What kind of word an entry is; names and surnames match only when capitalised and in a name's place. */
    enum Kind { TERM, NAME, SURNAME }

    /** The counterpart in one target group: for any part of speech, or by determiner or pronoun use. */
    record Choice(String any, String determiner, String pronoun) {
        boolean needsPos() {
            return determiner != null || pronoun != null;
        }
    }

    /**
     * A matched word or phrase.
     *
     * @param group its group, or null for a pair source the term list does not hold
     * @param targets its counterpart in each target group
     * @param proper true when the word is capitalised as a word, not by its place (its counterpart row writes its
     *     group's term with a capital: Muslim, Asian), so a capital it carries says nothing about its counterpart's
     */
    record Entry(List<String> tokens, String group, boolean modifier, Kind kind, Map<String, Choice> targets,
            boolean proper) {
        Entry(List<String> tokens, String group, boolean modifier, Kind kind, Map<String, Choice> targets) {
            this(tokens, group, modifier, kind, targets, false);
        }
    }

    final Map<String, Entry> single = new HashMap<>();
    final Map<String, List<Entry>> phrasesByFirst = new HashMap<>();
    /** Pairs of ambiguous terms (groom, host, hero): swapped only in a text where another term became them. */
    final Map<String, Entry> heldBack = new HashMap<>();
    final Map<String, Entry> names = new HashMap<>();
    final Map<String, Entry> surnames = new HashMap<>();
    /** Every first name the lists know, matched or not: a capitalised word after one is a surname. */
    final Set<String> knownNames = new HashSet<>();

    /**
     * @param genderNames first names with groups female and male (axis gender), or null
     * @param raceNames first names by race (axis race), or null
     * @param surnameList surnames by race (axis race), or null
     */
    SwapTable(String axis, TermLexicon terms, PairLexicon pairs, TermLexicon genderNames, TermLexicon raceNames,
            TermLexicon surnameList, boolean includeAmbiguous) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (LexiconTerm t : terms.axis(axis).terms()) {
            if (includeAmbiguous || !t.ambiguous() || t.modifier()) {
                entries.put(t.key(), new Entry(t.tokens(), t.group(), t.modifier(), Kind.TERM, Map.of()));
            }
        }
        Map<String, List<CounterfactualPair>> byTerm = new LinkedHashMap<>();
        // each counterpart row's term per group as the file writes it, by the row's origin
        Map<String, Map<String, String>> rowTerms = new HashMap<>();
        for (CounterfactualPair p : pairs.pairs(axis)) {
            byTerm.computeIfAbsent(Tokens.normalize(p.term()), k -> new ArrayList<>()).add(p);
            if (p.fromRow()) {
                rowTerms.computeIfAbsent(p.origin(), k -> new HashMap<>()).put(p.toGroup(), p.counterpart());
            }
        }
        for (var e : byTerm.entrySet()) {
            LexiconTerm own = terms.lookup(axis, e.getKey()).orElse(null);
            Map<String, String[]> choices = new LinkedHashMap<>();
            for (CounterfactualPair p : e.getValue()) {
                String to = p.toGroup() != null ? p.toGroup()
                        : terms.lookup(axis, Tokens.normalize(p.counterpart())).map(LexiconTerm::group).orElse("");
                String[] c = choices.computeIfAbsent(to, k -> new String[3]);
                int slot = p.posTag() == null ? 0 : p.posTag().equals("PRP$") ? 1 : 2;
                c[slot] = p.counterpart();
            }
            Map<String, Choice> targets = new LinkedHashMap<>();
            choices.forEach((g, c) -> targets.put(g, new Choice(c[0], c[1], c[2])));
            List<String> tokens = Tokens.split(e.getKey());
            String group = own != null ? own.group() : e.getValue().get(0).group();
            boolean modifier = own != null && own.modifier();
            boolean held = !includeAmbiguous && own != null && own.ambiguous() && !modifier;
            CounterfactualPair first = e.getValue().get(0);
            String ownWritten = first.fromRow() ? rowTerms.getOrDefault(first.origin(), Map.of()).get(first.group()) : null;
            boolean proper = ownWritten != null && Character.isUpperCase(ownWritten.codePointAt(0));
            if (!tokens.isEmpty()) {
                (held ? heldBack : entries).put(e.getKey(), new Entry(tokens, group, modifier, Kind.TERM, targets, proper));
            }
        }
        for (Entry e : entries.values()) {
            if (e.tokens().size() == 1) {
                single.put(e.tokens().get(0), e);
            } else {
                phrasesByFirst.computeIfAbsent(e.tokens().get(0), k -> new ArrayList<>()).add(e);
            }
        }
        phrasesByFirst.values().forEach(l -> l.sort(Comparator.comparingInt((Entry x) -> -x.tokens().size())));
        if (genderNames != null) {
            genderNames.axis("gender").terms().forEach(t -> knownNames.add(t.key()));
        }
        if (raceNames != null) {
            raceNames.axis("race").terms().forEach(t -> knownNames.add(t.key()));
        }
        if (axis.equals("gender") && genderNames != null) {
            genderNamePairs(genderNames, raceNames, includeAmbiguous);
        } else if (axis.equals("race")) {
            if (raceNames != null) {
                raceNamePairs(raceNames, genderNames, includeAmbiguous);
            }
            if (surnameList != null) {
                rankPairs(surnameList.axis("race"), t -> "", includeAmbiguous, Kind.SURNAME, surnames);
            }
        }
    }

    /** Female and male names paired by rank within each race (names of no race among themselves). */
    private void genderNamePairs(TermLexicon genderNames, TermLexicon raceNames, boolean includeAmbiguous) {
        Map<String, List<LexiconTerm>> female = new LinkedHashMap<>();
        Map<String, List<LexiconTerm>> male = new LinkedHashMap<>();
        for (String g : List.of("female", "male")) {
            for (LexiconTerm t : genderNames.terms("gender", g, includeAmbiguous)) {
                String race = raceNames == null ? "" : raceNames.lookup("race", t.key()).map(LexiconTerm::group).orElse("");
                (g.equals("female") ? female : male).computeIfAbsent(race, k -> new ArrayList<>()).add(t);
            }
        }
        Set<String> races = new java.util.LinkedHashSet<>(female.keySet());
        races.addAll(male.keySet());
        for (String race : races) {
            List<LexiconTerm> f = female.getOrDefault(race, List.of());
            List<LexiconTerm> m = male.getOrDefault(race, List.of());
            // a race with names of one gender only pairs them with the names of no race
            link(f, "female", m.isEmpty() ? male.getOrDefault("", List.of()) : m, "male");
            link(m, "male", f.isEmpty() ? female.getOrDefault("", List.of()) : f, "female");
        }
    }

    /** The names of {@code from} (group {@code fromGroup}) each paired with {@code to}'s name of the same rank, cycling. */
    private void link(List<LexiconTerm> from, String fromGroup, List<LexiconTerm> to, String toGroup) {
        if (to.isEmpty()) {
            return;
        }
        for (int i = 0; i < from.size(); i++) {
            LexiconTerm t = from.get(i);
            names.putIfAbsent(t.key(), new Entry(t.tokens(), fromGroup, false, Kind.NAME,
                    Map.of(toGroup, new Choice(to.get(i % to.size()).term(), null, null))));
        }
    }

    /** First names by race, each paired with the same-rank name of every other race and the same gender. */
    private void raceNamePairs(TermLexicon raceNames, TermLexicon genderNames, boolean includeAmbiguous) {
        rankPairs(raceNames.axis("race"), t -> genderNames == null ? ""
                : genderNames.lookup("gender", t.key()).map(LexiconTerm::group).orElse(""), includeAmbiguous, Kind.NAME, names);
    }

    /** Terms of a race list paired by rank with every other race's terms of the same class. */
    private static void rankPairs(TermLexicon list, java.util.function.Function<LexiconTerm, String> classOf,
            boolean includeAmbiguous, Kind kind, Map<String, Entry> into) {
        Map<String, Map<String, List<LexiconTerm>>> byClass = new LinkedHashMap<>();
        for (String race : list.groups("race")) {
            for (LexiconTerm t : list.terms("race", race, includeAmbiguous)) {
                byClass.computeIfAbsent(classOf.apply(t), k -> new LinkedHashMap<>())
                        .computeIfAbsent(race, k -> new ArrayList<>()).add(t);
            }
        }
        for (Map<String, List<LexiconTerm>> races : byClass.values()) {
            for (var from : races.entrySet()) {
                for (int i = 0; i < from.getValue().size(); i++) {
                    LexiconTerm t = from.getValue().get(i);
                    Map<String, Choice> targets = new LinkedHashMap<>();
                    for (var to : races.entrySet()) {
                        if (!to.getKey().equals(from.getKey())) {
                            targets.put(to.getKey(), new Choice(to.getValue().get(i % to.getValue().size()).term(), null, null));
                        }
                    }
                    into.putIfAbsent(t.key(), new Entry(t.tokens(), from.getKey(), false, kind, targets));
                }
            }
        }
    }

    /** True when the swapper has a counterpart for anything. */
    boolean canSwap() {
        return !names.isEmpty() || !surnames.isEmpty() || single.values().stream().anyMatch(e -> !e.targets().isEmpty())
                || phrasesByFirst.values().stream().flatMap(List::stream).anyMatch(e -> !e.targets().isEmpty())
                || !heldBack.isEmpty();
    }
}
