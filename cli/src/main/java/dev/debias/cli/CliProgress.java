package dev.debias.cli;

import dev.debias.core.ProgressListener;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows progress: a progress bar on an interactive terminal, otherwise a plain log line every few
 * seconds (so CI logs and redirected output stay readable).
 */
final class CliProgress implements ProgressListener {
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final boolean terminal;
    private final PrintStream log;
    private ProgressBar bar;
    private String task;
    private String unit;
    private long total;
    private long done;
    private long started;
    private long lastLog;

    private CliProgress(boolean terminal, PrintStream log) {
        this.terminal = terminal;
        this.log = log;
    }

    /** A progress listener suited to where stderr goes. */
    static ProgressListener create() {
        return new CliProgress(isTerminal(), System.err);
    }

    /** A listener that only logs lines (for tests and pipes). */
    static ProgressListener logging(PrintStream out) {
        return new CliProgress(false, out);
    }

    private static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try { // Java 22+: a console exists even when redirected; ask whether it is a terminal.
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void start(String task, long total, String unit) {
        finish();
        this.task = task;
        this.unit = unit;
        this.total = total;
        this.done = 0;
        this.started = System.nanoTime();
        this.lastLog = started;
        if (terminal) {
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate();
            if (unit.equals("bytes")) {
                b.setUnit(" MB", 1_000_000);
            } else {
                b.setUnit(" " + unit, 1);
            }
            bar = b.build();
        }
    }

    @Override
    public void advance(long units) {
        done += units;
        if (bar != null) {
            bar.stepBy(units);
            return;
        }
        long now = System.nanoTime();
        if (task != null && now - lastLog >= LOG_EVERY_NANOS) {
            lastLog = now;
            log.println(line(now));
        }
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        } else if (task != null && System.nanoTime() - started >= LOG_EVERY_NANOS) {
            log.println(line(System.nanoTime()) + " done");
        }
        task = null;
    }

    private String line(long now) {
        double secs = (now - started) / 1e9;
        String amount = unit.equals("bytes")
                ? String.format("%.1f MB", done / 1e6) + (total > 0 ? String.format(" of %.1f MB", total / 1e6) : "")
                : done + (total > 0 ? " of " + total : "") + " " + unit;
        String pct = total > 0 ? String.format(" (%.0f%%)", 100.0 * done / total) : "";
        return String.format("%s: %s%s, %.0f s", task, amount, pct, secs);
    }
}
