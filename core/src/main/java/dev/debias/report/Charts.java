package dev.debias.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the HTML reports, so a report needs no script library or network: horizontal
 * bars with error bars, a scatter with error bars, and lines with interval bands. Undefined values
 * (NaN) are drawn as a labelled gap, never as 0. Every chart carries {@code class="chart"} and a
 * {@code data-chart} attribute naming its kind, so tests can find it.
 */
public final class Charts {
    private static final String[] PALETTE = {"#4f81bd", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646",
        "#2c4d75", "#772c2a", "#5f7530", "#4d3b62"};

    private Charts() {}

    /** A bar: its label, value and 95% interval (NaN bounds for none), and a series index for its colour. */
    public record Bar(String label, double value, double low, double high, int series) {}

    /** A point with intervals on both axes (NaN bounds for none). */
    public record Point(String label, double x, double xLow, double xHigh, double y, double yLow, double yHigh, int series) {}

    /** One line: its name and points (x ascending) with a band (NaN bounds for none). */
    public record Series(String name, List<double[]> points) {
        /** A point {x, y, low, high}. */
        public static double[] point(double x, double y, double low, double high) {
            return new double[] {x, y, low, high};
        }
    }

    /** The colour of series {@code i}. */
    public static String colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** Horizontal bars with error bars, one row per bar, a zero line when the range spans 0. */
    public static String bars(String title, String axisLabel, List<Bar> bars) {
        int labelW = 220;
        int plotW = 460;
        int rowH = 20;
        int top = 28;
        int height = top + rowH * bars.size() + 40;
        double min = 0;
        double max = 0;
        for (Bar b : bars) {
            for (double v : new double[] {b.value, b.low, b.high}) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (max - min < 1e-12) {
            max = min + 1;
        }
        double[] scale = nice(min, max);
        StringBuilder s = open("bars", labelW + plotW + 30, height, title);
        ticks(s, scale, labelW, plotW, top, top + rowH * bars.size(), axisLabel, true);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = top + i * rowH;
            s.append(text(labelW - 6, y + rowH * 0.7, "lbl", b.label));
            if (Double.isNaN(b.value)) {
                s.append(text(labelW + 6, y + rowH * 0.7, "meta", "undefined").replace("class=\"meta\"",
                        "class=\"meta\" text-anchor=\"start\" fill=\"#a33\""));
                continue;
            }
            double x0 = x(0, scale, labelW, plotW);
            double x1 = x(b.value, scale, labelW, plotW);
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s: %s</title></rect>", Math.min(x0, x1), y + 3, Math.max(1, Math.abs(x1 - x0)), rowH - 6.0,
                    colour(b.series), Html.esc(b.label), Html.num(b.value) + interval(b.low, b.high)));
            if (!Double.isNaN(b.low)) {
                double lo = x(b.low, scale, labelW, plotW);
                double hi = x(b.high, scale, labelW, plotW);
                double cy = y + rowH / 2.0;
                s.append(String.format(Locale.ROOT, "<path class=\"err\" d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\"/>",
                        lo, cy, hi, lo, cy - 4, cy + 4, hi, cy - 4, cy + 4));
            }
        }
        return s.append("</svg>\n").toString();
    }

    /** A scatter with error bars on both axes and each point labelled. */
    public static String scatter(String title, String xLabel, String yLabel, List<Point> points) {
        int left = 60;
        int plotW = 520;
        int top = 28;
        int plotH = 300;
        double[] xs = range(points.stream().flatMap(p -> java.util.stream.Stream.of(p.x, p.xLow, p.xHigh)).toList());
        double[] ys = range(points.stream().flatMap(p -> java.util.stream.Stream.of(p.y, p.yLow, p.yHigh)).toList());
        double[] sx = nice(xs[0], xs[1]);
        double[] sy = nice(Math.min(0, ys[0]), ys[1]);
        StringBuilder s = open("scatter", left + plotW + 160, top + plotH + 50, title);
        ticks(s, sx, left, plotW, top, top + plotH, xLabel, true);
        yTicks(s, sy, left, plotW, top, plotH, yLabel);
        for (Point p : points) {
            if (Double.isNaN(p.x) || Double.isNaN(p.y)) {
                continue;
            }
            double cx = x(p.x, sx, left, plotW);
            double cy = top + plotH - (p.y - sy[0]) / (sy[1] - sy[0]) * plotH;
            if (!Double.isNaN(p.xLow)) {
                s.append(String.format(Locale.ROOT, "<path class=\"err\" d=\"M%.1f %.1fH%.1f\"/>", x(p.xLow, sx, left, plotW),
                        cy, x(p.xHigh, sx, left, plotW)));
            }
            if (!Double.isNaN(p.yLow)) {
                s.append(String.format(Locale.ROOT, "<path class=\"err\" d=\"M%.1f %.1fV%.1f\"/>", cx,
                        top + plotH - (p.yLow - sy[0]) / (sy[1] - sy[0]) * plotH,
                        top + plotH - (p.yHigh - sy[0]) / (sy[1] - sy[0]) * plotH));
            }
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s: %s %s, %s %s"
                    + "</title></circle>", cx, cy, colour(p.series), Html.esc(p.label), Html.esc(xLabel), Html.num(p.x),
                    Html.esc(yLabel), Html.num(p.y)));
            s.append(text(cx + 7, cy - 6, "plbl", p.label).replace("class=\"plbl\"", "class=\"plbl\" text-anchor=\"start\""));
        }
        return s.append("</svg>\n").toString();
    }

    /** Lines with shaded interval bands, and a legend. */
    public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        int left = 60;
        int plotW = 520;
        int top = 28;
        int plotH = 280;
        List<Double> allX = new ArrayList<>();
        List<Double> allY = new ArrayList<>();
        for (Series se : series) {
            for (double[] p : se.points) {
                allX.add(p[0]);
                allY.add(p[1]);
                allY.add(p[2]);
                allY.add(p[3]);
            }
        }
        double[] sx = nice(range(allX)[0], range(allX)[1]);
        double[] yr = range(allY);
        double[] sy = nice(Math.min(0, yr[0]), yr[1]);
        StringBuilder s = open("lines", left + plotW + 180, top + plotH + 50, title);
        ticks(s, sx, left, plotW, top, top + plotH, xLabel, true);
        yTicks(s, sy, left, plotW, top, plotH, yLabel);
        for (int i = 0; i < series.size(); i++) {
            Series se = series.get(i);
            StringBuilder band = new StringBuilder();
            StringBuilder back = new StringBuilder();
            StringBuilder line = new StringBuilder();
            for (double[] p : se.points) {
                double cx = x(p[0], sx, left, plotW);
                if (!Double.isNaN(p[2])) {
                    band.append(band.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", cx,
                            y(p[3], sy, top, plotH)));
                    back.insert(0, String.format(Locale.ROOT, "L%.1f %.1f", cx, y(p[2], sy, top, plotH)));
                }
                if (!Double.isNaN(p[1])) {
                    line.append(line.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", cx,
                            y(p[1], sy, top, plotH)));
                }
            }
            if (band.length() > 0) {
                s.append("<path d=\"").append(band).append(back).append("Z\" fill=\"").append(colour(i))
                        .append("\" fill-opacity=\"0.18\" stroke=\"none\"/>");
            }
            s.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"").append(colour(i))
                    .append("\" stroke-width=\"2\"/>");
            for (double[] p : se.points) {
                if (!Double.isNaN(p[1])) {
                    s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s: %s "
                            + "at %s%s</title></circle>", x(p[0], sx, left, plotW), y(p[1], sy, top, plotH), colour(i),
                            Html.esc(se.name), Html.num(p[1]), Html.num(p[0]), interval(p[2], p[3])));
                }
            }
            double ly = top + 14 + i * 18;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"14\" height=\"4\" fill=\"%s\"/>",
                    left + plotW + 16, ly - 4, colour(i)));
            s.append(text(left + plotW + 36, ly, "legend", se.name).replace("class=\"legend\"",
                    "class=\"legend\" text-anchor=\"start\""));
        }
        return s.append("</svg>\n").toString();
    }

    private static String interval(double low, double high) {
        return Double.isNaN(low) ? "" : " " + Html.NUMBERS.interval(low, high);
    }

    private static StringBuilder open(String kind, int width, int height, String title) {
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" data-chart=\"").append(kind).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"")
                .append(Html.esc(title)).append("\">");
        s.append(text(8, 16, "title", title).replace("class=\"title\"", "class=\"title\" text-anchor=\"start\""));
        return s;
    }

    private static double[] range(List<Double> values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return new double[] {0, 1};
        }
        if (max - min < 1e-12) {
            return new double[] {min - 0.5, max + 0.5};
        }
        return new double[] {min, max};
    }

    /** A rounded axis range {min, max, step} covering [lo, hi]. */
    static double[] nice(double lo, double hi) {
        double span = hi - lo;
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (span / (step * m) <= 6) {
                step *= m;
                break;
            }
        }
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step};
    }

    private static double x(double v, double[] scale, int left, int width) {
        return left + (v - scale[0]) / (scale[1] - scale[0]) * width;
    }

    private static double y(double v, double[] scale, int top, int height) {
        return top + height - (v - scale[0]) / (scale[1] - scale[0]) * height;
    }

    private static void ticks(StringBuilder s, double[] scale, int left, int width, int top, int bottom, String label,
            boolean grid) {
        for (double t = scale[0]; t <= scale[1] + scale[2] / 2; t += scale[2]) {
            double x = x(t, scale, left, width);
            if (grid) {
                s.append(String.format(Locale.ROOT, "<path class=\"%s\" d=\"M%.1f %dV%d\"/>",
                        Math.abs(t) < scale[2] / 2 ? "axis" : "grid", x, top, bottom));
            }
            s.append(text(x, bottom + 14, "tick", tick(t, scale[2])));
        }
        s.append(text(left + width / 2.0, bottom + 32, "tick", label));
    }

    private static void yTicks(StringBuilder s, double[] scale, int left, int width, int top, int height, String label) {
        for (double t = scale[0]; t <= scale[1] + scale[2] / 2; t += scale[2]) {
            double y = y(t, scale, top, height);
            s.append(String.format(Locale.ROOT, "<path class=\"%s\" d=\"M%d %.1fH%d\"/>",
                    Math.abs(t) < scale[2] / 2 ? "axis" : "grid", left, y, left + width));
            s.append(text(left - 6, y + 4, "lbl", tick(t, scale[2])));
        }
        s.append(String.format(Locale.ROOT, "<text class=\"tick\" transform=\"translate(14 %.1f) rotate(-90)\">%s</text>",
                top + height / 2.0, Html.esc(label)));
    }

    private static String tick(double t, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(t) < step / 1e6 ? 0.0 : t);
    }

    private static String text(double x, double y, String cls, String content) {
        return String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\">%s</text>", cls, x, y, Html.esc(content));
    }
}
