package dev.debias.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit on the religion and race axes of the built-in lexicons: label tables worked out by hand. */
class ReligionRaceAuditTest {
    @TempDir
    Path dir;

    /*
     * Labels by document, with the groups the built-in lexicons find:
     * r1 toxic  "Muslims are the problem."            muslim
     * r2 toxic  "The mosque should close."             muslim (a place of worship)
     * r3 ok     "A Christian charity fed Muslims."     christian and muslim
     * r4 ok     "The church choir sang."               christian
     * r5 ok     "Black students won the prize."        (race) black
     * r6 toxic  "Black cats and white wine."           no race term: black and white modify no person
     * Religion: muslim in r1, r2, r3 (2 toxic); christian in r3, r4 (0 toxic). Race: black in r5 only (0 toxic).
     */
    @Test
    void labelTablesOfReligionAndRaceByHand() throws Exception {
        Path corpus = dir.resolve("c.jsonl");
        try (RecordWriter w = CorpusWriters.open(corpus, WriteOptions.defaults())) {
            w.write(Record.of("r1", "Muslims are the problem.").withLabel("toxic"));
            w.write(Record.of("r2", "The mosque should close.").withLabel("toxic"));
            w.write(Record.of("r3", "A Christian charity fed Muslims.").withLabel("ok"));
            w.write(Record.of("r4", "The church choir sang.").withLabel("ok"));
            w.write(Record.of("r5", "Black students won the prize.").withLabel("ok"));
            w.write(Record.of("r6", "Black cats and white wine.").withLabel("toxic"));
            w.commit();
        }
        ReadOptions read = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id").withLabelField("label"));
        CorpusIndexer.builder().setInput(corpus).setIndexDir(dir.resolve("idx")).optReadOptions(read).build().run();
        AuditResult r;
        try (CorpusIndex idx = CorpusIndex.open(dir.resolve("idx"))) {
            r = Audit.builder().setIndex(idx).addAxes(Axis.parse("builtin:religion", false))
                    .addAxes(Axis.parse("builtin:race", false)).optScope(Scope.DOCUMENT).build().run();
        }
        // a binary label: the cells are of the positive label, toxic (the labels tie 3 to 3, and toxic comes first)
        assertEquals(List.of("toxic"), r.labels().stream().map(AuditCell::target).distinct().toList());
        AuditCell muslim = cell(r, "religion", "muslim");
        assertEquals(3, muslim.groupUnits(), "r1, r2, r3 hold a muslim term");
        assertEquals(2, muslim.bothUnits(), "r1, r2 are toxic");
        AuditCell christian = cell(r, "religion", "christian");
        assertEquals(2, christian.groupUnits(), "r3, r4");
        assertEquals(0, christian.bothUnits());
        AuditCell black = cell(r, "race", "black");
        assertEquals(1, black.groupUnits(), "r5 only: black cats are not people");
        assertEquals(0, black.bothUnits());
        assertEquals(0, cell(r, "race", "white").groupUnits(), "white wine is not people");
    }

    private static AuditCell cell(AuditResult r, String axis, String group) {
        return r.labels().stream().filter(c -> c.axis().equals(axis) && c.group().equals(group)).findFirst().orElseThrow();
    }
}
