package dev.debias.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.corpus.GroupValueMap;
import dev.debias.corpus.Record;
import dev.debias.evaluate.group.GroupMetrics;
import dev.debias.evaluate.group.PredictionColumns;
import dev.debias.evaluate.group.PredictionSet;
import dev.debias.evaluate.group.TrainShares;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group metrics by a group field whose values are not the group names: a {@link GroupValueMap} merges the
 * values it maps to one group, so the gaps are those of the groups; values it does not name stay as written.
 */
class EvaluatorGroupValuesTest {
    private static final PredictionColumns COLUMNS = new PredictionColumns("label", "prediction", List.of("gender"), null,
            "text");
    /** {@link EvaluatorTest#TINY}'s groups f and m, each written two ways. */
    private static final String[] VALUES = {"woman", "Female", "woman", "Female", "man", "Male ", "man", "Male", "man"};
    private static final GroupValueMap MAP = GroupValueMap.parse("woman=f,female=f,man=m,male=m");

    @TempDir
    Path dir;

    private Path predictions() throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < EvaluatorTest.TINY.length; i++) {
            rows.add(EvaluatorTest.row("id", "p" + i, "label", EvaluatorTest.TINY[i][1], "prediction",
                    EvaluatorTest.TINY[i][2], "gender", VALUES[i]));
        }
        return EvaluatorTest.jsonl(dir.resolve("predictions.jsonl"), rows);
    }

    @Test
    void valuesMappedToOneGroupAreOneGroupWithTheGroupsNumbers() throws IOException {
        Evaluation e = Evaluator.builder().optColumns(COLUMNS).optPositiveLabel("alpha").optBootstrap(0)
                .optPredictions(predictions()).optGroupValues(MAP).build().run();
        EvaluatorTest.assertTinyNumbers(e.groupFairness().get(0));
        assertEquals("woman=f,female=f,man=m,male=m", e.config().get("group_values"));
    }

    @Test
    void withoutTheMappingEveryValueIsItsOwnGroup() throws IOException {
        Evaluation e = Evaluator.builder().optColumns(COLUMNS).optPositiveLabel("alpha").optBootstrap(0)
                .optPredictions(predictions()).build().run();
        assertEquals(List.of("Female", "Male", "Male ", "man", "woman"),
                e.groupFairness().get(0).groups().stream().map(GroupMetrics::group).toList());
        assertEquals("", e.config().get("group_values"));
    }

    @Test
    void aPredictionSetKeepsValuesTheMappingDoesNotName() {
        PredictionSet set = PredictionSet.of(List.of("a", "a", "b"), List.of("a", "b", "b"),
                Map.of("race", List.of("African-American", "black", "Asian")), null);
        assertEquals(List.of("Asian", "black"), set.withGroupValues(GroupValueMap.parse("African-American=black"))
                .grouping("race").groups());
        assertEquals(List.of("African-American", "Asian", "black"), set.grouping("race").groups(), "unchanged");
    }

    @Test
    void trainSharesReadTheMappedValues() {
        List<Record> train = List.of(rec("1", "nurse", "woman"), rec("2", "nurse", "f"), rec("3", "nurse", "man"),
                rec("4", "doctor", "Male"));
        assertEquals(Map.of("doctor", 0.0, "nurse", 2.0 / 3), TrainShares.of(train.iterator(), "gender", "f", MAP));
        assertEquals(Map.of("doctor", 0.0, "nurse", 1.0 / 3), TrainShares.of(train.iterator(), "gender", "f"));
    }

    private static Record rec(String id, String label, String gender) {
        return Record.of(id, "text").withLabel(label).withAttribute("gender", gender);
    }
}
