package dev.debias.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The versions of debias and of the libraries that shape its results, for provenance records. */
public final class Versions {
    private static final Map<String, String> VERSIONS = load();

    private Versions() {}

    /** The debias version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String debias() {
        return VERSIONS.getOrDefault("debias.version", "unknown");
    }

    /** All recorded versions, keyed like {@code lucene.version}, plus the Java runtime version. */
    public static Map<String, String> all() {
        return VERSIONS;
    }

    private static Map<String, String> load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/debias/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> m.put(k, p.getProperty(k)));
        m.put("java.version", System.getProperty("java.version"));
        return Collections.unmodifiableMap(m);
    }
}
