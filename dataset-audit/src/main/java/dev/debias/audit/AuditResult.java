package dev.debias.audit;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything an audit measured, immutable, in the shape of {@code audit.json} (schema
 * {@value #SCHEMA}; the README documents each field).
 *
 * @param schema {@value #SCHEMA}
 * @param source the input file name
 * @param inputSha256 SHA-256 of the input
 * @param documents documents audited
 * @param scope {@code document}, {@code sentence} or {@code window:N}
 * @param units units at that scope
 * @param intervals the interval method of each kind of estimate, and the confidence level
 * @param priorStrength pseudo-units of the log-odds prior
 * @param axes one report per axis
 * @param cells axis group x term target cells
 * @param labels axis group x label cells (empty without a label field)
 * @param groundTruth one report per ground-truth group field
 * @param warnings what the user should know: targets or groups never found, and so on
 * @param config the settings of the run
 * @param versions software versions
 * @param labelUnit the unit the label tables counted ({@code document} unless asked to count at the
 *     audit's scope), or null without label tables
 * @param positiveLabel the label the label tables report, or null when they report every label
 * @param dominatingDocuments documents holding more than the dominance share of a group's or a
 *     cell's units, at sentence or window scope
 * @param intersections one report per intersection of axes, in the order asked for (an additive field of
 *     schema 2: a file without it reads as none)
 */
public record AuditResult(String schema, String source, String inputSha256, long documents, String scope, long units,
        Map<String, String> intervals, double priorStrength, List<AxisReport> axes, List<AuditCell> cells,
        List<AuditCell> labels, List<GroundTruthReport> groundTruth, List<String> warnings, Map<String, String> config,
        Map<String, String> versions, String labelUnit, String positiveLabel,
        List<DominatingDocument> dominatingDocuments, List<IntersectionReport> intersections) {
    /** The audit.json schema id. */
    public static final String SCHEMA = "debias.audit/2";

    public AuditResult {
        intervals = Collections.unmodifiableMap(new TreeMap<>(intervals));
        axes = List.copyOf(axes);
        cells = List.copyOf(cells);
        labels = List.copyOf(labels);
        groundTruth = List.copyOf(groundTruth);
        warnings = List.copyOf(warnings);
        config = Collections.unmodifiableMap(new TreeMap<>(config));
        versions = Collections.unmodifiableMap(new TreeMap<>(versions));
        dominatingDocuments = List.copyOf(dominatingDocuments);
        intersections = intersections == null ? List.of() : List.copyOf(intersections);
    }
}
