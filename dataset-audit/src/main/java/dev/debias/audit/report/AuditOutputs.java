package dev.debias.audit.report;

import dev.debias.audit.AuditResult;
import dev.debias.core.ArtifactProvenance;
import dev.debias.core.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes an audit's outputs into a directory: {@code audit.json}, {@code audit.csv}, {@code report.html}, each with a provenance sidecar. */
public final class AuditOutputs {
    /** The machine-readable result. */
    public static final String JSON = "audit.json";
    /** One row per cell. */
    public static final String CSV = "audit.csv";
    /** The self-contained page. */
    public static final String HTML = "report.html";

    private AuditOutputs() {}

    /** Writes the three files (each atomically) and returns their paths. */
    public static List<Path> write(AuditResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JSON);
        Path csv = dir.resolve(CSV);
        Path html = dir.resolve(HTML);
        AtomicFile.write(json, AuditJson.toJson(result).getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(csv, AuditCsv.toCsv(result).getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(html, HtmlReport.render(result).getBytes(StandardCharsets.UTF_8));
        Map<String, String> inputs = Map.of(result.source(), result.inputSha256());
        for (Path p : List.of(json, csv, html)) {
            ArtifactProvenance.of("audit", result.config(), inputs, p, -1).writeBeside(p);
        }
        return List.of(json, csv, html);
    }
}
