package dev.debias.audit.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.audit.Axis;
import dev.debias.audit.Targets;
import dev.debias.audit.index.CorpusIndex;
import dev.debias.core.InvalidInputException;
import dev.debias.corpus.Record;
import dev.debias.demo.BiosGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unit sets are bit sets on small corpora and interval lists on large ones; both layouts must give
 * the same tables. The interval layout is forced here with a threshold of 0 units.
 */
class DenseSparseAgreementTest {
    @TempDir
    Path dir;

    @Test
    void bitSetsAndIntervalListsGiveTheSameTables() throws Exception {
        List<Record> records = new ArrayList<>();
        BiosGenerator.builder().setCount(400).optSeed(5).build().stream().forEach(records::add);
        Path corpus = CountFixtures.write(dir.resolve("bios.jsonl"), records);
        Axis gender = Axis.parse("builtin:gender,builtin:names", false).get(0);
        Targets targets = Targets.parse("builtin:occupations", false);
        try (CorpusIndex index = CountFixtures.index(corpus, dir.resolve("index"), CountFixtures.LABELLED, 2)) {
            List<String> labels = new IndexCounter(index, Scope.DOCUMENT).values(null);
            List<Feature> labelFeatures = labels.stream().<Feature>map(Feature.FieldValue::label).toList();
            for (Scope scope : List.of(Scope.DOCUMENT, Scope.SENTENCE, Scope.window(1), Scope.window(4))) {
                IndexCounter dense = new IndexCounter(index, scope);
                IndexCounter sparse = new IndexCounter(index, scope, 0);
                CountTable d = dense.table(gender.groups(), gender.features(), targets.names(), targets.features());
                assertEquals(d, sparse.table(gender.groups(), gender.features(), targets.names(), targets.features()),
                        "term targets at " + scope);
                if (scope.equals(Scope.SENTENCE)) {
                    assertTrue(d.both(gender.groups().indexOf("female"), targets.names().indexOf("nurse")) > 0,
                            "the corpus has sentences with a female term and nurse: " + d);
                }
                assertEquals(dense.table(gender.groups(), gender.features(), labels, labelFeatures),
                        sparse.table(gender.groups(), gender.features(), labels, labelFeatures), "labels at " + scope);
            }
        }
    }

    @Test
    void countingAFieldTheIndexDoesNotHoldIsAnErrorNotAZero() throws Exception {
        Path corpus = CountFixtures.write(dir.resolve("plain.jsonl"), List.of(Record.of("a", "she is a nurse")));
        try (CorpusIndex index = CountFixtures.index(corpus, dir.resolve("index"), CountFixtures.PLAIN, 1)) {
            IndexCounter counter = new IndexCounter(index, Scope.DOCUMENT);
            InvalidInputException label = assertThrows(InvalidInputException.class, () -> counter.values(null));
            assertTrue(label.getMessage().contains("no label field"), label.getMessage());
            InvalidInputException group = assertThrows(InvalidInputException.class,
                    () -> counter.count(Feature.FieldValue.attribute("gender", "female")));
            assertTrue(group.getMessage().contains("no group field 'gender'"), group.getMessage());
        }
    }
}
