package dev.debias.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.debias.stats.Estimate;
import dev.debias.stats.EstimateFormat;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void estimateTakesItsNumbersFromTheFormat() {
        Estimate e = Estimate.of(0.0125, 0.01, 0.015);
        assertEquals("0.01250 <span class=\"ci\">[0.01000, 0.01500]</span>", Html.estimate(e, EstimateFormat.SIGNIFICANT_4));
        assertEquals("0.013 <span class=\"ci\">[0.010, 0.015]</span>", Html.estimate(e));
        assertEquals("0.500 <span class=\"meta\" title=\"a &lt;b&gt;\">(no interval)</span>",
                Html.estimate(new Estimate(0.5, null, null, "a <b>")));
        assertEquals("0.500", Html.estimate(new Estimate(0.5, null, null, null)));
        assertEquals("", Html.estimate(null));
    }

    @Test
    void estimateCellSortsByTheExactValue() {
        assertEquals("<td class=\"n\" data-v=\"0.0125\">0.013 <span class=\"ci\">[0.010, 0.015]</span></td>",
                Html.estimateCell(Estimate.of(0.0125, 0.01, 0.015)));
        assertEquals("<td class=\"n\" data-v=\"\"></td>", Html.estimateCell(null));
    }

    @Test
    void intervalOrTheEscapedReason() {
        assertEquals("[0.01000, 0.01500]", Html.interval(Estimate.of(0.0125, 0.01, 0.015), EstimateFormat.SIGNIFICANT_4));
        assertEquals("only 3 &amp; 4", Html.interval(new Estimate(0.5, null, null, "only 3 & 4"), EstimateFormat.FIXED_3));
        assertEquals("no units", Html.interval(Estimate.undefined("no units"), EstimateFormat.FIXED_3));
        assertEquals("", Html.interval(new Estimate(0.5, null, null, null), EstimateFormat.FIXED_3));
    }

    @Test
    void numbersHaveThreeDecimalsAndADashForNaN() {
        assertEquals("0.125", Html.num(0.125));
        assertEquals("-1.000", Html.num(-1));
        assertEquals("\u2014", Html.num(Double.NaN));
    }
}
