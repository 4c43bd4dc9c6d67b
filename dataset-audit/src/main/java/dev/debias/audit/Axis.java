package dev.debias.audit;

import dev.debias.audit.count.Feature;
import dev.debias.lexicon.LexiconFormatException;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import java.util.ArrayList;
import java.util.List;

/**
 * One demographic axis to audit: its groups, each a term feature. Built from a lexicon
 * specification; a specification holding several axes (a user file with gender and race terms)
 * gives several axes. A bare name such as {@code gender} means {@code builtin:gender}.
 *
 * @param name the axis, e.g. {@code gender}
 * @param spec the lexicon specification it came from
 * @param groups group names in lexicon order
 * @param features one term feature per group
 * @param terms terms in use (ambiguous ones left out unless asked for)
 * @param ambiguousLeftOut ambiguous terms left out
 */
public record Axis(String name, String spec, List<String> groups, List<Feature> features, int terms,
        int ambiguousLeftOut) {
    public Axis {
        groups = List.copyOf(groups);
        features = List.copyOf(features);
    }

    /**
     * The axes of a lexicon specification, at least one.
     *
     * @throws LexiconFormatException naming the file when it cannot be read or holds no terms
     */
    public static List<Axis> parse(String spec, boolean includeAmbiguous) {
        String full = spec.contains(":") || spec.contains(",") || spec.contains("/") || spec.contains(".")
                ? spec : "builtin:" + spec.strip();
        TermLexicon lex = Lexicons.terms(full);
        List<Axis> out = new ArrayList<>();
        for (String axis : lex.axes()) {
            List<String> groups = new ArrayList<>();
            List<Feature> features = new ArrayList<>();
            int terms = 0;
            int ambiguous = 0;
            for (String group : lex.groups(axis)) {
                List<LexiconTerm> all = lex.terms(axis, group, true);
                // a modifier term (black, old) counts where it modifies a person, which settles its ambiguity
                List<LexiconTerm> used = all.stream().filter(t -> includeAmbiguous || !t.ambiguous() || t.modifier())
                        .toList();
                ambiguous += all.size() - used.size();
                if (!used.isEmpty()) {
                    groups.add(group);
                    features.add(new Feature.Terms(group, used));
                    terms += used.size();
                }
            }
            out.add(new Axis(axis, full, groups, features, terms, ambiguous));
        }
        if (out.isEmpty()) {
            throw new LexiconFormatException(full + ": the lexicon holds no terms once its 'remove' rows are applied; "
                    + "add axis<TAB>group<TAB>term rows");
        }
        return out;
    }

    /** The feature of group {@code name}, or null. */
    public Feature feature(String group) {
        int i = groups.indexOf(group);
        return i < 0 ? null : features.get(i);
    }
}
