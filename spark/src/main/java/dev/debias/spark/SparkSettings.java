package dev.debias.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * How to reach Spark: the master URL ({@code local[*]} by default: every core of this machine) and any
 * further Spark configuration. Under {@code spark-submit} the master it was given wins.
 *
 * <p>Test-only key, read by the tasks: {@value #FAIL_ONCE} = a partition number makes the first attempt of
 * that partition's task fail after it has written its output, to prove a retried task neither counts nor
 * writes twice (use with a master that retries, e.g. {@code local[2,2]}).
 *
 * @param master the master URL
 * @param conf further Spark settings
 */
public record SparkSettings(String master, Map<String, String> conf) implements Serializable {
    /** The test-only key that fails one partition's first attempt. */
    public static final String FAIL_ONCE = "spark.debias.failOnce";
    /** The default master: local mode on every core. */
    public static final String LOCAL = "local[*]";

    public SparkSettings {
        Objects.requireNonNull(master, "master");
        conf = Map.copyOf(conf);
    }

    /** Local mode on every core, no further settings. */
    public static SparkSettings local() {
        return new SparkSettings(LOCAL, Map.of());
    }

    /** A copy with another master. */
    public SparkSettings withMaster(String m) {
        return new SparkSettings(m, conf);
    }

    /** A copy with one more setting. */
    public SparkSettings with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(conf);
        m.put(key, value);
        return new SparkSettings(master, m);
    }

    /** Starts a Spark context (the caller closes it); a master set by {@code spark-submit} wins. */
    public JavaSparkContext start(String appName) {
        // Spark's and Hadoop's start-up chatter is not the user's business; a level set by the user wins
        for (String logger : new String[] {"org.apache.spark", "org.sparkproject", "org.apache.hadoop"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
        SparkConf c = new SparkConf().setAppName(appName);
        if (!c.contains("spark.master")) {
            c.setMaster(master);
        }
        c.setIfMissing("spark.ui.enabled", "false");
        if (c.get("spark.master").startsWith("local")) {
            // local mode needs no network interface but the loopback one
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        for (Map.Entry<String, String> e : conf.entrySet()) {
            c.set(e.getKey(), e.getValue());
        }
        JavaSparkContext sc = new JavaSparkContext(c);
        sc.setLogLevel("WARN");
        return sc;
    }
}
