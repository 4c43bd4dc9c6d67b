package dev.debias.augment.swap;

import dev.debias.lexicon.CounterfactualPair;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.PairLexicon;
import dev.debias.lexicon.TermLexicon;
import dev.debias.text.Tokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Swaps the terms of a demographic axis for their counterparts, grammatically and keeping the text
 * as it was around them. Terms are matched like everywhere in debias (whole tokens under the
 * {@link Tokens} rule, case-insensitive, multi-word terms as phrases, longest first), so
 * {@code Sheldon}, {@code therapist} and {@code hero} are never touched and {@code actress's}
 * becomes {@code actor's}. Counterparts come from a pair lexicon; where a term has part-of-speech
 * conditions ({@code her} to {@code his} as a determiner, to {@code him} as a pronoun) the OpenNLP
 * models decide ({@link PosContext}). First names swap by frequency rank (the i-th female name of the
 * name lexicon with the i-th male one; the longer list's extra names pair with the other list's from
 * the top again), so a name always gets the same counterpart; a name matches
 * only when written with a capital and not inside a longer proper noun (the surname in
 * {@code Jill Scott} or {@code Mr. Scott}, {@code San Diego}). Case carries over ({@link CaseStyle}). Terms flagged ambiguous
 * ({@code miss}, names given to both genders) are left alone unless asked. Thread-safe.
 *
 * <pre>{@code
 * CounterfactualSwapper swapper = CounterfactualSwapper.builder().build();   // gender, built-in lexicons
 * swapper.swap("She thanked her mentor, Mr. Lee.").text();                  // He thanked his mentor, Ms. Lee.
 * }</pre>
 */
public final class CounterfactualSwapper {
    private final String axis;
    private final Direction direction;
    private final Map<String, Entry> single;
    private final Map<String, List<Entry>> phrasesByFirst;
    private final Map<String, Entry> names;
    private final String placeholder;
    /** Pairs of ambiguous terms (groom, host, hero): swapped only in a text where another term became them. */
    private final Map<String, Entry> heldBack;
    private final ThreadLocal<PosContext> pos = ThreadLocal.withInitial(PosContext::new);

    /** What a matched term is and becomes. */
    private record Entry(List<String> tokens, String group, CounterfactualPair any, CounterfactualPair determiner,
            CounterfactualPair pronoun, String nameCounterpart) {
        boolean needsPos() {
            return determiner != null || pronoun != null;
        }
    }

    private CounterfactualSwapper(Builder b) {
        this.axis = b.axis;
        this.direction = b.direction;
        Map<String, Entry> entries = new LinkedHashMap<>();
        // terms of the axis: known groups, detection and masking (no counterpart by themselves)
        for (LexiconTerm t : b.terms.axis(axis).terms()) {
            if (b.includeAmbiguous || !t.ambiguous()) {
                entries.put(t.key(), new Entry(t.tokens(), t.group(), null, null, null, null));
            }
        }
        Map<String, Boolean> ambiguous = new HashMap<>();
        b.terms.axis(axis).terms().forEach(t -> ambiguous.put(t.key(), t.ambiguous()));
        // pairs: what each term becomes
        Map<String, List<CounterfactualPair>> byTerm = new LinkedHashMap<>();
        for (CounterfactualPair p : b.pairs.pairs(axis)) {
            byTerm.computeIfAbsent(Tokens.normalize(p.term()), k -> new ArrayList<>()).add(p);
        }
        Map<String, Entry> held = new LinkedHashMap<>();
        for (var e : byTerm.entrySet()) {
            boolean isAmbiguous = !b.includeAmbiguous && ambiguous.getOrDefault(e.getKey(), false);
            CounterfactualPair any = null;
            CounterfactualPair det = null;
            CounterfactualPair pro = null;
            for (CounterfactualPair p : e.getValue()) {
                if (p.posTag() == null) {
                    any = p;
                } else if (p.posTag().equals("PRP$")) {
                    det = p;
                } else {
                    pro = p;
                }
            }
            String group = b.terms.lookup(axis, e.getKey()).map(LexiconTerm::group).orElse(null);
            List<String> tokens = Tokens.split(e.getKey());
            if (!tokens.isEmpty()) {
                (isAmbiguous ? held : entries).put(e.getKey(), new Entry(tokens, group, any, det, pro, null));
            }
        }
        this.heldBack = held;
        // first names, paired by rank
        Map<String, Entry> names = new HashMap<>();
        if (b.names != null) {
            List<LexiconTerm> female = b.names.terms(axis, "female", b.includeAmbiguous);
            List<LexiconTerm> male = b.names.terms(axis, "male", b.includeAmbiguous);
            int n = Math.min(female.size(), male.size());
            for (int i = 0; i < n; i++) {
                names.putIfAbsent(female.get(i).key(), new Entry(female.get(i).tokens(), "female", null, null, null,
                        male.get(i).term()));
                names.putIfAbsent(male.get(i).key(), new Entry(male.get(i).tokens(), "male", null, null, null,
                        female.get(i).term()));
            }
            // the longer list's extra names pair with the shorter list's from the top again, so every name
            // has a counterpart (the reverse of such a pair is the name's own rank partner)
            for (int i = n; i < female.size() && n > 0; i++) {
                names.putIfAbsent(female.get(i).key(), new Entry(female.get(i).tokens(), "female", null, null, null,
                        male.get((i - n) % n).term()));
            }
            for (int i = n; i < male.size() && n > 0; i++) {
                names.putIfAbsent(male.get(i).key(), new Entry(male.get(i).tokens(), "male", null, null, null,
                        female.get((i - n) % n).term()));
            }
        }
        Map<String, Entry> s = new HashMap<>();
        Map<String, List<Entry>> p = new HashMap<>();
        for (Entry e : entries.values()) {
            if (e.tokens.size() == 1) {
                s.put(e.tokens.get(0), e);
            } else {
                p.computeIfAbsent(e.tokens.get(0), k -> new ArrayList<>()).add(e);
            }
        }
        p.values().forEach(l -> l.sort(Comparator.comparingInt((Entry e) -> -e.tokens.size())));
        this.single = s;
        this.phrasesByFirst = p;
        this.names = names;
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

    /** The direction swapped. */
    public Direction direction() {
        return direction;
    }

    /** The counterfactual of {@code text}: every allowed axis term replaced by its counterpart. */
    public Counterfactual swap(String text) {
        Counterfactual c = rewrite(text, false, java.util.Set.of());
        // bride becomes groom; a groom already in the text (ambiguous on its own) must then become bride,
        // or the text would lose a role
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (Substitution sub : c.substitutions()) {
            String key = Tokens.normalize(sub.after());
            if (heldBack.containsKey(key)) {
                wanted.add(key);
            }
        }
        return wanted.isEmpty() ? c : rewrite(text, false, wanted);
    }

    /** {@code text} with every axis term (and name) replaced by the placeholder, for a blind baseline. */
    public Counterfactual mask(String text) {
        return rewrite(text, true, java.util.Set.of());
    }

    private Counterfactual rewrite(String text, boolean mask, java.util.Set<String> alsoAmbiguous) {
        List<int[]> spans = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        Tokens.scan(text, (s, e) -> {
            spans.add(new int[] {s, e});
            tokens.add(text.substring(s, e).toLowerCase(java.util.Locale.ROOT));
        });
        List<Substitution> subs = new ArrayList<>();
        Map<String, Integer> groups = new LinkedHashMap<>();
        PosContext ctx = null;
        int n = tokens.size();
        for (int i = 0; i < n; ) {
            Entry match = null;
            int len = 1;
            for (Entry e : phrasesByFirst.getOrDefault(tokens.get(i), List.of())) {
                if (matches(tokens, i, e.tokens)) {
                    match = e;
                    len = e.tokens.size();
                    break;
                }
            }
            if (match == null) {
                match = single.get(tokens.get(i));
                if (match == null && alsoAmbiguous.contains(tokens.get(i))) {
                    match = heldBack.get(tokens.get(i));
                }
                if (match == null) {
                    Entry name = names.get(tokens.get(i));
                    if (name != null && Character.isUpperCase(text.codePointAt(spans.get(i)[0]))
                            && isFirstName(text, spans, tokens, i)) {
                        match = name;
                    }
                }
            }
            if (match == null) {
                i++;
                continue;
            }
            int start = spans.get(i)[0];
            int end = spans.get(i + len - 1)[1];
            String before = text.substring(start, end);
            if (match.group != null) {
                groups.merge(match.group, 1, Integer::sum);
            }
            String after = null;
            if (mask) {
                after = match.group != null || match.nameCounterpart != null ? placeholder : null;
            } else if (direction.allows(match.group)) {
                String counterpart;
                if (match.nameCounterpart != null) {
                    counterpart = match.nameCounterpart;
                } else if (match.needsPos()) {
                    if (ctx == null) {
                        ctx = pos.get();
                    }
                    CounterfactualPair chosen = ctx.isDeterminer(text, start, end) ? match.determiner : match.pronoun;
                    counterpart = chosen != null ? chosen.counterpart() : match.any != null ? match.any.counterpart() : null;
                } else {
                    counterpart = match.any != null ? match.any.counterpart() : null;
                }
                after = counterpart == null ? null : CaseStyle.apply(before, counterpart);
            }
            if (after != null && !after.equals(before)) {
                // a bare possessive apostrophe after an s (James' car, the princess' crown) needs its s back
                // when the counterpart does not end in s: Mary's car, the prince's crown
                if (end < text.length() && isApostrophe(text.charAt(end))
                        && (end + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(end + 1)))
                        && before.toLowerCase(java.util.Locale.ROOT).endsWith("s")
                        && !after.toLowerCase(java.util.Locale.ROOT).endsWith("s") && !mask) {
                    after = after + text.charAt(end) + (isAllCaps(after) ? "S" : "s");
                    before = before + text.charAt(end);
                    end = end + 1;
                }
                subs.add(new Substitution(start, end, before, after));
            }
            i += len;
        }
        if (subs.isEmpty()) {
            return new Counterfactual(text, subs, groups);
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        int last = 0;
        for (Substitution s : subs) {
            sb.append(text, last, s.start()).append(s.after());
            last = s.end();
        }
        sb.append(text, last, text.length());
        return new Counterfactual(sb.toString(), subs, groups);
    }

    /** Titles after which a name is a surname, unless another capitalized word follows it. */
    private static final java.util.Set<String> TITLES = java.util.Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof",
            "professor", "sir", "madam", "lady", "lord", "dame", "rev", "reverend", "judge", "senator", "president");
    /** Abbreviations that begin place names (St. Louis, Mt. Vernon, Ft. Worth). */
    private static final java.util.Set<String> PLACE_ABBREVIATIONS = java.util.Set.of("st", "mt", "ft");

    /**
     * Whether a capitalized name at token {@code i} is a person's first name rather than part of a
     * longer proper noun: not right after another capitalized word ({@code San Diego}, the surname in
     * {@code Jill Scott}), not after a place abbreviation ({@code St. Louis}), and after a title only
     * when another capitalized word follows ({@code Dr. Diego Ramirez}, but not {@code Mr. Scott}).
     */
    private boolean isFirstName(String text, List<int[]> spans, List<String> tokens, int i) {
        if (i == 0) {
            return true;
        }
        int prevStart = spans.get(i - 1)[0];
        String gap = text.substring(spans.get(i - 1)[1], spans.get(i)[0]);
        String prevWord = text.substring(prevStart, spans.get(i - 1)[1]);
        String word = text.substring(spans.get(i)[0], spans.get(i)[1]);
        String prev = tokens.get(i - 1);
        boolean shouting = isAllCaps(word) && isAllCaps(prevWord);
        if (!Character.isUpperCase(prevWord.codePointAt(0)) || shouting) {
            return true;
        }
        boolean blank = !gap.isEmpty() && gap.isBlank();
        boolean dotted = gap.startsWith(".") && gap.length() > 1 && gap.substring(1).isBlank();
        if (TITLES.contains(prev) && (blank || dotted)) {
            if (i + 1 >= spans.size()) {
                return false;
            }
            String after = text.substring(spans.get(i)[1], spans.get(i + 1)[0]);
            return !after.isEmpty() && after.isBlank() && Character.isUpperCase(text.codePointAt(spans.get(i + 1)[0]));
        }
        if (dotted && PLACE_ABBREVIATIONS.contains(prev)) {
            return false;
        }
        if (!blank) {
            return true;
        }
        // right after a capitalized word: a surname after a first name (Jill Scott), or part of a longer
        // proper noun (moved to San Diego); a capitalized word opening the sentence (When Mary) is neither
        return !(names.containsKey(prev) || !startsSentence(text, spans, i - 1));
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    private static boolean isAllCaps(String w) {
        return w.length() > 1 && w.equals(w.toUpperCase(java.util.Locale.ROOT)) && !w.equals(w.toLowerCase(java.util.Locale.ROOT));
    }

    /** True when token {@code k} opens the text or a sentence (only spaces, quotes or brackets after . ! ? or a line break). */
    private static boolean startsSentence(String text, List<int[]> spans, int k) {
        int p = spans.get(k)[0] - 1;
        while (p >= 0 && (Character.isWhitespace(text.charAt(p)) && text.charAt(p) != '\n' || "\"'([\u201C\u2018".indexOf(text.charAt(p)) >= 0)) {
            p--;
        }
        return p < 0 || ".!?:\n".indexOf(text.charAt(p)) >= 0;
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
        private Direction direction = Direction.BOTH;
        private boolean includeAmbiguous;
        private String placeholder = "[MASK]";

        private Builder() {}

        /** The axis; default {@code gender}. */
        public Builder optAxis(String axis) {
            this.axis = Objects.requireNonNull(axis);
            return this;
        }

        /** Counterparts; default {@code builtin:gender-pairs} for gender, else {@code builtin:AXIS}. */
        public Builder optPairs(PairLexicon pairs) {
            this.pairs = Objects.requireNonNull(pairs);
            return this;
        }

        /** The axis' terms, for groups and masking; default {@code builtin:AXIS}. */
        public Builder optTerms(TermLexicon terms) {
            this.terms = Objects.requireNonNull(terms);
            return this;
        }

        /** First names of the axis (groups female and male), or null for none; default {@code builtin:names} for gender. */
        public Builder optNames(TermLexicon names) {
            this.names = names;
            this.namesSet = true;
            return this;
        }

        /** Which way to swap; default both ways. */
        public Builder optDirection(Direction direction) {
            this.direction = Objects.requireNonNull(direction);
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
         * ({@link PairLexicon#requireConsistentWith}, a {@code LexiconFormatException} naming the pair's file and line).
         */
        public CounterfactualSwapper build() {
            if (pairs == null) {
                pairs = Lexicons.pairs("builtin:" + axis);
            }
            if (terms == null) {
                terms = Lexicons.terms("builtin:" + axis);
            }
            if (!namesSet && axis.equals("gender")) {
                names = Lexicons.terms("builtin:names");
            }
            if (pairs.pairs(axis).isEmpty()) {
                throw new IllegalArgumentException("the pair lexicon has no pairs for axis '" + axis + "'");
            }
            pairs.requireConsistentWith(terms, axis);
            if (direction != Direction.BOTH && !terms.groups(axis).containsAll(List.of("female", "male"))) {
                throw new IllegalArgumentException("a one-way direction needs an axis with female and male groups");
            }
            return new CounterfactualSwapper(this);
        }
    }
}
