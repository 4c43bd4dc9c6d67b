package dev.debias.evaluate.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SheetLayoutTest {
    // 2 groups and 3 classes: each scope holds 3 + 4 * 3 = 15 slots; 3 scopes (2 groups, overall) = 45,
    // then 4 binary gaps, 3 TPR gaps, GAP-RMS and the correlation: 54 slots
    private final SheetLayout layout = new SheetLayout(2, 3);

    @Test
    void slotsByHand() {
        assertEquals(15, layout.perScope());
        assertEquals(54, layout.slots());
        assertEquals(0, layout.scope(0, SheetLayout.ACCURACY));
        assertEquals(16, layout.scope(1, SheetLayout.MACRO_F1));
        assertEquals(32, layout.scope(2, SheetLayout.SELECTION_POSITIVE), "scope 2 is overall");
        assertEquals(3, layout.perClass(0, 0, SheetLayout.TPR));
        assertEquals(30 + 3 + 4 + 1, layout.perClass(2, 1, SheetLayout.FPR));
        assertEquals(44, layout.perClass(2, 2, SheetLayout.SELECTION), "the last slot of the overall scope");
        assertEquals(45, layout.gap(SheetLayout.DP));
        assertEquals(48, layout.gap(SheetLayout.EODDS));
        assertEquals(49, layout.tprGap(0));
        assertEquals(51, layout.tprGap(2));
        assertEquals(52, layout.gapRms());
        assertEquals(53, layout.correlation());
    }

    @Test
    void everySlotIsUsedExactlyOnce() {
        int[] uses = new int[layout.slots()];
        for (int s = 0; s <= 2; s++) {
            for (int m = SheetLayout.ACCURACY; m <= SheetLayout.SELECTION_POSITIVE; m++) {
                uses[layout.scope(s, m)]++;
            }
            for (int c = 0; c < 3; c++) {
                for (int m = SheetLayout.TPR; m <= SheetLayout.SELECTION; m++) {
                    uses[layout.perClass(s, c, m)]++;
                }
            }
        }
        for (int g = SheetLayout.DP; g <= SheetLayout.EODDS; g++) {
            uses[layout.gap(g)]++;
        }
        for (int c = 0; c < 3; c++) {
            uses[layout.tprGap(c)]++;
        }
        uses[layout.gapRms()]++;
        uses[layout.correlation()]++;
        for (int i = 0; i < uses.length; i++) {
            assertEquals(1, uses[i], "slot " + i);
        }
    }

    @Test
    void oneGroupOneClass() {
        SheetLayout l = new SheetLayout(1, 1);
        assertEquals(7, l.perScope());
        assertEquals(2 * 7 + 6 + 1, l.slots());
        assertTrue(l.correlation() == l.slots() - 1);
    }
}
