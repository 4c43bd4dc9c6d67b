package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven test of the rules that keep a counterfactual's meaning ({@code meaning-table.tsv}): languages,
 * names written with capitals, ages of no age group, the slang {@code gay}, slurs, scripture references and
 * full names. Each row is a hand-written sentence and its exact expected counterfactual.
 */
class MeaningTableTest {
    static final String TABLE = "meaning-table.tsv";
    private static final Map<String, CounterfactualSwapper> SWAPPERS = new ConcurrentHashMap<>();

    static Stream<Arguments> rows() {
        List<Arguments> out = new ArrayList<>();
        String setting = null;
        for (TestTables.Line l : TestTables.readWithDirectives(TABLE, 2, "input<TAB>expected")) {
            if (l.fields().length == 1) {
                setting = l.fields()[0];
                continue;
            }
            if (setting == null) {
                throw new IllegalStateException(TABLE + ":" + l.number() + ": a row before any '#!' directive");
            }
            out.add(Arguments.of(TABLE + ":" + l.number(), setting, l.fields()[0], l.fields()[1]));
        }
        return out.stream();
    }

    /** The swapper of a directive: {@code AXIS [pair A,B | target G] [keep-full-names] [skip-real-people]}. */
    static CounterfactualSwapper swapper(String setting) {
        return SWAPPERS.computeIfAbsent(setting, s -> {
            List<String> f = new ArrayList<>(List.of(s.split("\\s+")));
            CounterfactualSwapper.Builder b = CounterfactualSwapper.builder().optAxis(f.remove(0));
            while (!f.isEmpty() && f.get(f.size() - 1).matches("keep-full-names|skip-real-people")) {
                String flag = f.remove(f.size() - 1);
                if (flag.equals("keep-full-names")) {
                    b.optKeepFullNames(true);
                } else {
                    b.optSkipRealPeople(true);
                }
            }
            if (f.size() == 2 && f.get(0).equals("pair")) {
                String[] g = f.get(1).split(",");
                b.optPair(g[0], g[1]);
            } else if (f.size() == 2 && f.get(0).equals("target")) {
                b.optTarget(f.get(1));
            } else if (!f.isEmpty()) {
                throw new IllegalStateException(TABLE + ": bad directive '" + s + "'");
            }
            return b.build();
        });
    }

    @ParameterizedTest(name = "[{0}] {1}: {2}")
    @MethodSource("rows")
    void keepsTheMeaning(String where, String setting, String input, String expected) {
        assertEquals(expected, swapper(setting).swap(input).text(), where);
    }

    @Test
    void theTableCoversEveryRule() {
        // 59 rows: each rule has at least one sentence that stays and one that still changes
        assertEquals(59, rows().count());
    }

    @Test
    void aSlurVetoIsReportedWithItsGroup() {
        Counterfactual c = swapper("orientation pair gay,straight").swap("They called him a fag and said he was gay.");
        assertEquals(List.of(), c.substitutions());
        assertEquals(new Counterfactual.Kept("fag", "a slur aimed at gay: no copy"), c.kept().get(c.kept().size() - 1));
    }

    @Test
    void eachNewRuleSaysWhyItKeptAWord() {
        assertEquals("a language", reason("nationality pair german,french", "She wrote the letter in German."));
        assertEquals("part of a proper name", reason("nationality pair irish,british", "She lives in Northern Ireland now."));
        assertEquals("a scripture reference", reason("race pair black,white", "Read Matthew 24:45 again."));
        assertEquals("slang (gay for lame)", reason("orientation pair gay,straight", "That's so gay."));
        assertEquals("protected: person", reason("race pair black,white keep-full-names", "It was signed ibn Jamal."));
        assertEquals(new Counterfactual.Kept("Richard Stallman", "names a real person: no copy"),
                swapper("gender skip-real-people").swap("Richard Stallman said he would.").kept().get(0));
    }

    private static String reason(String setting, String text) {
        List<Counterfactual.Kept> kept = swapper(setting).swap(text).kept();
        assertEquals(1, kept.size(), kept.toString());
        return kept.get(0).reason();
    }
}
