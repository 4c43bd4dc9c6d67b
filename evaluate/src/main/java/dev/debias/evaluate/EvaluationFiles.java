package dev.debias.evaluate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.stats.Estimate;
import dev.debias.stats.EstimateFormat;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import dev.debias.core.AtomicFile;
import dev.debias.evaluate.counterfactual.CounterfactualFile;
import dev.debias.evaluate.counterfactual.FlipStatistics;
import dev.debias.evaluate.group.ClassMetrics;
import dev.debias.evaluate.group.Gap;
import dev.debias.evaluate.group.GroupFairnessResult;
import dev.debias.evaluate.group.GroupMetrics;
import dev.debias.evaluate.intrinsic.SeatResult;
import dev.debias.report.CsvCells;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link Evaluation} as {@code metrics.json}, {@code metrics.csv} (one row per number) and a
 * self-contained {@code report.html}, and, when a counterfactual test ran, its per-record outcomes as
 * {@code counterfactual.jsonl} ({@link CounterfactualFile}), each with a provenance sidecar; reads
 * {@code metrics.json} back.
 */
public final class EvaluationFiles {
    /** The JSON file name. */
    public static final String JSON_FILE = "metrics.json";
    /** The CSV file name. */
    public static final String CSV_FILE = "metrics.csv";
    /** The HTML file name. */
    public static final String HTML_FILE = "report.html";
    /** The CSV header. */
    public static final String CSV_HEADER = "section,grouping,group,class,metric,value,low,high,note";

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EvaluationFiles() {}

    /** Writes the three files into {@code dir} (created if needed); returns the JSON file. */
    public static Path write(Evaluation e, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JSON_FILE);
        AtomicFile.write(json, (JSON.writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8));
        Path csv = dir.resolve(CSV_FILE);
        AtomicFile.write(csv, csv(e).getBytes(StandardCharsets.UTF_8));
        Path html = dir.resolve(HTML_FILE);
        AtomicFile.write(html, EvaluationReport.render(e).getBytes(StandardCharsets.UTF_8));
        for (Path p : List.of(json, csv, html)) {
            ArtifactProvenance.of("evaluate", e.config(), e.inputs(), p, -1).writeBeside(p);
        }
        if (e.counterfactual() != null && e.counterfactual().outcomes() != null) {
            Path flips = dir.resolve(CounterfactualFile.FILE);
            CounterfactualFile.write(e.counterfactual().outcomes(), flips);
            ArtifactProvenance.of("evaluate", e.config(), e.inputs(), flips, e.counterfactual().outcomes().size())
                    .writeBeside(flips);
        }
        return json;
    }

    /** Writes any result record as JSON in the evaluation's style (snake_case keys, sorted maps, indented). */
    public static void writeJson(Object value, Path file) throws IOException {
        AtomicFile.write(file, (JSON.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads {@code metrics.json} from a file or from the directory holding it.
     *
     * @throws InvalidInputException when it is missing or not an evaluation
     */
    public static Evaluation read(Path fileOrDir) throws IOException {
        Path f = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(JSON_FILE) : fileOrDir;
        if (!Files.isRegularFile(f)) {
            throw new InvalidInputException(f + ": missing; give the output directory of an evaluation (its " + Setting.OUT + ")");
        }
        Evaluation e;
        try {
            e = JSON.readValue(f.toFile(), Evaluation.class);
        } catch (com.fasterxml.jackson.core.JacksonException ex) {
            throw new InvalidInputException(f + ": not a debias metrics.json (" + ex.getOriginalMessage() + ")");
        }
        if (!Evaluation.SCHEMA.equals(e.schema())) {
            throw new InvalidInputException(f + ": schema '" + e.schema() + "', expected '" + Evaluation.SCHEMA + "'");
        }
        return e;
    }

    /**
     * The CSV form: one row per number, RFC 4180 quoting; text cells are made safe for spreadsheets by
     * {@link CsvCells#field}, numbers are written as they are.
     */
    public static String csv(Evaluation e) {
        StringBuilder s = new StringBuilder(CSV_HEADER).append('\n');
        for (GroupFairnessResult r : e.groupFairness()) {
            for (GroupMetrics g : concat(r.groups(), r.overall())) {
                row(s, "group", r.grouping(), g.group(), "", "count", Estimate.of(g.count(), g.count(), g.count()));
                row(s, "group", r.grouping(), g.group(), "", "accuracy", g.accuracy());
                row(s, "group", r.grouping(), g.group(), "", "macro_f1", g.macroF1());
                row(s, "group", r.grouping(), g.group(), "", "selection_rate", g.selectionRate());
                for (ClassMetrics c : g.classes()) {
                    row(s, "group", r.grouping(), g.group(), c.label(), "tpr", c.tpr());
                    row(s, "group", r.grouping(), g.group(), c.label(), "fpr", c.fpr());
                    row(s, "group", r.grouping(), g.group(), c.label(), "precision", c.precision());
                    row(s, "group", r.grouping(), g.group(), c.label(), "selection_rate", c.selectionRate());
                }
            }
            for (Gap gap : r.gaps()) {
                row(s, "gap", r.grouping(), "", gap.label() == null ? "" : gap.label(), gap.name(), gap.value());
            }
        }
        if (e.counterfactual() != null) {
            for (FlipStatistics f : concat(e.counterfactual().byGroup(), e.counterfactual().overall())) {
                row(s, "counterfactual", e.counterfactual().axis(), f.group(), "", "flip_rate", f.flipRate());
                row(s, "counterfactual", e.counterfactual().axis(), f.group(), "", "mean_abs_change", f.meanAbsChange());
            }
        }
        ThresholdFreeSections.rows(e.thresholdFree(), (sec, grouping, group, cls, metric, est) -> row(s, sec, grouping,
                group, cls, metric, est));
        for (SeatResult t : e.intrinsic()) {
            row(s, "seat", t.test(), "", "", "effect_size", t.weat().effectSize() == null ? Estimate.undefined(t.weat().undefined())
                    : new Estimate(t.weat().effectSize(), null, null, null));
            row(s, "seat", t.test(), "", "", "p_value", new Estimate(t.weat().pValue(), null, null, null));
        }
        return s.toString();
    }

    private static <T> List<T> concat(List<T> list, T last) {
        List<T> all = new java.util.ArrayList<>(list);
        all.add(last);
        return all;
    }

    private static void row(StringBuilder s, String section, String grouping, String group, String cls, String metric,
            Estimate e) {
        s.append(section).append(',').append(q(grouping)).append(',').append(q(group)).append(',').append(q(cls))
                .append(',').append(metric).append(',').append(EstimateFormat.EXACT.csv(e)).append(',')
                .append(q(e.undefined() == null ? "" : e.undefined())).append('\n');
    }

    static String q(String v) {
        return CsvCells.field(v);
    }

    /** Reads a design map entry, or a default. */
    static String design(Evaluation e, String key, String otherwise) {
        Map<String, String> d = e.design();
        return d.getOrDefault(key, otherwise);
    }
}
