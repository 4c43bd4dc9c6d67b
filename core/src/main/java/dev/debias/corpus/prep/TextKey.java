package dev.debias.corpus.prep;

import dev.debias.text.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The text forms deduplication compares: the normalised text, its digest, and its word shingles. */
public final class TextKey {
    /** Words per shingle. */
    public static final int SHINGLE = 5;

    private TextKey() {}

    /**
     * The normalised text: Unicode NFKC, lower case ({@link Locale#ROOT}), every run of white space one space,
     * none at either end. Two texts are exact duplicates when their normalised texts are equal.
     */
    public static String normalize(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(t.length());
        boolean space = false;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.appendCodePoint(cp);
            }
        }
        return b.toString();
    }

    /** The first 128 bits of the SHA-256 of the normalised text's UTF-8 bytes, as two longs. */
    static long[] digest(String normalized) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            long a = 0;
            long b = 0;
            for (int i = 0; i < 8; i++) {
                a = (a << 8) | (d[i] & 0xff);
                b = (b << 8) | (d[8 + i] & 0xff);
            }
            return new long[] {a, b};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The word shingles of a normalised text, as sorted distinct 64-bit hashes: its words ({@link Tokens}, so
     * punctuation is not a word) taken {@value #SHINGLE} at a time at every position; a text of fewer words
     * is one shingle of all its words, a text of no word has none. The Jaccard similarity of two texts is that
     * of these sets (two different shingles share a hash with a chance of about 2^-64 per pair).
     */
    public static long[] shingles(String normalized) {
        List<String> w = Tokens.split(normalized);
        if (w.isEmpty()) {
            return new long[0];
        }
        int n = Math.max(1, w.size() - SHINGLE + 1);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = StableHash.of(0, "shingle", String.join(" ", w.subList(i, Math.min(w.size(), i + SHINGLE))));
        }
        Arrays.sort(out);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || out[i] != out[i - 1]) {
                out[k++] = out[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** The Jaccard similarity |a ∩ b| / |a ∪ b| of two sorted distinct sets; 1 for two empty sets. */
    public static double jaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1;
        }
        int i = 0;
        int j = 0;
        int both = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                both++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) both / (a.length + b.length - both);
    }
}
