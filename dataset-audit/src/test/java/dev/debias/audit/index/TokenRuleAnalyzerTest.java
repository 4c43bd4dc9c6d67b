package dev.debias.audit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.text.AnalyzedText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

/** The analyzer (query side) and {@link AnalyzedText} (index and scan side) must cut text the same way. */
class TokenRuleAnalyzerTest {
    /** A token with its offsets, as "term@start-end". */
    private static List<String> analyzer(Analyzer a, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream(IndexFields.TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term + "@" + offset.startOffset() + "-" + offset.endOffset());
            }
            ts.end();
            assertEquals(text.length(), offset.endOffset(), "final offset of " + Arrays.toString(text.toCharArray()));
        }
        return out;
    }

    private static List<String> analyzed(String text) {
        AnalyzedText a = AnalyzedText.of(text, null);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(a.tokens()[i] + "@" + a.charStarts()[i] + "-" + a.charEnds()[i]);
        }
        return out;
    }

    private static final List<String> TRICKY = List.of(
            "",
            "   ",
            "He said: (she) is a NURSE.",
            "The hero met Sheldon; he didn't.",
            "He's here, she\u2019s there.",
            "African-American mother-in-law a\u2013b",
            "José is naïve; Jose\u0301 is too", // precomposed and combining acute
            "\u0915\u093E\u0930 and \u20DDx", // Devanagari spacing mark; enclosing mark
            "Straße ΟΔΥΣΣΕΥΣ привет İstanbul", // lower-casing that changes length or context
            "東京で働く看護師です。彼女は医者",
            "emoji 😀 between👩‍⚕️words 🚌driver",
            "\uD835\uDC00\uD835\uDC01 math letters \uD801\uDC00 Deseret",
            "x\uD800y lone surrogates \uDC00z", // unpaired surrogates separate tokens
            "2024 R2-D2 3.14 1,000,000 ٣٤ (Arabic-Indic digits)",
            "under_score tab\tnew\nline\r\nend",
            "a",
            "...!?",
            "\u0301 a mark after a space",
            "ǅemal Ǆ ǆ titlecase digraphs");

    @Test
    void theAnalyzerTokensAndOffsetsEqualAnalyzedText() throws IOException {
        try (Analyzer a = new TokenRuleAnalyzer()) {
            for (String text : TRICKY) {
                assertEquals(analyzed(text), analyzer(a, text), text);
            }
        }
    }

    @Test
    void knownCutsOfSomeTrickyStrings() throws IOException {
        try (Analyzer a = new TokenRuleAnalyzer()) {
            assertEquals(List.of("he@0-2", "s@3-4", "here@5-9"), analyzer(a, "He's here"));
            assertEquals(List.of("she@1-4", "nurse@6-11"), analyzer(a, "(she) NURSE."));
            assertEquals(List.of("jose\u0301@0-5"), analyzer(a, "Jose\u0301"));
            // the emoji separates; the surrogate-pair letter stays one token of two chars
            assertEquals(List.of("a@0-1", "b@3-4", "\uD835\uDC00@5-7"), analyzer(a, "a😀b \uD835\uDC00"));
            assertEquals(List.of("東京@0-2"), analyzer(a, "東京"));
            assertEquals(List.of(), analyzer(a, "-- 😀 --"));
        }
    }

    @Test
    void longAndRandomTextsAgreeAndTheAnalyzerCanBeReused() throws IOException {
        String[] pieces = {"he", "She", "NURSE", " ", "  ", ".", ",", "-", "'", "\n", "\n\n", "é", "e\u0301", "東",
            "😀", "\uD835\uDC00", "42", "_", "İ", "ß", "\u093E", "\t"};
        SplittableRandom rng = new SplittableRandom(5);
        try (Analyzer a = new TokenRuleAnalyzer()) {
            for (int i = 0; i < 200; i++) {
                StringBuilder sb = new StringBuilder();
                // some texts longer than the tokenizer's 4096-char read buffer
                int n = i % 20 == 0 ? 3000 : rng.nextInt(60);
                for (int j = 0; j < n; j++) {
                    sb.append(pieces[rng.nextInt(pieces.length)]);
                }
                String text = sb.toString();
                assertEquals(analyzed(text), analyzer(a, text), "random text " + i);
            }
        }
    }
}
