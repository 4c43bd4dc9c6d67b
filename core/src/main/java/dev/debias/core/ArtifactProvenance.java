package dev.debias.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.core.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What made an output file, so the result can be replayed: the operation, its full configuration
 * (seeds included), the content hashes of its inputs and of the output, and the versions of debias,
 * its libraries and Java. Written beside the output as {@code NAME.provenance.json}; it holds no
 * time stamp, so the same run gives the same bytes.
 *
 * @param operation what was done, e.g. {@code generate bios}
 * @param config every setting, as strings
 * @param inputs input name to SHA-256
 * @param outputSha256 SHA-256 of the output
 * @param records how many records the output holds, or -1 when not a corpus
 * @param versions {@link Versions#all()}
 */
public record ArtifactProvenance(String operation, Map<String, String> config, Map<String, String> inputs,
        @JsonProperty("output_sha256") String outputSha256, long records, Map<String, String> versions) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public ArtifactProvenance {
        config = Map.copyOf(config);
        inputs = Map.copyOf(inputs);
        versions = Map.copyOf(versions);
    }

    /** Describes {@code output}, hashing it. */
    public static ArtifactProvenance of(String operation, Map<String, String> config, Map<String, String> inputs,
            Path output, long records) throws IOException {
        return new ArtifactProvenance(operation, config, inputs, Hashing.sha256(output), records, Versions.all());
    }

    /** The sidecar path for an output: {@code NAME.provenance.json} beside it. */
    public static Path sidecarOf(Path output) {
        return output.resolveSibling(output.getFileName() + ".provenance.json");
    }

    /** Writes {@link #toJson()} beside {@code output}; returns the sidecar's path. */
    public Path writeBeside(Path output) throws IOException {
        Path p = sidecarOf(output);
        AtomicFile.write(p, toJson().getBytes(StandardCharsets.UTF_8));
        return p;
    }

    /** The JSON form: the fields in the order declared above, the keys of each map sorted, a final line break. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a sidecar back. */
    public static ArtifactProvenance read(Path sidecar) throws IOException {
        return JSON.readValue(sidecar.toFile(), ArtifactProvenance.class);
    }
}
