package dev.debias.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LabelGroupResamplerTest {
    /** Record numbers, in corpus order, with their label and group. */
    private static final String[][] CORPUS = {
        // nurse: 6 female (0-5), 2 male (6, 7)
        {"nurse", "female"}, {"nurse", "female"}, {"nurse", "female"}, {"nurse", "female"}, {"nurse", "female"},
        {"nurse", "female"}, {"nurse", "male"}, {"nurse", "male"},
        // surgeon: 2 female (8, 9), 4 male (10-13)
        {"surgeon", "female"}, {"surgeon", "female"}, {"surgeon", "male"}, {"surgeon", "male"}, {"surgeon", "male"},
        {"surgeon", "male"},
        // x: 3 female (14-16), no male
        {"x", "female"}, {"x", "female"}, {"x", "female"},
        // one record of a third group (17)
        {"nurse", "other"},
    };

    private static LabelGroupResampler load(long seed) {
        LabelGroupResampler r = new LabelGroupResampler(seed);
        for (String[] x : CORPUS) {
            r.add(x[0], x[1]);
        }
        return r;
    }

    private static long count(Set<Long> kept, int from, int to) {
        return kept.stream().filter(i -> i >= from && i <= to).count();
    }

    @Test
    void commonSizeIsTheLargestEveryRateAllows() {
        // a=6, b=2: rate 0.5 allows min(6/0.5, 2/0.5) = 4, rate 0.75 allows min(6/0.75, 2/0.25) = 8 -> 4
        assertEquals(4, LabelGroupResampler.commonSize(6, 2, List.of(0.5, 0.75)));
        // a=4, b=2: rate 1.0 allows 4/1 = 4 (no minority needed), rate 0.5 allows min(8, 4) = 4 -> 4
        assertEquals(4, LabelGroupResampler.commonSize(4, 2, List.of(0.5, 1.0)));
        // a=4, b=2, rate 0.75 alone: min(4/0.75 = 5.33, 2/0.25 = 8) -> floor 5
        assertEquals(5, LabelGroupResampler.commonSize(4, 2, List.of(0.75)));
        // no minority records: rate 0.5 allows 0
        assertEquals(0, LabelGroupResampler.commonSize(3, 0, List.of(0.5)));
    }

    @Test
    void quotasPerLabelAtEachRate() {
        List<Double> rates = List.of(0.5, 0.75);
        LabelGroupResampler.Plan p = load(3).plan(0.75, rates, "train.jsonl", "gender");
        // groups by total: female 11, male 6, other 1
        assertEquals(List.of("female", "male"), p.groups());
        assertEquals("female", p.majorityByLabel().get("nurse"));
        assertEquals("male", p.majorityByLabel().get("surgeon"));
        // nurse: m = 4, round(0.75 * 4) = 3 female, 1 male
        assertEquals(3, count(p.kept(), 0, 5));
        assertEquals(1, count(p.kept(), 6, 7));
        // surgeon: m = 4 (see commonSize), 3 of its majority (male), 1 female
        assertEquals(1, count(p.kept(), 8, 9));
        assertEquals(3, count(p.kept(), 10, 13));
        // x has no male record: kept whole and named
        assertEquals(3, count(p.kept(), 14, 16));
        assertEquals(new TreeSet<>(List.of("x")), p.keptAsIs());
        // the third group's record is left out and counted
        assertEquals(0, count(p.kept(), 17, 17));
        assertEquals(1, p.otherGroupsLeftOut());
        assertEquals(11, p.kept().size());
    }

    @Test
    void aLargerShareExtendsASmallerOne() {
        List<Double> rates = List.of(0.5, 0.75);
        LabelGroupResampler.Plan half = load(9).plan(0.5, rates, "t", "g");
        LabelGroupResampler.Plan more = load(9).plan(0.75, rates, "t", "g");
        // same size per label at every rate
        assertEquals(half.kept().size(), more.kept().size());
        // nurse's female records kept at 0.5 (2 of them) are among those kept at 0.75 (3)
        List<Long> halfFemale = new ArrayList<>(half.kept().stream().filter(i -> i <= 5).toList());
        assertEquals(2, halfFemale.size());
        assertTrue(more.kept().containsAll(halfFemale));
        // and the one male record kept at 0.75 is one of the two kept at 0.5
        List<Long> moreMale = more.kept().stream().filter(i -> i == 6 || i == 7).toList();
        assertEquals(1, moreMale.size());
        assertTrue(half.kept().containsAll(moreMale));
    }

    @Test
    void theSameSeedKeepsTheSameRecords() {
        List<Double> rates = List.of(0.5, 0.75);
        assertEquals(load(5).plan(0.75, rates, "t", "g").kept(), load(5).plan(0.75, rates, "t", "g").kept());
    }

    @Test
    void oneGroupIsBadInput() {
        LabelGroupResampler r = new LabelGroupResampler(1);
        r.add("nurse", "female");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> r.plan(0.5, List.of(0.5), "train.jsonl", "gender"));
        assertEquals("train.jsonl: the sweep needs two groups in field 'gender', found [female]", e.getMessage());
    }
}
