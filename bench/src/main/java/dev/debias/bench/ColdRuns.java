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
    /** Turns a debias command line ({@code augment IN --out OUT}) into the full command that starts it in a new JVM. */
    @FunctionalInterface
    public interface Launcher {
        /** The process command for the debias arguments {@code args}. */
        List<String> command(List<String> args);
    }

    private final Launcher launcher;
    private final Path workDir;

    /** Runs started by {@code launcher}, their error output kept in {@code workDir} while they run. */
    public ColdRuns(Launcher launcher, Path workDir) {
        this.launcher = Objects.requireNonNull(launcher);
        this.workDir = Objects.requireNonNull(workDir);
    }

    /** Runs {@code args} once in a new JVM and returns its wall time in seconds. */
    public double seconds(List<String> args) throws IOException, InterruptedException {
        Path err = Files.createTempFile(workDir, "cold", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(launcher.command(args))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
            long t0 = System.nanoTime();
            Process p = pb.start();
            int rc = p.waitFor();
            double s = (System.nanoTime() - t0) / 1e9;
            if (rc != 0) {
                String text = Files.readString(err, StandardCharsets.UTF_8);
                throw new IllegalStateException("debias " + String.join(" ", args) + " exited with " + rc + ": "
                        + text.substring(Math.max(0, text.length() - 2000)));
            }
            return s;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
