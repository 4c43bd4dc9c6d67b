package dev.debias.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.stats.GTest;
import dev.debias.corpus.Record;
import dev.debias.stats.Estimate;
import dev.debias.stats.Proportions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit at sentence scope on a corpus built like the Jigsaw artefact: one toxic document repeats
 * a sentence with a group term 60 times. Per document the groups differ little; per sentence, counted
 * as independent, they differ hugely.
 */
class ClusteredAuditTest {
    private static final double EPS = 1e-12;

    // 40 documents, one sentence each but document 40:
    //  1-10 "I know a jewish person."     toxic 1 2
    // 11-20 "I know a christian person."  toxic 11 12
    // 21-39 "Nothing to see here."        toxic 21-24
    //    40 "Steve is jewish!" x 60       toxic
    // labels: 9 toxic, 31 ok: toxic is the positive label
    static List<Record> corpus() {
        List<Record> out = new ArrayList<>();
        for (int i = 1; i <= 39; i++) {
            String text = i <= 10 ? "I know a jewish person." : i <= 20 ? "I know a christian person." : "Nothing to see here.";
            boolean toxic = i <= 2 || (i >= 11 && i <= 12) || (i >= 21 && i <= 24);
            out.add(AuditTest.rec(Integer.toString(i), toxic ? "toxic" : "ok", "x", text));
        }
        out.add(AuditTest.rec("40", "toxic", "x", "Steve is jewish! ".repeat(60).strip()));
        return out;
    }

    @TempDir
    static Path shared;

    static CorpusIndex index;
    static List<Axis> religion;
    static List<Axis> jewishOnly;

    @BeforeAll
    static void build() throws IOException {
        index = AuditTest.index(AuditTest.write(shared.resolve("c.jsonl"), corpus()), shared.resolve("c.index"),
                AuditTest.LABELLED);
        religion = Axis.parse(Files.writeString(shared.resolve("religion.tsv"),
                "religion\tjewish\tjewish\nreligion\tchristian\tchristian\n", StandardCharsets.UTF_8).toString(), false);
        jewishOnly = Axis.parse(Files.writeString(shared.resolve("jewish.tsv"), "religion\tjewish\tjewish\n",
                StandardCharsets.UTF_8).toString(), false);
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    static AuditResult audit(List<Axis> axes, Scope scope, boolean labelsAtUnitScope) throws IOException {
        return Audit.builder().setIndex(index).addAxes(axes).optScope(scope).optLabelsAtUnitScope(labelsAtUnitScope)
                .build().run();
    }

    @Test
    void labelsCountDocumentsAtSentenceScopeByDefault() throws IOException {
        AuditResult doc = audit(religion, Scope.DOCUMENT, false);
        AuditResult sen = audit(religion, Scope.SENTENCE, false);
        assertEquals("toxic", sen.positiveLabel());
        assertEquals(doc.labels(), sen.labels());
        // jewish: 11 documents, 3 toxic; christian: 10, 2 toxic
        AuditCell jewish = AuditTest.cell(sen.labels(), "jewish", "toxic");
        AuditTest.assertCell(jewish, 11, 9, 3, 10, 2);
        assertEquals(Proportions.difference(3, 11, 2, 10), jewish.rateDifference(), "documents are independent");
        assertEquals(1, jewish.designEffect());
        // yet the group's sentences are dominated by document 40
        assertTrue(sen.warnings().contains("document 40 holds 60 of the 70 sentences with a jewish term (86%); "
                + "sentence-level rates of jewish are dominated by it"), sen.warnings().toString());
        assertTrue(sen.dominatingDocuments().contains(new DominatingDocument("religion", "jewish", null, "40", 60, 70,
                60.0 / 70)), sen.dominatingDocuments().toString());
        assertTrue(doc.dominatingDocuments().isEmpty(), "no unit of a document scope audit is dominated");
    }

    @Test
    void sentenceLabelsAreClusteredByDocument() throws IOException {
        AuditResult r = audit(religion, Scope.SENTENCE, true);
        assertEquals("sentence", r.labelUnit());
        // jewish sentences: 10 + 60, toxic 2 + 60; christian 10, toxic 2; toxic sentences 2 + 2 + 4 + 60
        AuditCell jewish = AuditTest.cell(r.labels(), "jewish", "toxic");
        AuditTest.assertCell(jewish, 70, 68, 62, 10, 2);
        Estimate independent = Proportions.difference(62, 70, 2, 10);
        Estimate clustered = jewish.rateDifference();
        assertEquals(independent.value(), clustered.value(), EPS);
        assertTrue(jewish.designEffect() > 1, "document 40's 60 sentences are one cluster: " + jewish.designEffect());
        assertTrue(clustered.low() < independent.low() && clustered.high() > independent.high(),
                "clustered " + clustered + " is wider than independent " + independent);
        assertTrue(jewish.pValue() > GTest.twoByTwo(62, 70, 2, 10).pValue());
        // the jewish rate's 70 sentences are fewer than 10 effective units: document 40 is one cluster
        // of 60, whose residual (60 - 62/70 * 60) / 70 = 0.098 dominates the variance
        Estimate rate = jewish.targetGivenGroup();
        Estimate plain = Proportions.wilson(62, 70);
        assertTrue(rate.high() - rate.low() > 2 * (plain.high() - plain.low()), rate + " against " + plain);
        assertFalse(jewish.supported(), "below 10 effective group units");
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("document 40 holds 60 of the 62 sentences with a "
                + "jewish term and label toxic (97%)")), r.warnings().toString());
        assertEquals("sentence", r.axes().get(0).labelsSummary().unit());
        assertTrue(r.axes().get(0).labelsSummary().designEffect() > 1);
        assertTrue(r.intervals().get("clustering").startsWith("documents"), r.intervals().toString());
    }

    @Test
    void aOneGroupLexiconIsComparedWithTheBaseRateAndWithNoTermDocuments() throws IOException {
        AuditResult r = audit(jewishOnly, Scope.DOCUMENT, false);
        AuditCell c = AuditTest.cell(r.labels(), "jewish", "toxic");
        assertFalse(c.rateDifference().isDefined());
        assertEquals(CellStatistics.ONE_GROUP, c.rateDifference().undefined());
        // 11 jewish documents, 3 toxic; 29 without the term, 6 toxic; 9 of 40 toxic
        assertEquals(29, c.noneUnits());
        assertEquals(6, c.noneBothUnits());
        assertEquals(9.0 / 40, c.targetRate().value(), EPS);
        assertEquals(3.0 / 11 - 9.0 / 40, c.baseDifference().value(), EPS);
        Estimate complement = Proportions.difference(3, 11, 6, 29);
        assertEquals(complement.value(), c.noneDifference().value(), EPS, "the complement is the no-term documents");
        // 3/11 - 9/40 = (1 - 11/40) (3/11 - 6/29): the interval is the complement's scaled by 29/40
        assertEquals(29.0 / 40 * complement.low(), c.baseDifference().low(), EPS);
        assertEquals(29.0 / 40 * complement.high(), c.baseDifference().high(), EPS);
        assertEquals(Proportions.ratio(3, 11, 6, 29), c.noneRatio());
        AuditSummary s = r.axes().get(0).labelsSummary();
        assertEquals(CellStatistics.NO_TERM, s.comparison());
        // the group against the no-term documents, toxic and not: {{3, 8}, {6, 23}}, df 1 (not df 0)
        assertEquals(GTest.of(new long[][] {{3, 8}, {6, 23}}), s.independence());
        assertEquals(1, s.independence().df());
        assertEquals(c.noneDifference(), s.largestDifference(), "11 documents and 9 toxic ones: supported");
        assertEquals(c.baseDifference(), s.largestBaseDifference());
    }

    @Test
    void documentScopeNumbersAreTheIndependentOnes() throws IOException {
        AuditResult r = audit(religion, Scope.DOCUMENT, false);
        assertEquals("none: every unit is a document", r.intervals().get("clustering"));
        for (AuditCell c : r.labels()) {
            assertEquals(1, c.designEffect());
            assertEquals(Proportions.wilson(c.bothUnits(), c.groupUnits()), c.targetGivenGroup());
            assertEquals(Proportions.difference(c.bothUnits(), c.groupUnits(), c.comparisonBothUnits(),
                    c.comparisonUnits()), c.rateDifference());
            assertEquals(GTest.twoByTwo(c.bothUnits(), c.groupUnits(), c.comparisonBothUnits(), c.comparisonUnits())
                    .pValue(), c.pValue());
        }
    }
}
