package dev.debias.recipe;

import java.nio.file.Path;

/**
 * A recipe step failed. The message names the step and carries its error; the steps finished before it are
 * kept, and {@code debias recipe run} again resumes at this step.
 */
public class StepFailedException extends RuntimeException {
    private final String step;
    private final transient Path dir;

    /** The step {@code step}, working in {@code dir}, failed with {@code cause}. */
    public StepFailedException(Step step, Path dir, Throwable cause) {
        super("step '" + step.label() + "' failed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()),
                cause);
        this.step = step.label();
        this.dir = dir;
    }

    /** The label of the step that failed. */
    public String step() {
        return step;
    }

    /** The directory it was writing (kept for inspection, redone on the next run). */
    public Path dir() {
        return dir;
    }
}
