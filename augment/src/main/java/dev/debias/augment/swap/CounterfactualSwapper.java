package dev.debias.augment.swap;

import dev.debias.augment.swap.Counterfactual.Kept;
import dev.debias.augment.swap.SwapTable.Choice;
import dev.debias.augment.swap.SwapTable.Entry;
import dev.debias.augment.swap.SwapTable.Kind;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.PairLexicon;
import dev.debias.lexicon.TermLexicon;
import dev.debias.text.Tokens;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    private final Gazetteer gazetteer;
    private final PersonNouns people;
    private final String placeholder;
    private final ThreadLocal<PosContext> pos = ThreadLocal.withInitial(PosContext::new);

    private CounterfactualSwapper(Builder b, List<String> groups, GroupMapping mapping, SwapTable table,
            Gazetteer gazetteer, PersonNouns people) {
        this.axis = b.axis;
        this.groups = groups;
        this.direction = b.direction;
        this.mapping = mapping;
        this.table = table;
        this.gazetteer = gazetteer;
        this.people = people;
        this.placeholder = b.placeholder;
    }

    /** A builder for the gender axis with the built-in lexicons. */
    public static Builder builder() {
        return new Builder();
    }

    /** The axis swapped. */
    public String axis() {
        return axis;
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
            return all.isEmpty() ? rewrite(text, null, false, Set.of()) : all.get(0);
        }
        return swap(text, mapping);
    }

    /** The counterfactual of {@code text} under {@code with}. */
    public Counterfactual swap(String text, GroupMapping with) {
        Objects.requireNonNull(with);
        Counterfactual c = rewrite(text, with, false, Set.of());
        // bride becomes groom; a groom already in the text (ambiguous on its own) must then become bride,
        // or the text would lose a role
        Set<String> wanted = new HashSet<>();
        for (Substitution sub : c.substitutions()) {
            String key = Tokens.normalize(sub.after());
            if (table.heldBack.containsKey(key)) {
                wanted.add(key);
            }
        }
        return wanted.isEmpty() ? c : rewrite(text, with, false, wanted);
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
        String own = ownGroup(rewrite(text, null, false, Set.of()).groupsFound());
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
        String best = null;
        int max = 0;
        for (String g : groups) {
            int n = found.getOrDefault(g, 0);
            if (n > max) {
                best = g;
                max = n;
            }
        }
        return best;
    }

    /** {@code text} with every axis term (and name) replaced by the placeholder, for a blind baseline. */
    public Counterfactual mask(String text) {
        return rewrite(text, null, true, Set.of());
    }

    /**
     * One pass over {@code text}: with {@code with} null and no mask, only detection (nothing changes).
     */
    private Counterfactual rewrite(String text, GroupMapping with, boolean mask, Set<String> alsoAmbiguous) {
        List<int[]> spans = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        Tokens.scan(text, (s, e) -> {
            spans.add(new int[] {s, e});
            tokens.add(text.substring(s, e).toLowerCase(Locale.ROOT));
        });
        List<Substitution> subs = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        Map<String, Integer> found = new LinkedHashMap<>();
        PosContext ctx = null;
        int n = tokens.size();
        for (int i = 0; i < n; ) {
            LexiconTerm shielded = gazetteer.phraseAt(tokens, i);
            if (shielded != null) {
                int len = shielded.tokens().size();
                if (with != null && holdsAxisWord(tokens, i, len)) {
                    kept.add(new Kept(text.substring(spans.get(i)[0], spans.get(i + len - 1)[1]),
                            "protected: " + shielded.group()));
                }
                i += len;
                continue;
            }
            Entry match = null;
            int len = 1;
            for (Entry e : table.phrasesByFirst.getOrDefault(tokens.get(i), List.of())) {
                if (matches(tokens, i, e.tokens())) {
                    match = e;
                    len = e.tokens().size();
                    break;
                }
            }
            boolean capital = Character.isUpperCase(text.codePointAt(spans.get(i)[0]));
            if (match == null) {
                match = table.single.get(tokens.get(i));
                if (match == null && alsoAmbiguous.contains(tokens.get(i))) {
                    match = table.heldBack.get(tokens.get(i));
                }
                if (match == null && capital) {
                    Entry name = table.names.get(tokens.get(i));
                    Entry surname = table.surnames.get(tokens.get(i));
                    if (name != null && NamePlaces.isFirstName(text, spans, tokens, i, table.knownNames)) {
                        match = name;
                    } else if (surname != null && NamePlaces.isSurname(text, spans, tokens, i, table.knownNames)) {
                        match = surname;
                    }
                }
            }
            if (match == null) {
                if (with != null && capital && table.knownNames.contains(tokens.get(i))
                        && NamePlaces.isFirstName(text, spans, tokens, i, table.knownNames)) {
                    kept.add(new Kept(text.substring(spans.get(i)[0], spans.get(i)[1]), "a name with no counterpart on " + axis));
                }
                i++;
                continue;
            }
            if (match.kind() == Kind.NAME && i + 1 < n && NamePlaces.capitalizedAfter(text, spans, i)
                    && gazetteer.isSurname(tokens.get(i + 1))) {
                if (with != null) {
                    kept.add(new Kept(text.substring(spans.get(i)[0], spans.get(i + 1)[1]), "protected: person"));
                }
                i += 2;
                continue;
            }
            if (match.modifier() && (!people.modifiesPerson(text, spans, tokens, i + len,
                    t -> table.single.containsKey(t) || table.phrasesByFirst.containsKey(t))
                    || relativeAge(text, spans, tokens, i))) {
                i++;
                continue;
            }
            int start = spans.get(i)[0];
            int end = spans.get(i + len - 1)[1];
            String before = text.substring(start, end);
            if (match.group() != null) {
                found.merge(match.group(), 1, Integer::sum);
            }
            String after = null;
            if (mask) {
                after = placeholder;
            } else if (with != null) {
                String target = targetOf(match, with);
                Choice choice = target == null ? null : match.targets().get(target);
                if (target != null && choice == null) {
                    kept.add(new Kept(before, "no counterpart in " + target));
                } else if (choice != null) {
                    String counterpart;
                    if (choice.needsPos()) {
                        if (ctx == null) {
                            ctx = pos.get();
                        }
                        String chosen = ctx.isDeterminer(text, start, end) ? choice.determiner() : choice.pronoun();
                        counterpart = chosen != null ? chosen : choice.any();
                    } else {
                        counterpart = choice.any();
                    }
                    after = counterpart == null ? null : written(before, counterpart,
                            match.proper() && !NamePlaces.startsSentence(text, spans, i));
                }
            }
            if (after != null && !after.equals(before)) {
                // a bare possessive apostrophe after an s (James' car, the princess' crown) needs its s back
                // when the counterpart does not end in s: Mary's car, the prince's crown
                if (!mask && end < text.length() && isApostrophe(text.charAt(end))
                        && (end + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(end + 1)))
                        && before.toLowerCase(Locale.ROOT).endsWith("s") && !after.toLowerCase(Locale.ROOT).endsWith("s")) {
                    after = after + text.charAt(end) + (NamePlaces.isAllCaps(after) ? "S" : "s");
                    before = before + text.charAt(end);
                    end = end + 1;
                }
                if (!mask && i > 0) {
                    article(text, spans, tokens, i, after, subs);
                }
                subs.add(new Substitution(start, end, before, after));
            }
            i += len;
        }
        String own = ownGroup(found);
        String target = with == null || own == null ? null : with.targetOf(own);
        if (subs.isEmpty()) {
            return new Counterfactual(text, subs, found, target, kept, with);
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int last = 0;
        for (Substitution s : subs) {
            sb.append(text, last, s.start()).append(s.after());
            last = s.end();
        }
        sb.append(text, last, text.length());
        return new Counterfactual(sb.toString(), subs, found, target, kept, with);
    }

    private static final Set<String> POSSESSIVES = Set.of("my", "your", "his", "her", "its", "our", "their");

    /**
     * True when an age word after a possessive names a relation, not an age group: {@code my old teacher} (a
     * former one), {@code her older brother}, {@code John's young son}.
     */
    private boolean relativeAge(String text, List<int[]> spans, List<String> tokens, int i) {
        if (!axis.equals("age") || i == 0) {
            return false;
        }
        String prev = tokens.get(i - 1);
        int at = spans.get(i - 1)[0];
        return POSSESSIVES.contains(prev) || (prev.equals("s") && at > 0 && isApostrophe(text.charAt(at - 1)));
    }

    /** The target group of a match: its group's; a pair source of no known group swaps with a two-way mapping. */
    private static String targetOf(Entry match, GroupMapping with) {
        if (match.group() != null) {
            return with.targetOf(match.group());
        }
        if (with.twoWay() && match.targets().size() == 1) {
            String only = match.targets().keySet().iterator().next();
            return with.targets().containsValue(only) ? only : null;
        }
        return null;
    }

    /** The indefinite article right before token {@code i}, made to agree with {@code after}. */
    private static void article(String text, List<int[]> spans, List<String> tokens, int i, String after,
            List<Substitution> subs) {
        String prev = tokens.get(i - 1);
        if (!prev.equals("a") && !prev.equals("an")) {
            return;
        }
        int as = spans.get(i - 1)[0];
        int ae = spans.get(i - 1)[1];
        String gap = text.substring(ae, spans.get(i)[0]);
        if (gap.isEmpty() || !gap.isBlank() || (!subs.isEmpty() && subs.get(subs.size() - 1).end() > as)) {
            return;
        }
        String written = text.substring(as, ae);
        String agreed = Articles.agree(written, after);
        if (!agreed.equals(written)) {
            subs.add(new Substitution(as, ae, written, agreed));
        }
    }

    /**
     * {@code counterpart} in the case of {@code before}, hyphenated where {@code before} was (African-American).
     * A word capitalised as a word ({@code lexicalCapital}: Muslim, not at a sentence's start) passes on no capital:
     * {@code a Muslim student} becomes {@code an atheist student}; its capitals still pass on in all-capital text.
     */
    private static String written(String before, String counterpart, boolean lexicalCapital) {
        String out = lexicalCapital && !NamePlaces.isAllCaps(before) ? counterpart : CaseStyle.apply(before, counterpart);
        if (before.indexOf('-') > 0 && before.indexOf(' ') < 0 && out.indexOf(' ') > 0) {
            out = out.replace(' ', '-');
        }
        return out;
    }

    private boolean holdsAxisWord(List<String> tokens, int i, int len) {
        for (int k = i; k < i + len; k++) {
            String t = tokens.get(k);
            if (table.single.containsKey(t) || table.names.containsKey(t) || table.phrasesByFirst.containsKey(t)
                    || table.knownNames.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    private static boolean matches(List<String> tokens, int i, List<String> term) {
        if (i + term.size() > tokens.size()) {
            return false;
        }
        for (int j = 0; j < term.size(); j++) {
            if (!term.get(j).equals(tokens.get(i + j))) {
                return false;
            }
        }
        return true;
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
        private Direction direction = Direction.BOTH;
        private GroupMapping mapping;
        private String pairA;
        private String pairB;
        private String target;
        private boolean includeAmbiguous;
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
            return new CounterfactualSwapper(this, groups, m, table, gazetteer, new PersonNouns(List.of(people)));
        }

        private void requireGroup(String g, List<String> groups) {
            if (!groups.contains(g)) {
                throw new IllegalArgumentException("'" + g + "' is not a group of axis '" + axis + "'; its groups are "
                        + groups);
            }
        }
    }
}
