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
 * Counts how many texts were truncated. Close it when done.
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

    /** Texts truncated so far. */
    public long truncated() {
        return truncated;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
