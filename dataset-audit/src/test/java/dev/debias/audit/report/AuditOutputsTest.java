package dev.debias.audit.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.audit.Audit;
import dev.debias.audit.AuditResult;
import dev.debias.audit.Axis;
import dev.debias.audit.Targets;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AuditOutputs#write}: the three files and their provenance sidecars. Also holds the audit
 * results the other report tests share (static helpers below).
 */
class AuditOutputsTest {
    /** A label with characters that CSV must quote and HTML must escape. */
    static final String ODD_LABEL = "R&D, \"lab\" <x>";
    /** A target group (from a term-list file) whose name is markup. */
    static final String SCRIPT_TARGET = "<script>alert(1)</script>";
    /** A target group that never occurs, whose name is markup too (it shows up in a warning). */
    static final String GHOST_TARGET = "<b>ghost</b>";

    static final ReadOptions LABELLED = ReadOptions.defaults().withFields(
            FieldMapping.DEFAULT.withIdField("id").withLabelField("label").withGroupFields(List.of("gender")));

    @TempDir
    static Path shared;

    static AuditResult odd;

    @TempDir
    Path dir;

    @BeforeAll
    static void audit() throws IOException {
        odd = oddNames(shared);
    }

    @Test
    void writesTheThreeFilesEachWithAProvenanceSidecar() throws IOException {
        Path out = dir.resolve("nested/out");
        List<Path> written = AuditOutputs.write(odd, out);
        assertEquals(List.of(out.resolve("audit.json"), out.resolve("audit.csv"), out.resolve("report.html")), written);
        Set<String> names;
        try (Stream<Path> s = Files.list(out)) {
            names = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        assertEquals(Set.of("audit.json", "audit.csv", "report.html", "audit.json.provenance.json",
                "audit.csv.provenance.json", "report.html.provenance.json"), names);
        assertEquals(AuditJson.toJson(odd), Files.readString(out.resolve(AuditOutputs.JSON), StandardCharsets.UTF_8));
        assertEquals(AuditCsv.toCsv(odd), Files.readString(out.resolve(AuditOutputs.CSV), StandardCharsets.UTF_8));
        assertEquals(HtmlReport.render(odd), Files.readString(out.resolve(AuditOutputs.HTML), StandardCharsets.UTF_8));
    }

    @Test
    void eachSidecarHashesItsFileAndRecordsTheInputAndConfig() throws IOException {
        for (Path p : AuditOutputs.write(odd, dir)) {
            ArtifactProvenance prov = ArtifactProvenance.read(ArtifactProvenance.sidecarOf(p));
            assertEquals("audit", prov.operation(), p.toString());
            assertEquals(Hashing.sha256(p), prov.outputSha256(), p + " hash");
            assertEquals(Map.of("odd.jsonl", odd.inputSha256()), prov.inputs(), p.toString());
            assertEquals(odd.config(), prov.config(), p.toString());
            assertEquals(-1, prov.records());
        }
    }

    @Test
    void writingAgainReplacesTheFilesWithTheSameBytes() throws IOException {
        AuditOutputs.write(odd, dir);
        byte[] json = Files.readAllBytes(dir.resolve("audit.json"));
        byte[] sidecar = Files.readAllBytes(dir.resolve("report.html.provenance.json"));
        Files.writeString(dir.resolve("audit.csv"), "stale");
        AuditOutputs.write(odd, dir);
        assertArrayEquals(json, Files.readAllBytes(dir.resolve("audit.json")));
        assertArrayEquals(sidecar, Files.readAllBytes(dir.resolve("report.html.provenance.json")),
                "no time stamps: the same result gives the same sidecar");
        assertEquals(AuditCsv.toCsv(odd), Files.readString(dir.resolve("audit.csv")));
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> !p.getFileName().toString().startsWith("audit.")
                    && !p.getFileName().toString().startsWith("report.")), "no temporary files left behind");
        }
    }

    @Test
    void theResultHasTheOddNamesTheOtherTestsRelyOn() {
        assertTrue(odd.cells().stream().anyMatch(c -> c.target().equals(SCRIPT_TARGET)), odd.cells().toString());
        assertTrue(odd.labels().stream().anyMatch(c -> c.target().equals(ODD_LABEL)), odd.labels().toString());
        assertTrue(odd.warnings().stream().anyMatch(w -> w.contains(GHOST_TARGET)), odd.warnings().toString());
        assertEquals(2 * 4, odd.cells().size(), "2 groups x 4 targets");
        // a binary label reports its positive label only: the minority, ODD_LABEL (2 of 5 documents, ops 3)
        assertEquals(ODD_LABEL, odd.positiveLabel());
        assertEquals(2, odd.labels().size(), "2 groups x the positive label");
        assertEquals(2, odd.groundTruth().get(0).labels().size(), "values F, M x the positive label");
    }

    // ---- shared fixtures ----

    /**
     * Five records audited at document scope against the gender axis, the term-list targets
     * {@link #SCRIPT_TARGET} (nurse, nurses) and {@link #GHOST_TARGET} (zeppelin, never present) and the
     * literal targets pilot and astronaut (never present); labels {@link #ODD_LABEL} and ops;
     * ground-truth column gender (F, M).
     */
    static AuditResult oddNames(Path dir) throws IOException {
        Path corpus = write(dir.resolve("odd.jsonl"), List.of(
                rec("1", ODD_LABEL, "F", "She is a nurse."),
                rec("2", "ops", "M", "He is a nurse."),
                rec("3", "ops", "M", "He is a pilot."),
                rec("4", ODD_LABEL, "F", "She is a pilot and he is not."),
                rec("5", "ops", "F", "Her nurses met.")));
        Path terms = Files.writeString(dir.resolve("targets.tsv"),
                "occ\t" + SCRIPT_TARGET + "\tnurse\nocc\t" + SCRIPT_TARGET + "\tnurses\nocc\t" + GHOST_TARGET
                        + "\tzeppelin\n",
                StandardCharsets.UTF_8);
        try (CorpusIndex idx = index(corpus, dir.resolve("odd.index"), LABELLED)) {
            return Audit.builder().setIndex(idx).addAxes(Axis.parse("builtin:gender", false))
                    .optTargets(Targets.parse(terms + ",pilot,astronaut", false)).optScope(Scope.DOCUMENT)
                    .optConfig("input", "odd.jsonl").build().run();
        }
    }

    /** {@code n} demo bios with cooccurrence 0.9, audited against every built-in occupation at document scope. */
    static AuditResult bios(Path dir, int n) throws IOException {
        Path corpus = dir.resolve("bios.jsonl");
        try (RecordWriter w = CorpusWriters.open(corpus, WriteOptions.defaults())) {
            BiosGenerator.builder().setCount(n).optCooccurrence(0.9).optSeed(3).build().writeTo(w, ProgressListener.NONE);
            w.commit();
        }
        ReadOptions read = ReadOptions.defaults().withFields(
                FieldMapping.DEFAULT.withLabelField("label").withGroupFields(List.of("gender")));
        try (CorpusIndex idx = index(corpus, dir.resolve("bios.index"), read)) {
            return Audit.builder().setIndex(idx).addAxes(Axis.parse("builtin:gender", false))
                    .optTargets(Targets.parse("builtin:occupations", false)).build().run();
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
}
