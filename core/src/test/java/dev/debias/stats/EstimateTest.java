package dev.debias.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EstimateTest {

    @Test
    void definedEstimateKeepsItsValueAndInterval() {
        Estimate e = Estimate.of(0.3, 0.2, 0.4);
        assertTrue(e.isDefined());
        assertEquals(0.3, e.value());
        assertEquals(0.2, e.low());
        assertEquals(0.4, e.high());
        assertNull(e.undefined());
    }

    @Test
    void undefinedEstimateHasNoValueButAReason() {
        Estimate e = Estimate.undefined("no units");
        assertFalse(e.isDefined());
        assertNull(e.value());
        assertNull(e.low());
        assertNull(e.high());
        assertEquals("no units", e.undefined());
    }

    @Test
    void undefinedEstimateWithoutReasonIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Estimate(null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> Estimate.undefined(null));
    }

    @Test
    void nanValueIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Estimate.of(Double.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Estimate(Double.NaN, null, null, "why"));
    }

    @Test
    void halfOpenIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Estimate(0.5, 0.1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Estimate(0.5, null, 0.9, null));
    }

    @Test
    void definedValueWithoutIntervalIsAllowedWithReason() {
        Estimate e = new Estimate(0.0, null, null, "no interval");
        assertTrue(e.isDefined());
        assertEquals(0.0, e.value());
        assertEquals("no interval", e.undefined());
    }

    @Test
    void excludesChecksBothBounds() {
        Estimate e = Estimate.of(0.5, 0.2, 0.8);
        assertTrue(e.excludes(0.1));
        assertTrue(e.excludes(0.9));
        assertFalse(e.excludes(0.5));
        assertFalse(e.excludes(0.2));
        assertFalse(e.excludes(0.8));
    }

    @Test
    void excludesIsFalseWithoutInterval() {
        assertFalse(Estimate.undefined("none").excludes(0));
        assertFalse(new Estimate(0.0, null, null, "no interval").excludes(5));
    }

    @Test
    void jsonRoundTrips() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (Estimate e : new Estimate[] {Estimate.of(0.5, 0.25, 0.75), Estimate.undefined("no units"),
                new Estimate(0.0, null, null, "no interval")}) {
            assertEquals(e, mapper.readValue(mapper.writeValueAsString(e), Estimate.class));
        }
    }

    @Test
    void jsonOmitsNullFields() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertEquals("{\"undefined\":\"no units\"}", mapper.writeValueAsString(Estimate.undefined("no units")));
        assertEquals("{\"value\":0.5,\"low\":0.25,\"high\":0.75}",
            mapper.writeValueAsString(Estimate.of(0.5, 0.25, 0.75)));
    }
}
