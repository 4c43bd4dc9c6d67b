package dev.debias.augment.swap;

import dev.debias.augment.swap.Counterfactual.Kept;
import dev.debias.augment.swap.SwapTable.Choice;
import dev.debias.augment.swap.SwapTable.Entry;
import dev.debias.augment.swap.SwapTable.Kind;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.text.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One pass of {@link CounterfactualSwapper} over a text: finds the axis' terms and names (phrases longest
 * first, protected phrases skipped, modifier words only before a person noun), counts their groups, and
 * writes each one's counterpart under a mapping (or the placeholder, for a mask), with the article before it
 * made to agree and a bare possessive apostrophe given its s. Thread-safe (a POS context per thread).
 */
final class Rewrite {
    private final String axis;
    private final SwapTable table;
    private final Gazetteer gazetteer;
    private final PersonNouns people;
    private final String placeholder;
    private final ThreadLocal<PosContext> pos = ThreadLocal.withInitial(PosContext::new);

    private final boolean keepFullNames;
    /** The words of every axis and the person nouns: next to them a capital makes no name. */
    private final Set<String> descriptive;

    Rewrite(String axis, SwapTable table, Gazetteer gazetteer, PersonNouns people, String placeholder,
            boolean keepFullNames, Set<String> descriptive) {
        this.keepFullNames = keepFullNames;
        this.descriptive = Set.copyOf(descriptive);
        this.axis = axis;
        this.table = table;
        this.gazetteer = gazetteer;
        this.people = people;
        this.placeholder = placeholder;
    }

    /** The group most of the found terms belong to among {@code groups}, the first on a tie; null when none. */
    static String ownGroup(Map<String, Integer> found, List<String> groups) {
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

    /**
     * One pass over {@code text}: with {@code with} null and no mask, only detection (nothing changes).
     */
    Counterfactual run(String text, GroupMapping with, boolean mask, Set<String> alsoAmbiguous, List<String> groups) {
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
        boolean[] inLink = Links.tokensInLinks(text, spans);
        String firstTarget = null;
        Set<String> inFull = null;   // the first names written in full somewhere in the text, when asked for
        for (int i = 0; i < n; ) {
            if (inLink != null && inLink[i]) {
                i++;   // a web address or an identifier (Wikinews_interviews_Scott_Lucas) names no one
                continue;
            }
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
                if (match == null && capital && !acronym(text, spans, i)) {
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
            if (match.kind() == Kind.NAME && i + 1 < n && (NamePlaces.capitalizedAfter(text, spans, i)
                    && (gazetteer.isSurname(tokens.get(i + 1)) || NamePlaces.isRegnal(text, spans, i + 1))
                    || keepFullNames && FullNames.writtenInFull(text, spans, tokens, i, this::isTermWord))) {
                if (with != null) {
                    kept.add(new Kept(text.substring(spans.get(i)[0], spans.get(i + 1)[1]), "protected: person"));
                }
                i += 2;
                continue;
            }
            if (keepFullNames && match.kind() != Kind.TERM && inFull == null) {
                inFull = FullNames.namedInFull(text, spans, tokens, table.knownNames, this::isTermWord);
            }
            if (keepFullNames && match.kind() != Kind.TERM && (FullNames.afterParticleOrTitle(text, spans, tokens, i)
                    || inFull.contains(tokens.get(i)))) {
                // Yefet ben Ali, Dr. Rivera, and Hassan once Hassan al Banna was named
                if (with != null) {
                    kept.add(new Kept(text.substring(spans.get(i)[0], spans.get(i)[1]), "protected: person"));
                }
                i++;
                continue;
            }
            String sense = otherSense(text, spans, tokens, i, len, match, capital);
            if (sense != null) {
                if (with != null) {
                    kept.add(new Kept(text.substring(spans.get(i)[0], spans.get(i + len - 1)[1]), sense));
                }
                i += len;
                continue;
            }
            if (match.modifier() && (!people.modifiesPerson(text, spans, tokens, i + len,
                    t -> table.single.containsKey(t) || table.phrasesByFirst.containsKey(t))
                    || relativeAge(text, spans, tokens, i))
                    || axis.equals("age") && Senses.ageOfNoGroup(tokens, i + len - 1)) {
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
                            match.proper() && !NamePlaces.startsSentence(text, spans, i), match.proper());
                }
            }
            if (after != null && !after.equals(before) && !mask && DOTTED.matcher(before).matches() && end < text.length()
                    && text.charAt(end) == '.' && continuesSentence(text, end + 1)) {
                // U.S. troops: the abbreviation's last dot goes with it (at a sentence's end the dot stays)
                before = before + ".";
                end = end + 1;
            }
            if (after != null && !after.equals(before)) {
                // a bare possessive apostrophe after an s (James' car, the princess' crown) needs its s back
                // when the counterpart does not end in s: Mary's car, the prince's crown
                if (!mask && end < text.length() && NamePlaces.isApostrophe(text.charAt(end))
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
                if (firstTarget == null && with != null) {
                    firstTarget = targetOf(match, with);
                }
            }
            i += len;
        }
        String own = ownGroup(found, groups);
        String target = with == null || own == null ? null : with.targetOf(own);
        if (target == null) {
            // the text's own group is outside the mapping (a muslim text swapped jewish<->christian): name the
            // group its first swapped term went to
            target = firstTarget;
        }
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
    private static final Set<String> SPANS_OF_TIME = Set.of("year", "years", "yr", "yrs", "month", "months", "week",
            "weeks", "day", "days");

    /**
     * True when an age word names a relation or an age, not an age group: after a possessive ({@code my old
     * teacher}, a former one; {@code her older brother}; {@code John's young son}) or after a span of time
     * ({@code an 11 year old girl}, {@code a 40-year-old man}).
     */
    private boolean relativeAge(String text, List<int[]> spans, List<String> tokens, int i) {
        if (!axis.equals("age") || i == 0) {
            return false;
        }
        String prev = tokens.get(i - 1);
        int at = spans.get(i - 1)[0];
        return POSSESSIVES.contains(prev) || SPANS_OF_TIME.contains(prev)
                || (prev.equals("s") && at > 0 && NamePlaces.isApostrophe(text.charAt(at - 1)));
    }

    /**
     * Why the term or name {@code match} at tokens {@code [i, i + len)} names no person's group here, or null when
     * it does: part of a proper name ({@code United States Marine Corps}, {@code Times of Israel}, {@code Muslim
     * Brotherhood}, {@code Northern Ireland}, {@code Teen Vogue}), a language ({@code translated from German}) or a
     * scripture reference ({@code Matthew 24:45}).
     */
    private String otherSense(String text, List<int[]> spans, List<String> tokens, int i, int len, Entry match,
            boolean capital) {
        if (match.kind() == Kind.NAME) {
            if (NamePlaces.beforeInstitution(text, spans, tokens, i)) {
                return "part of a proper name";   // Meredith College
            }
            return Senses.isScriptureReference(text, spans, i) ? "a scripture reference" : null;
        }
        java.util.function.Predicate<String> other = t -> isAxisWord(t) || descriptive.contains(t);
        // gender words capitalised before a name are titles (Mr. Lee, Queen Elizabeth), not parts of one
        if (capital && !axis.equals("gender") && (match.proper()
                ? NamePlaces.insideProperName(text, spans, tokens, i, len, this::isAxisWord)
                        || Senses.afterCapitalisedWord(text, spans, tokens, i, other)
                : Senses.capitalisedName(text, spans, tokens, i, len, other))) {
            return "part of a proper name";
        }
        if (len == 1 && axis.equals("orientation") && Senses.slangGay(text, spans, tokens, i)) {
            return "slang (gay for lame)";
        }
        return len == 1 && Senses.isLanguage(text, spans, tokens, i) ? "a language" : null;
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
     * {@code counterpart} in the case of {@code before}, hyphenated where {@code before} was (African-American); a
     * proper word's abbreviation ({@code U.S.}, {@code UK}) takes its counterpart as written ({@code Canada}).
     * A word capitalised as a word ({@code lexicalCapital}: Muslim, not at a sentence's start) passes on no capital:
     * {@code a Muslim student} becomes {@code an atheist student}; its capitals still pass on in all-capital text.
     */
    private static String written(String before, String counterpart, boolean lexicalCapital, boolean proper) {
        // an abbreviation (U.S., UK) is capitals by spelling, not by shouting: its counterpart is written as listed
        boolean abbreviation = proper && NamePlaces.isAllCaps(before)
                && (before.contains(".") || before.replaceAll("[^A-Za-z]", "").length() <= 3);
        String out = (lexicalCapital && !NamePlaces.isAllCaps(before)) || abbreviation ? counterpart
                : CaseStyle.apply(before, counterpart);
        if (before.indexOf('-') > 0 && before.indexOf(' ') < 0 && out.indexOf(' ') > 0) {
            out = out.replace(' ', '-');
        }
        return out;
    }

    private static final java.util.regex.Pattern DOTTED = java.util.regex.Pattern.compile("\\p{L}(\\.\\p{L})+");

    /** True when the text after {@code from} goes on in the same sentence: blanks, then a lower-case letter or digit. */
    private static boolean continuesSentence(String text, int from) {
        int k = from;
        while (k < text.length() && text.charAt(k) == ' ') {
            k++;
        }
        return k > from && k < text.length() && (Character.isLowerCase(text.charAt(k)) || Character.isDigit(text.charAt(k)));
    }

    /**
     * True when token {@code i} is in capitals beside a word that is not, and the text never writes it as a name
     * ({@code Ida}): an acronym ({@code the Association (IDA)}), not a name; {@code BOW to ADAM ... Adam is made of
     * clay} is a name shouted.
     */
    private static boolean acronym(String text, List<int[]> spans, int i) {
        String word = text.substring(spans.get(i)[0], spans.get(i)[1]);
        if (!NamePlaces.isAllCaps(word)) {
            return false;
        }
        int k = i > 0 ? i - 1 : i + 1;
        String asName = word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
        return k < spans.size() && !NamePlaces.isAllCaps(text.substring(spans.get(k)[0], spans.get(k)[1]))
                && !text.contains(asName);
    }

    /** True when {@code t} (lower case) is a term or the first word of a term of the axis. */
    private boolean isTermWord(String t) {
        return table.single.containsKey(t) || table.phrasesByFirst.containsKey(t);
    }

    /** True when {@code t} (lower case) is a term, first word of a term, or name of the axis. */
    private boolean isAxisWord(String t) {
        return table.single.containsKey(t) || table.phrasesByFirst.containsKey(t) || table.names.containsKey(t);
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
}
