package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.audit.AuditResult;
import dev.debias.audit.report.AuditJson;
import dev.debias.core.ProgressListener;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import dev.debias.demo.BiosGenerator;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debias audit} and {@code debias audit show}, in process, always with {@code --index} in a temp dir. */
class AuditCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 300 demo bios (label, gender), written once. */
    @TempDir
    static Path shared;

    static Path bios;
    /** An index of {@link #bios} built by one audit run, for the show tests. */
    static Path biosIndex;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        List<String> lines() {
            return Arrays.asList(out.split("\n"));
        }
    }

    static Run debias(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString().replace("\r\n", "\n"), err.toString().replace("\r\n", "\n"));
    }

    static Path writeBios(Path file, int n, long seed) throws IOException {
        try (RecordWriter w = CorpusWriters.open(file, WriteOptions.defaults())) {
            BiosGenerator.builder().setCount(n).optCooccurrence(0.9).optSeed(seed).build().writeTo(w, ProgressListener.NONE);
            w.commit();
        }
        return file;
    }

    @BeforeAll
    static void corpus() throws IOException {
        bios = writeBios(shared.resolve("bios.jsonl"), 300, 1);
        biosIndex = shared.resolve("bios.index");
        Run r = debias("audit", bios.toString(), "--label-field", "label", "--group-field", "gender", "--index",
                biosIndex.toString(), "--top", "0");
        assertEquals(ExitCodes.OK, r.code(), r.err());
    }

    private String[] audit(Path index, String... more) {
        List<String> args = new ArrayList<>(List.of("audit", bios.toString(), "--label-field", "label", "--group-field",
                "gender", "--index", index.toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void auditPrintsTheAxisGroupsAndSummariesAndWritesTheThreeFiles() throws IOException {
        Path out = dir.resolve("out");
        Path index = dir.resolve("index");
        Run r = debias(audit(index, "--out", out.toString()));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> lines = r.lines();
        assertEquals("bios.jsonl: 300 documents, 300 document units (index " + index + ")", lines.get(0));
        assertTrue(r.out().contains("\naxis gender (") && r.out().contains(" terms from builtin:gender):\n"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  female +\\d+ units +\\d+ exclusive  top terms: \\[she.*")),
                r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  male +\\d+ units +\\d+ exclusive  top terms: \\[he.*")),
                r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  labels per document: headline (largest log-odds z "
                + "among supported cells) ") && l.contains(" against the base rate")
                && l.contains("16 of 16 cells clear of 0") && l.contains("G-test G=")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  terms per document: ")), r.out());
        assertTrue(r.out().contains("vs base rate [95%]") && r.out().contains("vs no term [95%]"), r.out());
        assertTrue(r.out().contains("\nground-truth field gender: values [female, male]\n"), r.out());
        assertTrue(r.out().contains("  agreement with lexicon axis gender: 1.000 ["), r.out());
        assertTrue(r.out().contains("wrote " + out.resolve("audit.json") + ", " + out.resolve("audit.csv") + ", "
                + out.resolve("report.html")), r.out());
        assertTrue(r.err().contains("warning: ") && r.err().contains("targets never occur in the corpus"), r.err());
        for (String f : List.of("audit.json", "audit.csv", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
            assertTrue(Files.exists(out.resolve(f + ".provenance.json")), f + " sidecar");
        }
        AuditResult result = AuditJson.read(out.resolve("audit.json"));
        assertEquals(300, result.documents());
        assertEquals("document", result.scope());
        assertEquals("bios.jsonl", result.config().get("input"));
        assertEquals(16, result.labels().size(), "2 groups x 8 occupations");
        assertTrue(Files.isDirectory(index), "the index went where --index said");
    }

    @Test
    void aSecondRunReusesTheIndexAndAChangedInputRebuildsIt() throws IOException {
        Path corpus = writeBios(dir.resolve("b.jsonl"), 120, 5);
        Path index = dir.resolve("index");
        String[] args = {"audit", corpus.toString(), "--label-field", "label", "--index", index.toString(), "--top", "0"};
        Run first = debias(args);
        assertEquals(ExitCodes.OK, first.code(), first.err());
        assertEquals("b.jsonl: 120 documents, 120 document units (index " + index + ")", first.lines().get(0));

        Run second = debias(args);
        assertEquals(ExitCodes.OK, second.code(), second.err());
        assertEquals("b.jsonl: 120 documents, 120 document units (index " + index + ", reused)", second.lines().get(0));
        assertEquals(first.out().substring(first.out().indexOf('\n')), second.out().substring(second.out().indexOf('\n')),
                "the same numbers from the reused index");

        writeBios(corpus, 130, 5);
        Run third = debias(args);
        assertEquals(ExitCodes.OK, third.code(), third.err());
        assertEquals("b.jsonl: 130 documents, 130 document units (index " + index + ")", third.lines().get(0),
                "a changed input is indexed again");

        Run unlabelled = debias("audit", corpus.toString(), "--index", index.toString(), "--top", "0");
        assertEquals(ExitCodes.OK, unlabelled.code(), unlabelled.err());
        assertFalse(unlabelled.lines().get(0).contains("reused"), "other read settings need another index");
        assertFalse(unlabelled.out().contains("  labels: "), "and this one has no labels: " + unlabelled.out());

        Run rebuilt = debias(audit(dir.resolve("index2"), "--top", "0"));
        assertFalse(rebuilt.lines().get(0).contains("reused"));
        Run forced = debias(audit(dir.resolve("index2"), "--top", "0", "--rebuild"));
        assertEquals(ExitCodes.OK, forced.code(), forced.err());
        assertFalse(forced.lines().get(0).contains("reused"), "--rebuild rebuilds: " + forced.lines().get(0));
    }

    @Test
    void windowScopeWorks() throws IOException {
        Path out = dir.resolve("out");
        Run r = debias(audit(dir.resolve("index"), "--scope", "window:3", "--out", out.toString(), "--top", "2"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        Matcher m = Pattern.compile("^bios\\.jsonl: 300 documents, (\\d+) window:3 units \\(index ").matcher(r.out());
        assertTrue(m.find(), r.lines().get(0));
        assertTrue(Long.parseLong(m.group(1)) > 300 * 10, "many windows per bio: " + m.group(1));
        AuditResult result = AuditJson.read(out.resolve("audit.json"));
        assertEquals("window:3", result.scope());
        assertEquals(Long.parseLong(m.group(1)), result.units());

        Run sentence = debias(audit(dir.resolve("index"), "--scope", "sentence", "--top", "0"));
        assertEquals(ExitCodes.OK, sentence.code(), sentence.err());
        assertTrue(sentence.lines().get(0).matches("bios\\.jsonl: 300 documents, \\d+ sentence units \\(index .*, reused\\)"),
                "the index serves every scope: " + sentence.lines().get(0));
    }

    @Test
    void anUnknownScopeFailsListingTheValidOnes() {
        Run r = debias(audit(dir.resolve("index"), "--scope", "bogus"));
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("unknown scope 'bogus'"), r.err());
        assertTrue(r.err().contains("document, sentence or window:N"), r.err());
        Run zero = debias(audit(dir.resolve("index"), "--scope", "window:0"));
        assertEquals(ExitCodes.BAD_INPUT, zero.code(), zero.err());
        assertFalse(Files.exists(dir.resolve("index")), "nothing indexed before the scope is checked");
    }

    @Test
    void anUnknownBuiltinAxisFailsNamingIt() {
        Run r = debias(audit(dir.resolve("index"), "--axis", "builtin:nope"));
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("builtin:nope"), r.err());
        assertTrue(r.err().contains("builtin:gender"), "lists the built-ins: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void anAxisWithNoTermInTheCorpusFailsNamingIt() throws IOException {
        Path lexicon = Files.writeString(dir.resolve("kin.tsv"), "kin\taunt\taunt\nkin\tuncle\tuncle\n");
        Run r = debias(audit(dir.resolve("index"), "--axis", lexicon.toString()));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("axis kin"), r.err());
    }

    @Test
    void auditWithoutAnInputFails() {
        Run r = debias("audit");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("Missing required parameter"), r.err());
        assertTrue(r.err().contains("INPUT"), r.err());
        Run missing = debias("audit", dir.resolve("nope.jsonl").toString(), "--index", dir.resolve("i").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("nope.jsonl"), missing.err());
    }

    @Test
    void anEmptyCorpusOrAMissingLabelFailsNamingTheFile() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        Run r = debias("audit", empty.toString(), "--index", dir.resolve("i1").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("empty.jsonl"), r.err());
        Path unlabelled = Files.writeString(dir.resolve("unlabelled.jsonl"),
                "{\"text\":\"She is a nurse.\",\"label\":\"a\"}\n{\"text\":\"He is a nurse.\"}\n");
        Run u = debias("audit", unlabelled.toString(), "--label-field", "label", "--index", dir.resolve("i2").toString());
        assertEquals(ExitCodes.BAD_INPUT, u.code(), u.out());
        assertTrue(u.err().contains("unlabelled.jsonl:2"), "names the record's line: " + u.err());
        assertTrue(u.err().contains("label"), u.err());
        // the failed build leaves nothing that blocks the next one
        Files.writeString(unlabelled, "{\"text\":\"She is a nurse.\",\"label\":\"a\"}\n");
        Run fixed = debias("audit", unlabelled.toString(), "--label-field", "label", "--index",
                dir.resolve("i2").toString(), "--top", "0");
        assertEquals(ExitCodes.OK, fixed.code(), fixed.err());
    }

    @Test
    void anIndexReusedForACopyOfTheInputNamesTheCopyInEveryOutput() throws IOException {
        // biosIndex was built from bios.jsonl; copy.jsonl has the same bytes, so the index is reused
        Path copy = Files.copy(bios, dir.resolve("copy.jsonl"));
        Path out = dir.resolve("out");
        Run r = debias("audit", copy.toString(), "--label-field", "label", "--group-field", "gender", "--index",
                biosIndex.toString(), "--top", "0", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("copy.jsonl: 300 documents, 300 document units (index " + biosIndex + ", reused)", r.lines().get(0));
        AuditResult result = AuditJson.read(out.resolve("audit.json"));
        assertEquals("copy.jsonl", result.source());
        assertEquals("copy.jsonl", result.config().get("input"));
        for (String f : List.of("audit.json", "audit.csv", "report.html")) {
            JsonNode prov = JSON.readTree(out.resolve(f + ".provenance.json").toFile());
            List<String> inputs = new ArrayList<>();
            prov.get("inputs").fieldNames().forEachRemaining(inputs::add);
            assertEquals(List.of("copy.jsonl"), inputs, f + ": " + prov);
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("Co-occurrence audit of copy.jsonl"));
        assertFalse(Files.readString(out.resolve("report.html")).contains("bios.jsonl"));
    }

    @Test
    void anAuditThatFailsOnBadInputLeavesNoIndexFolder() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\":\"She is a nurse.\"}\n{\"text\": \n");
        Path index = dir.resolve("idx/bad.index");
        Run r = debias("audit", bad.toString(), "--index", index.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("bad.jsonl:2"), r.err());
        try (var s = Files.list(dir)) {
            assertEquals(List.of("bad.jsonl"), s.map(p -> p.getFileName().toString()).toList(),
                    "no index folder, no write.lock, no temporary files");
        }
    }

    @Test
    void leftoversOfAKilledAuditDoNotBlockTheRerunNorARebuild() throws IOException {
        // what a killed audit left: earlier versions, segment files in the index folder itself and no commit
        // (the reported "the directory is not empty and holds no debias index"); this one, a build folder
        // and a lock file beside it
        Path index = Files.createDirectories(dir.resolve("cache/index/0123456789abcdef"));
        for (String f : List.of("_0.fdt", "_0.fdm", "_0_Lucene101_0.tim", "write.lock")) {
            Files.writeString(index.resolve(f), "partial");
        }
        Path building = Files.createDirectories(index.resolveSibling(".0123456789abcdef.building-4242-abcd"));
        Files.writeString(building.resolve("_1.si"), "partial");
        Files.writeString(index.resolveSibling(".0123456789abcdef.lock"), "4242");
        Run rebuilt = debias(audit(index, "--top", "0", "--rebuild"));
        assertEquals(ExitCodes.OK, rebuilt.code(), rebuilt.err());
        assertEquals("bios.jsonl: 300 documents, 300 document units (index " + index + ")", rebuilt.lines().get(0));
        Run again = debias(audit(index, "--top", "0"));
        assertEquals(ExitCodes.OK, again.code(), again.err());
        assertTrue(again.lines().get(0).endsWith(", reused)"), again.lines().get(0));
        try (var s = Files.list(index.getParent())) {
            assertEquals(List.of("0123456789abcdef"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aKilledCachedAuditIsRerunAndASecondStartMeanwhileIsRefused() throws Exception {
        // the reported run: debias audit under $DEBIAS_CACHE, killed while indexing, in a child JVM
        Path corpus = writeBios(dir.resolve("big.jsonl"), 6000, 9);
        Path cache = dir.resolve("cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "audit", corpus.toString(), "--label-field",
                "label", "--group-field", "gender", "--threads", "1", "--top", "0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        pb.environment().put("DEBIAS_CACHE", cache.toString());
        Process child = pb.start();
        Path entries = cache.resolve("index");
        Path index = null;
        Run second;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (index == null && child.isAlive() && System.nanoTime() < deadline) {
                if (Files.isDirectory(entries)) {
                    try (var s = Files.list(entries)) {
                        index = s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".building-")).findFirst()
                                .map(n -> entries.resolve(n.substring(1, n.indexOf(".building-")))).orElse(null);
                    }
                }
                Thread.sleep(5);
            }
            assertTrue(index != null && child.isAlive(), "the child is indexing:\n"
                    + Files.readString(dir.resolve("child.log")));
            second = debias("audit", corpus.toString(), "--label-field", "label", "--group-field", "gender", "--index",
                    index.toString(), "--top", "0");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(ExitCodes.BAD_INPUT, second.code(), second.out());
        assertTrue(second.err().contains(index + ": another process (pid " + child.pid() + ") is building this index"),
                second.err());
        assertTrue(second.err().contains("--index"), "the setting is the flag: " + second.err());
        assertFalse(Files.exists(index), "nothing was published");

        Run rebuilt = debias("audit", corpus.toString(), "--label-field", "label", "--group-field", "gender", "--index",
                index.toString(), "--top", "0", "--rebuild");
        assertEquals(ExitCodes.OK, rebuilt.code(), rebuilt.err());
        assertEquals("big.jsonl: 6000 documents, 6000 document units (index " + index + ")", rebuilt.lines().get(0));
        Run reused = debias("audit", corpus.toString(), "--label-field", "label", "--group-field", "gender", "--index",
                index.toString(), "--top", "0");
        assertEquals(ExitCodes.OK, reused.code(), reused.err());
        assertEquals(rebuilt.out().substring(rebuilt.out().indexOf('\n')),
                reused.out().substring(reused.out().indexOf('\n')));
        try (var s = Files.list(entries)) {
            assertEquals(List.of(index.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList(),
                    "the killed build's folder and lock are gone");
        }
    }

    @Test
    void skippedRecordsAreReportedAsAWarning() throws IOException {
        Path corpus = Files.writeString(dir.resolve("some-bad.jsonl"),
                "{\"text\":\"She is a nurse.\",\"label\":\"a\"}\n{\"text\":\"He is a nurse.\"}\nnot json\n"
                        + "{\"text\":\"He is an engineer.\",\"label\":\"b\"}\n");
        Run r = debias("audit", corpus.toString(), "--label-field", "label", "--skip-invalid", "--index",
                dir.resolve("index").toString(), "--targets", "nurse,engineer", "--top", "0");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.err().contains("warning: 2 invalid records of some-bad.jsonl were skipped while indexing"), r.err());
        assertTrue(r.lines().get(0).startsWith("some-bad.jsonl: 2 documents, 2 document units"), r.lines().get(0));
    }

    @Test
    void aOneGroupLexiconIsComparedWithUnitsWithoutItsTerms() throws IOException {
        Path lexicon = Files.writeString(dir.resolve("solo.tsv"), "solo\tfemale\tshe\nsolo\tfemale\ther\n");
        Run r = debias(audit(dir.resolve("index"), "--axis", lexicon.toString(), "--targets", "nurse", "--top", "0"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> summaries = r.lines().stream().filter(l -> l.contains("G-test")).toList();
        assertEquals(3, summaries.size(), r.out());
        for (String l : summaries.subList(0, 2)) {
            assertTrue(l.contains(" against no term of the axis, ") || l.contains("no headline ("), l);
            assertFalse(l.contains("null") || l.contains("df=0"), "a one-group axis is tested against no-term units: " + l);
        }
    }

    @Test
    void thePositiveLabelAndTheLabelScopeAreFlags() throws IOException {
        Path out = dir.resolve("out");
        Run r = debias(audit(dir.resolve("index"), "--targets", "none", "--positive-label", "nurse", "--scope",
                "sentence", "--label-scope", "unit", "--min-support", "3", "--dominance", "0.5", "--out",
                out.toString()));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("label tables count sentence units; positive label nurse\n"), r.out());
        assertTrue(r.out().contains("intervals and tests clustered by document ("), r.out());
        assertTrue(r.out().contains("  labels per sentence: "), r.out());
        AuditResult result = AuditJson.read(out.resolve("audit.json"));
        assertEquals(2, result.labels().size(), "female and male x the positive label");
        assertTrue(result.labels().stream().allMatch(c -> c.target().equals("nurse")), result.labels().toString());
        assertEquals("3,5", result.config().get("min_support"));
        assertEquals("0.5", result.config().get("dominance_share"));
    }

    @Test
    void badValuesOfTheNewFlagsSayWhatTheyTake() {
        Run scope = debias(audit(dir.resolve("index"), "--label-scope", "sentence"));
        assertEquals(ExitCodes.BAD_INPUT, scope.code(), scope.out());
        assertTrue(scope.err().contains("--label-scope must be document or unit"), scope.err());
        Run support = debias(audit(dir.resolve("index"), "--min-support", "1,2,3"));
        assertEquals(ExitCodes.BAD_INPUT, support.code(), support.out());
        assertTrue(support.err().contains("--min-support takes G or G,T"), support.err());
        Run label = debias(audit(dir.resolve("index"), "--positive-label", "astronaut"));
        assertEquals(ExitCodes.BAD_INPUT, label.code(), label.out());
        assertTrue(label.err().contains("--positive-label"), "the setting is named by its flag: " + label.err());
        Run share = debias(audit(dir.resolve("index"), "--dominance", "0"));
        assertEquals(ExitCodes.BAD_INPUT, share.code(), share.out());
        assertTrue(share.err().contains("--dominance"), share.err());
    }

    @Test
    void aBadPriorStrengthFails() {
        Run r = debias(audit(dir.resolve("index"), "--prior-strength", "0"));
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("prior strength"), r.err());
    }

    @Test
    void targetsNoneAndTopZeroPrintSummariesOnly() {
        Run r = debias(audit(dir.resolve("index"), "--targets", "none", "--top", "0"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("  labels per document: "), r.out());
        assertFalse(r.out().contains("  terms per document: "), "no term targets: " + r.out());
        assertFalse(r.out().contains("P(t|group)"), "--top 0: no tables");
        assertFalse(r.err().contains("never occur"), r.err());

        Run top = debias(audit(dir.resolve("index"), "--targets", "nurse,surgeon", "--top", "2"));
        assertEquals(ExitCodes.OK, top.code(), top.err());
        // one table for labels and one for targets per axis, one for the ground-truth labels, 2 rows each
        assertEquals(3, top.lines().stream().filter(l -> l.contains("P(t|group)")).count(), top.out());
        assertTrue(top.lines().stream().anyMatch(l -> l.matches("  (fe)?male +(nurse|surgeon) +\\d+ .*")), top.out());
    }

    @Test
    void showPrintsHighlightedPassagesOfDocumentsWithBoth() {
        Run r = debias("audit", "show", "--index", biosIndex.toString(), "--group", "female", "--target", "nurse",
                "--limit", "2");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> headers = r.lines().stream().filter(l -> l.matches("record \\d+, label \\S.*, document:")).toList();
        assertEquals(2, headers.size(), r.out());
        List<String> passages = r.lines().stream().filter(l -> l.startsWith("  ")).toList();
        assertEquals(2, passages.size(), r.out());
        Set<String> female = Lexicons.terms("builtin:gender").terms("gender", "female", true).stream()
                .map(LexiconTerm::key).collect(Collectors.toSet());
        Pattern marked = Pattern.compile("\\[([^\\[\\]]+)\\]");
        for (String p : passages) {
            List<String> words = new ArrayList<>();
            for (Matcher m = marked.matcher(p); m.find(); ) {
                words.add(m.group(1).toLowerCase(Locale.ROOT));
            }
            assertTrue(words.contains("nurse") || words.contains("nurses"), "the target is highlighted: " + p);
            assertTrue(words.stream().anyMatch(female::contains), "a female term is highlighted: " + p);
            assertTrue(words.stream().allMatch(w -> female.contains(w) || w.equals("nurse") || w.equals("nurses")),
                    "only the group's and the target's terms are highlighted: " + words);
        }
    }

    @Test
    void showFindsLabelsAndSentencesToo() {
        Run r = debias("audit", "show", "--index", biosIndex.toString(), "--group", "male", "--label", "nurse",
                "--scope", "sentence", "--limit", "3", "--passages", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> headers = r.lines().stream().filter(l -> l.startsWith("record ")).toList();
        assertFalse(headers.isEmpty(), "10% of the nurse bios are male: " + r.out());
        assertTrue(headers.size() <= 3);
        for (String h : headers) {
            assertTrue(h.matches("record \\d+, label nurse, sentence \\d+:"), h);
        }
        Run none = debias("audit", "show", "--index", biosIndex.toString(), "--group", "female", "--target",
                "zeppelin");
        assertEquals(ExitCodes.OK, none.code(), none.err());
        assertEquals("no document holds both female and zeppelin", none.out().strip());
    }

    @Test
    void showListsRecordsInInputOrderWhateverTheIndexingThreads() throws IOException {
        Path corpus = writeBios(dir.resolve("many.jsonl"), 3000, 2);
        List<List<String>> shown = new ArrayList<>();
        for (String threads : List.of("1", "4")) {
            Path index = dir.resolve("index" + threads);
            Run build = debias("audit", corpus.toString(), "--label-field", "label", "--index", index.toString(),
                    "--threads", threads, "--top", "0", "--targets", "none");
            assertEquals(ExitCodes.OK, build.code(), build.err());
            Run r = debias("audit", "show", "--index", index.toString(), "--group", "female", "--target", "nurse",
                    "--limit", "40", "--passages", "1");
            assertEquals(ExitCodes.OK, r.code(), r.err());
            List<String> records = r.lines().stream().filter(l -> l.startsWith("record ")).toList();
            assertEquals(40, records.size(), r.out());
            List<Integer> numbers = records.stream().map(l -> Integer.parseInt(l.replaceAll("^record (\\d+),.*", "$1")))
                    .toList();
            List<Integer> sorted = new ArrayList<>(numbers);
            sorted.sort(null);
            assertEquals(sorted, numbers, threads + " threads: records in input order");
            shown.add(records);
        }
        assertEquals(shown.get(0), shown.get(1), "the same records whatever the indexing threads");
    }

    @Test
    void showRejectsBothOrNeitherOfTargetAndLabel() {
        Run both = debias("audit", "show", "--index", biosIndex.toString(), "--group", "female", "--target", "nurse",
                "--label", "nurse");
        assertEquals(ExitCodes.BAD_INPUT, both.code());
        assertTrue(both.err().contains("exactly one of --target and --label"), both.err());
        Run neither = debias("audit", "show", "--index", biosIndex.toString(), "--group", "female");
        assertEquals(ExitCodes.BAD_INPUT, neither.code());
        assertTrue(neither.err().contains("exactly one of --target and --label"), neither.err());
    }

    @Test
    void showRejectsAnUnknownGroupListingTheKnownOnes() {
        Run r = debias("audit", "show", "--index", biosIndex.toString(), "--group", "nobody", "--target", "nurse");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("unknown group 'nobody'"), r.err());
        assertTrue(r.err().contains("[female, male]"), r.err());
    }

    @Test
    void showNeedsAnIndexOrAnInput() {
        Run r = debias("audit", "show", "--group", "female", "--target", "nurse");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("--index"), r.err());
        Run missing = debias("audit", "show", "--index", dir.resolve("absent").toString(), "--group", "female",
                "--target", "nurse");
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("no such index directory"), missing.err());
        Run bad = debias("audit", "show", "--index", biosIndex.toString(), "--group", "female", "--target", "nurse",
                "--limit", "0");
        assertEquals(ExitCodes.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("--limit"), bad.err());
    }

    @Test
    void showByLabelNeedsAnIndexWithLabels() throws IOException {
        Path index = dir.resolve("plain.index");
        Run build = debias("audit", bios.toString(), "--index", index.toString(), "--top", "0");
        assertEquals(ExitCodes.OK, build.code(), build.err());
        Run r = debias("audit", "show", "--index", index.toString(), "--group", "female", "--label", "nurse");
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("no label field"), r.err());
    }

    @Test
    void benchAuditFindsEqualCountsFromIndexAndScan() throws IOException {
        Path work = dir.resolve("bench");
        Run r = debias("bench", "audit", "--documents", "3000", "--repeats", "1", "--work-dir", work.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        List<String> lines = r.lines();
        JsonNode json = JSON.readTree(lines.get(lines.size() - 1));
        assertEquals("audit", json.get("stage").asText());
        JsonNode facts = json.get("facts");
        assertTrue(facts.get("document_counts_equal").asBoolean(), facts.toString());
        assertTrue(facts.get("sentence_counts_equal").asBoolean(), facts.toString());
        assertEquals(3000, facts.get("documents").asInt());
        assertEquals(3000, facts.get("document_units").asInt());
        assertTrue(facts.get("sentence_units").asInt() > 3000, facts.toString());
        assertTrue(r.out().contains("document_counts_equal"), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("document_counts_equal +true")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("sentence_counts_equal +true")), r.out());
        try (var s = Files.list(work)) {
            assertEquals(0, s.count(), "the corpus and index are deleted afterwards");
        }
    }

    /** Eight people with a gender and a race term or not; see IntersectionAuditTest in dataset-audit. */
    private Path people() throws IOException {
        String[] texts = {"She is a nigerian nurse.", "She is a nigerian engineer.", "She is a swede and a nurse.",
            "He is a nigerian nurse.", "He is a swede engineer.", "He is a swede and she is a nigerian nurse.",
            "She is a nurse.", "The swede is an engineer."};
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            jsonl.append("{\"id\":\"").append(i + 1).append("\",\"text\":\"").append(texts[i]).append("\"}\n");
        }
        return Files.writeString(dir.resolve("people.jsonl"), jsonl);
    }

    @Test
    void intersectAuditsTheCellsOfTwoAxesAndWritesThem() throws IOException {
        Path lexicon = Files.writeString(dir.resolve("people.tsv"),
                "gender\tfemale\tshe\ngender\tmale\the\nrace\tblack\tnigerian\nrace\twhite\tswede\n");
        Path out = dir.resolve("out");
        Run r = debias("audit", people().toString(), "--index", dir.resolve("index").toString(), "--axis",
                lexicon.toString(), "--targets", "nurse,engineer", "--intersect", "gender,race", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("\nintersection gender+race (6 units in a cell):\n"), r.out());
        // docs 1, 2, 6 hold she and nigerian; doc 6 holds every term, so 1 and 2 are exclusive to the cell
        assertTrue(r.lines().stream().anyMatch(l -> l.matches("  female\\+black +3 units +2 exclusive")), r.out());
        assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("  terms per document: no headline (no cell with a "
                + "defined comparison has the minimum support)")), r.out());
        assertFalse(r.err().contains("cells hold no unit"), r.err());
        JsonNode x = JSON.readTree(out.resolve("audit.json").toFile()).get("intersections").get(0);
        assertEquals("gender+race", x.get("axis").asText());
        assertEquals(4, x.get("groups").size());
        assertEquals(8, x.get("cells").size());
        assertEquals("female+black", x.get("cells").get(0).get("group").asText());
        assertTrue(Files.readString(out.resolve("report.html")).contains(">Intersection gender+race</h2>"));
        assertTrue(Files.readString(out.resolve("audit.csv")).contains("\nintersection_terms,gender+race,female+black,"
                + "nurse,3,5,2,3,2,"));
    }

    @Test
    void anIntersectionOfAnAxisNotAuditedFailsNamingItAndTheFlag() throws IOException {
        Run r = debias("audit", people().toString(), "--index", dir.resolve("index").toString(), "--intersect",
                "gender,race");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.out());
        assertTrue(r.err().contains("--intersect [gender, race] names 'race', which is not an audited axis: the axes "
                + "are [gender] (add one with --axis)"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void helpExplainsAuditAndShowWithExamples() {
        Run r = debias("audit", "--help");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("debias audit bios.jsonl"), r.out());
        assertTrue(r.out().contains("--scope"), r.out());
        Run show = debias("audit", "show", "--help");
        assertEquals(ExitCodes.OK, show.code());
        assertTrue(show.out().contains("debias audit show --index"), show.out());
        assertNotEquals(r.out(), show.out());
    }
}
