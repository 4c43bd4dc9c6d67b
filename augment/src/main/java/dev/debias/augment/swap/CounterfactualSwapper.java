package dev.debias.augment.swap;

import dev.debias.augment.swap.Counterfactual.Kept;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.PairLexicon;
import dev.debias.lexicon.TermLexicon;
import dev.debias.text.Tokens;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Swaps the terms of a demographic axis for their counterparts in another group, grammatically and
 * keeping the text as it was around them. Terms are matched like everywhere in debias (whole tokens
 * under the {@link Tokens} rule, case-insensitive, multi-word terms as phrases, longest first), so
 * {@code Sheldon}, {@code therapist} and {@code hero} are never touched and {@code actress's} becomes
 * {@code actor's}. Which group becomes which is a {@link GroupMapping}: by default the two groups of a
 * two-group axis swap both ways, and on an axis of more groups each text gets one copy per other group
 * ({@link #counterfactuals}: the text's own group, the one most of its terms belong to, swapped with that
 * group, the rest left alone).
 *
 * <p>Counterparts come from a pair lexicon; where a term has part-of-speech conditions ({@code her} to
 * {@code his} as a determiner, to {@code him} as a pronoun) the OpenNLP models decide ({@link PosContext}).
 * An indefinite article agrees with its new word ({@code a Black student} becomes {@code an Asian
 * student}); case carries over ({@link CaseStyle}), and a hyphenated term keeps its hyphen. A term
 * flagged {@link LexiconTerm#modifier() modifier} changes only where it modifies a person
 * ({@link PersonNouns}: {@code a black car} and {@code white wine} stay). First names and surnames swap by
 * frequency rank ({@link SwapTable}) and only in a name's place ({@link NamePlaces}). Protected phrases
 * ({@link Gazetteer}: religious figures, known people's names, idioms, titles of works) are left alone,
 * and each term or name left unchanged against the mapping is reported with its reason. Terms flagged
 * ambiguous (and not modifiers) are left alone unless asked. Thread-safe.
 *
 * <pre>{@code
 * CounterfactualSwapper swapper = CounterfactualSwapper.builder().build();   // gender, built-in lexicons
 * swapper.swap("She thanked her mentor, Mr. Lee.").text();                  // He thanked his mentor, Ms. Lee.
 * }</pre>
 */
public final class CounterfactualSwapper {
    private final String axis;
    private final List<String> groups;
    private final Direction direction;
    private final GroupMapping mapping;
    private final SwapTable table;
    private final Rewrite pass;
    private final CopyVeto veto;
    private final boolean keepFullNames;
    private final boolean skipRealPeople;

    private CounterfactualSwapper(Builder b, List<String> groups, GroupMapping mapping, SwapTable table,
            Gazetteer gazetteer, PersonNouns people, Set<String> descriptive) {
        this.axis = b.axis;
        this.groups = groups;
        this.direction = b.direction;
        this.mapping = mapping;
        this.table = table;
        this.keepFullNames = b.keepFullNames;
        this.skipRealPeople = b.skipRealPeople;
        this.veto = new CopyVeto(Slurs.of(b.slurs, b.axis), b.skipRealPeople ? new RealPeople(gazetteer,
                RealPeople.firstNames(b.names, b.raceNames)) : null);
        this.pass = new Rewrite(b.axis, table, gazetteer, people, b.placeholder, b.keepFullNames, descriptive);
    }

    /** A builder for the gender axis with the built-in lexicons. */
    public static Builder builder() {
        return new Builder();
    }

    /** The axis swapped. */
    public String axis() {
        return axis;
    }

    /** True when names written in full are kept ({@link Builder#optKeepFullNames}). */
    public boolean keepsFullNames() {
        return keepFullNames;
    }

    /** True when no copy is written of a text naming a real person ({@link Builder#optSkipRealPeople}). */
    public boolean skipsRealPeople() {
        return skipRealPeople;
    }

    /** The axis' groups, in the term list's order. */
    public List<String> groups() {
        return groups;
    }

    /** The direction swapped on a two-group axis ({@link Direction#BOTH} unless one was set). */
    public Direction direction() {
        return direction;
    }

    /** The mapping every text is swapped with, or null when each text gets one copy per other group. */
    public GroupMapping mapping() {
        return mapping;
    }

    /** True when each text gets one counterfactual per group other than its own ({@link #counterfactuals}). */
    public boolean perGroup() {
        return mapping == null;
    }

    /** True when any term or name of the axis has a counterpart (masking needs none). */
    public boolean canSwap() {
        return table.canSwap();
    }

    /** Whether a term of {@code group} changes under this swapper's mapping (always, per group, with no mapping). */
    public boolean swaps(String group) {
        return mapping == null || mapping.targetOf(group) != null;
    }

    /**
     * The counterfactual of {@code text} under the swapper's mapping; with no mapping (a multi-group axis
     * copied per group), the first of {@link #counterfactuals}, or {@code text} unchanged.
     */
    public Counterfactual swap(String text) {
        if (mapping == null) {
            List<Counterfactual> all = counterfactuals(text);
            return all.isEmpty() ? pass.run(text, null, false, Set.of(), groups) : all.get(0);
        }
        return swap(text, mapping);
    }

    /** The counterfactual of {@code text} under {@code with}. */
    public Counterfactual swap(String text, GroupMapping with) {
        Objects.requireNonNull(with);
        Counterfactual c = pass.run(text, with, false, Set.of(), groups);
        Kept vetoed = c.changed() ? veto.check(text, with, t -> table.single.containsKey(t)
                || table.phrasesByFirst.containsKey(t)) : null;
        if (vetoed != null) {
            List<Kept> kept = new ArrayList<>(c.kept());
            kept.add(vetoed);
            return new Counterfactual(text, List.of(), c.groupsFound(), c.target(), kept, with);
        }
        // bride becomes groom; a groom already in the text (ambiguous on its own) must then become bride,
        // or the text would lose a role
        Set<String> wanted = new HashSet<>();
        for (Substitution sub : c.substitutions()) {
            String key = Tokens.normalize(sub.after());
            if (table.heldBack.containsKey(key)) {
                wanted.add(key);
            }
        }
        return wanted.isEmpty() ? c : pass.run(text, with, false, wanted, groups);
    }

    /**
     * Every counterfactual of {@code text} that changes it, each naming its {@link Counterfactual#target()}:
     * under the swapper's mapping, that one; with no mapping, one per group other than the text's own (the
     * group most of its terms belong to, the first in the axis' order on a tie), in the axis' group order,
     * each swapping the text's group with that group.
     */
    public List<Counterfactual> counterfactuals(String text) {
        return copies(text).changed();
    }

    /**
     * What {@link #counterfactuals} gives, with every term and name left unchanged against a mapping on the
     * way, whether or not its copy changed (a text whose only name is a protected figure has no copy, but its
     * figure is reported).
     */
    public Copies copies(String text) {
        if (mapping != null) {
            Counterfactual c = swap(text, mapping);
            return new Copies(c.changed() ? List.of(c) : List.of(), c.kept());
        }
        String own = ownGroup(pass.run(text, null, false, Set.of(), groups).groupsFound());
        List<Counterfactual> out = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        if (own == null) {
            return new Copies(out, kept);
        }
        for (String g : groups) {
            if (!g.equals(own)) {
                Counterfactual c = swap(text, GroupMapping.pair(own, g));
                kept.addAll(c.kept());
                if (c.changed()) {
                    out.add(c.withTarget(g));
                }
            }
        }
        return new Copies(out, kept);
    }

    /**
     * The counterfactuals of a text and what they left unchanged.
     *
     * @param changed the counterfactuals that change the text, in the axis' group order
     * @param kept every term or name left unchanged against a mapping, over all copies tried
     */
    public record Copies(List<Counterfactual> changed, List<Kept> kept) {
        public Copies {
            changed = List.copyOf(changed);
            kept = List.copyOf(kept);
        }
    }

    /** The group most of the found terms belong to, the first in the axis' order on a tie; null when none. */
    public String ownGroup(Map<String, Integer> found) {
        return Rewrite.ownGroup(found, groups);
    }

    /** {@code text} with every axis term (and name) replaced by the placeholder, for a blind baseline. */
    public Counterfactual mask(String text) {
        return pass.run(text, null, true, Set.of(), groups);
    }


    /** Builds a {@link CounterfactualSwapper}; every setting has a default for the gender axis. */
    public static final class Builder {
        private String axis = "gender";
        private PairLexicon pairs;
        private TermLexicon terms;
        private TermLexicon names;
        private boolean namesSet;
        private TermLexicon raceNames;
        private boolean raceNamesSet;
        private TermLexicon surnames;
        private boolean surnamesSet;
        private TermLexicon protectedPhrases;
        private TermLexicon people;
        private TermLexicon slurs;
        private boolean slursSet;
        private boolean skipRealPeople;
        private Direction direction = Direction.BOTH;
        private GroupMapping mapping;
        private String pairA;
        private String pairB;
        private String target;
        private boolean includeAmbiguous;
        private boolean keepFullNames;
        private String placeholder = "[MASK]";

        private Builder() {}

        /** The axis; default {@code gender}. */
        public Builder optAxis(String axis) {
            this.axis = Objects.requireNonNull(axis);
            return this;
        }

        /**
         * Counterparts, which must hold pairs of the axis; default {@code builtin:AXIS} (an axis with no built-in
         * pair list then has none, which masking needs no more than reweighing does).
         */
        public Builder optPairs(PairLexicon pairs) {
            this.pairs = Objects.requireNonNull(pairs);
            return this;
        }

        /** The axis' terms, for groups and masking; default {@code builtin:AXIS}. */
        public Builder optTerms(TermLexicon terms) {
            this.terms = Objects.requireNonNull(terms);
            return this;
        }

        /**
         * First names with their gender (axis gender, groups female and male), or null for none; default
         * {@code builtin:names} on the gender and race axes. The race axis reads a name's gender here.
         */
        public Builder optNames(TermLexicon names) {
            this.names = names;
            this.namesSet = true;
            return this;
        }

        /** First names by race (axis race), or null; default {@code builtin:race-names} on the gender and race axes. */
        public Builder optRaceNames(TermLexicon raceNames) {
            this.raceNames = raceNames;
            this.raceNamesSet = true;
            return this;
        }

        /** Surnames by race (axis race), or null; default {@code builtin:surnames} on the race axis. */
        public Builder optSurnames(TermLexicon surnames) {
            this.surnames = surnames;
            this.surnamesSet = true;
            return this;
        }

        /** Phrases left alone (axis {@code protected}, see {@link Gazetteer}); default {@code builtin:protected}. */
        public Builder optProtected(TermLexicon phrases) {
            this.protectedPhrases = Objects.requireNonNull(phrases);
            return this;
        }

        /**
         * Person nouns a modifier term must modify (with the gender and occupation terms); default
         * {@code builtin:people,builtin:gender,builtin:occupations}.
         */
        public Builder optPeople(TermLexicon people) {
            this.people = Objects.requireNonNull(people);
            return this;
        }

        /**
         * Slurs by axis and group, or null for none: a copy that would leave a slur aimed at a group it swaps
         * away is not written; default {@code builtin:slurs}.
         */
        public Builder optSlurs(TermLexicon slurs) {
            this.slurs = slurs;
            this.slursSet = true;
            return this;
        }

        /**
         * Write no copy of a text that names a real person: a protected figure, known person or surname, or a first
         * name of the built-in lists (and of the swapper's own) written with a surname. In news, encyclopedic and
         * forum text such a copy changes what is said of that person ({@code Richard Stallman ... she}). Default
         * false.
         */
        public Builder optSkipRealPeople(boolean skip) {
            this.skipRealPeople = skip;
            return this;
        }

        /** Which way to swap a two-group axis with female and male groups; default both ways. */
        public Builder optDirection(Direction direction) {
            this.direction = Objects.requireNonNull(direction);
            return this;
        }

        /** Swap groups {@code a} and {@code b} both ways and leave the other groups alone. */
        public Builder optPair(String a, String b) {
            this.pairA = Objects.requireNonNull(a).toLowerCase(Locale.ROOT);
            this.pairB = Objects.requireNonNull(b).toLowerCase(Locale.ROOT);
            return this;
        }

        /** Send every other group's terms to {@code group}. */
        public Builder optTarget(String group) {
            this.target = Objects.requireNonNull(group).toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Keep a first name written with a surname ({@code Matthew Shepard}, {@code Hassan al Banna}), a name after
         * a title or particle ({@code Dr. Rivera}, {@code ben Ali}) and a first name standing alone once the text
         * named that person in full: in news, encyclopedic or forum text these are mostly real people, whose names
         * a counterfactual should not change; in biographies of private people the full name is the person the
         * text is about. Default false: full names swap their first name.
         */
        public Builder optKeepFullNames(boolean keep) {
            this.keepFullNames = keep;
            return this;
        }

        /** Also swap terms and names flagged ambiguous; default false. */
        public Builder optIncludeAmbiguous(boolean include) {
            this.includeAmbiguous = include;
            return this;
        }

        /** What {@link #mask} writes for a term; default {@code [MASK]}. */
        public Builder optPlaceholder(String placeholder) {
            this.placeholder = Objects.requireNonNull(placeholder);
            return this;
        }

        /**
         * Validates and builds: the axis' pairs must be consistent with its term list
         * ({@link PairLexicon#requireConsistentWith}, a {@code LexiconFormatException} naming the pair's file
         * and line), a pair or target must name groups of the axis, and at most one of pair, target and a
         * one-way direction is set. Without any, a two-group axis swaps both ways and an axis of more groups
         * is copied per group.
         */
        public CounterfactualSwapper build() {
            if (terms == null) {
                terms = Lexicons.terms("builtin:" + axis);
            }
            if (pairs == null) {
                pairs = Lexicons.AXES.contains(axis) ? Lexicons.pairs("builtin:" + axis) : PairLexicon.of(List.of());
            } else if (pairs.pairs(axis).isEmpty()) {
                throw new IllegalArgumentException("the pair lexicon has no pairs for axis '" + axis + "'");
            }
            boolean named = axis.equals("gender") || axis.equals("race");
            if (!namesSet && named) {
                names = Lexicons.terms("builtin:names");
            }
            if (!raceNamesSet && named) {
                raceNames = Lexicons.terms("builtin:race-names");
            }
            if (!surnamesSet && axis.equals("race")) {
                surnames = Lexicons.terms("builtin:surnames");
            }
            if (protectedPhrases == null) {
                protectedPhrases = Lexicons.terms("builtin:protected");
            }
            if (people == null) {
                people = Lexicons.terms("builtin:people,builtin:gender,builtin:occupations");
            }
            if (!slursSet) {
                slurs = Lexicons.terms("builtin:slurs");
            }
            pairs.requireConsistentWith(terms, axis);
            List<String> groups = terms.groups(axis);
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("the term list has no terms of axis '" + axis + "'; its axes are "
                        + terms.axes());
            }
            int set = (pairA != null ? 1 : 0) + (target != null ? 1 : 0) + (direction != Direction.BOTH ? 1 : 0);
            if (set > 1) {
                throw new IllegalArgumentException("give at most one of a pair, a target group and a one-way direction");
            }
            GroupMapping m;
            if (pairA != null) {
                requireGroup(pairA, groups);
                requireGroup(pairB, groups);
                if (pairA.equals(pairB)) {
                    throw new IllegalArgumentException("a pair needs two different groups, got '" + pairA + "' twice");
                }
                m = GroupMapping.pair(pairA, pairB);
            } else if (target != null) {
                requireGroup(target, groups);
                m = GroupMapping.toward(target, groups);
            } else if (direction != Direction.BOTH) {
                if (!groups.containsAll(List.of("female", "male"))) {
                    throw new IllegalArgumentException("a one-way direction needs an axis with female and male groups");
                }
                m = direction == Direction.FEMALE_TO_MALE ? GroupMapping.oneWay("female", "male")
                        : GroupMapping.oneWay("male", "female");
            } else {
                m = groups.size() == 2 ? GroupMapping.pair(groups.get(0), groups.get(1)) : null;
            }
            SwapTable table = new SwapTable(axis, terms, pairs, names, raceNames, surnames, includeAmbiguous);
            Gazetteer gazetteer = Gazetteer.of(protectedPhrases);
            if (axis.equals("nationality")) {
                // race terms hold nationality words (African American, Chinese American): they are race, not nationality
                gazetteer = gazetteer.shielding(Lexicons.terms("builtin:race"));
            }
            return new CounterfactualSwapper(this, groups, m, table, gazetteer, new PersonNouns(List.of(people)),
                    Senses.descriptiveWords(terms, people));
        }

        private void requireGroup(String g, List<String> groups) {
            if (!groups.contains(g)) {
                throw new IllegalArgumentException("'" + g + "' is not a group of axis '" + axis + "'; its groups are "
                        + groups);
            }
        }
    }
}
