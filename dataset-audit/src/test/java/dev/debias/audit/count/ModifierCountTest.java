package dev.debias.audit.count;

import static dev.debias.audit.count.CountFixtures.PLAIN;
import static dev.debias.audit.count.CountFixtures.index;
import static dev.debias.audit.count.CountFixtures.indexed;
import static dev.debias.audit.count.CountFixtures.scan;
import static dev.debias.audit.count.CountFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.audit.Axis;
import dev.debias.corpus.Record;
import dev.debias.audit.index.CorpusIndex;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code modifier} term ({@code black}, {@code white} of the built-in race list) counts only where it
 * modifies a person, in both counters, at every scope; the counts below are worked out by hand.
 */
class ModifierCountTest {
    @TempDir
    Path dir;

    /*
     * Document by document, whether "black" and "white" denote people (the rule of PersonContext: a person noun
     * within 4 tokens of the same sentence, passing connectives and group terms):
     * d1 "A Black student met a white nurse."      black yes (student), white yes (nurse)
     * d2 "She drove a black car past the White House." black no (car), white no (house)
     * d3 "Black and white photographs hung there."  black no, white no (photographs)
     * d4 "Black and white students marched."        black yes (and, white, students), white yes
     * d5 "The car was black. Students cheered."      black no: the person noun is in the next sentence
     * d6 "Whites and blacks voted."                   whites, blacks: plural terms, not modifiers, always count
     * Documents with a black term: d1, d4, d6 = 3; with a white term: d1, d4, d6 = 3.
     */
    static final List<Record> DOCS = List.of(
            Record.of("d1", "A Black student met a white nurse."),
            Record.of("d2", "She drove a black car past the White House."),
            Record.of("d3", "Black and white photographs hung there."),
            Record.of("d4", "Black and white students marched."),
            Record.of("d5", "The car was black. Students cheered."),
            Record.of("d6", "Whites and blacks voted."));

    @Test
    void modifierTermsCountOnlyBeforeAPersonAndTheCountersAgree() throws Exception {
        Path corpus = write(dir.resolve("c.jsonl"), DOCS);
        Axis race = Axis.parse("builtin:race", false).get(0);
        List<Feature> groups = race.features().subList(0, 2);   // black, white
        assertEquals(List.of("black", "white"), race.groups().subList(0, 2));
        CountTable doc = scan(corpus, PLAIN, Scope.DOCUMENT, groups, List.of());
        assertEquals(6, doc.units());
        assertEquals(3, doc.group(0), "black: d1, d4, d6");
        assertEquals(3, doc.group(1), "white: d1, d4, d6");
        assertEquals(0, doc.exclusive(0), "every black document also has a white term");
        try (CorpusIndex idx = index(corpus, dir.resolve("idx"), PLAIN, 1)) {
            for (Scope scope : List.of(Scope.DOCUMENT, Scope.SENTENCE, Scope.window(3))) {
                CountTable s = scan(corpus, PLAIN, scope, groups, List.of());
                CountTable i = indexed(idx, scope, groups, List.of());
                for (int g = 0; g < 2; g++) {
                    assertEquals(s.group(g), i.group(g), scope + " group " + g);
                    assertEquals(s.exclusive(g), i.exclusive(g), scope + " exclusive " + g);
                    assertEquals(s.rest(g), i.rest(g), scope + " rest " + g);
                }
                assertEquals(s.units(), i.units(), scope.toString());
            }
            // sentence scope: d5's two sentences hold no race term; d1..d4 and d6 one sentence each
            assertEquals(3, indexed(idx, Scope.SENTENCE, groups, List.of()).group(0));
        }
    }
}
