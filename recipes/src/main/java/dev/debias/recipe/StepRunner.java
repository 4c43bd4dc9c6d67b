package dev.debias.recipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.FileTrees;
import dev.debias.core.ProgressListener;
import dev.debias.core.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a plan of steps in order, each in its own directory {@code ROOT/TYPE/LABEL-KEY}. A directory holding
 * {@value #MARKER} with the step's key is done and is skipped; any other directory of the step (left by an
 * interrupted or failed run) is deleted and the step done again. A step that throws stops the plan with a
 * {@link StepFailedException}; the steps finished before it stay, so running the plan again resumes at it.
 */
public final class StepRunner {
    /** The file written last into a finished step's directory. */
    public static final String MARKER = "step.json";

    /** Hears which step runs. */
    public interface Listener {
        /** Step {@code index} (0-based) of {@code total} starts, or is skipped when {@code cached}. */
        void starting(int index, int total, Step step, boolean cached);

        /** The step finished in {@code seconds}. */
        void finished(Step step, double seconds);

        /** A listener that hears nothing. */
        Listener NONE = new Listener() {
            @Override
            public void starting(int index, int total, Step step, boolean cached) {}

            @Override
            public void finished(Step step, double seconds) {}
        };
    }

    /**
     * What happened to one step.
     *
     * @param label the step's label
     * @param type the step's type
     * @param key its key
     * @param dir its output directory
     * @param cached whether an earlier run had done it
     * @param seconds how long it took when it ran (in the run that did it)
     */
    public record Outcome(String label, String type, String key, Path dir, boolean cached, double seconds) {}

    private static final ObjectMapper JSON = Recipes.mapper();

    private final Path root;
    private final ProgressListener progress;
    private final Listener listener;
    private final Map<Step, Outcome> done = new HashMap<>();

    /**
     * A runner keeping step directories under {@code root}.
     *
     * @param progress receives each step's own progress
     * @param listener hears which step runs
     */
    public StepRunner(Path root, ProgressListener progress, Listener listener) {
        this.root = root;
        this.progress = progress;
        this.listener = listener;
    }

    /** The directory step {@code s} writes to. */
    public Path dir(Step s) throws IOException {
        String slug = s.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.=]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60);
        }
        return root.resolve(s.type()).resolve(slug + "-" + s.key().substring(0, 12));
    }

    /** Whether step {@code s} is done (its directory holds the marker with its key). */
    public boolean isDone(Step s) throws IOException {
        return marker(s) != null;
    }

    /** The marker of step {@code s} when it is done, else null. */
    private com.fasterxml.jackson.databind.JsonNode marker(Step s) throws IOException {
        Path marker = dir(s).resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode m = JSON.readTree(marker.toFile());
            return s.key().equals(m.path("key").asText()) ? m : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Runs every step of {@code plan} that is not done, in order.
     *
     * @return one outcome per step, in plan order
     * @throws StepFailedException when a step fails; the finished steps are kept
     */
    public List<Outcome> run(List<Step> plan) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            Step s = plan.get(i);
            for (Step in : s.inputs()) {
                if (!done.containsKey(in)) {
                    throw new IllegalStateException("step " + s.label() + " comes before its input " + in.label());
                }
            }
            Path dir = dir(s);
            com.fasterxml.jackson.databind.JsonNode marker = marker(s);
            listener.starting(i, plan.size(), s, marker != null);
            Outcome o;
            if (marker != null) {
                o = new Outcome(s.label(), s.type(), s.key(), dir, true, marker.path("seconds").asDouble());
            } else {
                if (Files.exists(dir)) {
                    FileTrees.delete(dir);
                }
                Files.createDirectories(dir);
                long t0 = System.nanoTime();
                try {
                    s.action().run(new Step.Context(dir, progress));
                } catch (IOException | RuntimeException e) {
                    throw new StepFailedException(s, dir, e);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Object> written = new LinkedHashMap<>();
                written.put("step", s.label());
                written.put("type", s.type());
                written.put("key", s.key());
                written.put("config", s.config());
                List<String> inputs = new ArrayList<>();
                for (Step in : s.inputs()) {
                    inputs.add(root.relativize(done.get(in).dir()).toString());
                }
                written.put("inputs", inputs);
                written.put("seconds", Math.round(seconds * 10) / 10.0);
                AtomicFile.write(dir.resolve(MARKER), JSON.writeValueAsString(written).getBytes(StandardCharsets.UTF_8));
                listener.finished(s, seconds);
                o = new Outcome(s.label(), s.type(), s.key(), dir, false, seconds);
            }
            done.put(s, o);
            outcomes.add(o);
        }
        return outcomes;
    }
}
