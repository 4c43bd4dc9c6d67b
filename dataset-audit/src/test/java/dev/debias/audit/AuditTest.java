package dev.debias.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.audit.report.AuditJson;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Audit} end to end on corpora written here: counts and rates worked out by hand at document and
 * sentence scope, warnings and errors, builder validation, ground-truth agreement, a synthetic corpus
 * with a known skew, and determinism.
 */
class AuditTest {
    private static final double EPS = 1e-12;

    /** id, label, gender column and text; units and features of each record are worked out below. */
    // 1  health F  "She works as a nurse. He is an engineer."  doc: female male nurse engineer
    //                                                           sentences: [female nurse] [male engineer]
    // 2  tech   F  "She is an engineer."                       female engineer
    // 3  health M  "He is a nurse."                            male nurse
    // 4  tech   M  "He is an engineer and he likes it."        male (he twice) engineer
    // 5  health x  "The weather is nice today."                nothing
    // 6  health F  "Her brother is a nurse."                   female male nurse (one sentence)
    // 7  tech   F  "He smiled."                                male
    // 7 documents, 8 sentences.
    static final List<Record> TINY = List.of(
            rec("1", "health", "F", "She works as a nurse. He is an engineer."),
            rec("2", "tech", "F", "She is an engineer."),
            rec("3", "health", "M", "He is a nurse."),
            rec("4", "tech", "M", "He is an engineer and he likes it."),
            rec("5", "health", "x", "The weather is nice today."),
            rec("6", "health", "F", "Her brother is a nurse."),
            rec("7", "tech", "F", "He smiled."));

    static final ReadOptions LABELLED = ReadOptions.defaults().withFields(
            FieldMapping.DEFAULT.withIdField("id").withLabelField("label").withGroupFields(List.of("gender")));
    static final ReadOptions PLAIN = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id"));

    @TempDir
    static Path shared;

    static CorpusIndex tiny;

    @TempDir
    Path dir;

    @BeforeAll
    static void indexTheTinyCorpus() throws IOException {
        Path corpus = write(shared.resolve("tiny.jsonl"), TINY);
        tiny = index(corpus, shared.resolve("tiny.index"), LABELLED);
    }

    @AfterAll
    static void close() throws IOException {
        if (tiny != null) {
            tiny.close();
        }
    }

    static Record rec(String id, String label, String gender, String text) {
        return Record.of(id, text).withLabel(label).withAttribute("gender", gender);
    }

    static Path write(Path file, List<Record> records) throws IOException {
        try (RecordWriter w = CorpusWriters.open(file, WriteOptions.defaults())) {
            for (Record r : records) {
                w.write(r);
            }
            w.commit();
        }
        return file;
    }

    static CorpusIndex index(Path corpus, Path indexDir, ReadOptions read) throws IOException {
        CorpusIndexer.builder().setInput(corpus).setIndexDir(indexDir).optReadOptions(read).optThreads(2).build().run();
        return CorpusIndex.open(indexDir);
    }

    static List<Axis> gender() {
        return Axis.parse("builtin:gender", false);
    }

    static AuditResult audit(CorpusIndex index, Scope scope, String targets) throws IOException {
        return Audit.builder().setIndex(index).addAxes(gender()).optTargets(Targets.parse(targets, false))
                .optScope(scope).build().run();
    }

    static AuditCell cell(List<AuditCell> cells, String group, String target) {
        return cells.stream().filter(c -> c.group().equals(group) && c.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no cell " + group + " / " + target + " in " + cells));
    }

    /** Asserts the five counts of a cell, both rates and the difference; the comparison rate is x2 / n2. */
    static void assertCell(AuditCell c, long group, long target, long both, long comparison, long comparisonBoth) {
        String what = c.axis() + " " + c.group() + " / " + c.target() + ": ";
        assertEquals(group, c.groupUnits(), what + "group units");
        assertEquals(target, c.targetUnits(), what + "target units");
        assertEquals(both, c.bothUnits(), what + "both units");
        assertEquals(comparison, c.comparisonUnits(), what + "comparison units");
        assertEquals(comparisonBoth, c.comparisonBothUnits(), what + "comparison both units");
        double p1 = (double) both / group;
        double p2 = (double) comparisonBoth / comparison;
        assertEquals(p1, c.targetGivenGroup().value(), EPS, what + "P(t|g)");
        assertEquals(p2, c.targetGivenComparison().value(), EPS, what + "P(t|comparison)");
        assertEquals((double) both / target, c.groupGivenTarget().value(), EPS, what + "P(g|t)");
        assertEquals(p1 - p2, c.rateDifference().value(), EPS, what + "difference");
        assertTrue(c.rateDifference().low() <= c.rateDifference().value()
                && c.rateDifference().value() <= c.rateDifference().high(), what + "interval holds the difference");
        assertTrue(c.targetGivenGroup().low() >= 0 && c.targetGivenGroup().high() <= 1, what + "rate interval in [0, 1]");
    }

    @Test
    void documentScopeTermCellsMatchTheHandCount() throws IOException {
        AuditResult r = audit(tiny, Scope.DOCUMENT, "nurse,engineer");
        assertEquals(7, r.documents());
        assertEquals(7, r.units());
        assertEquals("document", r.scope());
        assertEquals(4, r.cells().size(), r.cells().toString());
        // female in 1 2 6, male in 1 3 4 6 7; comparison of female = 3 4 7, of male = 2
        // nurse in 1 3 6, engineer in 1 2 4
        assertCell(cell(r.cells(), "female", "nurse"), 3, 3, 2, 3, 1);
        assertCell(cell(r.cells(), "female", "engineer"), 3, 3, 2, 3, 1);
        assertCell(cell(r.cells(), "male", "nurse"), 5, 3, 3, 1, 0);
        assertCell(cell(r.cells(), "male", "engineer"), 5, 3, 2, 1, 1);
        assertEquals(1.0 / 3, cell(r.cells(), "female", "nurse").rateDifference().value(), EPS);
        assertEquals(0.6, cell(r.cells(), "male", "nurse").rateDifference().value(), EPS);
        assertEquals(-0.6, cell(r.cells(), "male", "engineer").rateDifference().value(), EPS);
        // the cells come groups outer, targets inner, in lexicon and specification order
        assertEquals(List.of("female/nurse", "female/engineer", "male/nurse", "male/engineer"),
                r.cells().stream().map(c -> c.group() + "/" + c.target()).toList());
        assertTrue(r.cells().stream().allMatch(c -> c.axis().equals("gender")));
    }

    @Test
    void associationMeasuresOfOneCellMatchTheirDefinitions() throws IOException {
        AuditResult r = audit(tiny, Scope.DOCUMENT, "nurse,engineer");
        AuditCell c = cell(r.cells(), "female", "nurse");
        // PMI = log2(both * units / (group * target)) = log2(2 * 7 / (3 * 3))
        assertEquals(Math.log(14.0 / 9) / Math.log(2), c.pmi(), 1e-9);
        // log-odds with the informative prior: 10 * P(nurse) = 30/7 pseudo-units with, 40/7 without
        double a = 10 * 3.0 / 7;
        double b = 10 * 4.0 / 7;
        double y1 = 2 + a;
        double m1 = 1 + b;
        double y2 = 1 + a;
        double m2 = 2 + b;
        double delta = Math.log(y1 / m1) - Math.log(y2 / m2);
        assertEquals(delta, c.logOdds(), 1e-9);
        assertEquals(delta / Math.sqrt(1 / y1 + 1 / m1 + 1 / y2 + 1 / m2), c.logOddsZ(), 1e-9);
        // the ratio (2/3) / (1/3)
        assertEquals(2.0, c.rateRatio().value(), 1e-9);
        assertTrue(c.pValue() > 0 && c.pValue() <= 1, "p " + c.pValue());
        // male / nurse: the comparison (document 2) never has nurse, so the ratio is undefined, not 0 or infinite
        AuditCell mn = cell(r.cells(), "male", "nurse");
        assertFalse(mn.rateRatio().isDefined(), mn.rateRatio().toString());
        assertNotNull(mn.rateRatio().undefined());
    }

    @Test
    void sentenceScopeTermCellsMatchTheHandCount() throws IOException {
        AuditResult r = audit(tiny, Scope.SENTENCE, "nurse,engineer");
        assertEquals(7, r.documents());
        assertEquals(8, r.units(), "record 1 has two sentences");
        assertEquals("sentence", r.scope());
        // sentences: 1a(female nurse) 1b(male engineer) 2(female engineer) 3(male nurse) 4(male engineer)
        // 5() 6(female male nurse) 7(male)
        // female: 1a 2 6, comparison 1b 3 4 7; male: 1b 3 4 6 7, comparison 1a 2
        assertCell(cell(r.cells(), "female", "nurse"), 3, 3, 2, 4, 1);
        assertCell(cell(r.cells(), "female", "engineer"), 3, 3, 1, 4, 2);
        assertCell(cell(r.cells(), "male", "nurse"), 5, 3, 2, 2, 1);
        assertCell(cell(r.cells(), "male", "engineer"), 5, 3, 2, 2, 1);
        assertEquals(2.0 / 3 - 1.0 / 4, cell(r.cells(), "female", "nurse").rateDifference().value(), EPS);
        assertEquals(-1.0 / 6, cell(r.cells(), "female", "engineer").rateDifference().value(), EPS);
    }

    @Test
    void windowScopeCountsTermsAFewTokensApart() throws IOException {
        AuditResult r = audit(tiny, Scope.window(3), "nurse,engineer");
        // windows of 4 tokens: max(1, tokens - 3) per record, tokens 9 4 4 8 5 5 2
        assertEquals(6 + 1 + 1 + 5 + 2 + 2 + 1, r.units());
        // she..nurse (record 1) and her..nurse (record 6) are 4 tokens apart: never in one window
        assertEquals(0, cell(r.cells(), "female", "nurse").bothUnits());
        // he+nurse: record 1 (nurse at 4, he at 5) windows starting at 2, 3, 4; record 3 one window;
        // brother+nurse in record 6 (positions 1 and 4) the window starting at 1
        assertEquals(5, cell(r.cells(), "male", "nurse").bothUnits());
    }

    static AuditResult labelled(CorpusIndex index, Scope scope, String positive, boolean atUnitScope)
            throws IOException {
        return Audit.builder().setIndex(index).addAxes(gender()).optTargets(Targets.none()).optScope(scope)
                .optPositiveLabel(positive).optLabelsAtUnitScope(atUnitScope).build().run();
    }

    @Test
    void aBinaryLabelReportsItsMinorityClassOnce() throws IOException {
        AuditResult r = audit(tiny, Scope.DOCUMENT, "none");
        assertTrue(r.cells().isEmpty(), "no term targets");
        // health: 1 3 5 6, tech: 2 4 7; tech is the minority, one row per group, no health mirror
        assertEquals("tech", r.positiveLabel());
        assertEquals(2, r.labels().size(), r.labels().toString());
        assertCell(cell(r.labels(), "female", "tech"), 3, 3, 1, 3, 2);
        assertCell(cell(r.labels(), "male", "tech"), 5, 3, 2, 1, 1);
        assertEquals("document", r.labelUnit());
    }

    @Test
    void anUnknownPositiveLabelIsRefusedNamingTheLabels() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> labelled(tiny, Scope.DOCUMENT, "sports", false));
        assertTrue(e.getMessage().contains("[health, tech]") && e.getMessage().contains(Setting.POSITIVE_LABEL.mention()),
                e.getMessage());
    }

    @Test
    void documentScopeLabelCellsMatchTheHandCount() throws IOException {
        AuditResult r = labelled(tiny, Scope.DOCUMENT, "health", false);
        assertEquals(2, r.labels().size(), r.labels().toString());
        // health: 1 3 5 6, tech: 2 4 7
        assertCell(cell(r.labels(), "female", "health"), 3, 4, 2, 3, 1);
        assertCell(cell(r.labels(), "male", "health"), 5, 4, 3, 1, 0);
        assertEquals(0.6, cell(r.labels(), "male", "health").rateDifference().value(), EPS);
        AxisReport a = r.axes().get(0);
        assertNull(a.termsSummary(), "no term targets, no terms summary");
        assertNotNull(a.labelsSummary());
        assertEquals("labels", a.labelsSummary().targets());
        assertEquals(2, a.labelsSummary().cells());
        assertEquals(2, a.labelsSummary().belowSupport(), "3 and 5 documents are below 10 group units");
    }

    @Test
    void sentenceScopeLabelCellsCountDocumentsByDefault() throws IOException {
        AuditResult doc = labelled(tiny, Scope.DOCUMENT, "health", false);
        AuditResult sen = labelled(tiny, Scope.SENTENCE, "health", false);
        assertEquals("document", sen.labelUnit());
        assertEquals("document", sen.axes().get(0).labelsSummary().unit());
        // a label belongs to its document: record 1's two sentences do not make its label count twice
        assertEquals(doc.labels(), sen.labels());
    }

    @Test
    void sentenceScopeLabelCellsCountEverySentenceOfALabelledDocumentWhenAsked() throws IOException {
        AuditResult r = labelled(tiny, Scope.SENTENCE, "health", true);
        assertEquals("sentence", r.labelUnit());
        // health sentences: 1a 1b 3 5 6; tech: 2 4 7
        assertCell(cell(r.labels(), "female", "health"), 3, 5, 2, 4, 2);
        assertCell(cell(r.labels(), "male", "health"), 5, 5, 3, 2, 1);
        assertEquals(1.0 / 6, cell(r.labels(), "female", "health").rateDifference().value(), EPS);
        assertEquals(0.1, cell(r.labels(), "male", "health").rateDifference().value(), EPS);
        // clustered by document: female's units (1a, 2, 6) are in three documents, its comparison's
        // (1b, 3, 4, 7) in four; record 1 has units on both sides
        assertTrue(cell(r.labels(), "female", "health").designEffect() >= 1);
    }

    @Test
    void groupReportsCountUnitsExclusiveUnitsAndTermOccurrences() throws IOException {
        AuditResult r = audit(tiny, Scope.DOCUMENT, "nurse,engineer");
        assertEquals(1, r.axes().size());
        AxisReport a = r.axes().get(0);
        assertEquals("gender", a.axis());
        assertEquals("builtin:gender", a.lexicon());
        assertTrue(a.ambiguousLeftOut() > 0, "the built-in gender list flags some terms ambiguous");
        assertEquals(6, a.anyGroupUnits(), "every document but 5");
        GroupReport female = a.groups().get(0);
        GroupReport male = a.groups().get(1);
        assertEquals("female", female.group());
        assertEquals("male", male.group());
        assertEquals(3, female.units());
        assertEquals(1, female.exclusiveUnits(), "only document 2 has female terms and no male term");
        assertEquals(5, male.units());
        assertEquals(3, male.exclusiveUnits(), "documents 3 4 7");
        assertEquals(2, female.termsFound(), "she, her");
        assertEquals(2, male.termsFound(), "he, brother");
        assertEquals(Map.of("she", 2L, "her", 1L), female.topTerms());
        assertEquals(List.of("she", "her"), List.copyOf(female.topTerms().keySet()), "most frequent first");
        // 'he' occurs five times (twice in record 4) in four documents: occurrences, not units
        assertEquals(Map.of("he", 5L, "brother", 1L), male.topTerms());
        assertEquals(a.terms(), female.terms() + male.terms());

        AuditResult s = audit(tiny, Scope.SENTENCE, "nurse,engineer");
        assertEquals(male.topTerms(), s.axes().get(0).groups().get(1).topTerms(),
                "occurrence counts do not depend on the scope");
        assertEquals(7, s.axes().get(0).anyGroupUnits(), "every sentence but the one of record 5");
    }

    @Test
    void summariesHeadlineTheLargestLogOddsZAndTestIndependence() throws IOException {
        AuditResult r = Audit.builder().setIndex(tiny).addAxes(gender()).optTargets(Targets.parse("nurse,engineer", false))
                .optMinimumSupport(new MinimumSupport(0, 0)).build().run();
        AuditSummary t = r.axes().get(0).termsSummary();
        assertEquals("gender", t.axis());
        assertEquals("terms", t.targets());
        assertEquals(4, t.cells());
        assertEquals(0, t.belowSupport());
        AuditCell top = r.cells().stream().max(java.util.Comparator.comparingDouble(c -> Math.abs(c.logOddsZ())))
                .orElseThrow();
        assertEquals(top.group(), t.largestGroup());
        assertEquals(top.target(), t.largestTarget());
        assertEquals(top.rateDifference(), t.largestDifference());
        assertEquals(top.baseDifference(), t.largestBaseDifference());
        // exclusive units: female {2: engineer}, male {3: nurse, 4: engineer, 7: no target}
        // -> 2 x 3 table (nurse, engineer, no target), df 2
        assertEquals(2, t.independence().df());
        assertTrue(t.independence().statistic() > 0);
        assertEquals(1, t.designEffect(), "documents are independent units");
        assertTrue(t.clearDifferences() >= 0 && t.clearDifferences() <= t.cells());
        AuditSummary l = r.axes().get(0).labelsSummary();
        assertEquals("labels", l.targets());
        // exclusive units: female {2: tech}, male {3: health, 4: tech, 7: tech}; the positive label tech
        // against the rest: 2 x 2, df 1
        assertEquals(1, l.independence().df());
    }

    @Test
    void cellsBelowTheMinimumSupportNeverHeadline() throws IOException {
        AuditSummary t = audit(tiny, Scope.DOCUMENT, "nurse,engineer").axes().get(0).termsSummary();
        // 3 and 5 documents hold a group: every cell is below the default 10 group units
        assertEquals(4, t.belowSupport());
        assertNull(t.largestGroup());
        assertFalse(t.largestDifference().isDefined());
        assertTrue(t.largestDifference().undefined().contains("minimum support"), t.largestDifference().undefined());
    }

    @Test
    void groundTruthColumnAgreesWithTheLexiconWhereBothSayOneGroup() throws IOException {
        AuditResult r = audit(tiny, Scope.SENTENCE, "nurse,engineer");
        assertEquals(1, r.groundTruth().size());
        GroundTruthReport g = r.groundTruth().get(0);
        assertEquals("gender", g.field());
        assertEquals(List.of("F", "M", "x"), g.values());
        assertEquals(1, g.agreement().size());
        Agreement ag = g.agreement().get(0);
        assertEquals("gender", ag.axis());
        assertEquals("gender", ag.field());
        assertEquals(Map.of("F", "female", "M", "male"), ag.valueToGroup(), "x stands for no group");
        // F: 1 several, 2 female, 6 several, 7 male; M: 3 male, 4 male; x: 5 none
        assertEquals(Map.of("female", 1L, "male", 1L, Audit.SEVERAL, 2L, Audit.NONE, 0L), ag.documents().get("F"));
        assertEquals(Map.of("female", 0L, "male", 2L, Audit.SEVERAL, 0L, Audit.NONE, 0L), ag.documents().get("M"));
        assertEquals(Map.of("female", 0L, "male", 0L, Audit.SEVERAL, 0L, Audit.NONE, 1L), ag.documents().get("x"));
        assertEquals(4, ag.comparable(), "documents with a mapped value and exactly one detected group");
        assertEquals(0.75, ag.agreementRate().value(), EPS, "record 7 is F but only says 'he'");
        assertEquals(4.0 / 6, ag.coverage().value(), EPS, "2 of the 6 mapped documents have both groups");
        assertTrue(ag.agreementRate().low() < 0.75 && ag.agreementRate().high() > 0.75);
    }

    @Test
    void groundTruthColumnIsAuditedAgainstTheLabels() throws IOException {
        AuditResult r = labelled(tiny, Scope.DOCUMENT, "health", false);
        GroundTruthReport g = r.groundTruth().get(0);
        assertEquals(3, g.labels().size(), "3 values x the positive label");
        // F: 1 2 6 7 (health 1 6); comparison of F: 3 4 5 (health 3 5)
        assertCell(cell(g.labels(), "F", "health"), 4, 4, 2, 3, 2);
        assertEquals(0.5 - 2.0 / 3, cell(g.labels(), "F", "health").rateDifference().value(), EPS);
        // x: 5 (health); comparison 1 2 3 4 6 7 (health 1 3 6)
        assertCell(cell(g.labels(), "x", "health"), 1, 4, 1, 6, 3);
        assertTrue(g.labels().stream().allMatch(c -> c.axis().equals("gender")));
        assertNotNull(g.labelsSummary());
        assertEquals(3, g.labelsSummary().cells());
    }

    @Test
    void labelsCanBeLeftOut() throws IOException {
        AuditResult r = Audit.builder().setIndex(tiny).addAxes(gender()).optTargets(Targets.parse("nurse", false))
                .optLabels(false).build().run();
        assertTrue(r.labels().isEmpty());
        assertNull(r.axes().get(0).labelsSummary());
        assertEquals(2, r.cells().size());
        assertEquals("false", r.config().get("labels"));
        assertTrue(r.groundTruth().get(0).labels().isEmpty(), "no labels, no ground-truth label cells");
        assertFalse(r.groundTruth().get(0).agreement().isEmpty(), "agreement needs no labels");
    }

    @Test
    void anIndexWithoutLabelsOrGroupFieldsGivesTermCellsOnly() throws IOException {
        Path corpus = write(dir.resolve("plain.jsonl"), TINY);
        try (CorpusIndex plain = index(corpus, dir.resolve("plain.index"), PLAIN)) {
            AuditResult r = audit(plain, Scope.DOCUMENT, "nurse,engineer");
            assertTrue(r.labels().isEmpty());
            assertTrue(r.groundTruth().isEmpty());
            assertEquals("false", r.config().get("labels"));
            assertCell(cell(r.cells(), "male", "nurse"), 5, 3, 3, 1, 0);
        }
    }

    @Test
    void aGroupFieldEmptyOnEveryRecordIsAWarning() throws IOException {
        List<Record> blank = TINY.stream().map(r -> r.withAttribute("gender", "")).toList();
        Path corpus = write(dir.resolve("blank.jsonl"), blank);
        try (CorpusIndex idx = index(corpus, dir.resolve("blank.index"), LABELLED)) {
            AuditResult r = audit(idx, Scope.DOCUMENT, "nurse");
            assertTrue(r.warnings().contains("the group field 'gender' is empty on every record"), r.warnings().toString());
            GroundTruthReport g = r.groundTruth().get(0);
            assertTrue(g.values().isEmpty());
            assertTrue(g.labels().isEmpty());
            assertNull(g.labelsSummary());
            assertTrue(g.agreement().isEmpty());
            assertFalse(r.labels().isEmpty(), "the labels are still audited against the axis");
        }
    }

    @Test
    void everyAxisGetsItsOwnCellsAndAgreement() throws IOException {
        Path lexicon = Files.writeString(dir.resolve("weather.tsv"),
                "weather\tfair\tnice\nweather\tfair\tsunny\nweather\tfoul\train\n", StandardCharsets.UTF_8);
        List<Axis> axes = new java.util.ArrayList<>(gender());
        axes.addAll(Axis.parse(lexicon.toString(), false));
        AuditResult r = Audit.builder().setIndex(tiny).addAxes(axes).optTargets(Targets.parse("nurse,engineer", false))
                .build().run();
        assertEquals(List.of("gender", "weather"), r.axes().stream().map(AxisReport::axis).toList());
        assertEquals(8, r.cells().size(), "2 axes x 2 groups x 2 targets");
        assertEquals(4, r.cells().stream().filter(c -> c.axis().equals("weather")).count());
        // 'nice' is only in record 5; 'rain' nowhere: a warning for the group, not an error for the axis
        AuditCell fair = cell(r.cells().stream().filter(c -> c.axis().equals("weather")).toList(), "fair", "nurse");
        assertEquals(1, fair.groupUnits());
        assertEquals(3, fair.targetUnits());
        assertEquals(0, fair.bothUnits());
        assertEquals(0, fair.comparisonUnits(), "no unit holds foul weather");
        assertFalse(fair.rateDifference().isDefined(), "no comparison units: no difference");
        assertEquals(0.0, fair.targetGivenGroup().value());
        assertTrue(r.warnings().contains("axis weather, group foul: none of its 1 terms occur in the corpus"),
                r.warnings().toString());
        assertEquals(List.of("gender", "weather"),
                r.groundTruth().get(0).agreement().stream().map(Agreement::axis).toList());
        Agreement weather = r.groundTruth().get(0).agreement().get(1);
        assertTrue(weather.valueToGroup().isEmpty(), "F, M and x stand for no weather");
        assertEquals(0, weather.comparable());
        assertFalse(weather.agreementRate().isDefined());
    }

    @Test
    void theResultRecordsItsSettingsAndInput() throws IOException {
        AuditResult r = Audit.builder().setIndex(tiny).addAxes(gender()).optTargets(Targets.parse("nurse", false))
                .optScope(Scope.window(3)).optPriorStrength(2.5).optConfig("input", "tiny.jsonl").build().run();
        assertEquals(AuditResult.SCHEMA, r.schema());
        assertEquals("tiny.jsonl", r.source());
        assertEquals(64, r.inputSha256().length());
        assertEquals("window:3", r.scope());
        assertEquals("window:3", r.config().get("scope"));
        assertEquals("2.5", r.config().get("prior_strength"));
        assertEquals(2.5, r.priorStrength());
        assertEquals("nurse", r.config().get("targets"));
        assertEquals("gender=builtin:gender", r.config().get("axes"));
        assertEquals("tiny.jsonl", r.config().get("input"));
        assertEquals("0.95", r.intervals().get("confidence"));
        assertEquals("wilson", r.intervals().get("rate"));
        assertFalse(r.versions().isEmpty());
    }

    @Test
    void anAxisWithNoTermInTheCorpusIsAnErrorNamingIt() throws IOException {
        Path lexicon = Files.writeString(dir.resolve("kin.tsv"), "kin\taunt\taunt\nkin\tuncle\tuncle\n",
                StandardCharsets.UTF_8);
        List<Axis> kin = Axis.parse(lexicon.toString(), false);
        assertEquals("kin", kin.get(0).name());
        Audit audit = Audit.builder().setIndex(tiny).addAxes(kin).build();
        InvalidInputException e = assertThrows(InvalidInputException.class, audit::run);
        assertTrue(e.getMessage().contains("axis kin"), e.getMessage());
        assertTrue(e.getMessage().contains("none of its 2 terms"), e.getMessage());
    }

    @Test
    void aGroupThatNeverOccursIsAWarningNamingIt() throws IOException {
        Path lexicon = Files.writeString(dir.resolve("three.tsv"),
                "people\tfemale\tshe\npeople\tmale\the\npeople\tother\txyzzy\npeople\tother\tplugh\n",
                StandardCharsets.UTF_8);
        AuditResult r = Audit.builder().setIndex(tiny).addAxes(Axis.parse(lexicon.toString(), false))
                .optTargets(Targets.parse("nurse", false)).build().run();
        List<String> about = r.warnings().stream().filter(w -> w.contains("other")).toList();
        assertEquals(1, about.size(), r.warnings().toString());
        assertTrue(about.get(0).contains("axis people, group other"), about.get(0));
        assertTrue(about.get(0).contains("none of its 2 terms"), about.get(0));
        assertFalse(r.warnings().stream().anyMatch(w -> w.contains("group female") || w.contains("group male")),
                r.warnings().toString());
        GroupReport other = r.axes().get(0).groups().get(2);
        assertEquals("other", other.group());
        assertEquals(0, other.units());
        assertEquals(0, other.termsFound());
        // the comparison side of 'other' is every unit with she or he; its rate is undefined
        AuditCell c = cell(r.cells(), "other", "nurse");
        assertEquals(0, c.groupUnits());
        assertFalse(c.targetGivenGroup().isDefined());
        assertFalse(c.rateDifference().isDefined());
        assertEquals(1.0, c.pValue());
    }

    @Test
    void targetsThatNeverOccurAreAWarningWithTheirCount() throws IOException {
        AuditResult r = audit(tiny, Scope.DOCUMENT, "nurse,astronaut,engineer,zookeeper");
        List<String> about = r.warnings().stream().filter(w -> w.contains("targets never occur")).toList();
        assertEquals(1, about.size(), r.warnings().toString());
        assertTrue(about.get(0).startsWith("2 of 4 targets never occur in the corpus"), about.get(0));
        assertTrue(about.get(0).endsWith(": astronaut, zookeeper"), about.get(0));
        assertEquals(8, r.cells().size(), "cells for the missing targets too");
        assertEquals(0, cell(r.cells(), "female", "astronaut").targetUnits());

        AuditResult all = audit(tiny, Scope.DOCUMENT, "nurse,engineer");
        assertTrue(all.warnings().stream().noneMatch(w -> w.contains("never occur")), all.warnings().toString());
    }

    @Test
    void theBuilderRejectsAMissingIndexAxisOrABadPriorStrength() {
        IllegalArgumentException noIndex = assertThrows(IllegalArgumentException.class,
                () -> Audit.builder().addAxes(gender()).build());
        assertTrue(noIndex.getMessage().contains("setIndex"), noIndex.getMessage());
        IllegalArgumentException noAxis = assertThrows(IllegalArgumentException.class,
                () -> Audit.builder().setIndex(tiny).build());
        assertTrue(noAxis.getMessage().contains("axis"), noAxis.getMessage());
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Audit.builder().setIndex(tiny).addAxes(gender()).optPriorStrength(bad).build(),
                    "prior strength " + bad);
            assertTrue(e.getMessage().contains("prior strength"), e.getMessage());
        }
        assertNotNull(Audit.builder().setIndex(tiny).addAxes(gender()).optPriorStrength(0.5).build());
        assertThrows(NullPointerException.class, () -> Audit.builder().optTargets(null));
        assertThrows(NullPointerException.class, () -> Audit.builder().optScope(null));
    }

    @Test
    void groupValuesMapToGroupsByNameOrUniqueInitial() {
        List<String> groups = List.of("female", "male");
        assertEquals("female", Audit.groupOf("F", groups));
        assertEquals("female", Audit.groupOf("f", groups));
        assertEquals("male", Audit.groupOf("M", groups));
        assertEquals("male", Audit.groupOf(" Male ", groups));
        assertEquals("female", Audit.groupOf("FEMALE", groups));
        assertNull(Audit.groupOf("x", groups));
        assertNull(Audit.groupOf("fe", groups), "two letters are not an initial");
        assertNull(Audit.groupOf("w", groups));
        // an initial shared by two groups maps to neither
        assertNull(Audit.groupOf("m", List.of("male", "mixed")));
    }

    @Test
    void aSkewedSyntheticCorpusShowsClearLabelDifferencesAndABalancedOneDoesNot() throws IOException {
        try (CorpusIndex skewed = bios(0.9, "skewed");
                CorpusIndex balanced = bios(0.5, "balanced")) {
            AuditResult s = audit(skewed, Scope.DOCUMENT, "none");
            AuditSummary sum = s.axes().get(0).labelsSummary();
            assertEquals(16, sum.cells(), "2 groups x 8 occupations");
            assertTrue(sum.independence().pValue() < 1e-100, sum.independence().toString());
            assertEquals(7, sum.independence().df());
            // each occupation is 1/8 of the bios, 90% with its stereotyped gender: P(o | g) is about
            // 0.9/4 or 0.1/4, so differences are about +-0.2
            double largest = Math.abs(sum.largestDifference().value());
            assertTrue(largest > 0.15 && largest < 0.3, sum.toString());
            assertTrue(sum.largestDifference().excludes(0), sum.toString());
            assertTrue(sum.clearDifferences() >= 14, sum.toString());
            // the ground-truth column agrees with the lexicon wherever the bio names one gender
            Agreement ag = s.groundTruth().get(0).agreement().get(0);
            assertTrue(ag.agreementRate().value() > 0.99, ag.toString());
            assertTrue(ag.coverage().value() > 0.9, ag.toString());

            AuditResult b = audit(balanced, Scope.DOCUMENT, "none");
            AuditSummary bal = b.axes().get(0).labelsSummary();
            long clear = b.labels().stream().filter(c -> c.rateDifference().excludes(0)).count();
            assertTrue(clear <= 3, "cells clear of 0 without a skew: " + clear);
            assertEquals(clear, bal.clearDifferences());
            assertTrue(Math.abs(bal.largestDifference().value()) < 0.08, bal.toString());
            assertTrue(bal.independence().pValue() > 0.001, bal.toString());
        }
    }

    private CorpusIndex bios(double cooccurrence, String name) throws IOException {
        Path corpus = dir.resolve(name + ".jsonl");
        try (RecordWriter w = CorpusWriters.open(corpus, WriteOptions.defaults())) {
            BiosGenerator.builder().setCount(2000).optCooccurrence(cooccurrence).optSeed(7).build()
                    .writeTo(w, ProgressListener.NONE);
            w.commit();
        }
        ReadOptions read = ReadOptions.defaults().withFields(
                FieldMapping.DEFAULT.withLabelField("label").withGroupFields(List.of("gender")));
        return index(corpus, dir.resolve(name + ".index"), read);
    }

    @Test
    void theSameAuditTwiceGivesTheSameJson() throws IOException {
        for (Scope scope : List.of(Scope.DOCUMENT, Scope.SENTENCE, Scope.window(2))) {
            AuditResult a = audit(tiny, scope, "builtin:occupations");
            AuditResult b = audit(tiny, scope, "builtin:occupations");
            assertEquals(AuditJson.toJson(a), AuditJson.toJson(b), scope.toString());
            assertEquals(a, b, scope.toString());
        }
        // and a second index of the same corpus, built by more threads, gives the same numbers
        Path corpus = write(dir.resolve("again.jsonl"), TINY);
        CorpusIndexer.builder().setInput(corpus).setIndexDir(dir.resolve("again.index")).optReadOptions(LABELLED)
                .optThreads(4).build().run();
        try (CorpusIndex again = CorpusIndex.open(dir.resolve("again.index"))) {
            AuditResult a = audit(tiny, Scope.SENTENCE, "builtin:occupations");
            AuditResult b = audit(again, Scope.SENTENCE, "builtin:occupations");
            assertEquals(a.cells(), b.cells());
            assertEquals(a.labels(), b.labels());
            assertEquals(a.groundTruth(), b.groundTruth());
            assertEquals(a.axes(), b.axes());
        }
    }
}
