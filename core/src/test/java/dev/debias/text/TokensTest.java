package dev.debias.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void heIsNeverFoundInsideLongerWords() {
        assertEquals(List.of("the", "hero", "met", "sheldon"), Tokens.split("The hero met Sheldon"));
        for (String text : List.of("the", "hero", "Sheldon", "There, the hero: Sheldon!")) {
            assertFalse(Tokens.split(text).contains("he"), text);
        }
        assertEquals(List.of("he", "said", "he", "s", "here"), Tokens.split("He said he's here."));
    }

    @Test
    void punctuationSeparatesTokens() {
        assertEquals(List.of("mr"), Tokens.split("Mr."));
        assertEquals(List.of("mr", "smith"), Tokens.split("Mr. Smith"));
        assertEquals(List.of("the", "actress", "s", "role"), Tokens.split("the actress's role"));
        assertEquals(List.of("actress", "s"), Tokens.split("actress\u2019s"));
        assertEquals(List.of("a", "b", "c", "d"), Tokens.split("a,b;c\t(d)"));
    }

    @Test
    void hyphensSplit() {
        assertEquals(List.of("african", "american"), Tokens.split("African-American"));
        assertEquals(List.of("mother", "in", "law"), Tokens.split("mother-in-law"));
        assertEquals(List.of("a", "b"), Tokens.split("a\u2013b")); // en dash
    }

    @Test
    void unicodeLettersAndAccentsStayInsideTokens() {
        assertEquals(List.of("josé", "is", "naïve"), Tokens.split("José is naïve"));
        // decomposed: e + COMBINING ACUTE ACCENT, a non-spacing mark
        assertEquals(List.of("jose\u0301"), Tokens.split("Jose\u0301"));
        assertEquals(List.of("straße", "東京", "привет"), Tokens.split("Straße 東京 привет"));
        // a letter outside the BMP (surrogate pair) and a spacing combining mark (Devanagari vowel sign)
        assertEquals(List.of("\uD835\uDC00x", "\u0915\u093E"), Tokens.split("\uD835\uDC00x \u0915\u093E"));
        assertTrue(Tokens.isTokenChar(0x0301));
        assertTrue(Tokens.isTokenChar('\u093E'));
        assertTrue(Tokens.isTokenChar('\u20DD')); // enclosing mark
        assertFalse(Tokens.isTokenChar('-'));
        assertFalse(Tokens.isTokenChar('\''));
        assertFalse(Tokens.isTokenChar('_'));
        assertFalse(Tokens.isTokenChar(' '));
    }

    @Test
    void digitsAreTokenCharacters() {
        assertEquals(List.of("covid19", "in", "2020"), Tokens.split("COVID19 in 2020"));
        assertEquals(List.of("3", "5kg", "x"), Tokens.split("3.5kg x"));
        assertEquals(List.of("٣٤"), Tokens.split("٣٤")); // Arabic-Indic digits
    }

    @Test
    void caseIsFoldedWithTheRootLocale() {
        assertEquals(List.of("she", "her", "hers"), Tokens.split("SHE Her hErS"));
        assertEquals(List.of("émile", "zoë", "ωμέγα"), Tokens.split("ÉMILE ZOË ΩΜΈΓΑ"));
        // ROOT, not Turkish: capital I becomes i, dotted capital I becomes i + combining dot (still one token)
        assertEquals(List.of("istanbul", "i\u0307zmir"), Tokens.split("ISTANBUL \u0130ZMIR"));
    }

    @Test
    void emptyAndWhitespaceInputHasNoTokens() {
        assertEquals(List.of(), Tokens.split(""));
        assertEquals(List.of(), Tokens.split("   \t\n\r "));
        assertEquals(List.of(), Tokens.split("... -- !? '\""));
        assertEquals("", Tokens.normalize("  "));
    }

    @Test
    void normalizeJoinsTokensWithSingleSpaces() {
        assertEquals("african american", Tokens.normalize("  African-American "));
        assertEquals("mr smith", Tokens.normalize("Mr.   SMITH"));
        assertEquals("he", Tokens.normalize("He"));
    }

    /** The ASCII table of the fast path gives the tokens the Unicode rule gives, on text mixing every kind of character. */
    @Test
    void scanAgreesWithTheCodePointRuleOnMixedText() {
        String alphabet = "aZ09 .,'-_\t\n\u00e9\u00df\u0301\u0663\u4e2d\u2019\u00a0\ud835\udc00\ud83d\ude00\u200b";
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                int at = random.nextInt(alphabet.length());
                char c = alphabet.charAt(at);
                b.append(c);
                if (Character.isHighSurrogate(c) && at + 1 < alphabet.length()) {
                    b.append(alphabet.charAt(at + 1));   // keep the pair whole
                }
            }
            String text = b.toString();
            List<String> scanned = new java.util.ArrayList<>();
            Tokens.scan(text, (s, e) -> scanned.add(text.substring(s, e)));
            assertEquals(reference(text), scanned, text);
        }
    }

    /** Maximal runs of code points that {@link Tokens#isTokenChar} accepts, one code point at a time. */
    private static List<String> reference(String text) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder run = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Tokens.isTokenChar(cp)) {
                run.appendCodePoint(cp);
            } else if (run.length() > 0) {
                out.add(run.toString());
                run.setLength(0);
            }
        });
        if (run.length() > 0) {
            out.add(run.toString());
        }
        return out;
    }
}
