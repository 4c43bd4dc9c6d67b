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
        List<String> tokens = new ArrayList<>();
        Tokens.scan(text, (s, e) -> tokens.add(text.substring(s, e).toLowerCase(Locale.ROOT)));
        LexiconTerm slur = slurs.aimedAway(tokens, with);
        if (slur != null) {
            // "ugly gay fag" -> "ugly straight fag"
            return new Kept(slur.term(), "a slur aimed at " + slur.group() + ": no copy");
        }
        String who = people == null ? null : people.named(text, axisWord);
        return who == null ? null : new Kept(who, "names a real person: no copy");
    }
}
