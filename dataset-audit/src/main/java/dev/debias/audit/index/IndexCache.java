package dev.debias.audit.index;

import dev.debias.core.Hashing;
import dev.debias.corpus.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where audit indexes live when the user names no directory: {@code ROOT/index/KEY}, the key hashing
 * the input's bytes and the {@link IndexSettings}, so a changed input or setting gets a fresh
 * directory and an unchanged one finds its index again. ROOT is {@code $DEBIAS_CACHE}, else
 * {@code $XDG_CACHE_HOME/debias}, else {@code ~/.cache/debias}.
 */
public final class IndexCache {
    private IndexCache() {}

    /** The cache root from the environment. */
    public static Path root() {
        return root(System.getenv(), System.getProperty("user.home"));
    }

    static Path root(Map<String, String> env, String home) {
        String own = env.get("DEBIAS_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "debias");
        }
        return Path.of(home, ".cache", "debias");
    }

    /** The index directory for {@code input} read with {@code read}, under {@code root}. */
    public static Path dirFor(Path root, Path input, ReadOptions read) throws IOException {
        return dirFor(root, input, read, Hashing.sha256(input));
    }

    /** As above, for an input whose SHA-256 the caller has computed. */
    public static Path dirFor(Path root, Path input, ReadOptions read, String inputSha256) {
        return root.resolve("index").resolve(IndexSettings.of(input, read).cacheKey(inputSha256));
    }
}
