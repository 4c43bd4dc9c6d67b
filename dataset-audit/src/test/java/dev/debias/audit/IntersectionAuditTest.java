package dev.debias.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.debias.audit.count.Feature;
import dev.debias.audit.count.ScanCounter;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.report.AuditCsv;
import dev.debias.audit.report.AuditJson;
import dev.debias.audit.report.HtmlReport;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intersections of axes ({@link Audit.Builder#optIntersection}) on a corpus written here, with its own
 * two-axis lexicon so the counts do not move with the builtin lexicons: cells from lexicon matches and
 * from group fields, counts and an interval worked out by hand, errors naming the setting, and the
 * outputs.
 */
class IntersectionAuditTest {
    /** gender: she (female), he (male); race: nigerian (black), swede (white). */
    static final String LEXICON = "gender\tfemale\tshe\ngender\tmale\the\nrace\tblack\tnigerian\nrace\twhite\tswede\n";

    // id label sex  race   text                                            lexicon groups        targets
    // 1  health F   Black  "She is a nigerian nurse."                      female black          nurse
    // 2  tech   F   Black  "She is a nigerian engineer."                   female black          engineer
    // 3  health F   White  "She is a swede and a nurse."                   female white          nurse
    // 4  health M   Black  "He is a nigerian nurse."                       male black            nurse
    // 5  tech   M   White  "He is a swede engineer."                       male white            engineer
    // 6  health M   White  "He is a swede and she is a nigerian nurse."    all four              nurse
    // 7  health F   x      "She is a nurse."                               female                nurse
    // 8  tech   x   White  "The swede is an engineer."                     white                 engineer
    static final List<Record> CORPUS = List.of(
            rec("1", "health", "F", "Black", "She is a nigerian nurse."),
            rec("2", "tech", "F", "Black", "She is a nigerian engineer."),
            rec("3", "health", "F", "White", "She is a swede and a nurse."),
            rec("4", "health", "M", "Black", "He is a nigerian nurse."),
            rec("5", "tech", "M", "White", "He is a swede engineer."),
            rec("6", "health", "M", "White", "He is a swede and she is a nigerian nurse."),
            rec("7", "health", "F", "x", "She is a nurse."),
            rec("8", "tech", "x", "White", "The swede is an engineer."));

    static final ReadOptions READ = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id")
            .withLabelField("label").withGroupFields(List.of("sex", "race")));

    @TempDir
    static Path shared;

    static CorpusIndex index;
    static List<Axis> axes;

    @BeforeAll
    static void indexTheCorpus() throws IOException {
        index = AuditTest.index(AuditTest.write(shared.resolve("people.jsonl"), CORPUS), shared.resolve("people.index"),
                READ);
        axes = Axis.parse(Files.writeString(shared.resolve("people.tsv"), LEXICON, StandardCharsets.UTF_8).toString(),
                false);
    }

    @AfterAll
    static void close() throws IOException {
        if (index != null) {
            index.close();
        }
    }

    static Record rec(String id, String label, String sex, String race, String text) {
        return Record.of(id, text).withLabel(label).withAttribute("sex", sex).withAttribute("race", race);
    }

    static AuditResult audit(Scope scope, List<String> intersection) throws IOException {
        return Audit.builder().setIndex(index).addAxes(axes).optTargets(Targets.parse("nurse,engineer", false))
                .optScope(scope).optIntersection(intersection).build().run();
    }

    static AuditCell cell(List<AuditCell> cells, String group, String target) {
        return cells.stream().filter(c -> c.group().equals(group) && c.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no cell " + group + " x " + target + " in " + cells));
    }

    @Test
    void cellsFromLexiconMatchesHaveTheCountsAndIntervalsOfAnAxis() throws IOException {
        AuditResult r = audit(Scope.DOCUMENT, List.of("gender", "race"));
        assertEquals(1, r.intersections().size());
        IntersectionReport x = r.intersections().get(0);
        assertEquals("gender+race", x.axis());
        assertEquals(List.of("gender", "race"), x.components());
        // cells, first component outermost; a document is in a cell when it holds a term of each group
        assertEquals(List.of("female+black", "female+white", "male+black", "male+white"),
                x.groups().stream().map(IntersectionGroup::group).toList());
        assertEquals(List.of("female", "black"), x.groups().get(0).parts());
        // female+black: docs 1, 2, 6; female+white: 3, 6; male+black: 4, 6; male+white: 5, 6
        assertEquals(List.of(3L, 2L, 2L, 2L), x.groups().stream().map(IntersectionGroup::units).toList());
        // doc 6 is in all four cells, so it is exclusive to none: 1, 2 | 3 | 4 | 5
        assertEquals(List.of(2L, 1L, 1L, 1L), x.groups().stream().map(IntersectionGroup::exclusiveUnits).toList());
        // docs 1-6 are in a cell; 7 (female, no race term) and 8 (white, no gender term) are in none
        assertEquals(6, x.anyGroupUnits());

        AuditCell c = cell(x.cells(), "female+black", "nurse");
        assertEquals("gender+race", c.axis());
        assertEquals(3, c.groupUnits()); // docs 1, 2, 6
        assertEquals(2, c.bothUnits()); // docs 1, 6
        assertEquals(5, c.targetUnits()); // nurse: docs 1, 3, 4, 6, 7
        assertEquals(3, c.comparisonUnits()); // in another cell and not this one: docs 3, 4, 5
        assertEquals(2, c.comparisonBothUnits()); // docs 3, 4
        assertEquals(2, c.noneUnits()); // docs 7, 8
        assertEquals(1, c.noneBothUnits()); // doc 7
        // Wilson for 2 of 3, z = 1.959964, z^2 = 3.841459: d = 1 + z^2/3 = 2.280486,
        // centre = (2/3 + z^2/6) / d = 1.306910 / 2.280486 = 0.573083,
        // half = z / d * sqrt(2/9/3 + z^2/36) = 1.959964 * sqrt(0.0740741 + 0.1067072) / 2.280486 = 0.365425
        assertEquals(2.0 / 3, c.targetGivenGroup().value(), 1e-12);
        assertEquals(0.2076596, c.targetGivenGroup().low(), 1e-6);
        assertEquals(0.9385081, c.targetGivenGroup().high(), 1e-6);
        // 2/3 against 2/3 in the comparison
        assertEquals(0, c.rateDifference().value(), 1e-12);
        assertTrue(c.rateDifference().low() < 0 && c.rateDifference().high() > 0);
        assertEquals(1.0, c.designEffect(), 0);
        // below the default support (10 group units), so shown but never the headline
        assertTrue(!c.supported());
        assertEquals(8, x.termsSummary().belowSupport()); // 4 cells x 2 targets
        assertEquals(null, x.termsSummary().largestGroup());
        // the intersection's cells stay out of the axes' cells: those are per axis
        assertTrue(r.cells().stream().noneMatch(a -> a.axis().equals("gender+race")));
        assertEquals("gender,race", r.config().get("intersections"));

        // labels: health 5, tech 3 documents, so the positive label is tech; female+black x tech: doc 2
        AuditCell l = cell(x.labels(), "female+black", "tech");
        assertEquals(3, l.groupUnits());
        assertEquals(1, l.bothUnits());
        assertEquals(1, l.comparisonBothUnits()); // tech among docs 3, 4, 5: doc 5
    }

    @Test
    void minimumSupportAppliesToCells() throws IOException {
        AuditResult r = Audit.builder().setIndex(index).addAxes(axes).optTargets(Targets.parse("nurse,engineer", false))
                .optIntersection(List.of("gender", "race")).optMinimumSupport(new MinimumSupport(3, 2)).build().run();
        IntersectionReport x = r.intersections().get(0);
        // only female+black has 3 group units; with nurse it has 2 + 2 target units on the two sides
        assertTrue(cell(x.cells(), "female+black", "nurse").supported());
        assertTrue(!cell(x.cells(), "female+white", "nurse").supported());
        assertEquals("female+black", x.termsSummary().largestGroup());
    }

    @Test
    void cellsFromGroupFieldsMapTheirValuesToTheAxisGroups() throws IOException {
        AuditResult r = audit(Scope.DOCUMENT, List.of("field:sex=gender", "field:race"));
        IntersectionReport x = r.intersections().get(0);
        assertEquals("field:sex=gender+field:race", x.axis());
        // sex F/M stand for female/male (one letter starting one group), race Black/White for black/white
        // (equal ignoring case); sex x and race x stand for none, so docs 7 and 8 are in no cell
        assertEquals(List.of("female+black", "female+white", "male+black", "male+white"),
                x.groups().stream().map(IntersectionGroup::group).toList());
        // female+black: docs 1, 2; female+white: 3; male+black: 4; male+white: 5, 6 (whatever their text says)
        assertEquals(List.of(2L, 1L, 1L, 2L), x.groups().stream().map(IntersectionGroup::units).toList());
        assertEquals(List.of(2L, 1L, 1L, 2L), x.groups().stream().map(IntersectionGroup::exclusiveUnits).toList());
        assertEquals(6, x.anyGroupUnits());
        AuditCell c = cell(x.cells(), "male+white", "nurse");
        assertEquals(1, c.bothUnits()); // doc 6
        assertEquals(4, c.comparisonUnits()); // docs 1-4
        assertEquals(3, c.comparisonBothUnits()); // docs 1, 3, 4
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("values [x] of the group field 'sex'")), r.warnings()
                .toString());
        // a field without an axis of its name keeps its values as written; it mixes with a lexicon axis
        AuditResult raw = Audit.builder().setIndex(index).addAxes(axes).optIntersection(List.of("field:sex", "race"))
                .build().run();
        IntersectionReport y = raw.intersections().get(0);
        assertEquals(List.of("F+black", "F+white", "M+black", "M+white", "x+black", "x+white"),
                y.groups().stream().map(IntersectionGroup::group).toList());
        // F+black: docs 1, 2 (nigerian) and 7 has no race term; x+white: doc 8 (swede)
        assertEquals(2, y.groups().get(0).units());
        assertEquals(1, y.groups().get(5).units());
        assertTrue(y.cells().isEmpty()); // no targets
        assertEquals(1, y.labels().stream().filter(c2 -> c2.group().equals("x+white")).findFirst().orElseThrow()
                .groupUnits());
    }

    @Test
    void sentenceScopeClustersCellsByDocument() throws IOException {
        AuditResult r = audit(Scope.SENTENCE, List.of("gender", "race"));
        IntersectionReport x = r.intersections().get(0);
        // every record is one sentence, so the counts are the document counts
        assertEquals(List.of(3L, 2L, 2L, 2L), x.groups().stream().map(IntersectionGroup::units).toList());
        AuditCell c = cell(x.cells(), "female+black", "nurse");
        assertEquals(2, c.bothUnits());
        assertTrue(c.designEffect() >= 1);
        assertEquals("sentence", x.termsSummary().unit());
    }

    @Test
    void anUnknownComponentFailsNamingItAndTheSetting() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Audit.builder().setIndex(index)
                .addAxes(axes).optIntersection(List.of("gender", "religion")).build());
        assertTrue(e.getMessage().contains(Setting.INTERSECTION.mention()), e.getMessage());
        assertTrue(e.getMessage().contains("'religion', which is not an audited axis: the axes are [gender, race]"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Audit.builder().setIndex(index).addAxes(axes)
                .optIntersection(List.of("gender", "field:region")).build());
        assertTrue(e.getMessage().contains("'region' is not a group field of the index: its group fields are [sex, race]"),
                e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Audit.builder().setIndex(index).addAxes(axes)
                .optIntersection(List.of("gender", "field:sex=age")).build());
        assertTrue(e.getMessage().contains("names 'field:sex=age', but 'age' is not an audited axis"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Audit.builder().setIndex(index).addAxes(axes)
                .optIntersection(List.of("gender")).build());
        assertTrue(e.getMessage().contains("two or more axes"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> Audit.builder().setIndex(index).addAxes(axes)
                .optIntersection(List.of("race", "race")).build());
        assertTrue(e.getMessage().contains("names 'race' twice"), e.getMessage());
    }

    @Test
    void theScanCounterRefusesIntersectionFeaturesRatherThanMiscountThem() {
        Feature cellFeature = new Feature.AllOf("female+black", List.of(axes.get(0).features().get(0),
                axes.get(1).features().get(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScanCounter(
                Scope.DOCUMENT, List.of("female+black"), List.of(cellFeature), List.of(), List.of()));
        assertTrue(e.getMessage().contains("female+black"), e.getMessage());
    }

    @Test
    void outputsCarryTheIntersection(@TempDir Path dir) throws IOException {
        AuditResult r = audit(Scope.DOCUMENT, List.of("gender", "race"));
        String html = HtmlReport.render(r);
        assertTrue(html.contains("<h2 id=\"intersection-gender+race\">Intersection gender+race</h2>"));
        assertTrue(html.contains("<h3>Term targets by gender+race cell</h3>"));
        assertTrue(html.contains("<tr><td>female+black</td><td class=\"n\">3</td><td class=\"n\">2</td></tr>"));
        String csv = AuditCsv.toCsv(r);
        // 4 cells x 2 targets and 4 cells x 1 positive label
        assertEquals(8, csv.lines().filter(l -> l.startsWith("intersection_terms,gender+race,")).count());
        assertEquals(4, csv.lines().filter(l -> l.startsWith("intersection_labels,gender+race,")).count());
        assertTrue(csv.contains("intersection_terms,gender+race,female+black,nurse,3,5,2,3,2,"), csv);
        Path json = Files.writeString(dir.resolve("audit.json"), AuditJson.toJson(r));
        assertTrue(Files.readString(json).contains("\"intersections\" : [ {"));
        assertEquals(r.intersections(), AuditJson.read(json).intersections());
        // a schema-2 file written before intersections reads as none
        ObjectMapper m = new ObjectMapper();
        ObjectNode old = (ObjectNode) m.readTree(json.toFile());
        old.remove("intersections");
        Path oldFile = dir.resolve("old.json");
        m.writeValue(oldFile.toFile(), old);
        assertTrue(AuditJson.read(oldFile).intersections().isEmpty());
    }
}
