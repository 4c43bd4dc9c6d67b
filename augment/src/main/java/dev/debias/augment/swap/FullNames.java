package dev.debias.augment.swap;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a first name or surname belongs to a person written with a full name, for the swapper's option to keep
 * such names ({@code optKeepFullNames}): in news, encyclopedic and forum text that is mostly a real person, whose
 * name a counterfactual should not change. Stateless.
 */
final class FullNames {
    /** Lower-case name particles: {@code Hassan al Banna}, {@code Yefet ben Ali}, {@code Vincent van Gogh}. */
    static final Set<String> PARTICLES = Set.of("al", "el", "ben", "bin", "ibn", "abu", "bint", "de", "da", "del",
            "della", "di", "van", "von", "der", "le", "la", "du", "dos", "das");

    private FullNames() {}

    /**
     * True when the name at token {@code i} is followed by a surname: a capitalised word that is no word of the
     * axis ({@code Matthew Shepard}, {@code Frank J. Tipler}) or a particle and a capitalised word ({@code Hassan
     * al Banna}).
     */
    static boolean writtenInFull(String text, List<int[]> spans, List<String> tokens, int i, Predicate<String> axisWord) {
        if (NamePlaces.capitalizedAfter(text, spans, i)) {
            return !axisWord.test(tokens.get(i + 1));
        }
        return i + 2 < tokens.size() && PARTICLES.contains(tokens.get(i + 1))
                && NamePlaces.blankBetween(text, spans, i)
                && NamePlaces.capitalizedAfter(text, spans, i + 1);
    }

    /** True when the name at token {@code i} comes after a particle ({@code ben Ali}) or a title ({@code Dr. Rivera}). */
    static boolean afterParticleOrTitle(String text, List<int[]> spans, List<String> tokens, int i) {
        if (i == 0) {
            return false;
        }
        String prev = tokens.get(i - 1);
        String gap = text.substring(spans.get(i - 1)[1], spans.get(i)[0]);
        boolean blank = !gap.isEmpty() && gap.isBlank();
        boolean dotted = gap.startsWith(".") && gap.length() > 1 && gap.substring(1).isBlank();
        return (blank && PARTICLES.contains(prev) && Character.isLowerCase(text.codePointAt(spans.get(i - 1)[0])))
                || ((blank || dotted) && NamePlaces.TITLES.contains(prev)
                        && Character.isUpperCase(text.codePointAt(spans.get(i - 1)[0])));
    }

    /**
     * The first names (lower case) that {@code text} writes in full somewhere: the same name standing alone
     * elsewhere in it ({@code Hassan al Banna ... Hassan memorized the Qur'an}) is most likely the same person.
     */
    static Set<String> namedInFull(String text, List<int[]> spans, List<String> tokens, Set<String> knownNames,
            Predicate<String> axisWord) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (isFullNameAt(text, spans, tokens, i, knownNames, axisWord)) {
                out.add(tokens.get(i));
            }
        }
        return out;
    }

    /**
     * True when token {@code i} is a first name of {@code knownNames}, capitalised (not in all-capital text), in a
     * first name's place ({@link NamePlaces#isFirstName}) and {@linkplain #writtenInFull written in full}.
     */
    static boolean isFullNameAt(String text, List<int[]> spans, List<String> tokens, int i, Set<String> knownNames,
            Predicate<String> axisWord) {
        return i + 1 < tokens.size() && knownNames.contains(tokens.get(i))
                && Character.isUpperCase(text.codePointAt(spans.get(i)[0]))
                && !NamePlaces.isAllCaps(text.substring(spans.get(i)[0], spans.get(i)[1]))
                && NamePlaces.isFirstName(text, spans, tokens, i, knownNames)
                && writtenInFull(text, spans, tokens, i, axisWord);
    }
}
