package dev.debias.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Times debias commands as a user runs them: each run a fresh JVM started by a {@link Launcher}, timed
 * from start to exit, so class loading, model loading and JIT warm-up are all counted. A run that exits
 * with anything but 0 fails the benchmark, naming the command and the end of its error output.
 */
public final class ColdRuns {
    /**
     * The process commands that run debias commands in a new JVM; the command line's own flags stay with the
     * command line, which implements this.
     */
    public interface Launcher {
        /** {@code corpus convert} of {@code input} (ids in its {@code id} field) into {@code output}. */
        List<String> convert(Path input, Path output);

        /**
         * Two-sided {@code augment} of {@code input} (ids in {@code id}, labels in {@code label}) into
         * {@code output} with {@code threads} worker threads.
         */
        List<String> augmentTwoSided(Path input, Path output, int threads);
    }

    private final Launcher launcher;
    private final Path workDir;

    /** Runs of the commands {@code launcher} makes, their error output kept in {@code workDir} while they run. */
    public ColdRuns(Launcher launcher, Path workDir) {
        this.launcher = Objects.requireNonNull(launcher);
        this.workDir = Objects.requireNonNull(workDir);
    }

    /** The launcher. */
    public Launcher launcher() {
        return launcher;
    }

    /** Runs the process {@code command} once and returns its wall time in seconds. */
    public double seconds(List<String> command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(workDir, "cold", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            int rc = p.waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            if (rc != 0) {
                String text = Files.readString(err, StandardCharsets.UTF_8);
                throw new IllegalStateException(String.join(" ", command) + " exited with " + rc + ": "
                        + text.substring(Math.max(0, text.length() - 2000)));
            }
            return s;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
