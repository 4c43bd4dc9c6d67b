package dev.debias.audit.count;

import static dev.debias.audit.count.CountFixtures.LABELLED;
import static dev.debias.audit.count.CountFixtures.index;
import static dev.debias.audit.count.CountFixtures.labelled;
import static dev.debias.audit.count.CountFixtures.terms;
import static dev.debias.audit.count.CountFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.audit.index.CorpusIndex;
import dev.debias.audit.index.IndexFields;
import dev.debias.stats.ClusteredProportions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-document moments of {@link IndexCounter#clusters} against per-document counts worked out by hand. */
class DocumentCountsTest {
    @TempDir
    Path dir;

    private static final Feature FEMALE = terms("female", "she", "her");
    private static final Feature MALE = terms("male", "he", "brother");
    private static final Feature NURSE = terms("nurse", "nurse");

    private CorpusIndex tiny() throws IOException {
        Path corpus = write(dir.resolve("c.jsonl"), List.of(
                labelled("1", "health", "F", "She works as a nurse. He is an engineer."),
                labelled("2", "tech", "F", "She is an engineer."),
                labelled("3", "health", "M", "He is a nurse."),
                labelled("4", "tech", "M", "He is an engineer and he likes it."),
                labelled("5", "health", "x", "The weather is nice today."),
                labelled("6", "health", "F", "Her brother is a nurse."),
                labelled("7", "tech", "F", "He smiled. She is a nurse. Her nurse. She nursed.")));
        return index(corpus, dir.resolve("c.index"), LABELLED, 2);
    }

    @Test
    void sentenceMomentsAreTheSumsOfTheHandCountedDocuments() throws IOException {
        try (CorpusIndex idx = tiny()) {
            ClusterTable t = new IndexCounter(idx, Scope.SENTENCE).clusters(List.of(FEMALE, MALE), List.of(NURSE));
            // female (G) against male-not-female (R) and neither (Z), target nurse; {xG, xR, xZ, nG, nR, nZ}
            double[][] female = {
                {1, 0, 0, 1, 1, 0}, // 1: [she nurse] [he]
                {0, 0, 0, 1, 0, 0}, // 2: [she]
                {0, 1, 0, 0, 1, 0}, // 3: [he nurse]
                {0, 0, 0, 0, 1, 0}, // 4: [he he]
                {0, 0, 0, 0, 0, 1}, // 5: []
                {1, 0, 0, 1, 0, 0}, // 6: [her brother nurse] holds both groups: a female unit
                {2, 0, 0, 3, 1, 0}, // 7: [he] [she nurse] [her nurse] [she] ("nursed" is another word)
            };
            assertMoments(ClusteredProportions.Moments.of(female), t.moments(0, 0));
            // male (G) against female-not-male (R)
            double[][] male = {
                {0, 1, 0, 1, 1, 0},
                {0, 0, 0, 0, 1, 0},
                {1, 0, 0, 1, 0, 0},
                {0, 0, 0, 1, 0, 0},
                {0, 0, 0, 0, 0, 1},
                {1, 0, 0, 1, 0, 0},
                {0, 2, 0, 1, 3, 0},
            };
            assertMoments(ClusteredProportions.Moments.of(male), t.moments(1, 0));
            // record 7 holds 3 of the 6 female sentences and 2 of the 4 female x nurse ones
            assertEquals(new ClusterTable.Top(t.groupTop(0).doc(), 3), t.groupTop(0));
            assertEquals("7", idx.reader().storedFields().document(t.groupTop(0).doc()).get(IndexFields.ID));
            assertEquals(2, t.cellTop(0, 0).units());
            assertEquals(t.groupTop(0).doc(), t.cellTop(0, 0).doc());
        }
    }

    @Test
    void labelFeaturesCoverEverySentenceOfTheirDocuments() throws IOException {
        try (CorpusIndex idx = tiny()) {
            ClusterTable t = new IndexCounter(idx, Scope.SENTENCE).clusters(List.of(FEMALE, MALE),
                    List.of(Feature.FieldValue.label("health")));
            // female against health: every sentence of records 1 3 5 6 holds the label
            double[][] female = {
                {1, 1, 0, 1, 1, 0},
                {0, 0, 0, 1, 0, 0},
                {0, 1, 0, 0, 1, 0},
                {0, 0, 0, 0, 1, 0},
                {0, 0, 1, 0, 0, 1},
                {1, 0, 0, 1, 0, 0},
                {0, 0, 0, 3, 1, 0},
            };
            assertMoments(ClusteredProportions.Moments.of(female), t.moments(0, 0));
        }
    }

    private static void assertMoments(ClusteredProportions.Moments expected, ClusteredProportions.Moments actual) {
        assertEquals(expected.clusters(), actual.clusters());
        assertArrayEquals(expected.sums(), actual.sums());
        for (int a = 0; a < 6; a++) {
            assertArrayEquals(expected.products()[a], actual.products()[a], "row " + a);
        }
    }
}
