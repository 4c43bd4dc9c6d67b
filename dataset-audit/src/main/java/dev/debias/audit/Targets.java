package dev.debias.audit;

import dev.debias.audit.count.Feature;
import dev.debias.core.Setting;
import dev.debias.lexicon.LexiconFormatException;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import dev.debias.text.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets of an audit, parsed from a specification: a comma list whose items are
 * {@code builtin:NAME} lexicons, term-list files, or literal terms ({@code nurse,bus driver}). Each
 * group of a lexicon is one target (the {@code nurse} target of {@code builtin:occupations} matches
 * {@code nurse} and {@code nurses}); each literal term is its own target. Ambiguous lexicon terms are
 * left out unless asked for.
 *
 * @param spec the specification as given
 * @param names the target names, in specification order
 * @param features one term feature per target
 */
public record Targets(String spec, List<String> names, List<Feature> features) {
    /** The specification that selects no targets at all. */
    public static final String NONE = "none";

    public Targets {
        names = List.copyOf(names);
        features = List.copyOf(features);
    }

    /** No targets (a labels-only audit). */
    public static Targets none() {
        return new Targets(NONE, List.of(), List.of());
    }

    /** Parses a specification; {@code none} gives no targets. */
    public static Targets parse(String spec, boolean includeAmbiguous) {
        if (spec == null || spec.isBlank()) {
            throw new LexiconFormatException("empty target specification; give builtin:occupations, a file, or terms "
                    + "such as nurse,engineer");
        }
        if (spec.strip().equals(NONE)) {
            return none();
        }
        Map<String, List<LexiconTerm>> byName = new LinkedHashMap<>();
        for (String raw : spec.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            if (item.startsWith("builtin:") || Files.isRegularFile(Path.of(item))) {
                TermLexicon lex = Lexicons.terms(item);
                boolean qualify = lex.axes().size() > 1;
                for (String axis : lex.axes()) {
                    for (String group : lex.groups(axis)) {
                        List<LexiconTerm> terms = lex.terms(axis, group, includeAmbiguous);
                        if (!terms.isEmpty()) {
                            byName.computeIfAbsent(qualify ? axis + ":" + group : group, k -> new ArrayList<>())
                                    .addAll(terms);
                        }
                    }
                }
            } else {
                List<String> tokens = Tokens.split(item);
                if (tokens.isEmpty()) {
                    throw new LexiconFormatException("target '" + item + "' has no letters or digits to match");
                }
                String key = String.join(" ", tokens);
                byName.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new LexiconTerm("target", key, item, tokens, false, Setting.TARGETS.mention()));
            }
        }
        List<String> names = new ArrayList<>(byName.keySet());
        List<Feature> features = new ArrayList<>();
        byName.forEach((name, terms) -> features.add(new Feature.Terms(name, terms)));
        return new Targets(spec, names, features);
    }

    /** Number of targets. */
    public int size() {
        return names.size();
    }

    /** The target named {@code name}, if any. */
    public Feature feature(String name) {
        int i = names.indexOf(name);
        return i < 0 ? null : features.get(i);
    }
}
