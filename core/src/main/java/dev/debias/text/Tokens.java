package dev.debias.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one token rule debias matches terms with, everywhere: a token is a maximal run of Unicode
 * letters, digits and combining marks, lower-cased with {@link Locale#ROOT}; everything else
 * separates tokens. So {@code "He's"} is {@code he s}, {@code "Mr."} is {@code mr},
 * {@code "African-American"} is {@code african american}, and {@code he} never matches inside
 * {@code the} or {@code hero}.
 */
public final class Tokens {
    private Tokens() {}

    /** True when the code point belongs inside a token. */
    public static boolean isTokenChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** Splits text into lower-cased tokens. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isTokenChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && isTokenChar(cp = text.codePointAt(i))) {
                i += Character.charCount(cp);
            }
            out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * Finds the tokens of {@code text} and passes each one's character offsets to {@code sink}, in
     * order; the same tokens {@link #split} returns.
     */
    public static void scan(CharSequence text, SpanSink sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 128) {
                // ASCII, most of most texts: a table instead of the Unicode rule, which gives the same answer here
                if (!ASCII_TOKEN[c]) {
                    i++;
                    continue;
                }
            } else {
                int cp = Character.codePointAt(text, i);
                if (!isTokenChar(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
            }
            int start = i;
            while (i < n) {
                c = text.charAt(i);
                if (c < 128) {
                    if (!ASCII_TOKEN[c]) {
                        break;
                    }
                    i++;
                } else {
                    int cp = Character.codePointAt(text, i);
                    if (!isTokenChar(cp)) {
                        break;
                    }
                    i += Character.charCount(cp);
                }
            }
            sink.token(start, i);
        }
    }

    /** {@link #isTokenChar} of each ASCII character. */
    private static final boolean[] ASCII_TOKEN = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_TOKEN[c] = isTokenChar(c);
        }
    }

    /** Receives token offsets from {@link #scan}. */
    @FunctionalInterface
    public interface SpanSink {
        /** A token spans characters {@code [start, end)}. */
        void token(int start, int end);
    }

    /** The normalized form of a term: its tokens joined by single spaces. */
    public static String normalize(String term) {
        return String.join(" ", split(term));
    }
}
