package dev.debias.finetune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM that exits while a backward pass runs exits cleanly (the SIGSEGV in {@code at::getAccelerator}
 * at exit): a child JVM runs one long backward pass (300,000 small nodes, over a second of native code)
 * and is ended 100 ms into it, by {@code System.exit(0)} from another thread or by SIGTERM. It must end
 * with that exit's status and write no {@code hs_err} file. Without {@link Backward}'s wait it crashed
 * in 3 of 3 tries of each.
 */
class BackwardExitTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"exit", "sigterm"})
    void aJvmEndedDuringABackwardPassExitsWithoutCrashing(String how) throws Exception {
        String bin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(bin, "-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), how);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
                if (line.equals(Child.STARTED) && how.equals("sigterm")) {
                    Thread.sleep(100);
                    p.toHandle().destroy(); // SIGTERM; Process.destroy would also close the output being read
                }
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child ended");
        assertTrue(out.contains(Child.STARTED), "the backward pass started: " + out);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("hs_err")).toList(),
                    "no crash log; output: " + out);
        }
        assertEquals(how.equals("exit") ? 0 : 143, p.exitValue(), "exit status; output: " + out);
    }

    /** The child: one long backward pass on the main thread, ended as its argument says. */
    public static final class Child {
        static final String STARTED = "backward started";

        private Child() {}

        public static void main(String[] args) throws Exception {
            CountDownLatch started = new CountDownLatch(1);
            if (args[0].equals("exit")) {
                Thread exit = new Thread(() -> {
                    try {
                        started.await();
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.exit(0);
                });
                exit.start();
            }
            try (NDManager m = NDManager.newBaseManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray x = m.ones(new Shape(16, 16));
                x.setRequiresGradient(true);
                NDArray y = x;
                for (int i = 0; i < 150_000; i++) {
                    y = y.mul(1.0001f).add(0.0001f);
                }
                NDArray loss = y.sum();
                System.out.println(STARTED);
                System.out.flush();
                started.countDown();
                Backward.run(gc, loss);
            }
            System.out.println("backward returned");
            Thread.sleep(60_000); // ended before this by the exit or the signal
        }
    }
}
