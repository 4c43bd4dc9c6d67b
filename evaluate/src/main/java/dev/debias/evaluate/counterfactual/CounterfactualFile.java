package dev.debias.evaluate.counterfactual;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.debias.core.AtomicFile;
import dev.debias.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes and reads {@code counterfactual.jsonl}: one JSON object per tested record, in input order, with
 * {@code index} (the 0-based ordinal among the input records), {@code id} (null when the input has no id field),
 * {@code flipped}, {@code change} (the probability of the original prediction on the counterfactual minus that
 * on the original) and {@code group} (of the original's terms). Written atomically; streamed both ways.
 */
public final class CounterfactualFile {
    /** The file name, beside {@code metrics.json}. */
    public static final String FILE = "counterfactual.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CounterfactualFile() {}

    /** Writes {@code outcomes} to {@code file} atomically. */
    public static void write(CounterfactualOutcomes outcomes, Path file) throws IOException {
        AtomicFile out = AtomicFile.create(file);
        try (Writer w = new BufferedWriter(new OutputStreamWriter(out.openStream(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < outcomes.size(); i++) {
                ObjectNode o = JSON.createObjectNode();
                o.put("index", outcomes.ordinal(i));
                o.put("id", outcomes.id(i));
                o.put("flipped", outcomes.flipped(i));
                o.put("change", (float) outcomes.change(i));
                o.put("group", outcomes.group(i));
                w.write(JSON.writeValueAsString(o));
                w.write('\n');
            }
        } catch (IOException | RuntimeException e) {
            out.discard();
            throw e;
        }
        out.commit();
    }

    /**
     * Reads a file {@link #write} wrote.
     *
     * @throws InvalidInputException naming the file and line when a line is not such an object
     */
    public static CounterfactualOutcomes read(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        long[] ordinals = new long[64];
        boolean[] flipped = new boolean[64];
        double[] changes = new double[64];
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    throw new InvalidInputException(file + ": line " + (n + 1) + " is not JSON (" + e.getOriginalMessage() + ")");
                }
                if (o == null || !o.has("index") || !o.has("flipped") || !o.has("change") || !o.has("group")) {
                    throw new InvalidInputException(file + ": line " + (n + 1)
                            + " lacks one of index, flipped, change, group");
                }
                if (n == changes.length) {
                    ordinals = Arrays.copyOf(ordinals, 2 * n);
                    flipped = Arrays.copyOf(flipped, 2 * n);
                    changes = Arrays.copyOf(changes, 2 * n);
                }
                ordinals[n] = o.get("index").asLong();
                flipped[n] = o.get("flipped").asBoolean();
                changes[n] = o.get("change").asDouble();
                ids.add(o.hasNonNull("id") ? o.get("id").asText() : null);
                groups.add(o.get("group").asText());
                n++;
            }
        }
        return CounterfactualOutcomes.of(ids, Arrays.copyOf(ordinals, n), Arrays.copyOf(flipped, n),
                Arrays.copyOf(changes, n), groups);
    }
}
