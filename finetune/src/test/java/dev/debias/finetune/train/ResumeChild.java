package dev.debias.finetune.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.core.ProgressListener;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a fine-tuning in a child JVM for {@link FineTunerResumeTest}, which kills it. Arguments: a
 * JSON file with {@link TrainConfig#asMap()}, the run directory, and milliseconds to sleep after each
 * batch (progress only; the computation is untouched), so the parent has time to kill it mid-run.
 */
public final class ResumeChild {
    private ResumeChild() {}

    /**
     * Starts this class in a child JVM on the test class path, training the settings file into {@code run}
     * with {@code delayMs} between steps, its output going to {@code log}.
     */
    static Process start(Path settings, Path run, String delayMs, Path log) throws java.io.IOException {
        String bin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        java.util.List<String> cmd = java.util.List.of(bin, "-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED",
                "-Xss4m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                ResumeChild.class.getName(), settings.toString(), run.toString(), delayMs);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> m = new ObjectMapper().readValue(Path.of(args[0]).toFile(), new TypeReference<>() {});
        long sleep = Long.parseLong(args[2]);
        ProgressListener slow = new ProgressListener() {
            @Override
            public void start(String task, long total, String unit) {
                System.out.println("start " + task);
            }

            @Override
            public void advance(long units) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void finish() {}
        };
        RunResult r = FineTuner.builder().setConfig(TrainConfig.fromMap(m)).setRunDir(Path.of(args[1])).optProgress(slow)
                .build().run();
        System.out.println("finished " + r.epochs().size() + " epochs");
    }
}
