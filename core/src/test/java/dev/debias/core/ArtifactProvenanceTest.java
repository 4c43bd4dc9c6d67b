package dev.debias.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactProvenanceTest {
    @TempDir
    Path dir;

    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void sameInputsGiveTheSameBytesWhateverTheMapOrder() throws Exception {
        Path output = Files.writeString(dir.resolve("out.jsonl"), "abc");
        ArtifactProvenance a = ArtifactProvenance.of("generate bios",
                ordered("seed", "42", "count", "1000", "alpha", "0.5"), ordered("lexicon", "aa", "corpus", "bb"), output, 3);
        ArtifactProvenance b = ArtifactProvenance.of("generate bios",
                ordered("alpha", "0.5", "seed", "42", "count", "1000"), ordered("corpus", "bb", "lexicon", "aa"), output, 3);
        assertEquals(ABC_SHA256, a.outputSha256());
        assertEquals(a, b);
        assertEquals(a.toJson(), b.toJson());

        Path sidecar = a.writeBeside(output);
        assertEquals(dir.resolve("out.jsonl.provenance.json"), sidecar);
        byte[] first = Files.readAllBytes(sidecar);
        b.writeBeside(output);
        assertArrayEquals(first, Files.readAllBytes(sidecar));
        assertEquals(a.toJson(), new String(first, StandardCharsets.UTF_8));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("out.jsonl", "out.jsonl.provenance.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }

        String json = a.toJson();
        assertTrue(json.endsWith("}\n"), json);
        assertTrue(json.indexOf("\"alpha\"") < json.indexOf("\"count\"") && json.indexOf("\"count\"") < json.indexOf("\"seed\""), json);
        assertTrue(json.indexOf("\"corpus\"") < json.indexOf("\"lexicon\""), json);
        assertTrue(json.contains("\"output_sha256\" : \"" + ABC_SHA256 + "\""), json);
        assertTrue(json.contains("\"records\" : 3"), json);
        assertTrue(json.contains("\"java.version\" : \"" + System.getProperty("java.version") + "\""), json);
        assertFalse(json.contains("outputSha256"), json);
    }

    @Test
    void readsBackEqual() throws Exception {
        Path output = Files.writeString(dir.resolve("model.bin"), "weights");
        ArtifactProvenance p = new ArtifactProvenance("finetune", Map.of("lr", "2e-5", "quote", "a \"b\" ü"),
                Map.of("train.jsonl", Hashing.sha256("train")), Hashing.sha256(output), -1,
                Map.of("debias.version", "0.1.0", "java.version", "21"));
        assertEquals("""
                {
                  "operation" : "finetune",
                  "config" : {
                    "lr" : "2e-5",
                    "quote" : "a \\"b\\" ü"
                  },
                  "inputs" : {
                    "train.jsonl" : "%s"
                  },
                  "output_sha256" : "%s",
                  "records" : -1,
                  "versions" : {
                    "debias.version" : "0.1.0",
                    "java.version" : "21"
                  }
                }
                """.formatted(Hashing.sha256("train"), Hashing.sha256("weights")), p.toJson());
        Path sidecar = p.writeBeside(output);
        ArtifactProvenance back = ArtifactProvenance.read(sidecar);
        assertEquals(p, back);
        assertEquals(p.toJson(), back.toJson());
        ArtifactProvenance withVersions = ArtifactProvenance.of("x", Map.of(), Map.of(), output, 0);
        assertEquals(withVersions, ArtifactProvenance.read(withVersions.writeBeside(output)));
        assertEquals(Versions.all(), withVersions.versions());
    }

    @Test
    void differentConfigOrOutputGivesDifferentJson() throws Exception {
        Path output = Files.writeString(dir.resolve("out.csv"), "abc");
        ArtifactProvenance a = ArtifactProvenance.of("op", Map.of("seed", "1"), Map.of(), output, 1);
        assertNotEquals(a.toJson(), ArtifactProvenance.of("op", Map.of("seed", "2"), Map.of(), output, 1).toJson());
        Files.writeString(output, "abd");
        assertNotEquals(a.toJson(), ArtifactProvenance.of("op", Map.of("seed", "1"), Map.of(), output, 1).toJson());
    }

    @Test
    void versionsNameDebiasAndJava() {
        Map<String, String> v = Versions.all();
        assertEquals(System.getProperty("java.version"), v.get("java.version"));
        assertEquals(v.get("debias.version"), Versions.debias());
        assertFalse(Versions.debias().contains("${"), Versions.debias());
        assertThrows(UnsupportedOperationException.class, () -> v.put("x", "y"));
    }
}
