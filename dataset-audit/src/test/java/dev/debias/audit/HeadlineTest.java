package dev.debias.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.audit.count.CountTable;
import dev.debias.audit.count.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which cell headlines an axis summary, on tables of exclusive groups built by hand (no corpus). */
class HeadlineTest {
    /**
     * A table of one target ("toxic") over groups that never share a unit: group g holds {@code n[g]} units, of
     * which {@code x[g]} are toxic; {@code noneN} units hold no group, {@code noneX} of them toxic.
     */
    static CountTable exclusive(List<String> groups, long[] n, long[] x, long noneN, long noneX) {
        int k = groups.size();
        long units = noneN;
        long target = noneX;
        for (int g = 0; g < k; g++) {
            units += n[g];
            target += x[g];
        }
        long[] rest = new long[k];
        long[][] both = new long[k][1];
        long[][] restBoth = new long[k][1];
        long[] any = new long[k];
        for (int g = 0; g < k; g++) {
            for (int o = 0; o < k; o++) {
                if (o != g) {
                    rest[g] += n[o];
                    restBoth[g][0] += x[o];
                }
            }
            both[g][0] = x[g];
            any[g] = x[g];
        }
        return new CountTable(Scope.DOCUMENT, units, groups, List.of("toxic"), n, rest, n, new long[] {target}, both,
                restBoth, both, any);
    }

    static AuditSummary summary(CountTable t) {
        List<AuditCell> cells = CellStatistics.cells("orientation", t, null, 10, MinimumSupport.DEFAULT);
        return CellStatistics.summary("orientation", "labels", t, cells, false, 0);
    }

    /*
     * straight 4 of 20 toxic (0.2), gay 24 of 40 (0.6), no term 12 of 40; 40 of 100 toxic, so the prior (strength
     * 10) adds a = 4 toxic and b = 6 not. straight against the others (gay): ln((4+4)/(16+6)) - ln((24+4)/(16+6))
     * = ln(8/28) = -1.253, variance 1/8 + 1/22 + 1/28 + 1/22 = 0.2516, z = -2.497; gay against straight is the same
     * comparison turned round, z = +2.497: a tie, which straight (listed first) won before. The headline is now
     * the over-represented side, gay: 0.6 - 0.2 = +0.4 against the others, 0.6 - 40/100 = +0.2 against the base
     * rate (the rate over all units). The clearest base-rate cell is gay too (+0.2 over 40 units, whose interval
     * excludes 0 farther than straight's 0.2 - 0.4 = -0.2 over 20 units).
     */
    @Test
    void ofTwoMirrorImageCellsTheOverRepresentedSideHeadlines() {
        AuditSummary s = summary(exclusive(List.of("straight", "gay"), new long[] {20, 40}, new long[] {4, 24}, 40, 12));
        assertEquals("gay", s.largestGroup());
        assertEquals("toxic", s.largestTarget());
        assertEquals(0.4, s.largestDifference().value(), 1e-12);
        assertEquals(0.2, s.largestBaseDifference().value(), 1e-12);
        assertEquals("gay", s.clearestBaseGroup());
        assertEquals(s.largestBaseDifference(), s.clearestBaseDifference());
    }

    @Test
    void theOrderOfTheGroupsDoesNotChooseTheHeadline() {
        // the same table with gay listed first: the same headline, +0.4
        AuditSummary s = summary(exclusive(List.of("gay", "straight"), new long[] {40, 20}, new long[] {24, 4}, 40, 12));
        assertEquals("gay", s.largestGroup());
        assertEquals(0.4, s.largestDifference().value(), 1e-12);
    }

    /*
     * As on Jigsaw's orientation axis: a small group A (1 of 12 toxic) headlines against the others (B and C, 78 of
     * 130): ln((1+4)/(11+6)) - ln((78+4)/(52+6)) = -1.570, variance 1/5 + 1/17 + 1/82 + 1/58 = 0.2883, z = -2.92;
     * the large group B (60 of 100) is compared with A and C (19 of 42), so against the others it is only (both
     * rates above the corpus rate 0.4, the prior's rate is the nearer, 19/42: a = 4.524, b = 5.476)
     * ln(64.524/45.476) - ln(23.524/28.476) = 0.541, variance 1/64.524 + 1/45.476 + 1/23.524 + 1/28.476 = 0.1151,
     * z = +1.59. Against the base rate
     * (80/200 = 0.4) B is the clearest finding: 0.6 - 0.4 = +0.2 over 100 of the 200 units; C's is as large, +0.2,
     * but over 30 units, so its interval is wider; A's is 1/12 - 0.4 = -0.317 over 12 units. The summary names B
     * beside the headline.
     */
    @Test
    void theClearestBaseRateFindingIsNamedWhenTheHeadlineIsAnotherCell() {
        CountTable t = exclusive(List.of("a", "b", "c"), new long[] {12, 100, 30}, new long[] {1, 60, 18}, 58, 1);
        AuditSummary s = summary(t);
        assertEquals("a", s.largestGroup(), "the largest |z| against the other groups, negative: no mirror on 3 groups");
        assertEquals(1.0 / 12 - 78.0 / 130, s.largestDifference().value(), 1e-12);
        assertEquals("b", s.clearestBaseGroup());
        assertEquals("toxic", s.clearestBaseTarget());
        assertEquals(0.2, s.clearestBaseDifference().value(), 1e-12);
    }
}
