package dev.debias.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class EstimateFormatTest {
    private static final Estimate WITH_INTERVAL = Estimate.of(0.1234, 0.1, 0.15);
    private static final Estimate NO_INTERVAL = new Estimate(0.5, null, null, "no interval: bootstrap off");
    private static final Estimate UNDEFINED = Estimate.undefined("no units in the denominator");

    @Test
    void textIsTheValueAndItsIntervalOrTheReason() {
        assertEquals("0.123 [0.100, 0.150]", EstimateFormat.FIXED_3.text(WITH_INTERVAL));
        assertEquals("0.500", EstimateFormat.FIXED_3.text(NO_INTERVAL));
        assertEquals("undefined (no units in the denominator)", EstimateFormat.FIXED_3.text(UNDEFINED));
        assertEquals("undefined", EstimateFormat.FIXED_3.text(null));
        assertEquals("0.1234 [0.1000, 0.1500]", EstimateFormat.FIXED_4.text(WITH_INTERVAL));
        assertEquals("-0.108 [-0.150, -0.071]", EstimateFormat.FIXED_3.text(Estimate.of(-0.1084, -0.15, -0.0714)));
    }

    @Test
    void briefLeavesTheReasonOut() {
        EstimateFormat compact = EstimateFormat.FIXED_3.withSeparator(",");
        assertEquals("0.123 [0.100,0.150]", compact.brief(WITH_INTERVAL));
        assertEquals("0.500", compact.brief(NO_INTERVAL));
        assertEquals("undefined", compact.brief(UNDEFINED));
        assertEquals("undefined", compact.brief(null));
        assertEquals("0.123 [0.100, 0.150]", EstimateFormat.FIXED_3.brief(WITH_INTERVAL), "the original keeps its separator");
    }

    @Test
    void intervalAlone() {
        assertEquals("[0.1000, 0.1500]", EstimateFormat.FIXED_4.interval(WITH_INTERVAL));
        assertEquals("", EstimateFormat.FIXED_4.interval(NO_INTERVAL));
        assertEquals("", EstimateFormat.FIXED_4.interval(UNDEFINED));
        assertEquals("[1.000, 2.000]", EstimateFormat.FIXED_3.interval(1, 2));
    }

    @Test
    void significantDigits() {
        assertEquals("0.01250 [0.01000, 0.01500]", EstimateFormat.SIGNIFICANT_4.text(Estimate.of(0.0125, 0.01, 0.015)));
        assertEquals("1.23457e+06", EstimateFormat.SIGNIFICANT_6.number(1234567));
        assertEquals("0.500000", EstimateFormat.SIGNIFICANT_6.number(0.5));
    }

    @Test
    void percent() {
        assertEquals("12.3% [10.0%, 15.0%]", EstimateFormat.PERCENT_1.text(Estimate.of(0.123, 0.1, 0.15)));
        assertEquals("-4.0%", EstimateFormat.PERCENT_1.brief(new Estimate(-0.04, null, null, null)));
        assertEquals("undefined", EstimateFormat.PERCENT_1.brief(UNDEFINED));
        assertEquals("50.00%", EstimateFormat.percent(2).number(0.5));
    }

    @Test
    void csvCellsAreEmptyWhereNull() {
        assertEquals(List.of("0.123400", "0.100000", "0.150000"), EstimateFormat.SIGNIFICANT_6.cells(WITH_INTERVAL));
        assertEquals(List.of("0.500000", "", ""), EstimateFormat.SIGNIFICANT_6.cells(NO_INTERVAL));
        assertEquals(List.of("", "", ""), EstimateFormat.SIGNIFICANT_6.cells(UNDEFINED));
        assertEquals("0.1234,0.1,0.15", EstimateFormat.EXACT.csv(WITH_INTERVAL));
        assertEquals("0.5,,", EstimateFormat.EXACT.csv(NO_INTERVAL));
        assertEquals(",,", EstimateFormat.EXACT.csv(UNDEFINED));
        assertEquals("", EstimateFormat.EXACT.cell(null));
        assertEquals("1.0E-5", EstimateFormat.EXACT.cell(1e-5), "Double.toString, which reads back exactly");
    }

    @Test
    void nanCanReadAsAnyText() {
        assertEquals("NaN", EstimateFormat.FIXED_3.number(Double.NaN));
        EstimateFormat dash = EstimateFormat.FIXED_3.withNaN("\u2014");
        assertEquals("\u2014", dash.number(Double.NaN));
        assertEquals("1.000", dash.number(1));
        assertEquals("[\u2014, 2.000]", dash.interval(Double.NaN, 2));
        assertEquals("[0.100,0.150]", dash.withSeparator(",").interval(WITH_INTERVAL), "NaN text and separator combine");
    }

    @Test
    void numbersIgnoreTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("0.123 [0.100, 0.150]", EstimateFormat.FIXED_3.text(WITH_INTERVAL));
            assertEquals("12.3%", EstimateFormat.PERCENT_1.number(0.123));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void rejectsImpossibleDigitCounts() {
        assertThrows(IllegalArgumentException.class, () -> EstimateFormat.fixed(-1));
        assertThrows(IllegalArgumentException.class, () -> EstimateFormat.significant(18));
        assertThrows(NullPointerException.class, () -> EstimateFormat.FIXED_3.withSeparator(null));
    }
}
