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

    @Test
    void encodesAPairWithTheTemplateAndTypeIds() throws Exception {
        try (TextEncoder enc = new TextEncoder(TOKENIZER, 64)) {
            long[][] e = enc.encode("The apple", "a banana!");
            // [CLS] the apple [SEP] | a banana ! [SEP]: type 0 for the first four, 1 for the last four
            assertArrayEquals(ids("[CLS]", "the", "apple", "[SEP]", "a", "banana", "!", "[SEP]"), e[0]);
            assertArrayEquals(new long[] {0, 0, 0, 0, 1, 1, 1, 1}, e[1]);
            assertEquals(0, enc.truncated());
        }
    }

    @Test
    void truncatesTheLongerTextOfAPairFirstKeepingBothSeps() throws Exception {
        try (TextEncoder enc = new TextEncoder(TOKENIZER, 8)) {
            // a: 6 word pieces, b: 2; 3 specials leave 5 for the texts, so a loses its last 3 (6 > 2 each time)
            long[][] e = enc.encode("the dog sees a red cat", "apple banana");
            assertArrayEquals(ids("[CLS]", "the", "dog", "sees", "[SEP]", "apple", "banana", "[SEP]"), e[0]);
            assertArrayEquals(new long[] {0, 0, 0, 0, 0, 1, 1, 1}, e[1]);
            assertEquals(1, enc.truncated());
            // a: 4, b: 4, 5 slots: 4/4 tie -> b loses one, 4/3 -> a, 3/3 tie -> b: 3/2
            long[][] f = enc.encode("dog cat bird tree", "red green blue big");
            assertArrayEquals(ids("[CLS]", "dog", "cat", "bird", "[SEP]", "red", "green", "[SEP]"), f[0]);
            assertEquals(2, enc.truncated());
        }
    }
}
