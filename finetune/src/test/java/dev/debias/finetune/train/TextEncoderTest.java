package dev.debias.finetune.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.finetune.testing.TinyBert;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hand-written WordPiece tokenizer through {@link TextEncoder}: ids, special tokens, truncation. */
class TextEncoderTest {
    private static final byte[] TOKENIZER = TinyBert.tokenizerJson().getBytes(StandardCharsets.UTF_8);

    private static long[] ids(String... tokens) {
        long[] out = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = TinyBert.id(tokens[i]);
        }
        return out;
    }

    @Test
    void lowercasesSplitsPunctuationAndAddsClsAndSep() throws Exception {
        try (TextEncoder enc = new TextEncoder(TOKENIZER, 64)) {
            long[][] e = enc.encode("The DOG eats an Apple, really!");
            // "an" is not in the vocabulary: [UNK]
            assertArrayEquals(ids("[CLS]", "the", "dog", "eats", "[UNK]", "apple", ",", "really", "!", "[SEP]"), e[0]);
            assertArrayEquals(new long[e[0].length], e[1], "a single sequence has type ids 0");
            assertEquals(0, enc.truncated());
        }
    }

    @Test
    void wordPiecesSplitUnknownSuffixes() throws Exception {
        try (TextEncoder enc = new TextEncoder(TOKENIZER, 64)) {
            assertArrayEquals(ids("[CLS]", "dog", "##s", "eats", "bird", "##s", "[SEP]"), enc.encode("dogs eats birds")[0]);
        }
    }

    @Test
    void truncatesToMaxLengthKeepingSepAndCountsIt() throws Exception {
        try (TextEncoder enc = new TextEncoder(TOKENIZER, 5)) {
            long[][] e = enc.encode("the dog sees a cat in the house");
            assertArrayEquals(ids("[CLS]", "the", "dog", "sees", "[SEP]"), e[0]);
            assertEquals(5, e[1].length);
            assertEquals(1, enc.truncated());
            assertArrayEquals(ids("[CLS]", "dog", "cat", "[SEP]"), enc.encode("dog cat")[0], "short texts are not padded");
            assertEquals(1, enc.truncated());
        }
    }
}
