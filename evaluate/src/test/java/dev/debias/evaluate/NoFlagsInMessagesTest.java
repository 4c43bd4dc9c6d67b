package dev.debias.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Library code never names a command-line flag: its messages mention settings ({@code setting 'text field'},
 * see {@code dev.debias.core.Setting}) and the CLI turns them into its flags. This scans the main sources of
 * every library module (all but the command line, cli) for a string literal holding {@code --} followed by a
 * letter.
 */
class NoFlagsInMessagesTest {
    /** The main sources scanned, relative to the evaluate module, where surefire runs. */
    private static final List<Path> SOURCES = List.of(Path.of("../core/src/main/java"),
            Path.of("../dataset-audit/src/main/java"), Path.of("../augment/src/main/java"),
            Path.of("../finetune/src/main/java"), Path.of("src/main/java"), Path.of("../upstream/src/main/java"),
            Path.of("../recipes/src/main/java"), Path.of("../bench/src/main/java"));

    @Test
    void noStringLiteralOfTheLibraryNamesAFlag() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path root : SOURCES) {
            assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " is missing: the scan would prove nothing");
            List<Path> sources;
            try (Stream<Path> s = Files.walk(root)) {
                sources = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path p : sources) {
                files++;
                for (int line : flagLines(Files.readString(p, StandardCharsets.UTF_8))) {
                    found.add(root.relativize(p) + ":" + line + " (under " + root + ")");
                }
            }
        }
        assertTrue(files > 100, "scanned only " + files + " files");
        assertEquals(List.of(), found, "string literals naming a flag; name the setting instead (dev.debias.core.Setting)");
    }

    @Test
    void theScanFindsFlagsInLiteralsOnlyAndNamesTheirLines() {
        String source = """
                class A {
                    // a comment may say --text-field
                    /** so may javadoc: {@code --label-field} */
                    String a = "no field (name it with --text-field)";
                    String b = "an arrow --> and a dash -- 1 and a char '-'";
                    String c = "say \\"--quoted\\" too";
                    char d = '"';
                    String e = \"""
                        a text block with --seat
                        \""";
                    String f = "x" + "--out";
                }
                """;
        assertEquals(List.of(4, 6, 9, 11), flagLines(source));
    }

    /** The lines (1-based) of the string literals and text blocks in {@code java} that hold {@code --} and a letter. */
    static List<Integer> flagLines(String java) {
        List<Integer> lines = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (java.startsWith("//", i)) {
                while (i < n && java.charAt(i) != '\n') {
                    i++;
                }
            } else if (java.startsWith("/*", i)) {
                int end = java.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(java, i, end);
                i = end;
            } else if (c == '\'') {
                int end = i + 1;
                while (end < n && java.charAt(end) != '\'') {
                    end += java.charAt(end) == '\\' ? 2 : 1;
                }
                i = end + 1;
            } else if (c == '"') {
                boolean block = java.startsWith("\"\"\"", i);
                int start = i + (block ? 3 : 1);
                int end = start;
                while (end < n && !(block ? java.startsWith("\"\"\"", end) : java.charAt(end) == '"')) {
                    end += java.charAt(end) == '\\' ? 2 : 1;
                }
                String literal = java.substring(start, Math.min(end, n));
                int at = flag(literal);
                if (at >= 0) {
                    lines.add(line + count(literal, 0, at));
                }
                line += count(literal, 0, literal.length());
                i = end + (block ? 3 : 1);
            } else {
                i++;
            }
        }
        return lines;
    }

    /** Where {@code s} holds {@code --} followed by a letter, or -1. */
    private static int flag(String s) {
        for (int j = s.indexOf("--"); j >= 0; j = s.indexOf("--", j + 1)) {
            if (j + 2 < s.length() && Character.isLetter(s.charAt(j + 2))) {
                return j;
            }
        }
        return -1;
    }

    private static int count(String s, int from, int to) {
        int k = 0;
        for (int j = from; j < to && j < s.length(); j++) {
            if (s.charAt(j) == '\n') {
                k++;
            }
        }
        return k;
    }
}
