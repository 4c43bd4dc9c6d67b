package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaseStyleTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            she      | he       | he
            She      | he       | He
            SHE      | he       | HE
            her      | his      | his
            Her      | his      | His
            HER      | his      | HIS
            Mr       | ms       | Ms
            MR       | ms       | MS
            Ladies   | gentlemen| Gentlemen
            mary     | james    | james
            Mary     | james    | James
            MARY     | James    | JAMES
            Mary     | McKenzie | McKenzie
            MARY     | McKenzie | MCKENZIE
            mary     | McKenzie | McKenzie
            hE       | she      | she
            sHE      | he       | he
            Élise    | anne     | Anne
            ÉLISE    | anne     | ANNE
            élise    | Anne     | Anne
            A        | an       | An
            A1       | bc       | Bc
            AB       | x        | X
            O'NEIL   | smith    | SMITH
            """)
    void carriesCaseOver(String original, String replacement, String expected) {
        assertEquals(expected, CaseStyle.apply(original, replacement));
    }

    @Test
    void singleCapitalLetterIsTitleCaseNotAllCaps() {
        // one letter is not enough to call a word all-caps
        assertEquals("He", CaseStyle.apply("I", "he"));
        assertEquals("He", CaseStyle.apply("I.", "he"));
    }

    @Test
    void emptyReplacementAndEmptyOriginal() {
        assertEquals("", CaseStyle.apply("She", ""));
        assertEquals("he", CaseStyle.apply("", "he"));
        assertEquals("He", CaseStyle.apply("", "He"));
    }

    @Test
    void titleCaseDigraphStartIsACapital() {
        // U+01C5 (Dž) is a title-case letter, not an upper-case one
        assertEquals("Anna", CaseStyle.apply("\u01C5emal", "anna"));
        // U+01C4 (DŽ) is upper-case: with a following upper-case letter the word is all caps
        assertEquals("ANNA", CaseStyle.apply("\u01C4EMAL", "anna"));
    }

    @Test
    void titleCasingUsesTitleCaseOfTheFirstCodePoint() {
        // the title case of U+01C6 (dž) is U+01C5 (Dž), not the upper case U+01C4 (DŽ)
        assertEquals("\u01C5ana", CaseStyle.apply("Mary", "\u01C6ana"));
    }

    @Test
    void supplementaryCharactersAreHandledAsCodePoints() {
        // U+10400 DESERET CAPITAL LONG I (upper-case, outside the BMP), U+10428 its lower case
        String upper = new String(Character.toChars(0x10400));
        String lower = new String(Character.toChars(0x10428));
        assertEquals(upper + "x", CaseStyle.apply("Ab", lower + "x"));
        assertEquals("He", CaseStyle.apply(upper + "e", "he"));
    }

    @Test
    void doesNotDependOnTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            // under Turkish rules "i".toUpperCase() would be a dotted capital I
            assertEquals("HIS", CaseStyle.apply("HER", "his"));
            assertEquals("IAN", CaseStyle.apply("WENDY", "ian"));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
