package dev.debias.lexicon;

import dev.debias.corpus.CorpusFormatException;
import dev.debias.corpus.Utf8LineReader;
import dev.debias.text.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads lexicons from specifications: a comma-separated list of sources, each {@code builtin:NAME}
 * or a file path, merged in order (a later source extends earlier ones and wins where both define a
 * term). Term list files are TSV {@code axis<TAB>group<TAB>term[<TAB>flags]} with flags
 * {@code ambiguous}, {@code modifier} (a people sense only before a person noun) or {@code remove}
 * (drop the term from earlier sources). Pair files hold two kinds of row: a directed pair
 * {@code axis<TAB>term<TAB>counterpart[<TAB>POS]}, and a counterpart row
 * {@code axis<TAB>GROUP=term[|term...]<TAB>GROUP=term[|term...]...} naming one concept in every group that
 * has it (each cell's terms become the other groups' first terms, written with the file's capitals). Lines starting with {@code #} and blank
 * lines are ignored. Matching is case-insensitive on whole tokens ({@link Tokens}).
 */
public final class Lexicons {
    /** The built-in term lists, addressable as {@code builtin:NAME}. */
    public static final List<String> BUILTIN_TERMS = List.of("gender", "names", "race", "religion", "age",
            "nationality", "orientation", "disability", "race-names", "surnames", "occupations", "sentiment", "people",
            "protected", "slurs");
    /** The built-in demographic axes, each with a term list of its name and a pair list {@code builtin:AXIS}. */
    public static final List<String> AXES =
            List.of("gender", "race", "religion", "age", "nationality", "orientation", "disability");
    /** The built-in pair lists, addressable as {@code builtin:NAME} (or by their axis, e.g. {@code builtin:gender}). */
    public static final List<String> BUILTIN_PAIRS = List.of("gender-pairs", "race-pairs", "religion-pairs",
            "age-pairs", "nationality-pairs", "orientation-pairs", "disability-pairs");

    private static final String PREFIX = "builtin:";
    private static final Pattern POS_TAG = Pattern.compile("[A-Z]{2,4}\\$?");
    private static final Map<String, TermLexicon> TERM_CACHE = new HashMap<>();
    private static final Map<String, PairLexicon> PAIR_CACHE = new HashMap<>();

    private Lexicons() {}

    /** Loads and merges the term lists of a specification such as {@code builtin:gender,my-terms.tsv}. */
    public static TermLexicon terms(String spec) {
        TermLexicon result = TermLexicon.of(List.of());
        for (String source : sources(spec)) {
            Parsed<LexiconTerm> p = source.startsWith(PREFIX)
                    ? builtinTerms(source.substring(PREFIX.length()))
                    : parseTerms(source, open(source));
            result = result.merge(TermLexicon.of(p.kept)).without(p.removed);
        }
        return result;
    }

    /** Loads and merges the pair lists of a specification such as {@code builtin:gender,my-pairs.tsv}. */
    public static PairLexicon pairs(String spec) {
        PairLexicon result = PairLexicon.of(List.of());
        for (String source : sources(spec)) {
            PairLexicon p = source.startsWith(PREFIX)
                    ? builtinPairs(source.substring(PREFIX.length()))
                    : PairLexicon.of(parsePairs(source, open(source)));
            result = result.merge(p);
        }
        return result;
    }

    /** Parses a term list from a stream (closed on return); {@code origin} names it in errors. */
    public static TermLexicon readTerms(String origin, InputStream in) {
        Parsed<LexiconTerm> p = parseTerms(origin, in);
        return TermLexicon.of(p.kept);
    }

    /** Parses a pair list from a stream (closed on return); {@code origin} names it in errors. */
    public static PairLexicon readPairs(String origin, InputStream in) {
        return PairLexicon.of(parsePairs(origin, in));
    }

    private static List<String> sources(String spec) {
        List<String> out = new ArrayList<>();
        for (String s : spec == null ? new String[0] : spec.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        if (out.isEmpty()) {
            throw new LexiconFormatException("empty lexicon specification; give builtin:NAME or a file, e.g. builtin:gender");
        }
        return out;
    }

    private static synchronized Parsed<LexiconTerm> builtinTerms(String name) {
        if (!BUILTIN_TERMS.contains(name)) {
            throw new LexiconFormatException("unknown built-in term list 'builtin:" + name + "'; built-ins are "
                    + BUILTIN_TERMS.stream().map(n -> PREFIX + n).toList());
        }
        TermLexicon l = TERM_CACHE.computeIfAbsent(name, n -> TermLexicon.of(parseTerms(PREFIX + n, resource(n)).kept));
        return new Parsed<>(l.terms(), List.of());
    }

    private static synchronized PairLexicon builtinPairs(String name) {
        String file = BUILTIN_PAIRS.contains(name) ? name : name + "-pairs";
        if (!BUILTIN_PAIRS.contains(file)) {
            throw new LexiconFormatException("unknown built-in pair list 'builtin:" + name + "'; built-ins are "
                    + BUILTIN_PAIRS.stream().map(n -> PREFIX + n).toList());
        }
        return PAIR_CACHE.computeIfAbsent(file, n -> PairLexicon.of(parsePairs(PREFIX + n, resource(n))));
    }

    /**
     * The file of a built-in term or pair list ({@code NAME}, without {@code builtin:}) as it ships, comments
     * and counterpart rows included: a user's starting point for an edited copy.
     *
     * @throws LexiconFormatException when there is no such built-in
     */
    public static String builtinText(String name) {
        String file = BUILTIN_TERMS.contains(name) || BUILTIN_PAIRS.contains(name) ? name
                : BUILTIN_PAIRS.contains(name + "-pairs") ? name + "-pairs" : null;
        if (file == null) {
            throw new LexiconFormatException("unknown built-in lexicon 'builtin:" + name + "'; built-ins are "
                    + BUILTIN_TERMS + " and " + BUILTIN_PAIRS);
        }
        try (InputStream in = resource(file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading built-in lexicon " + file, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Lexicons.class.getResourceAsStream("builtin/" + name + ".tsv");
        if (in == null) {
            throw new IllegalStateException("built-in lexicon " + name + " is missing from the jar");
        }
        return in;
    }

    private static InputStream open(String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw new LexiconFormatException(path + ": no such lexicon file (or use builtin:NAME; built-ins are "
                    + BUILTIN_TERMS + " and " + BUILTIN_PAIRS + ")");
        }
        try {
            return Files.newInputStream(p);
        } catch (IOException e) {
            throw new LexiconFormatException(path + ": cannot be read: " + e.getMessage());
        }
    }

    private record Parsed<T>(List<T> kept, List<LexiconTerm> removed) {}

    private static Parsed<LexiconTerm> parseTerms(String origin, InputStream in) {
        List<LexiconTerm> kept = new ArrayList<>();
        List<LexiconTerm> removed = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        forEachRow(origin, in, "axis<TAB>group<TAB>term[<TAB>flags]", (line, f) -> {
            String where = origin + ":" + line;
            if (f.length < 3 || f.length > 4) {
                throw new LexiconFormatException(where + ": expected axis<TAB>group<TAB>term[<TAB>flags], found "
                        + f.length + " field(s)" + (f.length == 1 ? " (are the columns separated by tabs?)" : ""));
            }
            boolean ambiguous = false;
            boolean remove = false;
            boolean modifier = false;
            if (f.length == 4) {
                if (f[3].isBlank()) {
                    throw new LexiconFormatException(where + ": the flags column is empty (a trailing tab?);"
                            + " remove it or write 'ambiguous', 'modifier' or 'remove'");
                }
                for (String flag : f[3].split(",")) {
                    switch (flag.strip()) {
                        case "ambiguous" -> ambiguous = true;
                        case "remove" -> remove = true;
                        case "modifier" -> modifier = true;
                        default -> throw new LexiconFormatException(where + ": unknown flag '" + flag.strip()
                                + "'; flags are 'ambiguous', 'modifier' and 'remove'");
                    }
                }
            }
            LexiconTerm t = new LexiconTerm(name(f[0], where, "axis"), name(f[1], where, "group"), f[2].strip(),
                    tokens(f[2], where), ambiguous, where, modifier);
            String prior = seen.put(t.axis() + "\u0000" + t.key(), where);
            if (prior != null) {
                throw new LexiconFormatException(where + ": the term '" + t.key() + "' of axis '" + t.axis()
                        + "' is already defined at " + prior);
            }
            (remove ? removed : kept).add(t);
        });
        return new Parsed<>(kept, removed);
    }

    private static List<CounterfactualPair> parsePairs(String origin, InputStream in) {
        List<CounterfactualPair> out = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        forEachRow(origin, in, "axis<TAB>term<TAB>counterpart[<TAB>POS]", (line, f) -> {
            String where = origin + ":" + line;
            if (f.length >= 2 && f[1].contains("=")) {
                counterpartRow(where, f, seen, out);
                return;
            }
            if (f.length < 3 || f.length > 4) {
                throw new LexiconFormatException(where + ": expected axis<TAB>term<TAB>counterpart[<TAB>POS], found "
                        + f.length + " field(s)" + (f.length == 1 ? " (are the columns separated by tabs?)" : ""));
            }
            String pos = null;
            if (f.length == 4) {
                pos = f[3].strip();
                if (!POS_TAG.matcher(pos).matches()) {
                    throw new LexiconFormatException(where + ": '" + pos
                            + "' is not a Penn Treebank tag such as PRP or PRP$");
                }
            }
            String term = String.join(" ", tokens(f[1], where));
            String counterpart = String.join(" ", tokens(f[2], where));
            CounterfactualPair p = new CounterfactualPair(name(f[0], where, "axis"), term, counterpart, pos, where);
            String prior = seen.put(p.axis() + "\u0000" + term + "\u0000" + pos, where);
            if (prior != null) {
                throw new LexiconFormatException(where + ": '" + term + "'" + (pos == null ? "" : " as " + pos)
                        + " already has a counterpart at " + prior);
            }
            out.add(p);
        });
        return out;
    }

    /**
     * A counterpart row {@code axis<TAB>GROUP=term[|term...]...}: each cell's terms become the first term of
     * every other cell, so the row gives one pair per source term and other group.
     */
    private static void counterpartRow(String where, String[] f, Map<String, String> seen, List<CounterfactualPair> out) {
        String axis = name(f[0], where, "axis");
        Map<String, List<String>> cells = new java.util.LinkedHashMap<>();
        Map<String, String> written = new HashMap<>();
        for (int c = 1; c < f.length; c++) {
            String cell = f[c].strip();
            int eq = cell.indexOf('=');
            if (eq <= 0 || eq == cell.length() - 1) {
                throw new LexiconFormatException(where + ": column " + (c + 1) + " ('" + cell + "') is not GROUP=term"
                        + "[|term...]; a counterpart row names one concept as GROUP=term cells");
            }
            String group = name(cell.substring(0, eq), where, "group");
            List<String> terms = new ArrayList<>();
            for (String t : cell.substring(eq + 1).split("\\|")) {
                terms.add(String.join(" ", tokens(t, where)));
            }
            // what the other groups' terms become is written as the file writes it (Asian, Middle Eastern)
            written.put(group, cell.substring(eq + 1).split("\\|")[0].strip().replaceAll("\\s+", " "));
            if (cells.put(group, terms) != null) {
                throw new LexiconFormatException(where + ": the group '" + group + "' has two cells in one row");
            }
        }
        if (cells.size() < 2) {
            throw new LexiconFormatException(where + ": a counterpart row needs cells of at least two groups, found "
                    + cells.size());
        }
        for (var from : cells.entrySet()) {
            for (String term : from.getValue()) {
                for (var to : cells.entrySet()) {
                    if (to.getKey().equals(from.getKey())) {
                        continue;
                    }
                    String prior = seen.put(axis + "\u0000" + term + "\u0000\u0000" + to.getKey(), where);
                    if (prior != null) {
                        throw new LexiconFormatException(where + ": '" + term + "' already has a counterpart in group '"
                                + to.getKey() + "' at " + prior + "; a term belongs to one row");
                    }
                    out.add(new CounterfactualPair(axis, term, written.get(to.getKey()), null, where, from.getKey(),
                            to.getKey()));
                }
            }
        }
    }

    private static String name(String raw, String where, String what) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new LexiconFormatException(where + ": the " + what + " is empty");
        }
        return s;
    }

    private static List<String> tokens(String raw, String where) {
        List<String> t = Tokens.split(raw);
        if (t.isEmpty()) {
            throw new LexiconFormatException(where + ": the term '" + raw + "' has no letters or digits");
        }
        return t;
    }

    private static void forEachRow(String origin, InputStream in, String what, RowHandler handler) {
        // The corpus line reader decodes strict UTF-8 line by line, so a bad byte is reported on its own line.
        long line = 0;
        long rows = 0;
        try (Utf8LineReader lines = new Utf8LineReader(in, Path.of(origin))) {
            for (String s; (s = lines.readLine()) != null; ) {
                line = lines.lineNumber();
                if (s.isBlank() || s.stripLeading().startsWith("#")) {
                    continue;
                }
                rows++;
                handler.row(line, s.split("\t", -1));
            }
        } catch (CorpusFormatException e) {
            String reason = e.reason().startsWith("invalid UTF-8") ? "invalid UTF-8; save the lexicon as UTF-8" : e.reason();
            throw new LexiconFormatException(origin + ":" + e.line() + ": " + reason);
        } catch (IOException e) {
            throw new UncheckedIOException("reading lexicon " + origin, e);
        }
        if (line == 0) {
            throw new LexiconFormatException(origin + ": the lexicon file is empty");
        }
        if (rows == 0) {
            throw new LexiconFormatException(origin + ": the lexicon file holds no terms, only comments and blank "
                    + "lines; add tab-separated rows (" + what + ")");
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(long line, String[] fields);
    }
}
