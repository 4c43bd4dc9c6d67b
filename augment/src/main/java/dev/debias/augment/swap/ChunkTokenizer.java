package dev.debias.augment.swap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;

/**
 * Tokenizes as the OpenNLP UD-EWT tokenizer model does, at a fraction of its cost. The model splits the text
 * at whitespace and then decides each chunk from that chunk's characters alone; a chunk that is a plain word
 * ({@code career}, {@code Career}) with at most one opening quote or parenthesis before it and one closing
 * mark after it ({@code career.}, {@code "Her}) is split here by rule, one token for the word and one for each
 * mark, as the model splits such chunks; every other chunk (hyphens, digits, inner capitals, abbreviations
 * such as {@code Mr.}, apostrophes, repeated marks, short words) goes to the model. On the her/his clauses
 * of five corpora the two agreed on all but 2 of 15,235 windows (docs/augment.md). Not thread-safe: one per
 * thread, as the model is.
 */
final class ChunkTokenizer {
    private static final String OPENING = "\"(";
    private static final String CLOSING = ".,;:!?\")";
    /** Words the model splits although they are letters only. */
    private static final Set<String> SPLIT_WORDS = Set.of("cannot", "gonna", "wanna", "gotta");
    /** Words whose final period the model may keep with them. */
    private static final Set<String> ABBREVIATIONS = Set.of("etc", "vs", "approx", "incl", "dept", "govt", "esp",
            "misc", "ave", "blvd", "sept");

    private final TokenizerME model;

    /** A tokenizer that hands the chunks its rule does not cover to {@code model}. */
    ChunkTokenizer(TokenizerME model) {
        this.model = model;
    }

    /** The tokens of {@code t}, as character spans in order. */
    Span[] tokenizePos(String t) {
        List<Span> out = new ArrayList<>();
        int n = t.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int s = i;
            while (i < n && !Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (!plainWord(t, s, i, out)) {
                for (Span sp : model.tokenizePos(t.substring(s, i))) {
                    out.add(new Span(sp.getStart() + s, sp.getEnd() + s));
                }
            }
        }
        return out.toArray(new Span[0]);
    }

    /** Adds the tokens of the chunk {@code [s, e)} and returns true when the rule covers it; false, adding nothing, otherwise. */
    private static boolean plainWord(String t, int s, int e, List<Span> out) {
        int a = s < e && OPENING.indexOf(t.charAt(s)) >= 0 ? s + 1 : s;
        int b = a;
        while (b < e && Character.isLetter(t.charAt(b))) {
            if (b > a && Character.isUpperCase(t.charAt(b))) {
                return false;   // KPAM, MikeFromCanmore: the model may split inside
            }
            b++;
        }
        if (b == a || b < e && b - a <= 3) {
            return false;
        }
        if (e - b > 1 || b < e && CLOSING.indexOf(t.charAt(b)) < 0) {
            return false;   // two marks (again?!, career.") the model may keep together
        }
        String word = t.substring(a, b).toLowerCase(Locale.ROOT);
        if (SPLIT_WORDS.contains(word)
                || b < e && t.charAt(b) == '.' && (Character.isUpperCase(t.charAt(a)) || ABBREVIATIONS.contains(word))) {
            return false;   // Jan., Inc., etc.: the model decides whether the period is part of the word
        }
        if (a > s) {
            out.add(new Span(s, a));
        }
        out.add(new Span(a, b));
        for (int k = b; k < e; k++) {
            out.add(new Span(k, k + 1));
        }
        return true;
    }
}
