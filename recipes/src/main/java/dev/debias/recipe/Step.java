package dev.debias.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.debias.core.Hashing;
import dev.debias.core.ProgressListener;
import dev.debias.core.Versions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One cached unit of a recipe's work (generate, audit, augment, upstream, fine-tune, evaluate, measure): a
 * type, a configuration, the steps whose outputs it reads and the outside files it reads. Its {@link #key()}
 * hashes all of these (and, recursively, the keys of its inputs), so a step is done again exactly when
 * something it depends on changed. Steps are deterministic: the same key gives the same output.
 */
public final class Step {
    /** Writes a step's output into its directory. */
    @FunctionalInterface
    public interface Action {
        /** Runs the step; {@code ctx.dir()} exists and is empty. */
        void run(Context ctx) throws IOException;
    }

    /**
     * What a running step sees.
     *
     * @param dir its output directory
     * @param progress where it reports progress
     */
    public record Context(Path dir, ProgressListener progress) {}

    private final String type;
    private final String label;
    private final Map<String, Object> config;
    private final List<Step> inputs;
    private final List<Path> files;
    private final Action action;
    private String key;

    private Step(String type, String label, Map<String, Object> config, List<Step> inputs, List<Path> files,
            Action action) {
        this.type = type;
        this.label = label;
        this.config = new TreeMap<>(config);
        this.inputs = List.copyOf(inputs);
        this.files = List.copyOf(files);
        this.action = action;
    }

    /**
     * A step configured by one settings record: the record's components (in snake case) are its
     * configuration, and {@code action} reads its settings from the same record, so what keys the cache
     * and what configures the call cannot disagree.
     *
     * @param type what kind of work it is ({@code finetune}); names its directory
     * @param label what a person calls it ({@code finetune original seed=1})
     * @param settings every setting that changes its output (one of {@link StepSettings}' records)
     * @param inputs the steps whose output directories it reads
     * @param files outside files it reads (hashed into the key)
     * @param action the work, reading its settings from {@code settings}
     */
    public static Step of(String type, String label, Record settings, List<Step> inputs, List<Path> files,
            Action action) {
        Map<String, Object> c = Recipes.mapper().convertValue(settings,
                new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
        return ofMap(type, label, c, inputs, files, action);
    }

    private static Step ofMap(String type, String label, Map<String, ?> config, List<Step> inputs, List<Path> files,
            Action action) {
        Map<String, Object> c = new LinkedHashMap<>();
        config.forEach((k, v) -> c.put(k, v == null ? null : v instanceof Path p ? p.toString() : v));
        return new Step(type, label, c, inputs, files, Objects.requireNonNull(action));
    }

    /** The kind of work. */
    public String type() {
        return type;
    }

    /** What a person calls this step. */
    public String label() {
        return label;
    }

    /** Its settings, sorted by key. */
    public Map<String, Object> config() {
        return java.util.Collections.unmodifiableMap(config);
    }

    /** The steps it reads. */
    public List<Step> inputs() {
        return inputs;
    }

    Action action() {
        return action;
    }

    /**
     * The SHA-256 of the type, the debias version, the configuration, the inputs' keys and the outside files'
     * contents.
     *
     * @throws IOException when an outside file cannot be read
     */
    public synchronized String key() throws IOException {
        if (key == null) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("type", type);
            // the code that runs a step is part of what it depends on
            k.put("debias", Versions.debias());
            k.put("config", config);
            List<String> in = new ArrayList<>();
            for (Step s : inputs) {
                in.add(s.key());
            }
            k.put("inputs", in);
            List<String> f = new ArrayList<>();
            for (Path p : files) {
                f.add(Hashing.sha256(p));
            }
            k.put("files", f);
            try {
                key = Hashing.sha256(Recipes.mapper().writer().without(
                        com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(k));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("step " + label + " has a setting that is not JSON: " + e.getMessage(), e);
            }
        }
        return key;
    }

    @Override
    public String toString() {
        return label;
    }
}
