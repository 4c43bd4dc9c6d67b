package dev.debias.augment.swap;

import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import dev.debias.text.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds a real person named in a text, for the swapper's option to write no copy of such a text: a protected
 * figure, known person or known surname ({@code Jesus}, {@code Tony Blair}, {@code Obama}), or a first name the
 * lists know written with a surname ({@code Richard Stallman}, {@code Hassan al Banna}). A counterfactual would
 * change that person's gender or group ({@code Richard Stallman ... she}), which is no longer true. Immutable.
 */
final class RealPeople {
    private final Gazetteer gazetteer;
    private final Set<String> firstNames;

    RealPeople(Gazetteer gazetteer, Set<String> firstNames) {
        this.gazetteer = gazetteer;
        this.firstNames = Set.copyOf(firstNames);
    }

    /** The first names of the built-in lists and of {@code extra} (null entries skipped), lower case. */
    static Set<String> firstNames(TermLexicon... extra) {
        Set<String> out = new HashSet<>();
        List<TermLexicon> lists = new ArrayList<>(Arrays.asList(extra));
        lists.add(Lexicons.terms("builtin:names,builtin:race-names"));
        for (TermLexicon l : lists) {
            if (l != null) {
                l.terms().forEach(t -> out.add(t.key()));
            }
        }
        return out;
    }

    /** The first real person {@code text} names, as written, or null; {@code axisWord} tells words of the axis. */
    String named(String text, java.util.function.Predicate<String> axisWord) {
        List<int[]> spans = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        Tokens.scan(text, (s, e) -> {
            spans.add(new int[] {s, e});
            tokens.add(text.substring(s, e).toLowerCase(Locale.ROOT));
        });
        boolean[] inLink = Links.tokensInLinks(text, spans);
        for (int i = 0; i < tokens.size(); i++) {
            if (inLink != null && inLink[i]) {
                continue;
            }
            LexiconTerm p = gazetteer.phraseAt(tokens, i);
            if (p != null && (p.group().equals("person") || p.group().equals("figure"))) {
                return text.substring(spans.get(i)[0], spans.get(i + p.tokens().size() - 1)[1]);
            }
            boolean capital = Character.isUpperCase(text.codePointAt(spans.get(i)[0]));
            if (capital && gazetteer.isSurname(tokens.get(i))) {
                return text.substring(spans.get(i)[0], spans.get(i)[1]);
            }
            if (FullNames.isFullNameAt(text, spans, tokens, i, firstNames, axisWord)) {
                int end = FullNames.PARTICLES.contains(tokens.get(i + 1)) ? i + 2 : i + 1;
                return text.substring(spans.get(i)[0], spans.get(end)[1]);
            }
        }
        return null;
    }
}
