package dev.debias.evaluate.compare;

import static dev.debias.report.Html.esc;
import static dev.debias.report.Html.estimateCell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.stats.Estimate;
import dev.debias.stats.EstimateFormat;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.Hashing;
import dev.debias.core.AtomicFile;
import dev.debias.report.Charts;
import dev.debias.report.CsvCells;
import dev.debias.report.Html;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Comparison}: {@code comparison.json}, {@code comparison.csv} (one row per run and
 * measure), {@code agreement.csv} (one row per pair of bias measures) and a self-contained
 * {@code report.html} with the gaps per run as bars with error bars and a bias-versus-accuracy scatter. The
 * CSV text cells are made safe for spreadsheets by {@link CsvCells#field}; numbers are written as they are.
 */
public final class ComparisonFiles {
    public static final String JSON_FILE = "comparison.json";
    public static final String CSV_FILE = "comparison.csv";
    public static final String AGREEMENT_FILE = "agreement.csv";
    public static final String HTML_FILE = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ComparisonFiles() {}

    /**
     * Writes the four files into {@code dir}.
     *
     * @param inputs the metrics.json files compared, for the provenance sidecars
     */
    public static void write(Comparison c, List<Path> inputs, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            hashes.put(c.runs().get(i).name() + "/" + inputs.get(i).getFileName(), Hashing.sha256(inputs.get(i)));
        }
        Map<String, String> config = Map.of("grouping", String.valueOf(c.grouping()), "runs", Integer.toString(c.runs().size()));
        write(dir.resolve(JSON_FILE), JSON.writeValueAsString(c) + "\n", config, hashes);
        write(dir.resolve(CSV_FILE), csv(c), config, hashes);
        write(dir.resolve(AGREEMENT_FILE), agreementCsv(c), config, hashes);
        write(dir.resolve(HTML_FILE), html(c), config, hashes);
    }

    private static void write(Path p, String content, Map<String, String> config, Map<String, String> inputs)
            throws IOException {
        AtomicFile.write(p, content.getBytes(StandardCharsets.UTF_8));
        ArtifactProvenance.of("evaluate compare", config, inputs, p, -1).writeBeside(p);
    }

    /** One row per run and measure. */
    public static String csv(Comparison c) {
        StringBuilder s = new StringBuilder("run,design,measure,value,low,high,note\n");
        for (RunSummary r : c.runs()) {
            for (String m : c.measures()) {
                row(s, r.name(), design(r.design()), m, r.measures().get(m));
            }
        }
        for (DesignSummary d : c.designs()) {
            if (d.runs().size() > 1) {
                for (String m : c.measures()) {
                    row(s, "mean of " + d.runs().size() + " seeds", design(d.design()), m, d.measures().get(m));
                }
            }
        }
        return s.toString();
    }

    /** One row per pair of bias measures. */
    public static String agreementCsv(Comparison c) {
        StringBuilder s = new StringBuilder("first,second,kendall_tau_b,runs,note\n");
        for (MeasureAgreement a : c.agreement()) {
            s.append(q(a.first())).append(',').append(q(a.second())).append(',')
                    .append(a.tau() == null ? "" : a.tau().toString()).append(',').append(a.runs()).append(',')
                    .append(q(a.undefined() == null ? "" : a.undefined())).append('\n');
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String run, String design, String measure, Estimate e) {
        s.append(q(run)).append(',').append(q(design)).append(',').append(q(measure)).append(',');
        if (e == null) {
            s.append(",,,not measured\n");
            return;
        }
        s.append(EstimateFormat.EXACT.csv(e)).append(',').append(q(e.undefined() == null ? "" : e.undefined()))
                .append('\n');
    }

    private static String design(Map<String, String> d) {
        StringBuilder s = new StringBuilder();
        new java.util.TreeMap<>(d).forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return s.toString();
    }

    private static String q(String v) {
        return CsvCells.field(v);
    }

    /** The HTML page. */
    public static String html(Comparison c) {
        StringBuilder h = Html.page("debias comparison of " + c.runs().size() + " runs");
        h.append("<p class=\"meta\">Gaps by <b>").append(esc(String.valueOf(c.grouping())))
                .append("</b>. Intervals are 95%: bootstrap per run, Student-t across seeds.</p>\n");
        h.append("<h2>Runs</h2>\n<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>run</th><th>design</th>");
        c.measures().forEach(m -> h.append("<th>").append(esc(m)).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (RunSummary r : c.runs()) {
            h.append("<tr><td>").append(esc(r.name())).append("</td><td class=\"meta\">").append(esc(design(r.design())))
                    .append("</td>");
            c.measures().forEach(m -> h.append(cell(r.measures().get(m))));
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div>\n");
        if (c.designs().stream().anyMatch(d -> d.runs().size() > 1)) {
            h.append("<h2>Pooled over seeds</h2>\n<table class=\"sortable\"><thead><tr><th>design</th><th>seeds</th>");
            c.measures().forEach(m -> h.append("<th>").append(esc(m)).append("</th>"));
            h.append("</tr></thead><tbody>\n");
            for (DesignSummary d : c.designs()) {
                h.append("<tr><td>").append(esc(design(d.design()))).append("</td><td>")
                        .append(esc(String.join(", ", d.seeds()))).append("</td>");
                c.measures().forEach(m -> h.append(cell(d.measures().get(m))));
                h.append("</tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        for (String m : c.measures()) {
            if (m.equals(Comparison.ACCURACY)) {
                continue;
            }
            List<Charts.Bar> bars = new ArrayList<>();
            for (int i = 0; i < c.runs().size(); i++) {
                Estimate e = c.runs().get(i).measures().get(m);
                if (e != null) {
                    bars.add(bar(c.runs().get(i).name(), e, i));
                }
            }
            h.append(Charts.bars(m + " per run", m, bars));
        }
        String bias = c.measures().contains(Comparisons.GAPS.get(2)) ? Comparisons.GAPS.get(2)
                : c.measures().stream().filter(m -> !m.equals(Comparison.ACCURACY)).findFirst().orElse(null);
        if (bias != null && c.measures().contains(Comparison.ACCURACY)) {
            List<Charts.Point> points = new ArrayList<>();
            for (int i = 0; i < c.runs().size(); i++) {
                RunSummary r = c.runs().get(i);
                Estimate x = r.measures().get(Comparison.ACCURACY);
                Estimate y = r.measures().get(bias);
                if (x != null && y != null && x.isDefined() && y.isDefined()) {
                    points.add(new Charts.Point(r.name(), x.value(), low(x), high(x), y.value(), low(y), high(y), i));
                }
            }
            h.append(Charts.scatter(bias + " versus accuracy", "accuracy", bias, points));
        }
        h.append("<h2>Do the bias measures agree?</h2>\n<p class=\"meta\">Kendall's tau-b between the rankings of the runs "
                + "by each pair of measures: 1 same order, -1 reversed, near 0 unrelated.</p>\n<table><thead><tr><th>measure"
                + "</th><th>measure</th><th>tau-b</th><th>runs</th></tr></thead><tbody>\n");
        for (MeasureAgreement a : c.agreement()) {
            h.append("<tr><td>").append(esc(a.first())).append("</td><td>").append(esc(a.second()))
                    .append("</td><td class=\"n\">").append(a.tau() == null
                            ? "<span class=\"undef\" title=\"" + esc(a.undefined()) + "\">undefined</span>" : Html.num(a.tau()))
                    .append("</td><td class=\"n\">").append(a.runs()).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        return Html.close(h);
    }

    private static String cell(Estimate e) {
        return e == null ? "<td class=\"meta\">not measured</td>" : estimateCell(e);
    }

    private static Charts.Bar bar(String label, Estimate e, int series) {
        return new Charts.Bar(label, e.isDefined() ? e.value() : Double.NaN, low(e), high(e), series);
    }

    private static double low(Estimate e) {
        return e.low() == null ? Double.NaN : e.low();
    }

    private static double high(Estimate e) {
        return e.high() == null ? Double.NaN : e.high();
    }
}
