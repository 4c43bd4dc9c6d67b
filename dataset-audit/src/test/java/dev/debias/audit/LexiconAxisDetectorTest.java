package dev.debias.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.corpus.Record;
import dev.debias.corpus.prep.AxisDetector;
import dev.debias.corpus.prep.CorpusTagger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in lexicons tag known sentences as the audit would count them. */
class LexiconAxisDetectorTest {
    private static final AxisDetector GENDER = LexiconAxisDetector.of("gender").get(0);
    private static final AxisDetector RACE = LexiconAxisDetector.of("race").get(0);

    private static String tag(AxisDetector d, String text) {
        return CorpusTagger.value(d, Record.of("1", text));
    }

    @Test
    void tagsTheGenderGroupsATextNames() {
        assertEquals(List.of("female", "male"), GENDER.groups().subList(0, 2));
        assertEquals("female", tag(GENDER, "She is a nurse."));
        assertEquals("male", tag(GENDER, "My son feels angry."));
        // both groups, in the lexicon's order however the text orders them
        assertEquals("female|male", tag(GENDER, "He and his sister went home."));
        assertEquals("", tag(GENDER, "The weather is nice today."));
        // whole tokens only: 'shepherd' holds 'she', 'mansion' holds 'man'
        assertEquals("", tag(GENDER, "The shepherd left the mansion."));
    }

    @Test
    void aModifierCountsOnlyWhereItModifiesAPerson() {
        assertEquals("black", tag(RACE, "A black woman spoke first."));
        assertEquals("", tag(RACE, "She wore a black coat."));
    }
}
