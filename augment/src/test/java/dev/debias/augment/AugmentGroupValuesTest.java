package dev.debias.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.augment.AugmenterTest.Support;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.lexicon.Lexicons;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ground-truth Race field valued as EEC values it ({@code African-American}, {@code European}) read through
 * a {@link GroupValueMap}: copies of a two-sided black/white swap get the other group's mapped value, the rates
 * and a planning mode's census read the field as the audit does, and a copy whose value stands for no group
 * is warned about.
 */
class AugmentGroupValuesTest {
    private static final ReadOptions READ = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id")
            .withLabelField("label").withGroupFields(List.of("Race")));
    private static final GroupValueMap EEC = GroupValueMap.parse("African-American=black,European=white");

    @TempDir
    Path dir;

    /** Six records: four black (three anger), two white (one anger); every text has a race term. */
    private Path corpus(String name, UnaryOperator<String> value) throws IOException {
        List<Record> rs = List.of(
                rec("r1", "African Americans feel angry.", "anger", value.apply("black")),
                rec("r2", "Africans feel angry.", "anger", value.apply("black")),
                rec("r3", "African Americans feel angry today.", "anger", value.apply("black")),
                rec("r4", "African Americans feel happy.", "joy", value.apply("black")),
                rec("r5", "Whites feel angry.", "anger", value.apply("white")),
                rec("r6", "Whites feel happy.", "joy", value.apply("white")));
        return Support.write(dir.resolve(name + ".jsonl"), rs);
    }

    private static Record rec(String id, String text, String label, String race) {
        return Record.of(id, text).withLabel(label).withAttribute("Race", race);
    }

    private static String eec(String group) {
        return group.equals("black") ? "African-American" : "European";
    }

    private static Augmenter.Builder twoSided(GroupValueMap map) {
        CounterfactualSwapper swapper = CounterfactualSwapper.builder().optAxis("race")
                .optTerms(Lexicons.terms("builtin:race")).optPairs(Lexicons.pairs("builtin:race"))
                .optPair("black", "white").build();
        return Augmenter.builder().setMode(AugmentMode.TWO_SIDED).optThreads(2).optSwapper(swapper)
                .optAxisLexicon("builtin:race").optGroupValues(map);
    }

    private AugmentSummary run(Augmenter.Builder b, Path in, String out) throws IOException {
        return Support.run(b, dir, in, READ, dir.resolve(out));
    }

    private Map<String, String> raceById(String out) throws IOException {
        return Support.read(dir.resolve(out), READ).stream()
                .collect(Collectors.toMap(Record::id, r -> r.attributes().get("Race")));
    }

    @Test
    void twoSidedCopiesOfAfricanAmericanRecordsAreEuropean() throws IOException {
        AugmentSummary s = run(twoSided(EEC), corpus("eec", AugmentGroupValuesTest::eec), "out.jsonl");
        Map<String, String> race = raceById("out.jsonl");
        assertEquals(12, race.size(), "six records, six copies");
        for (String id : List.of("r1", "r2", "r3", "r4")) {
            assertEquals("African-American", race.get(id));
            assertEquals("European", race.get(id + "-cf"), id + "-cf");
        }
        assertEquals("African-American", race.get("r5-cf"));
        assertEquals("field:Race", s.config().get("groups_from"), "the mapped field, not the lexicon");
        assertEquals("African-American=black,European=white", s.config().get("group_values"));
        assertTrue(s.warnings().stream().noneMatch(w -> w.contains(Setting.GROUP_VALUES.mention())), s.warnings().toString());
        // the rates read the mapped field as the same corpus valued black/white is read
        AugmentSummary named = run(twoSided(GroupValueMap.NONE), corpus("named", v -> v), "named-out.jsonl");
        assertEquals(named.ratesBefore(), s.ratesBefore());
        assertEquals(named.ratesAfter(), s.ratesAfter());
        assertEquals(0.75, s.ratesBefore().get("anger").get("black"), 1e-12);
        assertEquals(0.5, s.ratesAfter().get("anger").get("black"), 1e-12, "two-sided: every copy flips its group");
    }

    @Test
    void aPlanningModesCensusReadsTheMappedFieldAsTheAuditDoes() throws IOException {
        // reweigh checks its census against the audit's rates (Census.requireAgreesWith): both read the mapping
        AugmentSummary s = run(Augmenter.builder().setMode(AugmentMode.REWEIGH).optThreads(2)
                .optSwapper(CounterfactualSwapper.builder().optAxis("race").optTerms(Lexicons.terms("builtin:race"))
                        .optPairs(Lexicons.pairs("builtin:race")).optPair("black", "white").build())
                .optAxisLexicon("builtin:race").optGroupValues(EEC), corpus("rw", AugmentGroupValuesTest::eec), "rw-out.jsonl");
        assertFalse(s.weights().isEmpty());
        assertTrue(s.weights().containsKey("black|anger"), s.weights().toString());
        assertEquals(0.75, s.ratesBefore().get("anger").get("black"), 1e-12);
    }

    @Test
    void aCopyWhoseValueMapsToNoGroupIsWarnedAbout() throws IOException {
        // European is not mapped and is no group's name: r5 and r6 say it, and their copies keep it
        AugmentSummary s = run(twoSided(GroupValueMap.parse("African-American=black")),
                corpus("half", AugmentGroupValuesTest::eec), "half-out.jsonl");
        Map<String, String> race = raceById("half-out.jsonl");
        assertEquals("European", race.get("r5-cf"), "kept, and counted");
        assertEquals("White", race.get("r1-cf"), "white has no mapped value: the group in the value's style");
        String w = s.warnings().stream().filter(x -> x.contains(Setting.GROUP_VALUES.mention())).findFirst()
                .orElseThrow(() -> new AssertionError(s.warnings().toString()));
        assertTrue(w.startsWith("2 counterfactual records kept a group field value that stands for no group of axis race"),
                w);
    }

    @Test
    void withoutTheMappingEecValuesStandForNoGroupAndEveryCopyIsWarnedAbout() throws IOException {
        AugmentSummary s = run(twoSided(GroupValueMap.NONE), corpus("bare", AugmentGroupValuesTest::eec), "bare-out.jsonl");
        assertEquals("lexicon", s.config().get("groups_from"));
        assertEquals("European", raceById("bare-out.jsonl").get("r6-cf"), "unchanged, but never silently");
        assertTrue(s.warnings().stream().anyMatch(x -> x.startsWith("6 counterfactual records kept")), s.warnings().toString());
    }

    @Test
    void aMappedGroupTheAxisLacksIsInvalidInput() throws IOException {
        Path in = corpus("bad", AugmentGroupValuesTest::eec);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> run(twoSided(GroupValueMap.parse("African-American=black,European=female")), in, "bad-out.jsonl"));
        assertTrue(e.getMessage().contains("'European=female'") && e.getMessage().contains("axis race [black, white, asian"),
                e.getMessage());
    }
}
