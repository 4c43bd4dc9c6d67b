package dev.debias.evaluate.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SheetDetailTest {
    @Test
    void theFirstReasonOfASlotWins() {
        SheetDetail d = new SheetDetail(3);
        SheetDetail.reason(d, 1, "no records in group 'a'");
        SheetDetail.reason(d, 1, "only one group");
        assertEquals("no records in group 'a'", d.reasons[1]);
        assertNull(d.reasons[0]);
        assertNull(d.reasons[2]);
    }

    @Test
    void aReplicateRecordsNothing() {
        SheetDetail.reason(null, 0, "ignored");
    }

    @Test
    void everySlotStartsWithNoExclusionsAndNoChoices() {
        SheetDetail d = new SheetDetail(2);
        assertEquals(List.of(List.of(), List.of()), d.excluded);
        d.excluded.get(0).add("b");
        assertEquals(List.of(), d.excluded.get(1), "each slot has its own list");
        assertEquals(4, d.choices.length);
        assertTrue(java.util.Arrays.stream(d.choices).allMatch(c -> c == null));
    }
}
