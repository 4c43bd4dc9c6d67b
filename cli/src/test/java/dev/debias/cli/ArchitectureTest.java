package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout's rules, checked on the sources of every module (this module is the last of the build, so
 * it can read them all from {@code ..}): no cycle between packages, no main-code class of 450 lines or
 * more, no test fixture or benchmark in a library's main code, picocli only in this module, and every
 * backward pass through {@code Backward}, which the JVM's exit waits for.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of("..");
    private static final List<String> MODULES = List.of("core", "dataset-audit", "augment", "finetune", "evaluate",
            "upstream", "recipes", "bench", "cli");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.debias\\.[\\w.]+);",
            Pattern.MULTILINE);
    /** A class and the packages its source names, and its module and line count. */
    private record Source(Path file, String module, String pkg, Set<String> uses, long lines) {}

    private static final List<Source> SOURCES = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        Map<String, String> packageOfClass = new HashMap<>();
        List<Path> files = new ArrayList<>();
        for (String m : MODULES) {
            Path main = ROOT.resolve(m).resolve("src/main/java");
            assertTrue(Files.isDirectory(main), main + " is missing");
            try (Stream<Path> s = Files.walk(main)) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher p = PACKAGE.matcher(text);
            String pkg = p.find() ? p.group(1) : "";
            packageOfClass.put(pkg + "." + f.getFileName().toString().replace(".java", ""), pkg);
            Set<String> uses = new TreeSet<>();
            Matcher i = IMPORT.matcher(text);
            while (i.find()) {
                uses.add(i.group(1));
            }
            String module = ROOT.relativize(f).getName(0).toString();
            SOURCES.add(new Source(f, module, pkg, uses, text.lines().count()));
        }
        // an import names a class (or a member of one): its package is the longest known prefix
        for (int k = 0; k < SOURCES.size(); k++) {
            Source s = SOURCES.get(k);
            Set<String> pkgs = new TreeSet<>();
            for (String u : s.uses()) {
                String name = u;
                while (name.contains(".") && !packageOfClass.containsKey(name)) {
                    name = name.substring(0, name.lastIndexOf('.'));
                }
                String pkg = packageOfClass.get(name);
                if (pkg != null && !pkg.equals(s.pkg())) {
                    pkgs.add(pkg);
                }
            }
            SOURCES.set(k, new Source(s.file(), s.module(), s.pkg(), pkgs, s.lines()));
        }
    }

    @Test
    void packagesFormNoCycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Source s : SOURCES) {
            graph.computeIfAbsent(s.pkg(), k -> new TreeSet<>()).addAll(s.uses());
        }
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            // a path from one of start's dependencies back to start is a cycle through start
            Deque<List<String>> todo = new ArrayDeque<>();
            Set<String> seen = new HashSet<>();
            for (String d : graph.get(start)) {
                todo.add(List.of(start, d));
            }
            while (!todo.isEmpty()) {
                List<String> path = todo.poll();
                String last = path.get(path.size() - 1);
                if (last.equals(start)) {
                    cycles.add(String.join(" -> ", path));
                    break;
                }
                if (seen.add(last)) {
                    for (String d : graph.getOrDefault(last, Set.of())) {
                        List<String> next = new ArrayList<>(path);
                        next.add(d);
                        todo.add(next);
                    }
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles");
        assertTrue(graph.size() > 20, "read only " + graph.size() + " packages");
    }

    @Test
    void mainClassesStayUnder450Lines() {
        List<String> large = SOURCES.stream().filter(s -> s.lines() >= 450)
                .map(s -> ROOT.relativize(s.file()) + " (" + s.lines() + " lines)").toList();
        assertEquals(List.of(), large);
    }

    @Test
    void libraryMainCodeHoldsNoTestFixtureOrBenchmark() {
        List<String> wrong = SOURCES.stream()
                .filter(s -> !s.module().equals("bench") && !s.module().equals("cli"))
                .filter(s -> {
                    String name = s.file().getFileName().toString();
                    return name.contains("Benchmark") || s.pkg().endsWith(".testing") || name.startsWith("Tiny");
                })
                .map(s -> ROOT.relativize(s.file()).toString()).toList();
        assertEquals(List.of(), wrong);
    }

    @Test
    void onlyTheCliDependsOnPicocli() throws IOException {
        for (String m : MODULES) {
            String pom = Files.readString(ROOT.resolve(m).resolve("pom.xml"), StandardCharsets.UTF_8);
            assertEquals(m.equals("cli"), pom.contains("<artifactId>picocli</artifactId>"), m + "/pom.xml");
        }
        List<String> users = SOURCES.stream().filter(s -> !s.module().equals("cli"))
                .filter(s -> {
                    try {
                        return Files.readString(s.file(), StandardCharsets.UTF_8).contains("import picocli");
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .map(s -> ROOT.relativize(s.file()).toString()).toList();
        assertEquals(List.of(), users);
    }

    @Test
    void everyBackwardPassGoesThroughTheOneTheExitWaitsFor() throws IOException {
        List<String> direct = new ArrayList<>();
        for (Source s : SOURCES) {
            if (!s.file().getFileName().toString().equals("Backward.java")
                    && Files.readString(s.file(), StandardCharsets.UTF_8).contains(".backward(")) {
                direct.add(ROOT.relativize(s.file()).toString());
            }
        }
        assertEquals(List.of(), direct, "a backward pass the JVM's exit does not wait for can crash it (use Backward.run)");
    }
}
