package dev.debias.audit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.audit.AuditResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads and writes {@code audit.json}: field names in snake_case, undefined values as null or left out. */
public final class AuditJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private AuditJson() {}

    /** The JSON text of a result, ending with a line break. */
    public static String toJson(AuditResult result) {
        try {
            return JSON.writeValueAsString(result) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an {@code audit.json} back. */
    public static AuditResult read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), AuditResult.class);
    }
}
