package dev.debias.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.audit.index.CorpusIndex;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group field whose values are not the lexicon's group names (EEC's {@code African-American} and
 * {@code European}) read through a {@link GroupValueMap}: the label tables, the agreement with the axis and
 * an intersection with the field come out as for the same corpus valued {@code black} and {@code white}.
 */
class AuditGroupValuesTest {
    private static final ReadOptions READ = ReadOptions.defaults().withFields(
            FieldMapping.DEFAULT.withIdField("id").withLabelField("label").withGroupFields(List.of("Race")));
    private static final GroupValueMap EEC = GroupValueMap.parse("African-American=black,European=white");

    @TempDir
    Path dir;

    /** 30 records: 12 black (8 anger), 18 white (6 anger); every fifth text (i = 4, 9, ...) names no group. */
    private static List<Record> corpus(UnaryOperator<String> value) {
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean black = i < 12;
            boolean anger = black ? i < 8 : i < 18;
            String text = i % 5 == 4 ? "Someone feels something." : black ? "The blacks feel it." : "The whites feel it.";
            out.add(Record.of("r" + i, text).withLabel(anger ? "anger" : "joy")
                    .withAttribute("Race", value.apply(black ? "black" : "white")));
        }
        return out;
    }

    private AuditResult audit(String name, UnaryOperator<String> value, GroupValueMap map) throws IOException {
        Path file = AuditTest.write(dir.resolve(name + ".jsonl"), corpus(value));
        try (CorpusIndex idx = AuditTest.index(file, dir.resolve(name + ".index"), READ)) {
            return Audit.builder().setIndex(idx).addAxes(Axis.parse("builtin:race", false)).optPositiveLabel("anger")
                    .optGroupValues(map).optIntersection(List.of("race", "field:Race=race")).build().run();
        }
    }

    private static String eec(String group) {
        return group.equals("black") ? "African-American" : "European";
    }

    @Test
    void eecValuesMappedToGroupsGiveTheSameLabelTableAsTheGroupNames() throws IOException {
        AuditResult named = audit("named", v -> v, GroupValueMap.NONE);
        AuditResult mapped = audit("mapped", AuditGroupValuesTest::eec, EEC);
        GroundTruthReport n = named.groundTruth().get(0);
        GroundTruthReport m = mapped.groundTruth().get(0);
        assertEquals(List.of("black", "white"), n.values());
        assertEquals(List.of("African-American", "European"), m.values(), "the values as written");
        assertEquals(List.of("black", "white"), m.labels().stream().map(AuditCell::group).toList(), "rows by group");
        for (int i = 0; i < 2; i++) {
            AuditCell a = n.labels().get(i);
            AuditCell b = m.labels().get(i);
            assertEquals(List.of(a.group(), a.target(), a.groupUnits(), a.bothUnits(), a.comparisonUnits(),
                    a.comparisonBothUnits()), List.of(b.group(), b.target(), b.groupUnits(), b.bothUnits(),
                    b.comparisonUnits(), b.comparisonBothUnits()));
            assertEquals(a.rateDifference(), b.rateDifference());
        }
        AuditCell black = m.labels().get(0);
        assertEquals(List.of(12L, 8L, 18L, 6L), List.of(black.groupUnits(), black.bothUnits(), black.comparisonUnits(),
                black.comparisonBothUnits()), "12 black, 8 of them anger; 18 white, 6 anger");
        assertEquals(Map.of("African-American", "black", "European", "white"), m.agreement().get(0).valueToGroup());
        assertEquals(n.agreement().get(0).agreementRate(), m.agreement().get(0).agreementRate());
        assertEquals(1.0, m.agreement().get(0).agreementRate().value(), 1e-12);
        assertEquals("African-American=black,European=white", mapped.config().get("group_values"));
        assertEquals("", named.config().get("group_values"));
        IntersectionReport xn = named.intersections().get(0);
        IntersectionReport xm = mapped.intersections().get(0);
        assertEquals(xn.groups().stream().map(IntersectionGroup::units).toList(),
                xm.groups().stream().map(IntersectionGroup::units).toList(), "the field's cells by group: 10 black texts, 2 of the 12 name no group");
        assertEquals(10, xm.groups().stream().filter(g -> g.group().equals("black+black")).findFirst()
                .orElseThrow().units());
    }

    @Test
    void withoutTheMappingTheValuesAreTheirOwnRowsAndStandForNoGroup() throws IOException {
        AuditResult r = audit("unmapped", AuditGroupValuesTest::eec, GroupValueMap.NONE);
        GroundTruthReport g = r.groundTruth().get(0);
        assertEquals(List.of("African-American", "European"), g.labels().stream().map(AuditCell::group).toList());
        assertTrue(g.agreement().get(0).valueToGroup().isEmpty());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("stand for no group of axis race")), r.warnings().toString());
    }

    @Test
    void valuesMappedToOneGroupAreOneRow() throws IOException {
        // half the black records say "black", half "African-American": one row of 12
        int[] n = {0};
        AuditResult r = audit("mixed", v -> v.equals("black") && n[0]++ % 2 == 0 ? "African-American" : v,
                GroupValueMap.parse("African-American=black"));
        GroundTruthReport g = r.groundTruth().get(0);
        assertEquals(List.of("African-American", "black", "white"), g.values());
        assertEquals(List.of("black", "white"), g.labels().stream().map(AuditCell::group).toList());
        assertEquals(12, g.labels().get(0).groupUnits());
    }

    @Test
    void aMappedGroupNoAuditedAxisHasIsAnError() throws IOException {
        Path file = AuditTest.write(dir.resolve("e.jsonl"), corpus(v -> v));
        try (CorpusIndex idx = AuditTest.index(file, dir.resolve("e.index"), READ)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Audit.builder().setIndex(idx)
                    .addAxes(Axis.parse("builtin:race", false)).optGroupValues(GroupValueMap.parse("European=european"))
                    .build());
            assertTrue(e.getMessage().contains("'European=european'") && e.getMessage().contains("axis race ["),
                    e.getMessage());
        }
    }
}
