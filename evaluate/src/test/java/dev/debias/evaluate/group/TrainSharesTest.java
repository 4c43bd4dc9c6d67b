package dev.debias.evaluate.group;

import static dev.debias.evaluate.group.GroupData.assertValue;
import static dev.debias.evaluate.group.GroupData.gapValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per class, the share of one group among the training records of that class. */
class TrainSharesTest {
    private static Record rec(String id, String label, String gender) {
        return new Record(id, "text " + id, label, Map.of("gender", gender), Provenance.original(id));
    }

    // nurse: female, female, male        -> 2/3 female
    // doctor: male, female, male, male   -> 1/4
    // engineer: male                     -> 0/1
    private static List<Record> records() {
        return List.of(rec("1", "nurse", "female"), rec("2", "doctor", "male"), rec("3", "nurse", "female"),
                rec("4", "engineer", "male"), rec("5", "doctor", "female"), rec("6", "nurse", "male"),
                rec("7", "doctor", "male"), rec("8", "doctor", "male"));
    }

    @Test
    void sharesOfTheGroupPerLabel() {
        Map<String, Double> female = TrainShares.of(records().iterator(), "gender", "female");
        assertEquals(List.of("doctor", "engineer", "nurse"), List.copyOf(female.keySet()));
        assertEquals(2.0 / 3, female.get("nurse"), 1e-12);
        assertEquals(0.25, female.get("doctor"), 1e-12);
        assertEquals(0.0, female.get("engineer"), 1e-12);
        Map<String, Double> male = TrainShares.of(records().iterator(), "gender", "male");
        // the two groups' shares add up to 1 per label: nurse 1/3, doctor 3/4, engineer 1
        assertEquals(1.0 / 3, male.get("nurse"), 1e-12);
        assertEquals(0.75, male.get("doctor"), 1e-12);
        assertEquals(1.0, male.get("engineer"), 1e-12);
        // a group value nobody has: 0 everywhere (a real share of 0, the labels have records)
        assertEquals(Map.of("doctor", 0.0, "engineer", 0.0, "nurse", 0.0),
                TrainShares.of(records().iterator(), "gender", "other"));
        assertEquals(Map.of(), TrainShares.of(List.<Record>of().iterator(), "gender", "female"));
    }

    @Test
    void recordsWithoutALabelOrTheFieldAreRejected() {
        IllegalArgumentException noLabel = assertThrows(IllegalArgumentException.class,
                () -> TrainShares.of(List.of(rec("1", "nurse", "female"), rec("x9", null, "male")).iterator(), "gender", "female"));
        assertTrue(noLabel.getMessage().contains("x9"), noLabel.getMessage());
        Record noField = new Record("y7", "t", "nurse", Map.of("race", "black"), Provenance.original("y7"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainShares.of(List.of(noField).iterator(), "gender", "female"));
        assertTrue(e.getMessage().contains("y7") && e.getMessage().contains("gender"), e.getMessage());
    }

    @Test
    void sharesFeedTheCorrelationWithTheTprGap() {
        // test set, female minus male TPR per class:
        //   female: nurse 2/2, doctor 1/2, engineer 0/2 (wrong ones predicted as the next class)
        //   male:   nurse 1/2, doctor 1/2, engineer 1/2
        // gaps x = (doctor 0, engineer -1/2, nurse 1/2); shares y = (1/4, 0, 2/3)
        GroupData d = new GroupData()
                .add("female", "nurse", "nurse", 2).add("female", "doctor", "doctor").add("female", "doctor", "nurse")
                .add("female", "engineer", "doctor", 2)
                .add("male", "nurse", "nurse").add("male", "nurse", "doctor").add("male", "doctor", "doctor")
                .add("male", "doctor", "engineer").add("male", "engineer", "engineer").add("male", "engineer", "nurse");
        Map<String, Double> shares = TrainShares.of(records().iterator(), "gender", "female");
        GroupFairnessResult r = d.builder().optTrainShares(shares).build().evaluate();
        assertEquals(List.of("female", "male"), r.gapGroups());
        assertValue(0.0, gapValue(r, Gap.TPR_GAP + "[doctor]"), "tpr_gap[doctor]");
        assertValue(-0.5, gapValue(r, Gap.TPR_GAP + "[engineer]"), "tpr_gap[engineer]");
        assertValue(0.5, gapValue(r, Gap.TPR_GAP + "[nurse]"), "tpr_gap[nurse]");
        // x mean 0: dx = (0, -1/2, 1/2), sum dx^2 = 1/2
        // y mean (3/12 + 0 + 8/12)/3 = 11/36: dy = (-2/36, -11/36, 13/36), sum dy^2 = (4 + 121 + 169)/1296 = 294/1296
        // cov = (11/2 + 13/2)/36 = 12/36 = 1/3; r = (1/3) / sqrt(1/2 * 294/1296) = (1/3) / (sqrt(147)/36) = 12/sqrt(147)
        assertValue(12 / Math.sqrt(147), gapValue(r, Gap.GAP_SHARE_CORRELATION), "correlation");
    }
}
