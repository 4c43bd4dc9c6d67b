package dev.debias.finetune.train;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns texts into word-piece ids with a Hugging Face {@code tokenizer.json} (DJL's binding of the
 * tokenizers library), truncating to a maximum length while keeping the closing special token.
 * Encodes single texts and sentence pairs. Counts how many inputs were truncated. Close it when done.
 */
public final class TextEncoder implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private long truncated;

    /** An encoder over the tokenizer in {@code tokenizerJson}. */
    public TextEncoder(byte[] tokenizerJson, int maxLength) throws IOException {
        this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson),
                Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true"));
        this.maxLength = maxLength;
    }

    /** The ids and type ids of {@code text}, at most {@code maxLength} long. */
    public long[][] encode(String text) {
        Encoding e = tokenizer.encode(text);
        long[] ids = e.getIds();
        long[] types = e.getTypeIds();
        if (ids.length > maxLength) {
            truncated++;
            long last = ids[ids.length - 1];
            ids = Arrays.copyOf(ids, maxLength);
            types = Arrays.copyOf(types, maxLength);
            ids[maxLength - 1] = last;
        }
        return new long[][] {ids, types};
    }

    /**
     * The ids and type ids of the pair ({@code a}, {@code b}) by the tokenizer's pair template (for BERT
     * {@code [CLS] a [SEP] b [SEP]}, type ids 0 then 1), at most {@code maxLength} long. A pair too long
     * loses word pieces from the end of its longer text, one at a time (from {@code b} when both are equally
     * long), until it fits, as the tokenizers library's "longest_first" strategy does; the special tokens
     * all stay. Such a pair counts as one truncated text.
     *
     * @throws IllegalArgumentException when {@code maxLength} is too small for the template's special tokens
     */
    public long[][] encode(String a, String b) {
        Encoding e = tokenizer.encode(a, b);
        long[] ids = e.getIds();
        long[] types = e.getTypeIds();
        if (ids.length <= maxLength) {
            return new long[][] {ids, types};
        }
        long[] special = e.getSpecialTokenMask();
        // segment of each word piece: 0 for a, 1 for b; -1 for a special token. A special token after
        // word pieces of a ends a.
        int[] segment = new int[ids.length];
        int current = 0;
        int[] count = new int[2];
        boolean seen = false;
        for (int i = 0; i < ids.length; i++) {
            if (special[i] != 0) {
                segment[i] = -1;
                if (seen && current == 0) {
                    current = 1;
                    seen = false;
                }
            } else {
                segment[i] = current;
                count[current]++;
                seen = true;
            }
        }
        int specials = ids.length - count[0] - count[1];
        if (maxLength < specials + 2) {
            throw new IllegalArgumentException("a max length of " + maxLength + " cannot hold a pair: its template"
                    + " has " + specials + " special tokens and each text needs at least one word piece");
        }
        int[] keep = count.clone();
        while (keep[0] + keep[1] > maxLength - specials) {
            keep[keep[0] > keep[1] ? 0 : 1]--;
        }
        truncated++;
        long[] outIds = new long[maxLength];
        long[] outTypes = new long[maxLength];
        int[] taken = new int[2];
        int k = 0;
        for (int i = 0; i < ids.length; i++) {
            int s = segment[i];
            if (s >= 0 && taken[s]++ >= keep[s]) {
                continue;
            }
            outIds[k] = ids[i];
            outTypes[k] = types[i];
            k++;
        }
        return new long[][] {outIds, outTypes};
    }

    /** Texts (and pairs) truncated so far. */
    public long truncated() {
        return truncated;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
