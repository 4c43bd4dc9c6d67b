package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of memory is a message naming the record and the heap setting, exit 2, no stack trace. */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aRecordTooLongForTheHeapIsAMessageNamingItAndTheHeapSettingInAChildJvm() throws Exception {
        Path big = dir.resolve("big.txt");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 40; i++) {
                out.write(chunk);
            }
            out.write('\n');
        }
        Path log = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx48m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "corpus", "stats", big.toString());
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not end");
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.FAILURE, child.exitValue(), printed);
        assertTrue(printed.contains("debias: out of memory"), printed);
        assertTrue(printed.contains("the longest record read was " + big + ":1 ("), printed);
        assertTrue(printed.contains("DEBIAS_JAVA_OPTS=-Xmx"), printed);
        assertFalse(printed.contains("\tat "), printed);
        assertFalse(printed.contains("Exception in thread"), printed);
    }

    @Test
    void theMessageNamesTheHeapAndPrintsTheTraceOnlyWhenVerbose() {
        StringWriter quiet = new StringWriter();
        assertEquals(ExitCodes.FAILURE, Main.outOfMemory(new OutOfMemoryError("Java heap space"), new PrintWriter(quiet), false));
        assertTrue(quiet.toString().startsWith("debias: out of memory (Java heap space; the JVM's heap holds at most "),
                quiet.toString());
        assertTrue(quiet.toString().contains("e.g. DEBIAS_JAVA_OPTS=-Xmx"), quiet.toString());
        assertFalse(quiet.toString().contains("\tat "), quiet.toString());
        StringWriter verbose = new StringWriter();
        Main.outOfMemory(new OutOfMemoryError("Java heap space"), new PrintWriter(verbose), true);
        assertTrue(verbose.toString().contains("\tat "), verbose.toString());
    }
}
