package dev.debias.audit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.audit.Audit;
import dev.debias.audit.AuditCell;
import dev.debias.audit.AuditResult;
import dev.debias.audit.AuditSummary;
import dev.debias.audit.MinimumSupport;
import dev.debias.audit.Axis;
import dev.debias.audit.Targets;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.corpus.Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report.html}: self-contained, complete, and escaping every name it shows. */
class HtmlReportTest {
    @TempDir
    static Path shared;

    static AuditResult odd;
    static String html;
    /** 400 demo bios: every bio names one gender, so no unit holds both groups. */
    static AuditResult bios;

    @BeforeAll
    static void render() throws IOException {
        odd = AuditOutputsTest.oddNames(shared);
        html = HtmlReport.render(odd);
        bios = AuditOutputsTest.bios(shared.resolve("bios"), 400);
    }

    /** Audits one-line records (label "l") at document scope against {@code axis} and {@code targets}. */
    static AuditResult auditTexts(Path dir, String axis, String targets, String... texts) throws IOException {
        return auditTexts(dir, axis, targets, MinimumSupport.DEFAULT, texts);
    }

    static AuditResult auditTexts(Path dir, String axis, String targets, MinimumSupport support, String... texts)
            throws IOException {
        Files.createDirectories(dir);
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            records.add(AuditOutputsTest.rec(Integer.toString(i + 1), "l", "", texts[i]));
        }
        Path corpus = AuditOutputsTest.write(dir.resolve("c.jsonl"), records);
        try (CorpusIndex idx = AuditOutputsTest.index(corpus, dir.resolve("c.index"), AuditOutputsTest.LABELLED)) {
            return Audit.builder().setIndex(idx).addAxes(Axis.parse(axis, false))
                    .optTargets(Targets.parse(targets, false)).optMinimumSupport(support).build().run();
        }
    }

    /** The bar titles ("group / target") of the chart following the heading {@code title}, or none. */
    static List<String> bars(String page, String title) {
        int from = page.indexOf("<h3>" + title + "</h3>");
        assertTrue(from >= 0, "no section " + title);
        int next = page.indexOf("<h3>", from + 1);
        String section = page.substring(from, next < 0 ? page.length() : next);
        int svg = section.indexOf("<svg");
        List<String> out = new ArrayList<>();
        if (svg < 0) {
            return out;
        }
        Matcher m = Pattern.compile("<rect [^>]*><title>([^<]*?): ").matcher(section.substring(svg, section.indexOf("</svg>")));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void thePageFetchesNothing() {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String external : List.of("http://", "https://", "src=", "<link", "@import", "url(", "<iframe", "<img")) {
            assertFalse(lower.contains(external), "report.html contains " + external);
        }
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.strip().endsWith("</html>"));
        assertTrue(html.contains("<style>"), "inline CSS");
    }

    @Test
    void thePageHasTheSummaryTableChartsAndSortableTables() {
        assertTrue(html.contains("<h2>Summary</h2>"), "a summary section");
        // one summary row each: gender/terms, gender/labels, ground-truth gender/labels
        assertEquals(2, count(html, "<tr><td>gender</td><td>labels</td>"), "labels summaries of the axis and the column");
        assertEquals(1, count(html, "<tr><td>gender</td><td>terms</td>"));
        assertTrue(html.contains("<svg"), "a chart");
        assertTrue(html.contains("<table class=\"sortable\">"), "sortable tables");
        assertEquals(3, count(html, "<table class=\"sortable\">"), "term cells, label cells, ground-truth label cells");
        assertTrue(html.contains("th.addEventListener('click'"), "the sorting script is inline");
        assertTrue(html.contains("<h2>Axis gender</h2>"));
        assertTrue(html.contains("<h2>Ground-truth field gender</h2>"));
        assertTrue(html.contains("<h3>Lexicon axis gender against gender</h3>"), "the agreement table");
        assertTrue(html.contains("5 documents, 5 document units"), "the header names the corpus size");
        assertTrue(html.contains(odd.inputSha256()), "and the input hash");
    }

    @Test
    void namesWithMarkupAreEscapedEverywhere() {
        String script = AuditOutputsTest.SCRIPT_TARGET;
        assertFalse(html.contains(script), "the target name is never written raw");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "but escaped");
        // the one real script element is the sorting script at the end
        assertEquals(1, count(html, "<script"), "only the page's own script");
        assertTrue(html.indexOf("<script>") > html.lastIndexOf("</table>"));

        String label = AuditOutputsTest.ODD_LABEL;
        assertFalse(html.contains(label));
        assertFalse(html.contains("<x>"));
        assertTrue(html.contains("R&amp;D, &quot;lab&quot; &lt;x&gt;"), "the label escaped");

        assertFalse(html.contains(AuditOutputsTest.GHOST_TARGET), "the warning escapes the missing target");
        assertTrue(html.contains("&lt;b&gt;ghost&lt;/b&gt;"));
        assertTrue(html.contains("<div class=\"warn\">"));

        // every ampersand starts an entity
        Matcher m = Pattern.compile("&(?!(lt|gt|amp|quot|#39|ndash);)").matcher(html.replace("&&", ""));
        assertFalse(m.find(), () -> "a bare & near: " + html.substring(Math.max(0, m.start() - 40), m.start() + 40));
    }

    @Test
    void undefinedValuesAreShownAsDashesAndLeftOutOfTheChart() {
        // astronaut has no defined ratio nor PMI: its table cells show a dash with an empty sort key
        assertTrue(html.contains("<td class=\"n\" data-v=\"\">&ndash;</td>"), "an undefined value");
        String body = html.substring(0, html.indexOf("<script>"));
        assertFalse(body.contains("NaN"), "no NaN outside the sorting script");
        assertFalse(body.contains("null"));
        assertFalse(body.contains("Infinity"));
    }

    @Test
    void aTwoGroupAxisWhoseUnitsNeverHoldBothGroupsChartsTheFirstGroupOnly() {
        assertTrue(bios.groundTruth().get(0).agreement().get(0).documents().values().stream()
                .allMatch(row -> row.get(Audit.SEVERAL) == 0), "no bio names both genders");
        // the mirror the chart relies on: male's difference is minus female's, target by target
        for (AuditCell f : bios.labels().stream().filter(c -> c.group().equals("female")).toList()) {
            AuditCell m = bios.labels().stream().filter(c -> c.group().equals("male") && c.target().equals(f.target()))
                    .findFirst().orElseThrow();
            assertEquals(-f.rateDifference().value(), m.rateDifference().value(), 1e-12, f.target());
        }
        String page = HtmlReport.render(bios);
        List<String> bars = bars(page, "Labels by gender group");
        assertEquals(8, bars.size(), "one bar per occupation label: " + bars);
        assertTrue(bars.stream().allMatch(b -> b.startsWith("female / ")), bars.toString());
        assertTrue(page.contains("(female against male; the other group&#39;s bars mirror these)")
                || page.contains("(female against male; the other group's bars mirror these)"), "the chart says so");
    }

    @Test
    void aThreeGroupAxisChartsEveryGroup() throws IOException {
        Path lexicon = Files.writeString(shared.resolve("people.tsv"),
                "people\tfemale\tshe\npeople\tmale\the\npeople\tchild\tkid\n", StandardCharsets.UTF_8);
        AuditResult r = auditTexts(shared.resolve("three"), lexicon.toString(), "nurse,engineer",
                "She is a nurse.", "He is a nurse.", "The kid is an engineer.", "She is an engineer.",
                "He is an engineer.", "The kid met a nurse.", "She and the kid are engineers.");
        String page = HtmlReport.render(r);
        List<String> bars = bars(page, "Term targets by people group");
        assertEquals(6, bars.size(), bars.toString());
        for (String g : List.of("female", "male", "child")) {
            assertTrue(bars.stream().anyMatch(b -> b.startsWith(g + " / ")), g + " charted: " + bars);
        }
        assertFalse(page.contains("bars mirror these"), "no mirror note with three groups");
    }

    @Test
    void aTwoGroupAxisWhoseUnitsHoldBothGroupsChartsTheSummarysLargestDifference() throws IOException {
        // the corpus of AuditTest: records 1 and 6 name both genders
        // a corpus of 7 documents has no cell with the default support: every cell may headline here
        AuditResult r = auditTexts(shared.resolve("overlap"), "builtin:gender", "nurse,engineer",
                new MinimumSupport(0, 0), "She works as a nurse. He is an engineer.", "She is an engineer.", "He is a nurse.",
                "He is an engineer and he likes it.", "The weather is nice today.", "Her brother is a nurse.",
                "He smiled.");
        AuditCell female = r.cells().stream().filter(c -> c.group().equals("female") && c.target().equals("nurse"))
                .findFirst().orElseThrow();
        AuditCell male = r.cells().stream().filter(c -> c.group().equals("male") && c.target().equals("nurse"))
                .findFirst().orElseThrow();
        assertEquals(1.0 / 3, female.rateDifference().value(), 1e-12);
        assertEquals(0.6, male.rateDifference().value(), 1e-12, "not the mirror of female's");
        AuditSummary s = r.axes().get(0).termsSummary();
        // the headline is the largest |log-odds z|, here also the largest difference: male / nurse
        assertEquals("male", s.largestGroup());
        List<String> bars = bars(HtmlReport.render(r), "Term targets by gender group");
        assertTrue(bars.contains(s.largestGroup() + " / " + s.largestTarget()),
                "the summary's largest difference is charted: " + bars);
    }

    @Test
    void bigTablesShowTheMostSkewedRowsOnly() {
        int cells = (int) bios.cells().stream().filter(c -> c.axis().equals("gender")).count();
        assertTrue(cells > HtmlReport.TABLE_ROWS, "enough occupation cells: " + cells);
        String page = HtmlReport.render(bios);
        assertTrue(page.contains(HtmlReport.TABLE_ROWS + " of " + cells + " cells"), "says how many rows it shows");
        // bars per chart are capped too
        assertEquals(HtmlReport.CHART_BARS, bars(page, "Term targets by gender group").size());
        int from = page.indexOf("<h3>Term targets by gender group</h3>");
        String table = page.substring(page.indexOf("<table class=\"sortable\">", from), page.indexOf("</table>",
                page.indexOf("<table class=\"sortable\">", from)));
        assertEquals(HtmlReport.TABLE_ROWS, count(table, "<tr><td>"), "rows of the term table");
    }
}
