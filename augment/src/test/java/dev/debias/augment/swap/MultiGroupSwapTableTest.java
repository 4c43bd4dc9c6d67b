package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.augment.swap.Counterfactual.Kept;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance tests of counterfactual substitution on the multi-group axes (issue 17): table-driven on
 * {@code race-table.tsv} (pair black,white unless a directive says otherwise) and {@code religion-table.tsv}
 * (pair christian,muslim), one case per row; per-group copies with no pair; {@link GroupMapping#toward};
 * what {@link Counterfactual#kept()} reports; and a modifier word that modifies no person. Known wrong
 * outputs are in {@code race-known-bugs.tsv} and {@code religion-known-bugs.tsv}, read by the disabled
 * {@link #knownBugs} test.
 */
class MultiGroupSwapTableTest {
    static final String RACE = "race-table.tsv";
    static final String RELIGION = "religion-table.tsv";
    static final String RACE_BUGS = "race-known-bugs.tsv";
    static final String RELIGION_BUGS = "religion-known-bugs.tsv";

    private static final Map<String, CounterfactualSwapper> SWAPPERS = new ConcurrentHashMap<>();

    /**
     * One row: its file and line, the swapper setting in force ({@code axis pair A,B} or {@code axis target G}),
     * the input and the exact expected text.
     */
    record Row(String file, int line, String setting, String input, String expected) {}

    /** The axis and default pair of a table file. */
    static String defaultSetting(String file) {
        return file.startsWith("race") ? "race pair black,white" : "religion pair christian,muslim";
    }

    static List<Row> table(String file) {
        String axis = file.startsWith("race") ? "race" : "religion";
        String setting = defaultSetting(file);
        List<Row> rows = new ArrayList<>();
        try (InputStream in = MultiGroupSwapTableTest.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the test class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int line = 0;
            for (String s; (s = r.readLine()) != null; ) {
                line++;
                if (s.startsWith("#!")) {
                    String[] d = s.substring(2).trim().split("\\s+");
                    if (d.length != 2 || !(d[0].equals("pair") && d[1].split(",").length == 2 || d[0].equals("target"))) {
                        throw new IllegalStateException(file + ":" + line + ": expected '#! pair A,B' or '#! target G', got '"
                                + s + "'");
                    }
                    setting = axis + " " + d[0] + " " + d[1];
                    continue;
                }
                if (s.isBlank() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\t", -1);
                if (f.length != 2 || f[0].isEmpty() || f[1].isEmpty()) {
                    throw new IllegalStateException(file + ":" + line + ": expected input<TAB>expected, got '" + s + "'");
                }
                rows.add(new Row(file, line, setting, f[0], f[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The swapper of a setting: {@code axis pair A,B} or {@code axis target G}. */
    static CounterfactualSwapper swapper(String setting) {
        return SWAPPERS.computeIfAbsent(setting, s -> {
            String[] f = s.split(" ");
            CounterfactualSwapper.Builder b = CounterfactualSwapper.builder().optAxis(f[0]);
            if (f[1].equals("pair")) {
                String[] g = f[2].split(",");
                b.optPair(g[0], g[1]);
            } else {
                b.optTarget(f[2]);
            }
            return b.build();
        });
    }

    static Stream<Arguments> args(String... files) {
        return Stream.of(files).flatMap(f -> table(f).stream())
                .map(r -> Arguments.of(r.file() + ":" + r.line(), r.setting(), r.input(), r.expected()));
    }

    static Stream<Arguments> rows() {
        return args(RACE, RELIGION);
    }

    static Stream<Arguments> bugRows() {
        return args(RACE_BUGS, RELIGION_BUGS);
    }

    @ParameterizedTest(name = "[{0}] {1}: {2}")
    @MethodSource("rows")
    void swapsExactly(String where, String setting, String input, String expected) {
        Counterfactual c = swapper(setting).swap(input);
        assertEquals(expected, c.text(), where + " (" + setting + ")");
        if (expected.equals(input)) {
            assertTrue(c.substitutions().isEmpty(), where + ": no substitutions expected: " + c.substitutions());
        } else {
            assertTrue(c.changed(), where);
        }
        SwapTableTest.assertSubstitutionsRebuild(input, c);
    }

    @Disabled("known wrong outputs, for the swapper's owner to fix: predicate colour words; name and surname ranks"
            + " skip ambiguous entries (one rank off against docs/lexicons.md); Christian as a first name or brand;"
            + " everyday bible and church; a capital carried onto atheist")
    @ParameterizedTest(name = "[{0}] {1}: {2}")
    @MethodSource("bugRows")
    void knownBugs(String where, String setting, String input, String expected) {
        assertEquals(expected, swapper(setting).swap(input).text(), where + " (" + setting + ")");
    }

    @Test
    void tablesAreLargeAndHaveChangedUnchangedAndDirectiveRows() {
        for (String file : List.of(RACE, RELIGION)) {
            List<Row> rows = table(file);
            assertTrue(rows.size() >= 45, file + ": only " + rows.size() + " rows");
            long unchanged = rows.stream().filter(r -> r.input().equals(r.expected())).count();
            assertTrue(unchanged >= 10, file + ": unchanged rows: " + unchanged);
            assertTrue(rows.size() - unchanged >= 30, file + ": changed rows: " + (rows.size() - unchanged));
            long other = rows.stream().filter(r -> !r.setting().equals(defaultSetting(file))).count();
            assertTrue(other >= 5, file + ": rows under a directive: " + other);
            Map<String, Long> perSetting = new LinkedHashMap<>();
            rows.forEach(r -> perSetting.merge(r.setting() + "\t" + r.input(), 1L, Long::sum));
            perSetting.forEach((k, n) -> assertEquals(1L, n, file + ": duplicate row " + k));
        }
        assertFalse(table(RACE_BUGS).isEmpty());
        assertFalse(table(RELIGION_BUGS).isEmpty());
    }

    @Test
    void tableRowsNameTheirTargetGroup() {
        assertEquals("white", swapper("race pair black,white").swap("A Black student won the spelling bee.").target());
        assertEquals("black", swapper("race pair asian,black").swap("An Asian man sold fruit.").target());
        assertEquals("hispanic", swapper("race target hispanic").swap("A white teacher and a Black nurse spoke.").target());
        assertEquals("christian", swapper("religion pair christian,muslim").swap("He is a Muslim doctor.").target());
    }

    // ---- per-group copies: no pair on an axis of more than two groups ----

    @Test
    void withoutAPairEachOtherGroupGetsOneCopyInGroupOrder() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optAxis("race").build();
        assertTrue(s.perGroup());
        assertNull(s.mapping());
        assertEquals(List.of("black", "white", "asian", "hispanic", "middle_eastern", "native_american"), s.groups());
        List<Counterfactual> all = s.counterfactuals("A Black student won the spelling bee.");
        assertEquals(List.of("white", "asian", "hispanic", "middle_eastern", "native_american"),
                all.stream().map(Counterfactual::target).toList());
        assertEquals(List.of("A white student won the spelling bee.", "An Asian student won the spelling bee.",
                "A Hispanic student won the spelling bee.", "A Middle Eastern student won the spelling bee.",
                "An Indigenous student won the spelling bee."), all.stream().map(Counterfactual::text).toList());
        all.forEach(c -> assertEquals(GroupMapping.pair("black", c.target()), c.mapping()));
        // swap() gives the first copy
        assertEquals("A white student won the spelling bee.", s.swap("A Black student won the spelling bee.").text());
    }

    @Test
    void aCopyThatWouldNotChangeTheTextIsLeftOut() {
        // Africans has a counterpart only in white (Europeans): one copy
        CounterfactualSwapper s = CounterfactualSwapper.builder().optAxis("race").build();
        List<Counterfactual> all = s.counterfactuals("The Africans in the study were older.");
        assertEquals(1, all.size(), all.toString());
        assertEquals("white", all.get(0).target());
        assertEquals("The Europeans in the study were older.", all.get(0).text());
        // a text of no group gets no copy, and swap() returns it unchanged
        assertEquals(List.of(), s.counterfactuals("He bought a black car."));
        assertFalse(s.swap("He bought a black car.").changed());
    }

    @Test
    void religionCopiesFollowTheGroupOrderAndSkipGroupsWithoutACounterpart() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optAxis("religion").build();
        List<Counterfactual> all = s.counterfactuals("The priest visited the church.");
        // atheist has no clergy and no place of worship: no copy for it
        assertEquals(List.of("muslim", "jewish", "hindu", "buddhist", "sikh"), all.stream().map(Counterfactual::target).toList());
        assertEquals("The imam visited the mosque.", all.get(0).text());
        assertEquals("The rabbi visited the synagogue.", all.get(1).text());
        assertEquals("The granthi visited the gurdwara.", all.get(4).text());
    }

    // ---- GroupMapping ----

    @Test
    void towardSendsEveryOtherGroupToTheTarget() {
        List<String> groups = List.of("black", "white", "asian", "hispanic");
        GroupMapping m = GroupMapping.toward("asian", groups);
        assertEquals(List.of("black", "white", "hispanic"), List.copyOf(m.targets().keySet()));
        assertEquals("asian", m.targetOf("black"));
        assertEquals("asian", m.targetOf("hispanic"));
        assertNull(m.targetOf("asian"));
        assertNull(m.targetOf(null));
        assertEquals("asian", m.singleTarget());
        assertFalse(m.twoWay());
        assertEquals("black->asian,white->asian,hispanic->asian", m.toString());
        GroupMapping p = GroupMapping.pair("christian", "muslim");
        assertTrue(p.twoWay());
        assertNull(p.singleTarget());
        assertNull(p.targetOf("jewish"));
        assertEquals("christian<->muslim", p.toString());
        // a target among two groups is a one-way mapping
        assertFalse(GroupMapping.toward("white", List.of("black", "white")).twoWay());
    }

    @Test
    void theBuilderUsesTowardForATarget() {
        CounterfactualSwapper s = CounterfactualSwapper.builder().optAxis("race").optTarget("Hispanic").build();
        assertEquals(GroupMapping.toward("hispanic", s.groups()), s.mapping());
        assertFalse(s.swaps("hispanic"));
        assertTrue(s.swaps("black"));
    }

    // ---- kept ----

    @Test
    void keptReportsAProtectedFigure() {
        CounterfactualSwapper s = swapper("religion pair christian,muslim");
        Counterfactual c = s.swap("Christ is risen.");
        assertFalse(c.changed());
        assertEquals(List.of(new Kept("Christ", "protected: figure")), c.kept());
    }

    @Test
    void keptReportsANameWithNoCounterpartAndATermWithNone() {
        Counterfactual c = swapper("race pair black,white").swap("Michael met Tyrone at the gym.");
        assertEquals("Michael met Kyle at the gym.", c.text());
        assertEquals(List.of(new Kept("Michael", "a name with no counterpart on race")), c.kept());
        Counterfactual r = swapper("religion pair christian,muslim").swap("Ramadan began on Tuesday.");
        assertEquals(List.of(new Kept("Ramadan", "no counterpart in christian")), r.kept());
        assertEquals(Map.of("muslim", 1), r.groupsFound());
    }

    @Test
    void keptReportsProtectedIdiomsAndKnownPeople() {
        CounterfactualSwapper s = swapper("race pair black,white");
        assertEquals(List.of(new Kept("White House", "protected: idiom")), s.swap("They toured the White House.").kept());
        assertEquals(List.of(new Kept("Rosa Parks", "protected: person")), s.swap("Rosa Parks refused to move.").kept());
    }

    // ---- the modifier rule ----

    @Test
    void aModifierWordThatModifiesNoPersonIsNeitherSwappedNorCounted() {
        CounterfactualSwapper s = swapper("race pair black,white");
        for (String text : List.of("He bought a black car.", "The gallery showed black and white photographs.",
                "She wore a white dress to the party.", "Snow turned the field white.")) {
            Counterfactual c = s.swap(text);
            assertEquals(text, c.text());
            assertEquals(Map.of(), c.groupsFound(), text);
            assertEquals(List.of(), c.kept(), text);
        }
        Counterfactual person = s.swap("She hired a black lawyer.");
        assertEquals("She hired a white lawyer.", person.text());
        assertEquals(Map.of("black", 1), person.groupsFound());
        // no copies either when no pair is set
        assertEquals(List.of(), CounterfactualSwapper.builder().optAxis("race").build().counterfactuals("He bought a black car."));
    }
}
