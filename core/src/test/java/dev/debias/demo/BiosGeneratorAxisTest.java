package dev.debias.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.corpus.Record;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import dev.debias.text.Tokens;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The race and religion sweeps. The race name lists are written here (the generator takes them as
 * settings), so these tests do not depend on the built-in race name list.
 *
 * <p>Tolerances. The generator sets each occupation's group counts exactly: of its {@code n_o} bios,
 * {@code round(R * n_o)} have the stereotyped group, so the rate read from the records' group fields may
 * differ from R only by rounding, at most {@code 1 / (2 n_o)}. A rate read from the text alone can only
 * use the bios whose text shows the signal (on race, the bios that print a first name: two of the 22
 * intro templates name the person by title and surname only). Which bios those are does not depend on
 * the group, so the named bios of an occupation are a random subset of size {@code m} of a population
 * with the rate above, and the share of the stereotyped group among them is hypergeometric, with a
 * standard deviation at most the binomial {@code sqrt(R (1 - R) / m)}; the tests allow four of those
 * (a two-sided miss chance under 1e-4 per occupation) plus the rounding. The same bound, with
 * {@code R = 1/2}, holds for the female share among the bios of one race group, since gender is balanced
 * in each occupation independently of the race draw.
 */
class BiosGeneratorAxisTest {
    private static final String RACE_NAMES = """
            # test race names: race<TAB>group<TAB>name
            race	black	Imani
            race	black	Latoya
            race	black	Keisha
            race	black	DeShawn
            race	black	Tyrone
            race	black	Jamal
            race	white	Molly
            race	white	Claire
            race	white	Connor
            race	white	Wyatt
            race	white	Luke
            race	asian	Mei
            race	asian	Jin
            race	asian	Riya	ambiguous
            """;
    private static final String NAMES = """
            gender	female	Imani
            gender	female	Latoya
            gender	female	Keisha
            gender	female	Molly
            gender	female	Claire
            gender	female	Mei
            gender	female	Riya
            gender	female	Mary
            gender	male	DeShawn
            gender	male	Tyrone
            gender	male	Jamal
            gender	male	Connor
            gender	male	Wyatt
            gender	male	Luke
            gender	male	Jin
            gender	male	James
            gender	male	Jordan	ambiguous
            """;
    private static final String SURNAMES = """
            race	black	Washington
            race	black	Jefferson
            race	white	Olson
            race	white	Schmidt
            race	asian	Nguyen
            """;

    static TermLexicon lexicon(String origin, String tsv) {
        return Lexicons.readTerms(origin, new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)));
    }

    private static BiosGenerator.Builder race(int n, double r, long seed) {
        return BiosGenerator.builder().setCount(n).optCooccurrence(r).optSeed(seed).optAxis(BiosGenerator.Axis.RACE)
                .optNames(lexicon("names.tsv", NAMES)).optRaceNames(lexicon("race-names.tsv", RACE_NAMES));
    }

    /** The four-standard-deviation binomial tolerance of a share of {@code m} draws at rate {@code r}, plus rounding. */
    private static double tolerance(double r, int m, int nOccupation) {
        return 4 * Math.sqrt(r * (1 - r) / m) + 0.5 / nOccupation;
    }

    @Test
    void theRaceRateOfEachOccupationIsTheRequestedOneInTheFieldsAndInTheNames() {
        TermLexicon raceNames = lexicon("race-names.tsv", RACE_NAMES);
        for (double r : new double[] {0.5, 0.8, 0.95}) {
            BiosGenerator g = race(4000, r, 3).build();
            Map<String, int[]> counts = new HashMap<>(); // records, stereotyped, named, named stereotyped
            for (Record rec : g.stream().toList()) {
                Occupation occ = Occupation.named(rec.label());
                assertEquals(List.of("gender", "race"), List.copyOf(rec.attributes().keySet()));
                int[] c = counts.computeIfAbsent(occ.name(), k -> new int[4]);
                String stereotype = g.stereotypedGroup(occ);
                c[0]++;
                c[1] += rec.attributes().get("race").equals(stereotype) ? 1 : 0;
                List<LexiconTerm> named = Tokens.split(rec.text()).stream().distinct()
                        .map(t -> raceNames.lookup("race", t)).flatMap(java.util.Optional::stream).toList();
                if (!named.isEmpty()) {
                    c[2]++;
                    c[3] += named.get(0).group().equals(stereotype) ? 1 : 0;
                }
            }
            assertEquals(8, counts.size());
            for (var e : counts.entrySet()) {
                int[] c = e.getValue();
                double fields = (double) c[1] / c[0];
                double text = (double) c[3] / c[2];
                assertTrue(Math.abs(fields - r) <= 0.5 / c[0] + 1e-12, e.getKey() + " fields " + fields + " vs " + r);
                assertTrue(c[2] > 0.8 * c[0], e.getKey() + ": most bios print a first name");
                assertTrue(Math.abs(text - r) <= tolerance(r, c[2], c[0]) + 1e-12,
                        e.getKey() + " names " + text + " vs " + r + " +- " + tolerance(r, c[2], c[0]));
            }
        }
    }

    @Test
    void raceNamesKeepTheirGenderAndRaceAndGenderIsBalancedWithinEachRaceGroup() {
        TermLexicon raceNames = lexicon("race-names.tsv", RACE_NAMES);
        TermLexicon names = lexicon("names.tsv", NAMES);
        BiosGenerator g = race(3000, 0.9, 5).build();
        Map<String, int[]> femaleByRace = new HashMap<>();
        for (Record rec : g.stream().toList()) {
            String gender = rec.attributes().get("gender");
            String race = rec.attributes().get("race");
            for (String t : Tokens.split(rec.text())) {
                raceNames.lookup("race", t).ifPresent(name -> {
                    assertEquals(race, name.group(), rec.text());
                    assertEquals(gender, names.lookup("gender", t).orElseThrow().group(), rec.text());
                    assertNotEquals("Riya", name.term(), "an ambiguous race name is left out");
                });
            }
            Pattern wrong = Pattern.compile(gender.equals("female") ? "\\b(he|him|his|himself|He|His)\\b"
                    : "\\b(she|her|hers|herself|She|Her)\\b");
            assertFalse(wrong.matcher(rec.text()).find(), gender + ": " + rec.text());
            int[] c = femaleByRace.computeIfAbsent(race, k -> new int[2]);
            c[0]++;
            c[1] += gender.equals("female") ? 1 : 0;
        }
        assertEquals(java.util.Set.of("black", "white"), femaleByRace.keySet());
        for (var e : femaleByRace.entrySet()) {
            double share = (double) e.getValue()[1] / e.getValue()[0];
            assertTrue(Math.abs(share - 0.5) <= 4 * Math.sqrt(0.25 / e.getValue()[0]), e.getKey() + " female " + share);
        }
    }

    @Test
    void surnamesFollowRaceWhenAsked() {
        TermLexicon surnames = lexicon("surnames.tsv", SURNAMES);
        BiosGenerator g = race(800, 0.7, 2).optGroups(List.of("asian", "white")).optSurnamesByRace(true)
                .optRaceSurnames(surnames).build();
        assertEquals(List.of("asian", "white"), g.config().groups());
        assertEquals("asian", g.stereotypedGroup(Occupation.named("nurse")));
        int titled = 0;
        for (Record rec : g.stream().toList()) {
            var m = Pattern.compile("\\b(?:Ms|Mr)\\. (\\p{Lu}\\p{L}+)").matcher(rec.text());
            while (m.find()) {
                titled++;
                assertEquals(rec.attributes().get("race"), surnames.lookup("race", Tokens.split(m.group(1)).get(0))
                        .orElseThrow(() -> new AssertionError(rec.text())).group(), rec.text());
            }
        }
        assertTrue(titled > 50, "bios name people by title and surname: " + titled);
    }

    @Test
    void theReligionRateIsTheRequestedOneAndEveryBioEndsWithItsGroupsMention() {
        Map<String, List<Pattern>> mentions = new HashMap<>();
        BiosCast.religionTemplates().forEach((group, ts) -> mentions.put(group, ts.stream()
                .map(t -> Pattern.compile(".*\\. " + java.util.Arrays.stream(t.split("\\{[A-Za-z_]+}", -1))
                        .map(Pattern::quote).collect(Collectors.joining("\\p{L}+")) + "$", Pattern.CASE_INSENSITIVE))
                .toList()));
        assertEquals(List.of("christian", "muslim", "jewish", "hindu", "buddhist", "sikh", "atheist"),
                List.copyOf(BiosCast.religionTemplates().keySet()));
        for (List<String> groups : List.of(List.of("christian", "muslim"), List.of("jewish", "hindu"),
                List.of("atheist", "sikh"), List.of("buddhist", "christian"))) {
            BiosGenerator g = BiosGenerator.builder().setCount(1200).optCooccurrence(0.85).optSeed(4)
                    .optAxis(BiosGenerator.Axis.RELIGION).optGroups(groups).build();
            Map<String, int[]> counts = new HashMap<>();
            for (Record rec : g.stream().toList()) {
                assertEquals(List.of("gender", "religion"), List.copyOf(rec.attributes().keySet()));
                String religion = rec.attributes().get("religion");
                assertTrue(mentions.get(religion).stream().anyMatch(p -> p.matcher(rec.text()).matches()),
                        religion + ": " + rec.text());
                String other = groups.get(groups.get(0).equals(religion) ? 1 : 0);
                assertFalse(mentions.get(other).stream().anyMatch(p -> p.matcher(rec.text()).matches()), rec.text());
                Occupation occ = Occupation.named(rec.label());
                int[] c = counts.computeIfAbsent(occ.name(), k -> new int[2]);
                c[0]++;
                c[1] += religion.equals(g.stereotypedGroup(occ)) ? 1 : 0;
            }
            for (var e : counts.entrySet()) {
                double rate = (double) e.getValue()[1] / e.getValue()[0];
                assertTrue(Math.abs(rate - 0.85) <= 0.5 / e.getValue()[0] + 1e-12, groups + " " + e.getKey() + " " + rate);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameRecordsOnEveryAxis() {
        for (BiosGenerator.Axis axis : BiosGenerator.Axis.values()) {
            BiosGenerator.Builder b = race(700, 0.8, 9).optAxis(axis);
            List<Record> first = b.build().stream().toList();
            assertEquals(first, b.build().stream().toList(), axis.toString());
            assertNotEquals(first, race(700, 0.8, 10).optAxis(axis).build().stream().toList(), axis.toString());
        }
    }

    @Test
    void theGenderStereotypeCanBeFlippedAndItsDefaultIsTodays() {
        BiosGenerator today = BiosGenerator.builder().setCount(400).optSeed(1).build();
        BiosGenerator explicit = BiosGenerator.builder().setCount(400).optSeed(1)
                .optGroups(List.of("female", "male")).optNames(Lexicons.terms("builtin:names")).build();
        assertEquals(today.stream().toList(), explicit.stream().toList());
        BiosGenerator flipped = BiosGenerator.builder().setCount(400).optSeed(1).optCooccurrence(1)
                .optGroups(List.of("male", "female")).build();
        assertTrue(flipped.stream().filter(r -> r.label().equals("nurse"))
                .allMatch(r -> r.attributes().get("gender").equals("male")));
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        String noGender = assertThrows(IllegalArgumentException.class, () -> race(10, 0.5, 1)
                .optNames(lexicon("n.tsv", "gender\tfemale\tImani\ngender\tmale\tJames\n")).build()).getMessage();
        assertTrue(noGender.contains("'Latoya'") && noGender.contains("race-names.tsv:3") && noGender.contains("optNames"),
                noGender);
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> race(10, 0.5, 1).optGroups(List.of("black", "purple")).build()).getMessage();
        assertTrue(unknown.contains("'purple'") && unknown.contains("optRaceNames") && unknown.contains("[black, white, asian]"),
                unknown);
        String religion = assertThrows(IllegalArgumentException.class, () -> BiosGenerator.builder().setCount(10)
                .optAxis(BiosGenerator.Axis.RELIGION).optGroups(List.of("christian", "pastafarian")).build()).getMessage();
        assertTrue(religion.contains("'pastafarian'") && religion.contains("atheist"), religion);
        assertThrows(IllegalArgumentException.class, () -> race(10, 0.5, 1).optGroups(List.of("black", "black")).build());
        assertThrows(IllegalArgumentException.class, () -> BiosGenerator.builder().setCount(10)
                .optGroups(List.of("female", "black")).build());
        String surnames = assertThrows(IllegalArgumentException.class, () -> BiosGenerator.builder().setCount(10)
                .optSurnamesByRace(true).build()).getMessage();
        assertTrue(surnames.contains("optSurnamesByRace") && surnames.contains("optAxis"), surnames);
    }
}
