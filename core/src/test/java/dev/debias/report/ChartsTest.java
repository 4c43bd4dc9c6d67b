package dev.debias.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Estimate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The inline SVG charts: undefined values, error bars, bands, escaping, axis ranges. */
class ChartsTest {
    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void barsDrawAnUndefinedValueAsUndefinedWithoutARect() {
        String svg = Charts.bars("Gaps", "difference", List.of(new Charts.Bar("defined", 0.5, 0.4, 0.6, 0),
                new Charts.Bar("missing", Double.NaN, Double.NaN, Double.NaN, 1),
                new Charts.Bar("negative", -0.25, Double.NaN, Double.NaN, 2)));
        assertTrue(svg.startsWith("<svg class=\"chart\" data-chart=\"bars\""), svg);
        assertTrue(svg.trim().endsWith("</svg>"));
        assertEquals(2, count(svg, "<rect"), "one rect per defined bar: " + svg);
        assertEquals(1, count(svg, ">undefined</text>"), svg);
        assertTrue(svg.contains(">missing</text>"), "the undefined bar keeps its label");
        assertFalse(svg.contains("missing:"), "no rect title for the undefined bar");
        assertTrue(svg.contains("<title>defined: 0.500 [0.400, 0.600]</title>"), svg);
        assertTrue(svg.contains("<title>negative: -0.250</title>"), svg);
        assertFalse(svg.contains("NaN"), svg);
        assertTrue(svg.contains("class=\"axis\""), "a zero line: the range spans 0");
    }

    @Test
    void barsHaveErrorBarsOnlyWithIntervals() {
        String with = Charts.bars("t", "x", List.of(new Charts.Bar("a", 0.5, 0.4, 0.6, 0), new Charts.Bar("b", 0.2, 0.1, 0.3, 1),
                new Charts.Bar("c", 0.3, Double.NaN, Double.NaN, 2)));
        assertEquals(2, count(with, "class=\"err\""), with);
        String without = Charts.bars("t", "x", List.of(new Charts.Bar("a", 0.5, Double.NaN, Double.NaN, 0)));
        assertEquals(0, count(without, "class=\"err\""), without);
        // the error bar spans from the low to the high bound: its x coordinates are ordered and around the bar's end
        Matcher m = Pattern.compile("<path class=\"err\" d=\"M([0-9.]+) ([0-9.]+)H([0-9.]+)").matcher(with);
        assertTrue(m.find(), with);
        assertTrue(Double.parseDouble(m.group(1)) < Double.parseDouble(m.group(3)), m.group());
        Matcher rect = Pattern.compile("<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\"").matcher(with);
        assertTrue(rect.find());
        double end = Double.parseDouble(rect.group(1)) + Double.parseDouble(rect.group(2));
        assertTrue(Double.parseDouble(m.group(1)) < end && end < Double.parseDouble(m.group(3)),
                "the bar ends inside its interval: " + with);
    }

    @Test
    void anAllUndefinedChartStillDraws() {
        String svg = Charts.bars("t", "x", List.of(new Charts.Bar("a", Double.NaN, Double.NaN, Double.NaN, 0)));
        assertEquals(0, count(svg, "<rect"));
        assertTrue(svg.contains(">undefined</text>"));
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
        String empty = Charts.bars("t", "x", List.of());
        assertTrue(empty.startsWith("<svg class=\"chart\" data-chart=\"bars\"") && !empty.contains("NaN"), empty);
    }

    @Test
    void linesDrawABandWhereThereAreIntervals() {
        Charts.Series banded = new Charts.Series("with band", List.of(Charts.Series.point(0, 0.1, 0.05, 0.15),
                Charts.Series.point(1, 0.2, 0.1, 0.3), Charts.Series.point(2, 0.25, 0.2, 0.3)));
        Charts.Series plain = new Charts.Series("plain", List.of(Charts.Series.point(0, 0.3, Double.NaN, Double.NaN),
                Charts.Series.point(2, Double.NaN, Double.NaN, Double.NaN), Charts.Series.point(3, 0.4, Double.NaN, Double.NaN)));
        String svg = Charts.lines("over epochs", "epoch", "gap", List.of(banded, plain));
        assertTrue(svg.startsWith("<svg class=\"chart\" data-chart=\"lines\""), svg);
        assertEquals(1, count(svg, "fill-opacity=\"0.18\""), "one band, for the series with intervals: " + svg);
        Matcher band = Pattern.compile("<path d=\"(M[^\"]*Z)\" fill=\"" + Pattern.quote(Charts.colour(0)) + "\"").matcher(svg);
        assertTrue(band.find(), svg);
        assertEquals(6, band.group(1).split("[ML]").length - 1, "three points up, three back: " + band.group(1));
        assertEquals(2, count(svg, "stroke-width=\"2\""), "a line per series");
        assertEquals(3 + 2, count(svg, "<circle"), "a dot per defined point; the NaN one is skipped");
        assertTrue(svg.contains(">with band</text>") && svg.contains(">plain</text>"), "the legend");
        assertFalse(svg.contains("NaN"), svg);
    }

    @Test
    void scatterSkipsUndefinedPointsAndDrawsBothErrorBars() {
        String svg = Charts.scatter("bias versus accuracy", "accuracy", "gap", List.of(
                new Charts.Point("run a", 0.8, 0.75, 0.85, 0.1, 0.05, 0.15, 0),
                new Charts.Point("run b", 0.9, Double.NaN, Double.NaN, 0.2, Double.NaN, Double.NaN, 1),
                new Charts.Point("run c", Double.NaN, Double.NaN, Double.NaN, 0.3, 0.2, 0.4, 2)));
        assertTrue(svg.startsWith("<svg class=\"chart\" data-chart=\"scatter\""), svg);
        assertEquals(2, count(svg, "<circle"), svg);
        assertEquals(2, count(svg, "class=\"err\""), "x and y error bars of run a only: " + svg);
        assertTrue(svg.contains(">run a</text>") && svg.contains(">run b</text>"));
        assertFalse(svg.contains("run c"), svg);
    }

    @Test
    void labelsAndTitlesAreEscaped() {
        String odd = "<i>x & \"y\"</i>";
        String esc = "&lt;i&gt;x &amp; &quot;y&quot;&lt;/i&gt;";
        String bars = Charts.bars(odd, odd, List.of(new Charts.Bar(odd, 0.5, 0.4, 0.6, 0)));
        String lines = Charts.lines(odd, odd, odd, List.of(new Charts.Series(odd, List.<double[]>of(
                Charts.Series.point(0, 0.1, 0, 0.2), Charts.Series.point(1, 0.2, 0.1, 0.3)))));
        String scatter = Charts.scatter(odd, odd, odd, List.of(new Charts.Point(odd, 0.5, 0.4, 0.6, 0.5, 0.4, 0.6, 0)));
        for (String svg : List.of(bars, lines, scatter)) {
            assertFalse(svg.contains("<i>") || svg.contains("x & ") || svg.contains("\"y\""), svg);
            assertTrue(svg.contains("aria-label=\"" + esc + "\""), svg);
            assertTrue(count(svg, esc) >= 3, svg);
        }
        assertEquals(esc, Html.esc(odd));
        assertEquals("&#39;", Html.esc("'"));
        assertEquals("", Html.esc(null));
    }

    @Test
    void estimatesShowUndefinedWithTheirReason() {
        assertEquals("<span class=\"undef\" title=\"no records &lt;here&gt;\">undefined</span>",
                Html.estimate(Estimate.undefined("no records <here>")));
        assertEquals("0.500 <span class=\"ci\">[0.400, 0.600]</span>", Html.estimate(Estimate.of(0.5, 0.4, 0.6)));
        assertTrue(Html.estimate(new Estimate(0.5, null, null, "bootstrap off")).contains("(no interval)"));
        assertEquals("<td class=\"n\" data-v=\"\"><span class=\"undef\" title=\"r\">undefined</span></td>",
                Html.estimateCell(Estimate.undefined("r")));
        assertEquals("\u2014", Html.num(Double.NaN));
    }

    @Test
    void niceCoversTheData() {
        double[][] cases = {{0, 1}, {0, 0.3}, {-0.25, 0.7}, {0.83, 0.87}, {-3, -1}, {0, 123}, {1e-4, 3e-4}, {-0.05, 0.05},
            {0.1, 0.7}, {0, 0.55}};
        for (double[] c : cases) {
            assertCovers(c[0], c[1]);
        }
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 2000; i++) {
            double a = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-3, 4));
            double b = a + r.nextDouble() * Math.pow(10, r.nextInt(-3, 4)) + 1e-9;
            assertCovers(a, b);
        }
        double[] s = Charts.nice(0, 1);
        assertEquals(0, s[0], 0);
        assertEquals(1, s[1], 1e-12);
        assertEquals(0.2, s[2], 1e-12);
    }

    static void assertCovers(double lo, double hi) {
        double[] s = Charts.nice(lo, hi);
        String what = lo + ".." + hi + " -> " + s[0] + ".." + s[1] + " step " + s[2];
        double slack = 1e-9 * Math.max(Math.abs(lo), Math.abs(hi));
        assertTrue(s[0] <= lo + slack && s[1] >= hi - slack, what);
        assertTrue(s[2] > 0, what);
        double ticks = (s[1] - s[0]) / s[2];
        assertTrue(ticks >= 1 - 1e-9 && ticks <= 8 + 1e-9, "a readable number of ticks: " + what);
    }
}
