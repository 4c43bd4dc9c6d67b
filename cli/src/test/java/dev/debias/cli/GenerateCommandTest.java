package dev.debias.cli;

import static dev.debias.cli.CliTest.debias;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.debias.demo.Occupation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code debias generate bios --axis race|religion}; the race names are a file written here. */
class GenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path raceNames() throws Exception {
        return Files.writeString(dir.resolve("race-names.tsv"), """
                race	black	Imani
                race	black	Latoya
                race	black	Jamal
                race	black	Tyrone
                race	white	Molly
                race	white	Claire
                race	white	Connor
                race	white	Luke
                """);
    }

    private Path names() throws Exception {
        return Files.writeString(dir.resolve("names.tsv"), """
                gender	female	Imani
                gender	female	Latoya
                gender	female	Molly
                gender	female	Claire
                gender	male	Jamal
                gender	male	Tyrone
                gender	male	Connor
                gender	male	Luke
                """);
    }

    /** Per occupation: records and records with the stereotyped group in {@code field}. */
    private static Map<String, int[]> rates(Path out, String field, List<String> groups) throws Exception {
        Map<String, int[]> c = new HashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            Occupation o = Occupation.named(n.get("label").asText());
            String stereotype = groups.get(o.stereotypedGender().equals("female") ? 0 : 1);
            int[] k = c.computeIfAbsent(o.name(), x -> new int[2]);
            k[0]++;
            k[1] += n.get(field).asText().equals(stereotype) ? 1 : 0;
        }
        return c;
    }

    @Test
    void aRaceSweepSetsTheRaceRateAndTheSameSeedGivesTheSameBytes() throws Exception {
        Path a = dir.resolve("a.jsonl");
        String[] args = {"generate", "bios", "--axis", "race", "--groups", "white,black", "--cooccurrence", "0.75",
            "--n", "800", "--race-names", raceNames().toString(), "--names", names().toString(), "--out", a.toString()};
        CliTest.Run r = debias(args);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("nurse                white"), r.out());
        rates(a, "race", List.of("white", "black")).forEach((o, k) -> assertEquals(0.75, (double) k[1] / k[0], 0.5 / k[0] + 1e-9, o));
        JsonNode first = JSON.readTree(Files.readAllLines(a).get(0));
        assertEquals(List.of("id", "text", "label", "gender", "race"), iterable(first.fieldNames()));
        byte[] once = Files.readAllBytes(a);
        assertEquals(ExitCodes.OK, debias(args).code());
        assertArrayEquals(once, Files.readAllBytes(a));
        String provenance = Files.readString(dir.resolve("a.jsonl.provenance.json"));
        assertTrue(provenance.contains("\"axis\"") && provenance.contains("white,black"), provenance);
    }

    @Test
    void aReligionSweepSetsTheReligionRate() throws Exception {
        Path out = dir.resolve("r.jsonl");
        CliTest.Run r = debias("generate", "bios", "--axis", "religion", "--cooccurrence", "0.9", "--n", "400", "--out",
                out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        rates(out, "religion", List.of("christian", "muslim")).forEach((o, k) -> assertEquals(0.9, (double) k[1] / k[0],
                0.5 / k[0] + 1e-9, o));
        assertTrue(r.out().contains("surgeon              muslim"), r.out());
    }

    @Test
    void badAxisSettingsAreExitOneNamingTheOption() throws Exception {
        CliTest.Run surnames = debias("generate", "bios", "--race-surnames", "--out", dir.resolve("x.jsonl").toString());
        assertEquals(ExitCodes.BAD_INPUT, surnames.code());
        assertTrue(surnames.err().contains("(--race-surnames) only on the race axis (--axis)"), surnames.err());
        CliTest.Run group = debias("generate", "bios", "--axis", "religion", "--groups", "christian,jedi", "--out",
                dir.resolve("y.jsonl").toString());
        assertEquals(ExitCodes.BAD_INPUT, group.code());
        assertTrue(group.err().contains("'jedi' (--groups)"), group.err());
        CliTest.Run missing = debias("generate", "bios", "--axis", "race", "--race-names", raceNames().toString(), "--out",
                dir.resolve("z.jsonl").toString(), "--names", Files.writeString(dir.resolve("n.tsv"), "gender\tfemale\tImani\ngender\tmale\tJamal\n").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code());
        assertTrue(missing.err().contains("'Latoya'") && missing.err().contains("(--names)"), missing.err());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
