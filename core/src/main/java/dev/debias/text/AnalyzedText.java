package dev.debias.text;

import java.util.Arrays;
import java.util.Locale;
import opennlp.tools.util.Span;

/**
 * A text cut into tokens ({@link Tokens} rule) and sentences ({@link SentenceSplitter}): the single
 * analysis that both the index and the reference scan use, so their counts agree by construction.
 * Token positions are 0-based and contiguous; a sentence is the run of tokens from its start position
 * up to the next sentence's start (a token belongs to the sentence its first character is in), and
 * sentences without tokens are left out.
 *
 * @param tokens the lower-cased tokens
 * @param charStarts each token's first character offset
 * @param charEnds each token's end offset (exclusive)
 * @param sentenceStarts the position of each sentence's first token, ascending; {@code [0]} for a text
 *     whose tokens form one sentence, empty for a text without tokens
 */
public record AnalyzedText(String[] tokens, int[] charStarts, int[] charEnds, int[] sentenceStarts) {
    /** Analyzes {@code text}; {@code splitter} may be null to treat the whole text as one sentence. */
    public static AnalyzedText of(String text, SentenceSplitter splitter) {
        IntBuffer starts = new IntBuffer();
        IntBuffer ends = new IntBuffer();
        Tokens.scan(text, (s, e) -> {
            starts.add(s);
            ends.add(e);
        });
        int n = starts.size;
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = text.substring(starts.data[i], ends.data[i]).toLowerCase(Locale.ROOT);
        }
        int[] cs = starts.toArray();
        int[] sentences = n == 0 ? new int[0]
                : splitter == null ? new int[] {0} : sentenceStarts(cs, splitter.split(text));
        return new AnalyzedText(tokens, cs, ends.toArray(), sentences);
    }

    /** Number of tokens. */
    public int size() {
        return tokens.length;
    }

    /** The index of the sentence holding token {@code position}. */
    public int sentenceOf(int position) {
        return sentenceOf(sentenceStarts, 0, sentenceStarts.length, position);
    }

    /**
     * The index, relative to {@code from}, of the sentence holding {@code position} among the sentence
     * starts {@code starts[from..to)}; shared with the index, which keeps every document's starts in
     * one array.
     */
    public static int sentenceOf(int[] starts, int from, int to, int position) {
        int i = Arrays.binarySearch(starts, from, to, position);
        return (i >= 0 ? i : -i - 2) - from;
    }

    /**
     * Maps sentence character spans to the position of each sentence's first token. Tokens before the
     * first span go to the first sentence; a span holding no token start is dropped.
     */
    static int[] sentenceStarts(int[] tokenCharStarts, Span[] sentences) {
        IntBuffer out = new IntBuffer();
        int s = 0;
        int current = -1;
        for (int t = 0; t < tokenCharStarts.length; t++) {
            while (s + 1 < sentences.length && tokenCharStarts[t] >= sentences[s + 1].getStart()) {
                s++;
            }
            if (s != current || t == 0) {
                out.add(t);
                current = s;
            }
        }
        return out.toArray();
    }

    /** A growable int array. */
    private static final class IntBuffer {
        int[] data = new int[32];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
