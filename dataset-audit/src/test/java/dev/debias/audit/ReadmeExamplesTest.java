package dev.debias.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.audit.count.Feature;
import dev.debias.audit.count.IndexCounter;
import dev.debias.audit.count.Scope;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.CorpusIndexer;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.corpus.WriteOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The matching table of the README's audit section, held to what the index actually counts. */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            He is a nurse.                  | 1 | 1 | 0
            THE HERO (he) nursed them       | 1 | 0 | 0
            She, a Nurse Practitioner.      | 0 | 1 | 1
            The nurse. Practitioners agree. | 0 | 1 | 0
            """)
    void matchingTable(String text, long he, long nurse, long nursePractitioner) throws Exception {
        Path corpus = dir.resolve("one.jsonl");
        try (RecordWriter w = CorpusWriters.open(corpus, WriteOptions.defaults())) {
            w.write(Record.of("1", text));
            w.commit();
        }
        CorpusIndexer.builder().setInput(corpus).setIndexDir(dir.resolve("index")).build().run();
        Targets occupations = Targets.parse("builtin:occupations", false);
        Feature heFeature = Targets.parse("he", false).features().get(0);
        try (CorpusIndex index = CorpusIndex.open(dir.resolve("index"))) {
            IndexCounter counter = new IndexCounter(index, Scope.SENTENCE);
            assertEquals(he, counter.termOccurrences(heFeature).getOrDefault("he", 0L), "occurrences of he");
            assertEquals(nurse, counter.count(occupations.feature("nurse")) > 0 ? 1 : 0, "nurse target");
            assertEquals(nursePractitioner, counter.count(occupations.feature("nurse practitioner")) > 0 ? 1 : 0,
                    "nurse practitioner target");
        }
    }

    @ParameterizedTest(name = "window:{0}")
    @CsvSource({"1, 3, 0", "2, 2, 0", "3, 1, 1", "5, 1, 1"})
    void windowsOfSheIsANurse(int distance, long windows, long both) throws Exception {
        Path corpus = dir.resolve("w.jsonl");
        try (RecordWriter w = CorpusWriters.open(corpus, WriteOptions.defaults())) {
            w.write(Record.of("1", "she is a nurse"));
            w.commit();
        }
        CorpusIndexer.builder().setInput(corpus).setIndexDir(dir.resolve("index")).build().run();
        Axis gender = Axis.parse("builtin:gender", false).get(0);
        Targets nurse = Targets.parse("nurse", false);
        try (CorpusIndex index = CorpusIndex.open(dir.resolve("index"))) {
            IndexCounter counter = new IndexCounter(index, Scope.window(distance));
            var table = counter.table(gender.groups(), gender.features(), nurse.names(), nurse.features());
            assertEquals(windows, table.units());
            assertEquals(both, table.both(gender.groups().indexOf("female"), 0));
        }
    }
}
