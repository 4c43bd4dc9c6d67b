package dev.debias.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    private final SentenceSplitter splitter = SentenceSplitter.create();

    /** Each sentence as "start-end:text". */
    private List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (Span s : splitter.split(text)) {
            out.add(s.getStart() + "-" + s.getEnd() + ":" + text.substring(s.getStart(), s.getEnd()));
        }
        return out;
    }

    @Test
    void splitsAtSentenceEndsWithSpansWithoutSurroundingSpace() {
        assertEquals(List.of("0-15:She is a nurse.", "16-32:He drives a bus.", "33-50:They met at noon."),
                split("She is a nurse. He drives a bus. They met at noon."));
        assertEquals(List.of("0-8:Really?!", "9-13:Yes.", "14-18:Okay"), split("Really?! Yes. Okay"));
        assertEquals(List.of("0-19:She said \"Go home.\"", "20-28:He went."), split("She said \"Go home.\" He went."));
    }

    @Test
    void theModelKeepsTitlesDecimalsAndDottedWordsInsideASentence() {
        assertEquals(List.of("0-16:Dr. Lee met him.", "17-30:Then he left."), split("Dr. Lee met him. Then he left."));
        assertEquals(List.of("0-23:Dr. Smith is a surgeon.", "24-45:Dr. Jones is a nurse."),
                split("Dr. Smith is a surgeon. Dr. Jones is a nurse."));
        assertEquals(List.of("0-22:She paid $5.50 for it.", "23-36:He paid less."),
                split("She paid $5.50 for it. He paid less."));
        assertEquals(List.of("0-22:The U.S. economy grew.", "23-35:Prices rose."), split("The U.S. economy grew. Prices rose."));
        assertEquals(List.of("0-13:one.two.three"), split("one.two.three"));
    }

    @Test
    void aBlankLineAlwaysEndsASentence() {
        assertEquals(List.of("0-27:First paragraph without end", "29-39:Second one", "41-47:Third."),
                split("First paragraph without end\n\nSecond one\n\nThird."));
        assertEquals(List.of("0-20:The nurse said hello", "22-46:the practitioner replied"),
                split("The nurse said hello\n\nthe practitioner replied"));
        // more than two line breaks, leading and trailing breaks
        assertEquals(List.of("0-8:para one", "11-23:para two and"), split("para one\n\n\npara two and\n\n"));
        assertEquals(List.of("2-17:Leading breaks.", "18-28:Then text."), split("\n\nLeading breaks. Then text."));
        assertEquals(List.of("0-1:a", "3-4:b", "6-7:c"), split("a\n\nb\n\nc"));
    }

    @Test
    void blankLinesWithCarriageReturnsOrSpacesAlsoEndSentences() {
        assertEquals(List.of("0-8:para one", "12-20:para two"), split("para one\r\n\r\npara two"));
        assertEquals(List.of("0-8:para one", "14-22:para two"), split("para one \n \t \npara two"));
    }

    @Test
    void aSingleLineBreakOrNoPunctuationIsOneSentence() {
        assertEquals(List.of("0-22:first line\nsecond line"), split("first line\nsecond line"));
        assertEquals(List.of("0-26:no punctuation at all here"), split("no punctuation at all here"));
    }

    @Test
    void textWithoutContentHasNoSentences() {
        assertEquals(List.of(), split(""));
        assertEquals(List.of(), split("   "));
        assertEquals(List.of(), split("  \n\n  "));
        assertEquals(List.of(), split("\n\n"));
    }

    @Test
    void splittersAreIndependentAndNameTheirModel() {
        SentenceSplitter other = SentenceSplitter.create();
        String text = "One here. Two there.";
        assertEquals(2, other.split(text).length);
        assertEquals(List.of("0-9:One here.", "10-20:Two there."), split(text));
        assertEquals(SentenceSplitter.MODEL_RESOURCE, SentenceSplitter.modelId());
    }
}
