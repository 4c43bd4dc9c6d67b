package dev.debias.audit.count;

import java.util.Locale;

/**
 * What counts as one unit of co-occurrence: a whole document, a sentence, or a window of
 * {@code window + 1} consecutive tokens (so two single-token terms share a window exactly when they
 * are at most {@code window} tokens apart). A term occurrence belongs to a unit when all its tokens
 * lie inside it.
 *
 * @param kind the unit kind
 * @param window for {@link Kind#WINDOW}, the largest distance in tokens; 0 otherwise
 */
public record Scope(Kind kind, int window) {
    /** The unit kinds. */
    public enum Kind { DOCUMENT, SENTENCE, WINDOW }

    /** Whole documents. */
    public static final Scope DOCUMENT = new Scope(Kind.DOCUMENT, 0);
    /** Sentences from the OpenNLP sentence model. */
    public static final Scope SENTENCE = new Scope(Kind.SENTENCE, 0);

    public Scope {
        if (kind == Kind.WINDOW ? window < 1 : window != 0) {
            throw new IllegalArgumentException(kind == Kind.WINDOW
                    ? "a window needs a distance of at least 1 token, got " + window
                    : "only window scope takes a distance");
        }
    }

    /** Windows of terms at most {@code distance} tokens apart. */
    public static Scope window(int distance) {
        return new Scope(Kind.WINDOW, distance);
    }

    /** Parses {@code document}, {@code sentence} or {@code window:N}. */
    public static Scope parse(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (v.equals("document") || v.equals("doc")) {
            return DOCUMENT;
        }
        if (v.equals("sentence")) {
            return SENTENCE;
        }
        if (v.startsWith("window:")) {
            try {
                return window(Integer.parseInt(v.substring(7)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown scope '" + s + "'; expected document, sentence or window:N (N >= 1)");
    }

    /** The number of units in a document of {@code tokens} tokens and {@code sentences} sentences. */
    public int units(int tokens, int sentences) {
        return switch (kind) {
            case DOCUMENT -> 1;
            case SENTENCE -> sentences;
            case WINDOW -> tokens == 0 ? 0 : Math.max(1, tokens - window);
        };
    }

    /**
     * For window scope: the first and last window (by start position) holding the token span
     * {@code [start, end]} in a document of {@code tokens} tokens, as {@code {first, last}}; first is
     * greater than last when no window holds the span.
     */
    int[] windowsHolding(int start, int end, int tokens) {
        int lastStart = Math.max(0, tokens - window - 1);
        int first = Math.max(0, end - window);
        int last = Math.min(start, lastStart);
        return new int[] {first, last};
    }

    @Override
    public String toString() {
        return kind == Kind.WINDOW ? "window:" + window : kind.name().toLowerCase(Locale.ROOT);
    }
}
