package dev.debias.upstream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.core.InvalidInputException;
import dev.debias.core.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads {@value Upstream#UPSTREAM_JSON} (snake_case keys, sorted maps, indented). */
public final class UpstreamFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private UpstreamFiles() {}

    /** Writes {@code result} to {@code file} atomically. */
    public static void write(UpstreamResult result, Path file) throws IOException {
        AtomicFile.write(file, (JSON.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the {@value Upstream#UPSTREAM_JSON} of a model directory (or the file itself).
     *
     * @throws InvalidInputException when it is missing or not an upstream description
     */
    public static UpstreamResult read(Path dirOrFile) throws IOException {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(Upstream.UPSTREAM_JSON) : dirOrFile;
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": missing; is " + dirOrFile + " an upstream model directory?");
        }
        UpstreamResult r;
        try {
            r = JSON.readValue(file.toFile(), UpstreamResult.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidInputException(file + ": not an upstream description (" + e.getOriginalMessage() + ")");
        }
        if (!Upstream.SCHEMA.equals(r.schema())) {
            throw new InvalidInputException(file + ": schema '" + r.schema() + "', expected " + Upstream.SCHEMA);
        }
        return r;
    }
}
