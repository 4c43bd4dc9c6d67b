package dev.debias.evaluate.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassGapsTest {
    private static final List<String> CLASSES = List.of("nurse", "surgeon", "teacher");
    private final SheetLayout layout = new SheetLayout(2, 3);

    /** A vector with the per-class TPRs of group 0 ({@code a}) and group 1 ({@code b}) filled in. */
    private double[] tprs(double[] a, double[] b) {
        double[] out = new double[layout.slots()];
        for (int c = 0; c < 3; c++) {
            out[layout.perClass(0, c, SheetLayout.TPR)] = a[c];
            out[layout.perClass(1, c, SheetLayout.TPR)] = b[c];
        }
        return out;
    }

    @Test
    void tprGapsTheirRmsAndTheCorrelationWithTrainingShares() {
        double[] out = tprs(new double[] {0.9, 0.6, 0.5}, new double[] {0.7, 0.8, 0.5});
        // shares rise with the gap: (gap - mean gap) = (0.2, -0.2, 0), (share - mean share) = (0.3, -0.3, 0)
        SheetDetail d = new SheetDetail(layout.slots());
        new ClassGaps(layout, CLASSES, 0, 1, new double[] {0.8, 0.2, 0.5}, UndefinedPolicy.SKIP_GROUP).fill(out, d);
        assertEquals(0.2, out[layout.tprGap(0)], 1e-12);
        assertEquals(-0.2, out[layout.tprGap(1)], 1e-12);
        assertEquals(0.0, out[layout.tprGap(2)], 1e-12);
        assertEquals(Math.sqrt((0.04 + 0.04 + 0) / 3), out[layout.gapRms()], 1e-12);
        // cov 0.12 over sqrt(0.08 * 0.18) = 0.12: a perfect correlation
        assertEquals(1.0, out[layout.correlation()], 1e-12);
        assertNull(d.reasons[layout.correlation()]);
    }

    @Test
    void theSecondGroupMinusTheFirstWhenNamedSo() {
        double[] out = tprs(new double[] {0.9, 0.6, 0.5}, new double[] {0.7, 0.8, 0.5});
        new ClassGaps(layout, CLASSES, 1, 0, null, UndefinedPolicy.SKIP_GROUP).fill(out, null);
        assertEquals(-0.2, out[layout.tprGap(0)], 1e-12);
        assertEquals(0.2, out[layout.tprGap(1)], 1e-12);
    }

    @Test
    void skipGroupLeavesAnUndefinedClassOutOfTheRms() {
        double[] out = tprs(new double[] {0.9, 0.6, Double.NaN}, new double[] {0.7, 0.9, 0.5});
        SheetDetail d = new SheetDetail(layout.slots());
        d.reasons[layout.perClass(0, 2, SheetLayout.TPR)] = "no records labelled 'teacher' in group 'a'";
        new ClassGaps(layout, CLASSES, 0, 1, null, UndefinedPolicy.SKIP_GROUP).fill(out, d);
        assertTrue(Double.isNaN(out[layout.tprGap(2)]));
        assertEquals("no records labelled 'teacher' in group 'a'", d.reasons[layout.tprGap(2)], "the TPR's reason");
        // the two defined gaps 0.2 and -0.3: sqrt((0.04 + 0.09) / 2)
        assertEquals(Math.sqrt(0.13 / 2), out[layout.gapRms()], 1e-12);
        assertEquals(List.of("class teacher"), d.excluded.get(layout.gapRms()));
        assertTrue(Double.isNaN(out[layout.correlation()]));
        assertEquals("no training file given (setting 'training corpus')", d.reasons[layout.correlation()]);
    }

    @Test
    void propagateMakesTheRmsAndTheCorrelationUndefined() {
        double[] out = tprs(new double[] {0.9, 0.6, Double.NaN}, new double[] {0.7, 0.9, 0.5});
        SheetDetail d = new SheetDetail(layout.slots());
        new ClassGaps(layout, CLASSES, 0, 1, new double[] {0.8, 0.2, 0.5}, UndefinedPolicy.PROPAGATE).fill(out, d);
        assertEquals(0.2, out[layout.tprGap(0)], 1e-12);
        assertTrue(Double.isNaN(out[layout.gapRms()]));
        assertEquals("the TPR gap is undefined for classes [teacher]", d.reasons[layout.gapRms()]);
        assertTrue(Double.isNaN(out[layout.correlation()]));
        assertEquals("the TPR gap is undefined for classes [teacher]", d.reasons[layout.correlation()]);
    }

    @Test
    void theCorrelationNeedsThreeClassesAndVariation() {
        double[] out = tprs(new double[] {0.9, 0.6, 0.5}, new double[] {0.7, 0.8, 0.5});
        SheetDetail d = new SheetDetail(layout.slots());
        new ClassGaps(layout, CLASSES, 0, 1, new double[] {0.8, Double.NaN, 0.5}, UndefinedPolicy.SKIP_GROUP).fill(out, d);
        assertTrue(Double.isNaN(out[layout.correlation()]));
        assertEquals("needs at least 3 classes with a defined TPR gap and training examples; 2 have",
                d.reasons[layout.correlation()]);
        SheetDetail same = new SheetDetail(layout.slots());
        new ClassGaps(layout, CLASSES, 0, 1, new double[] {0.5, 0.5, 0.5}, UndefinedPolicy.SKIP_GROUP).fill(out, same);
        assertEquals("the training share is the same for every class", same.reasons[layout.correlation()]);
    }

    @Test
    void withoutTwoGapGroupsEveryClassGapIsUndefined() {
        double[] out = tprs(new double[] {0.9, 0.6, 0.5}, new double[] {0.7, 0.8, 0.5});
        SheetDetail d = new SheetDetail(layout.slots());
        new ClassGaps(layout, CLASSES, -1, -1, null, UndefinedPolicy.SKIP_GROUP).fill(out, d);
        for (int i = layout.tprGap(0); i < layout.slots(); i++) {
            assertTrue(Double.isNaN(out[i]), "slot " + i);
            assertEquals("no two groups named to compare (setting 'gap groups')", d.reasons[i]);
        }
        assertEquals(0.9, out[layout.perClass(0, 0, SheetLayout.TPR)], "the TPRs stay");
    }
}
