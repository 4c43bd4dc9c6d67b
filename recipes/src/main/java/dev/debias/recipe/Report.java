package dev.debias.recipe;

import dev.debias.stats.EstimateFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.stats.Estimate;
import dev.debias.core.Versions;
import dev.debias.core.AtomicFile;
import dev.debias.report.CsvCells;
import dev.debias.report.Html;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects what a recipe run found and writes it: {@code report.html} (self-contained: inline SVG charts, no
 * script or style from the network), {@code results.csv} (one row per cell and measure) and
 * {@code results.json} (cells, effects, reading and provenance).
 */
public final class Report {
    /** The schema of {@code results.json}. */
    public static final String SCHEMA = "debias.recipe-results/1";
    /** File names. */
    public static final String HTML = "report.html";
    /** File names. */
    public static final String CSV = "results.csv";
    /** File names. */
    public static final String JSON = "results.json";

    /**
     * A named effect: a difference, slope or reduction with its interval.
     *
     * @param name what it compares ({@code two-sided vs original})
     * @param measure the measure it is about
     * @param value the estimate
     * @param method how the interval was computed
     * @param p the bootstrap p-value of no difference, or null when the interval is not a paired bootstrap's
     * @param holm the Holm-adjusted p over the effects read together, or null when not adjusted
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Effect(String name, String measure, Estimate value, String method, Double p, Double holm) {
        /** An effect without p-values. */
        public Effect(String name, String measure, Estimate value, String method) {
            this(name, measure, value, method, null, null);
        }

        /** A difference of {@link Inference}, named. */
        static Effect of(String name, dev.debias.evaluate.paired.PairedEffect e) {
            return new Effect(name, e.measure(), e.difference(), e.method(), Double.isNaN(e.pValue()) ? null : e.pValue(),
                    e.holm());
        }
    }

    /**
     * A size the run used against the one the recipe asked for.
     *
     * @param what what is counted, e.g. {@code test records}
     * @param setting the recipe setting that asked, e.g. {@code scale.test_records}
     * @param requested the size asked for, or null for all
     * @param used the size used
     * @param why why they would differ (shown only when they do), or null
     */
    public record Size(String what, String setting, Long requested, long used, String why) {
        /** Whether the size used is not the one asked for. */
        public boolean changed() {
            return requested != null && requested != used;
        }
    }

    private static final Map<String, String> LABELS = Map.of(
            "accuracy", "accuracy",
            "tpr_gap_rms", "TPR gap (RMS over classes)",
            "flip_rate", "counterfactual flip rate",
            "demographic_parity_difference", "demographic parity difference",
            "equal_opportunity_difference", "equal opportunity difference",
            "equalized_odds_difference", "equalized odds difference",
            "embedding_gap", "counterfactual embedding gap (cosine)");

    private final Recipe recipe;
    private final List<String> reading = new ArrayList<>();
    private final StringBuilder sections = new StringBuilder();
    private final List<Cell> cells = new ArrayList<>();
    private final List<Effect> effects = new ArrayList<>();
    private final List<Size> sizes = new ArrayList<>();
    private final Map<String, String> dataHashes = new LinkedHashMap<>();
    private List<StepRunner.Outcome> steps = List.of();

    /** A report on a run of the resolved {@code recipe}. */
    public Report(Recipe recipe) {
        this.recipe = recipe;
    }

    /** A person's name for a measure. */
    public static String label(String measure) {
        if (measure.startsWith("seat:")) {
            return "SEAT effect " + measure.substring(5);
        }
        return LABELS.getOrDefault(measure, measure.replace('_', ' '));
    }

    /** Adds a sentence to the reading at the top of the report. */
    public void read(String sentence) {
        reading.add(sentence);
    }

    /** Puts a sentence first in the reading (the sanity gate's verdict). */
    public void readFirst(String sentence) {
        reading.add(0, sentence);
    }

    /** Records a size used against the one requested; a change is also said in the reading. */
    public void size(Size s) {
        sizes.add(s);
        if (s.changed()) {
            read(String.format(Locale.ROOT, "Size: %s asked for %d %s; %d were used (%s).", s.setting(), s.requested(),
                    s.what(), s.used(), s.why()));
        }
    }

    /** The reading so far. */
    public List<String> reading() {
        return List.copyOf(reading);
    }

    /** Adds a section: a title and its HTML body (escape text with {@link Html#esc}). */
    public void section(String title, String html) {
        sections.append("<h2>").append(Html.esc(title)).append("</h2>\n").append(html).append('\n');
    }

    /** Adds cells to {@code results.csv}/{@code results.json}. */
    public void cells(List<Cell> more) {
        cells.addAll(more);
    }

    /** Adds an effect. */
    public void effect(Effect e) {
        effects.add(e);
    }

    /** Records the SHA-256 of a data file the run used. */
    public void dataHash(String name, String sha256) {
        dataHashes.put(name, sha256);
    }

    /** Records the steps of the run. */
    public void steps(List<StepRunner.Outcome> outcomes) {
        this.steps = List.copyOf(outcomes);
    }

    /** An HTML table of cells: design columns, then one column per measure with its interval. */
    public static String table(List<Cell> cells, List<String> measures) {
        if (cells.isEmpty()) {
            return "<p class=\"meta\">no cells</p>";
        }
        List<String> keys = new ArrayList<>(cells.get(0).design().keySet());
        StringBuilder h = new StringBuilder("<div class=\"scroll\"><table class=\"sortable results\"><thead><tr>");
        for (String k : keys) {
            h.append("<th>").append(Html.esc(k)).append("</th>");
        }
        for (String m : measures) {
            h.append("<th>").append(Html.esc(label(m))).append("</th>");
        }
        h.append("<th>runs</th></tr></thead><tbody>\n");
        for (Cell c : cells) {
            h.append("<tr>");
            for (String k : keys) {
                h.append("<td>").append(Html.esc(c.design().getOrDefault(k, ""))).append("</td>");
            }
            for (String m : measures) {
                h.append(Html.estimateCell(c.get(m).estimate()));
            }
            h.append("<td class=\"n\">").append(c.runs().size()).append("</td></tr>\n");
        }
        return h.append("</tbody></table></div>\n<p class=\"meta\">Values are means over the seeds with a 95% "
                + "Student-t interval; a cell with one seed shows its run's 95% bootstrap interval.</p>\n").toString();
    }

    /** An HTML table of effects. */
    public static String effectTable(List<Effect> list) {
        StringBuilder h = new StringBuilder("<table class=\"effects\"><thead><tr><th>effect</th><th>measure</th>"
                + "<th>estimate [95%]</th><th>interval</th></tr></thead><tbody>\n");
        for (Effect e : list) {
            h.append("<tr><td>").append(Html.esc(e.name())).append("</td><td>").append(Html.esc(label(e.measure())))
                    .append("</td>").append(Html.estimateCell(e.value())).append("<td class=\"meta\">")
                    .append(Html.esc(e.method() + (e.p() == null ? "" : String.format(Locale.ROOT, "; p = %.3f", e.p()))
                            + (e.holm() == null ? "" : String.format(Locale.ROOT, ", Holm-adjusted %.3f", e.holm()))))
                    .append("</td></tr>\n");
        }
        return h.append("</tbody></table>\n").toString();
    }

    /**
     * Writes {@code report.html}, {@code results.csv} and {@code results.json} into {@code dir}.
     *
     * @return the report's path
     */
    public Path write(Path dir) throws IOException {
        StringBuilder h = Html.page("debias recipe " + recipe.name() + " (" + recipe.kind() + ")");
        h.append("<p class=\"question\"><b>Question.</b> ").append(Html.esc(recipe.question())).append("</p>\n");
        h.append("<div class=\"reading\"><h2 style=\"border:0;margin-top:.3em\">Reading</h2>\n");
        for (String s : reading) {
            h.append("<p>").append(Html.esc(s)).append("</p>\n");
        }
        h.append("</div>\n");
        if (!effects.isEmpty()) {
            h.append("<h2>Effects</h2>\n").append(effectTable(effects));
        }
        h.append(sections);
        h.append("<h2>Setup</h2>\n");
        Recipe.Scale s = recipe.scale();
        h.append(String.format(Locale.ROOT, "<p>Model <code>%s</code>; %s; %s training records and %s test records requested; %d "
                + "epoch(s), max length %d, batch %d, learning rate %s, precision %s; seeds %s; %d bootstrap replicates.</p>\n",
                Html.esc(recipe.model()), recipe.data().isFile() ? "data <code>" + Html.esc(recipe.data().file()) + "</code>"
                        : "demo bios", s.records() == null ? "all" : s.records().toString(),
                s.testRecords() == null ? "all" : s.testRecords().toString(), s.epochs(), s.maxLength(), s.batchSize(),
                s.learningRate(), s.precision(), s.seeds(), s.bootstrap()));
        if (!sizes.isEmpty()) {
            h.append("<table><thead><tr><th>size</th><th>setting</th><th>requested</th><th>used</th><th>why</th></tr>"
                    + "</thead><tbody>\n");
            for (Size z : sizes) {
                h.append("<tr><td>").append(Html.esc(z.what())).append("</td><td><code>").append(Html.esc(z.setting()))
                        .append("</code></td><td class=\"n\">").append(z.requested() == null ? "all" : z.requested())
                        .append("</td><td class=\"n\">").append(z.changed() ? "<b>" + z.used() + "</b>" : z.used())
                        .append("</td><td>").append(Html.esc(z.why() == null || !z.changed() ? "" : z.why())).append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        h.append("<h3>Resolved recipe</h3>\n<pre>").append(Html.esc(Recipes.toYaml(recipe))).append("</pre>\n");
        h.append("<h3>Data</h3>\n<table><tr><th>file</th><th>SHA-256</th></tr>\n");
        dataHashes.forEach((k, v) -> h.append("<tr><td>").append(Html.esc(k)).append("</td><td><code>").append(v)
                .append("</code></td></tr>\n"));
        h.append("</table>\n<h3>Versions</h3>\n<table>\n");
        Versions.all().forEach((k, v) -> h.append("<tr><td>").append(Html.esc(k)).append("</td><td>").append(Html.esc(v))
                .append("</td></tr>\n"));
        h.append("</table>\n<h3>Steps</h3>\n<p class=\"meta\">Each step is cached under <code>steps/</code> by a key "
                + "of its settings and inputs; a re-run skips the steps that are done.</p>\n<div class=\"scroll\">"
                + "<table class=\"sortable\"><thead><tr><th>step</th><th>key</th><th>seconds</th><th>this run</th>"
                + "</tr></thead><tbody>\n");
        for (StepRunner.Outcome o : steps) {
            h.append("<tr><td>").append(Html.esc(o.label())).append("</td><td><code>").append(o.key(), 0, 12)
                    .append("</code></td><td class=\"n\">").append(String.format(Locale.ROOT, "%.1f", o.seconds()))
                    .append("</td><td>").append(o.cached() ? "cached" : "ran").append("</td></tr>\n");
        }
        h.append("</tbody></table></div>\n");
        Path html = dir.resolve(HTML);
        AtomicFile.write(html, Html.close(h).getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(dir.resolve(CSV), csv().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(dir.resolve(JSON), json().getBytes(StandardCharsets.UTF_8));
        return html;
    }

    /**
     * The cells as CSV: design columns, then measure, value, low, high, runs, note; text cells are made safe
     * for spreadsheets by {@link CsvCells#field}, numbers are written as they are.
     */
    public String csv() {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        cells.forEach(c -> keys.addAll(c.design().keySet()));
        StringBuilder b = new StringBuilder();
        for (String k : keys) {
            b.append(csvField(k)).append(',');
        }
        b.append("measure,value,low,high,runs,note\n");
        for (Cell c : cells) {
            for (var m : c.measures().entrySet()) {
                for (String k : keys) {
                    b.append(csvField(c.design().getOrDefault(k, ""))).append(',');
                }
                Estimate e = m.getValue().estimate();
                b.append(csvField(m.getKey())).append(',').append(e.isDefined() ? EstimateFormat.EXACT.cell(e.value()) : "")
                        .append(',').append(EstimateFormat.EXACT.cell(e.low())).append(',')
                        .append(EstimateFormat.EXACT.cell(e.high())).append(',').append(m.getValue().runs()).append(',')
                        .append(csvField(e.undefined() == null ? "" : e.undefined())).append('\n');
            }
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.toString(v);
    }

    private static String csvField(String s) {
        return CsvCells.field(s);
    }

    private String json() throws IOException {
        ObjectMapper m = Recipes.mapper();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("recipe", m.readTree(Recipes.toJson(recipe)));
        root.put("question", recipe.question());
        root.put("reading", reading);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Cell c : cells) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("design", c.design());
            x.put("runs", c.runs());
            Map<String, Object> ms = new LinkedHashMap<>();
            c.measures().forEach((k, v) -> ms.put(k, v.estimate()));
            x.put("measures", ms);
            cs.add(x);
        }
        root.put("cells", cs);
        root.put("effects", effects);
        root.put("sizes", sizes);
        root.put("data", dataHashes);
        // a LinkedHashMap, not Map.of, whose iteration order changes from one JVM to the next
        List<Map<String, Object>> stepRows = new ArrayList<>();
        for (var o : steps) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", o.label());
            row.put("key", o.key());
            row.put("cached", o.cached());
            row.put("seconds", Math.round(o.seconds() * 10) / 10.0);
            stepRows.add(row);
        }
        root.put("steps", stepRows);
        root.put("versions", Versions.all());
        return m.writeValueAsString(root);
    }
}
