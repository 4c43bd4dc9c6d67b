package dev.debias.finetune.train;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.debias.core.AtomicFile;
import dev.debias.core.InvalidInputException;
import dev.debias.core.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a fine-tuning run was, its {@code run.json}: the settings, the label vocabulary, the model and
 * data it started from (by content hash), what was truncated and the versions of the code. {@link FineTuner}
 * writes it before the first epoch; {@link Predictor}, a resume and the evaluation read it.
 *
 * <p>The file is an object with the keys {@code schema} ({@value #SCHEMA}), {@code config}
 * ({@link TrainConfig#asMap()}), {@code labels}, {@code model_source}, {@code model_sha256},
 * {@code train_sha256}, {@code eval_sha256}, {@code train_records}, {@code eval_records},
 * {@code truncated_train}, {@code truncated_eval}, {@code max_length_used}, {@code mixed_precision} and
 * {@code versions}, in that order, indented, and {@code finished} last. Files of the first release lack
 * {@code max_length_used}; it reads as the configured maximum length then.
 *
 * <p>{@code finished} says whether the run completed: {@link FineTuner} writes {@code false} before the
 * first epoch and {@code true} only after the last epoch, the best weights and their provenance are
 * written, so a run killed or failed in between says {@code false}. Files written before the key existed
 * lack it; they read as finished (those releases wrote no marker, and every such file a user kept is
 * taken to be the finished run it was used as), and they are written back without it, byte for byte.
 * {@link #requireFinished} is how a consumer (a {@link Predictor}, a {@link SentenceEncoder}, the
 * evaluation, a fine-tuning that starts from a run) refuses an unfinished run.
 *
 * @param config every setting of the run
 * @param labels the label vocabulary, in index order
 * @param modelSource where the pre-trained model came from, as given
 * @param modelSha256 the pre-trained model's content hash
 * @param trainSha256 SHA-256 of the training corpus
 * @param evalSha256 SHA-256 of the evaluation corpus
 * @param trainRecords training records
 * @param evalRecords evaluation records
 * @param truncatedTrain training texts truncated to the maximum length
 * @param truncatedEval evaluation texts truncated
 * @param maxLengthUsed the maximum length in word pieces, after capping by the model's position table
 * @param mixedPrecision whether training used reduced precision (bf16 matrix products, {@code config.precision()})
 * @param versions the versions of debias, its libraries and Java, in the order they are written
 * @param finished whether the run completed; null for a file written before the key existed, which
 *     {@link #isFinished()} takes as finished and {@link #toJson()} writes without the key
 */
public record RunDescription(TrainConfig config, List<String> labels, String modelSource, String modelSha256,
        String trainSha256, String evalSha256, int trainRecords, int evalRecords, long truncatedTrain,
        long truncatedEval, int maxLengthUsed, boolean mixedPrecision, Map<String, String> versions,
        Boolean finished) {
    /** The file name in a run directory. */
    public static final String FILE = "run.json";
    /** The value of the {@code schema} key. */
    public static final String SCHEMA = "debias.run/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunDescription {
        Objects.requireNonNull(config, "config");
        labels = List.copyOf(labels);
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /** A description without the {@code finished} key, as files written before it existed read. */
    public RunDescription(TrainConfig config, List<String> labels, String modelSource, String modelSha256,
            String trainSha256, String evalSha256, int trainRecords, int evalRecords, long truncatedTrain,
            long truncatedEval, int maxLengthUsed, boolean mixedPrecision, Map<String, String> versions) {
        this(config, labels, modelSource, modelSha256, trainSha256, evalSha256, trainRecords, evalRecords,
                truncatedTrain, truncatedEval, maxLengthUsed, mixedPrecision, versions, null);
    }

    /** Whether the run completed: {@code finished} is true, or absent (a file from before the key existed). */
    public boolean isFinished() {
        return finished == null || finished;
    }

    /** This description with {@code finished} set. */
    public RunDescription withFinished(boolean done) {
        return new RunDescription(config, labels, modelSource, modelSha256, trainSha256, evalSha256, trainRecords,
                evalRecords, truncatedTrain, truncatedEval, maxLengthUsed, mixedPrecision, versions, done);
    }

    /**
     * Refuses a run directory whose {@value #FILE} says the run did not finish (killed, failed or still
     * training). Only the {@code finished} key is read: a directory without {@value #FILE}, or whose file
     * lacks the key, passes (the consumer's own checks name what else is missing or broken).
     *
     * @throws InvalidInputException naming the directory and saying to resume it ({@link Setting#RESUME})
     *     or wait for it to finish
     */
    public static void requireFinished(Path runDir) throws IOException {
        Path runJson = runDir.resolve(FILE);
        if (!Files.isRegularFile(runJson)) {
            return;
        }
        JsonNode n;
        try {
            n = JSON.readTree(runJson.toFile());
        } catch (JacksonException e) {
            throw new InvalidInputException(runJson + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (n != null && n.isObject() && Boolean.FALSE.equals(finished(n, runJson))) {
            throw new InvalidInputException(runDir + ": the fine-tuning run did not finish (" + FILE
                    + " says \"finished\": false: it was interrupted, failed, or is still training); resume it "
                    + "with " + Setting.RESUME + " " + runDir + ", or wait for it to finish, then use it");
        }
    }

    /** The file's bytes: the keys in the order above, two-space indented, as Jackson's default printer writes them. */
    public byte[] toJson() {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("schema", SCHEMA);
        run.put("config", config.asMap());
        run.put("labels", labels);
        run.put("model_source", modelSource);
        run.put("model_sha256", modelSha256);
        run.put("train_sha256", trainSha256);
        run.put("eval_sha256", evalSha256);
        run.put("train_records", trainRecords);
        run.put("eval_records", evalRecords);
        run.put("truncated_train", truncatedTrain);
        run.put("truncated_eval", truncatedEval);
        run.put("max_length_used", maxLengthUsed);
        run.put("mixed_precision", mixedPrecision);
        run.put("versions", versions);
        if (finished != null) {
            run.put("finished", finished);
        }
        try {
            return JSON.writeValueAsBytes(run);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #toJson()} to {@value #FILE} in {@code runDir}, atomically; returns the file. */
    public Path write(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        AtomicFile.write(file, toJson());
        return file;
    }

    /**
     * Reads a {@code run.json}.
     *
     * @throws InvalidInputException when the file is not JSON, has another schema, lacks a key or holds an
     *     invalid setting, naming the file and the key
     */
    public static RunDescription read(Path runJson) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(runJson.toFile());
        } catch (JacksonException e) {
            throw new InvalidInputException(runJson + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(runJson + ": not a JSON object; is it a debias run.json?");
        }
        String schema = n.path("schema").asText();
        if (!schema.equals(SCHEMA)) {
            throw new InvalidInputException(runJson + ": schema '" + schema + "'; this debias reads " + SCHEMA);
        }
        TrainConfig config;
        try {
            config = TrainConfig.fromMap(strings(required(n, "config", runJson), runJson, "config"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(runJson + ": config: " + e.getMessage());
        }
        List<String> labels = new ArrayList<>();
        JsonNode l = required(n, "labels", runJson);
        if (!l.isArray()) {
            throw new InvalidInputException(runJson + ": 'labels' is not a list");
        }
        l.forEach(x -> labels.add(x.asText()));
        JsonNode maxLength = n.get("max_length_used");
        JsonNode versions = n.get("versions");
        return new RunDescription(config, labels, text(n, "model_source", runJson), text(n, "model_sha256", runJson),
                text(n, "train_sha256", runJson), text(n, "eval_sha256", runJson),
                required(n, "train_records", runJson).asInt(), required(n, "eval_records", runJson).asInt(),
                required(n, "truncated_train", runJson).asLong(), required(n, "truncated_eval", runJson).asLong(),
                maxLength == null ? config.maxLength() : maxLength.asInt(), n.path("mixed_precision").asBoolean(false),
                versions == null ? Map.of() : strings(versions, runJson, "versions"), finished(n, runJson));
    }

    private static Boolean finished(JsonNode n, Path file) {
        JsonNode f = n.get("finished");
        if (f == null) {
            return null;
        }
        if (!f.isBoolean()) {
            throw new InvalidInputException(file + ": 'finished' is " + f + "; expected true or false");
        }
        return f.booleanValue();
    }

    private static JsonNode required(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(file + ": lacks '" + key + "'; is it a debias run.json?");
        }
        return v;
    }

    private static String text(JsonNode n, String key, Path file) {
        return required(n, key, file).asText();
    }

    private static Map<String, String> strings(JsonNode object, Path file, String key) {
        if (!object.isObject()) {
            throw new InvalidInputException(file + ": '" + key + "' is not an object");
        }
        Map<String, String> m = new LinkedHashMap<>();
        object.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }
}
