package dev.debias.core;

/**
 * Receives progress of long-running work. Library code reports through this interface and never
 * draws anything itself; the command line supplies a progress bar or periodic log lines.
 * Implementations must tolerate calls from one thread at a time; {@link #advance} may be frequent.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String task, long total, String unit) {}

        @Override
        public void advance(long units) {}

        @Override
        public void finish() {}
    };

    /**
     * Begins a task.
     *
     * @param task a short description shown to the user
     * @param total the expected number of units, or -1 when unknown
     * @param unit the unit's name, e.g. "records"
     */
    void start(String task, long total, String unit);

    /** Reports that {@code units} more units are done. */
    void advance(long units);

    /** Ends the current task. */
    void finish();
}
