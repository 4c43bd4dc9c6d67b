package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example of docs/java-api.md compiles against the current libraries, so it cannot rot: the
 * imports block and the example block (each between its {@code // BEGIN} and {@code // END} lines) are
 * put into one method of one class and compiled with the test class path.
 */
class JavaApiExampleTest {
    private static final Path PAGE = Path.of("..", "docs", "java-api.md");

    static String between(String text, String name) {
        String begin = "// BEGIN " + name + "\n";
        String end = "// END " + name + "\n";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new AssertionError(PAGE + " lacks the lines '" + begin.trim() + "' ... '" + end.trim() + "'");
        }
        return text.substring(b + begin.length(), e);
    }

    @Test
    void theDocumentedExampleCompiles(@TempDir Path out) throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        String source = "package docs;\n" + between(page, "java-api-imports")
                + "class JavaApiExample {\n    static void example() throws Exception {\n"
                + between(page, "java-api-example") + "    }\n}\n";
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///docs/JavaApiExample.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter log = new StringWriter();
        boolean ok;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            ok = javac.getTask(log, files, diagnostics, List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", out.toString(), "-proc:none"), null, List.of(file)).call();
        }
        StringBuilder why = new StringBuilder();
        diagnostics.getDiagnostics().forEach(d -> why.append("line ").append(d.getLineNumber()).append(": ")
                .append(d.getMessage(null)).append('\n'));
        assertTrue(ok, "the example of " + PAGE + " does not compile:\n" + why + log + "\n--- source ---\n" + source);
    }
}
