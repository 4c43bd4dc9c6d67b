package dev.debias.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands that run debias in a new JVM as this one runs: the same java, the same JVM options
 * (without profiling or debugging agents, which would time themselves), the same class path.
 */
final class ChildJvm implements dev.debias.bench.ColdRuns.Launcher {
    @Override
    public List<String> convert(Path input, Path output) {
        return command(List.of("corpus", "convert", input.toString(), "--id-field", "id", "--out", output.toString()));
    }

    @Override
    public List<String> augmentTwoSided(Path input, Path output, int threads) {
        return command(List.of("augment", input.toString(), "--id-field", "id", "--label-field", "label", "--mode",
                "two-sided", "--threads", String.valueOf(threads), "--out", output.toString()));
    }

    /** The process command for the debias arguments {@code args}. */
    static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-XX:StartFlightRecording")
                    && !a.startsWith("-XX:FlightRecorder")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        return cmd;
    }
}
