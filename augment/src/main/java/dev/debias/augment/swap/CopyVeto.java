package dev.debias.augment.swap;

import dev.debias.augment.swap.Counterfactual.Kept;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.text.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Why a counterfactual copy of a text must not be written at all, whatever its substitutions: a slur aimed at a
 * group the copy swaps away would stay beside the new group ({@link Slurs}), or, when asked, the text names a
 * real person whose gender or group the copy would change ({@link RealPeople}). Immutable.
 */
final class CopyVeto {
    private final Slurs slurs;
    private final RealPeople people;

    /** {@code people} is null when copies of texts naming real people are written. */
    CopyVeto(Slurs slurs, RealPeople people) {
        this.slurs = slurs;
        this.people = people;
    }

    /** The reason no copy of {@code text} under {@code with} may be written, as a kept word, or null. */
    Kept check(String text, GroupMapping with, Predicate<String> axisWord) {
        Scan scan = scanOf(text, axisWord);
        LexiconTerm slur = slurs.aimedAway(scan.tokens(), with);
        if (slur != null) {
            // "ugly gay fag" -> "ugly straight fag"
            return new Kept(slur.term(), "a slur aimed at " + slur.group() + ": no copy");
        }
        return scan.person() == null ? null : new Kept(scan.person(), "names a real person: no copy");
    }

    /** A text's tokens and the real person it names; per-group copies check one text once per group. */
    private record Scan(String text, List<String> tokens, String person) {}

    private final ThreadLocal<Scan> last = new ThreadLocal<>();

    private Scan scanOf(String text, Predicate<String> axisWord) {
        Scan s = last.get();
        if (s == null || !s.text().equals(text)) {
            List<String> tokens = new ArrayList<>();
            Tokens.scan(text, (a, e) -> tokens.add(text.substring(a, e).toLowerCase(Locale.ROOT)));
            s = new Scan(text, List.copyOf(tokens), people == null ? null : people.named(text, axisWord));
            last.set(s);
        }
        return s;
    }
}
