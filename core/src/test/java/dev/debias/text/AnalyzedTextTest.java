package dev.debias.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;

class AnalyzedTextTest {
    private static final SentenceSplitter SPLITTER = SentenceSplitter.create();

    @Test
    void tokensOffsetsAndSentenceStarts() {
        String text = "She is a nurse. HE drives a bus. They met at noon.";
        AnalyzedText a = AnalyzedText.of(text, SPLITTER);
        assertEquals(12, a.size());
        assertArrayEquals(new String[] {"she", "is", "a", "nurse", "he", "drives", "a", "bus", "they", "met", "at",
            "noon"}, a.tokens());
        assertArrayEquals(new int[] {0, 4, 7, 9, 16, 19, 26, 28, 33, 38, 42, 45}, a.charStarts());
        assertArrayEquals(new int[] {3, 6, 8, 14, 18, 25, 27, 31, 37, 41, 44, 49}, a.charEnds());
        assertArrayEquals(new int[] {0, 4, 8}, a.sentenceStarts());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.tokens()[i], text.substring(a.charStarts()[i], a.charEnds()[i]).toLowerCase(), "token " + i);
        }
    }

    @Test
    void withoutASplitterTheTextIsOneSentence() {
        AnalyzedText a = AnalyzedText.of("She is a nurse. He drives a bus.", null);
        assertEquals(8, a.size());
        assertArrayEquals(new int[] {0}, a.sentenceStarts());
        assertEquals(0, a.sentenceOf(7));
    }

    @Test
    void abbreviationsAndParagraphBreaksAsTheModelSplitsThem() {
        // "Dr." does not end the first sentence; the paragraph break ends the second without punctuation
        AnalyzedText a = AnalyzedText.of("Dr. Lee met him. Then he left\n\nthe end", SPLITTER);
        assertArrayEquals(new String[] {"dr", "lee", "met", "him", "then", "he", "left", "the", "end"}, a.tokens());
        assertArrayEquals(new int[] {0, 4, 7}, a.sentenceStarts());
        AnalyzedText p = AnalyzedText.of("The nurse said hello\n\nthe practitioner replied", SPLITTER);
        assertArrayEquals(new int[] {0, 4}, p.sentenceStarts());
        // a single line break does not split
        assertArrayEquals(new int[] {0}, AnalyzedText.of("first line\nsecond line", SPLITTER).sentenceStarts());
    }

    @Test
    void textWithoutTokensHasNoSentences() {
        for (String text : List.of("", "   ", "  ... !? ", "\n\n", "😀 -- 😀")) {
            for (SentenceSplitter s : new SentenceSplitter[] {SPLITTER, null}) {
                AnalyzedText a = AnalyzedText.of(text, s);
                assertEquals(0, a.size(), text);
                assertEquals(0, a.tokens().length, text);
                assertEquals(0, a.charStarts().length, text);
                assertEquals(0, a.charEnds().length, text);
                assertEquals(0, a.sentenceStarts().length, text);
            }
        }
    }

    @Test
    void sentencesWithoutTokensAreLeftOut() {
        // the model makes "..." and "!!!" sentences of their own or parts of others; either way no
        // sentence without a token is kept, and every kept start is a distinct token position
        AnalyzedText a = AnalyzedText.of("Hi there. ... !!! Bye now.", SPLITTER);
        assertArrayEquals(new String[] {"hi", "there", "bye", "now"}, a.tokens());
        assertEquals(0, a.sentenceStarts()[0]);
        assertEquals(2, a.sentenceStarts()[a.sentenceStarts().length - 1]);
        assertEquals(2, a.sentenceStarts().length);
    }

    @Test
    void sentenceOfMapsEveryPositionToItsSentence() {
        AnalyzedText a = AnalyzedText.of("She is a nurse. HE drives a bus. They met at noon.", SPLITTER);
        int[] expected = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], a.sentenceOf(i), "position " + i);
        }
        // the shared form over a slice of a longer array (as the index keeps all documents' starts)
        int[] all = {0, 4, 8, 0, 3, 0};
        assertEquals(0, AnalyzedText.sentenceOf(all, 3, 5, 0));
        assertEquals(0, AnalyzedText.sentenceOf(all, 3, 5, 2));
        assertEquals(1, AnalyzedText.sentenceOf(all, 3, 5, 3));
        assertEquals(1, AnalyzedText.sentenceOf(all, 3, 5, 40));
        assertEquals(2, AnalyzedText.sentenceOf(all, 0, 3, 9));
        assertEquals(0, AnalyzedText.sentenceOf(all, 5, 6, 7));
    }

    @Test
    void sentenceStartsFromSpans() {
        // token starts 0, 5, 10, 20; the span [3, 4) holds no token start and is dropped
        int[] tokens = {0, 5, 10, 20};
        assertArrayEquals(new int[] {0, 1, 3}, AnalyzedText.sentenceStarts(tokens,
                new Span[] {new Span(0, 3), new Span(3, 4), new Span(4, 15), new Span(18, 25)}));
        // tokens before the first span join the first sentence; a token in a gap stays with the sentence before
        assertArrayEquals(new int[] {0, 2}, AnalyzedText.sentenceStarts(new int[] {0, 3, 15, 16},
                new Span[] {new Span(2, 10), new Span(15, 20)}));
        assertArrayEquals(new int[] {0, 3}, AnalyzedText.sentenceStarts(new int[] {0, 3, 12, 16},
                new Span[] {new Span(0, 10), new Span(15, 20)}));
        // no spans at all: one sentence
        assertArrayEquals(new int[] {0}, AnalyzedText.sentenceStarts(new int[] {0, 3}, new Span[0]));
        assertArrayEquals(new int[] {}, AnalyzedText.sentenceStarts(new int[] {}, new Span[] {new Span(0, 3)}));
    }

    @Test
    void offsetsStayOnTheOriginalTextWhenLowerCasingChangesLength() {
        // "İ" lower-cases to two chars ("i" + combining dot); offsets still point into the original text
        AnalyzedText a = AnalyzedText.of("İx Ab", null);
        assertArrayEquals(new String[] {"i\u0307x", "ab"}, a.tokens());
        assertArrayEquals(new int[] {0, 3}, a.charStarts());
        assertArrayEquals(new int[] {2, 5}, a.charEnds());
        // surrogate pairs and combining marks stay inside one token
        AnalyzedText b = AnalyzedText.of("\uD835\uDC00x e\u0301!", null);
        assertArrayEquals(new String[] {"\uD835\uDC00x", "e\u0301"}, b.tokens());
        assertArrayEquals(new int[] {0, 4}, b.charStarts());
        assertArrayEquals(new int[] {3, 6}, b.charEnds());
    }
}
