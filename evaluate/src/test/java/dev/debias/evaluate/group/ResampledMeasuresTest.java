package dev.debias.evaluate.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResampledMeasuresTest {
    // records: 0 f 1->1 (right), 1 f 0->0 (right), 2 m 1->0 (wrong), 3 m 0->0 (right); positive label 1
    private final PredictionSet set = PredictionSet.of(List.of("1", "0", "1", "0"), List.of("1", "0", "0", "0"),
            Map.of("gender", List.of("f", "f", "m", "m")), List.of("0", "1"));
    private final ResampledMeasures m = ResampledMeasures.builder().setPredictions(set).setGrouping(set.grouping("gender"))
            .optPositiveLabel("1").build();
    private static final int ACC = ResampledMeasures.NAMES.indexOf(ResampledMeasures.ACCURACY);
    private static final int DP = ResampledMeasures.NAMES.indexOf(Gap.DEMOGRAPHIC_PARITY);
    private static final int EO = ResampledMeasures.NAMES.indexOf(Gap.EQUAL_OPPORTUNITY);

    @Test
    void thePointIsTheEvaluationsOwnNumbers() {
        // accuracy 3/4; selection of '1': f 1/2, m 0 -> DP 0.5; TPR of '1': f 1/1, m 0/1 -> EO 1.0
        double[] p = m.point();
        assertEquals(0.75, p[ACC], 1e-12);
        assertEquals(0.5, p[DP], 1e-12);
        assertEquals(1.0, p[EO], 1e-12);
        GroupFairnessResult g = GroupFairness.builder().setPredictions(set).setGrouping(set.grouping("gender"))
                .optPositiveLabel("1").optBootstrap(0).build().evaluate();
        assertEquals(g.overall().accuracy().value(), p[ACC], 1e-12);
        assertEquals(g.gap(Gap.EQUAL_OPPORTUNITY).orElseThrow().value().value(), p[EO], 1e-12);
        assertEquals(0.75, m.on(new int[] {0, 1, 2, 3})[ACC], 1e-12);
    }

    @Test
    void aResampleIsMeasuredOnTheRecordsItDraws() {
        // {0, 0, 2, 3}: right, right, wrong, right -> 0.75; selection f 2/2, m 0/2 -> DP 1.0 (f minus m, kept from
        // the point); TPR f 2/2, m 0/1 -> EO 1.0
        double[] r = m.on(new int[] {0, 0, 2, 3});
        assertEquals(0.75, r[ACC], 1e-12);
        assertEquals(1.0, r[DP], 1e-12);
        assertEquals(1.0, r[EO], 1e-12);
        // {0, 1, 1, 3}: all right -> 1.0; no positive record of m, so its TPR and the EO gap are undefined
        double[] s = m.on(new int[] {0, 1, 1, 3});
        assertEquals(1.0, s[ACC], 1e-12);
        assertTrue(Double.isNaN(s[EO]));
    }

    @Test
    void settingsThatDoNotFitAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ResampledMeasures.builder().setPredictions(set)
                .setGrouping(set.grouping("gender")).optPositiveLabel("2").build());
        assertThrows(IllegalArgumentException.class, () -> ResampledMeasures.builder().setPredictions(set)
                .setGrouping(set.grouping("gender")).optGapGroups(List.of("f", "x")).build());
    }
}
