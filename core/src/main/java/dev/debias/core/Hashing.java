package dev.debias.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 content hashes of files and directories, used to key caches and record provenance. */
public final class Hashing {
    private Hashing() {}

    /**
     * Returns the hex SHA-256 of a file's bytes, or, for a directory, of the relative paths and
     * bytes of every regular file below it in sorted order, or, for a glob ({@link PathGlob}), of the
     * names and bytes of the files it matches.
     */
    public static String sha256(Path path) throws IOException {
        MessageDigest md = newDigest();
        if (PathGlob.isGlob(path)) {
            // a glob of shards: the matched files' names and bytes, as for a directory
            Path dir = PathGlob.folder(path);
            for (Path f : PathGlob.expand(path)) {
                md.update(dir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
                update(md, f);
            }
        } else if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                md.update(path.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
                update(md, f);
            }
        } else {
            update(md, path);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Returns the hex SHA-256 of a string's UTF-8 bytes. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(newDigest().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static void update(MessageDigest md, Path file) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
