package dev.debias.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import dev.debias.text.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BiosGeneratorTest {
    private static final List<String> LABELS = List.of("nurse", "surgeon", "teacher", "professor", "paralegal", "attorney",
            "interior designer", "architect");
    /** Female and male value of each gendered slot. */
    private static final Map<String, List<String>> GENDERED = Map.ofEntries(
            Map.entry("title", List.of("Ms.", "Mr.")), Map.entry("subj", List.of("she", "he")),
            Map.entry("Subj", List.of("She", "He")), Map.entry("obj", List.of("her", "him")),
            Map.entry("poss", List.of("her", "his")), Map.entry("Poss", List.of("Her", "His")),
            Map.entry("refl", List.of("herself", "himself")), Map.entry("parent", List.of("mother", "father")),
            Map.entry("sibling", List.of("sister", "brother")), Map.entry("child", List.of("daughter", "son")),
            Map.entry("person_noun", List.of("woman", "man")));
    private static final Set<String> FEMALE_ONLY = Set.of("she", "her", "hers", "herself");
    private static final Set<String> MALE_ONLY = Set.of("he", "him", "his", "himself");

    private static BiosVocabulary vocab;
    private static List<Template> templates;
    private static TermLexicon names;
    private static TermLexicon gender;

    /** A template as a pattern whose groups capture its slots, in order. */
    record Template(String section, String text, Pattern pattern, List<String> slots) {}

    /** One sentence of a bio, matched to its template. */
    record Sentence(Template template, String text, List<Map.Entry<String, String>> values) {}

    @BeforeAll
    static void load() {
        vocab = BiosVocabulary.load();
        names = Lexicons.terms("builtin:names");
        gender = Lexicons.terms("builtin:gender");
        templates = new ArrayList<>();
        for (String section : List.of("intro", "intro-plain", "work", "background", "personal")) {
            for (String t : vocab.templates.get(section)) {
                StringBuilder re = new StringBuilder();
                List<String> slots = new ArrayList<>();
                Matcher m = BiosVocabulary.SLOT.matcher(t);
                int last = 0;
                while (m.find()) {
                    re.append(Pattern.quote(t.substring(last, m.start())));
                    re.append('(').append(alternatives(m.group(1))).append(')');
                    slots.add(m.group(1));
                    last = m.end();
                }
                re.append(Pattern.quote(t.substring(last)));
                templates.add(new Template(section, t, Pattern.compile(re.toString()), slots));
            }
        }
    }

    private static String alternatives(String slot) {
        List<String> values;
        if (GENDERED.containsKey(slot)) {
            values = GENDERED.get(slot);
        } else {
            switch (slot) {
                case "name" -> {
                    return "\\p{Lu}\\p{L}+";
                }
                case "years" -> {
                    return "\\d+";
                }
                case "occupation" -> values = LABELS;
                case "a_occupation" -> values = LABELS.stream().flatMap(l -> List.of("a " + l, "an " + l).stream()).toList();
                default -> values = vocab.values.values().stream().flatMap(m -> m.getOrDefault(slot, List.of()).stream())
                        .distinct().toList();
            }
        }
        assertFalse(values.isEmpty(), slot);
        return values.stream().sorted(Comparator.comparingInt(String::length).reversed()).map(Pattern::quote)
                .collect(Collectors.joining("|"));
    }

    /** Splits a bio into its sentences: an intro, one or two work sentences, then optional background and personal. */
    private static List<Sentence> parse(String text) {
        List<Sentence> out = parse(text, 0, 0, new ArrayList<>());
        if (out == null) {
            fail("bio does not follow the templates: " + text);
        }
        return out;
    }

    private static final List<List<String>> STEPS = List.of(List.of("intro", "intro-plain"), List.of("work"),
            List.of("work"), List.of("background"), List.of("personal"));

    private static List<Sentence> parse(String text, int pos, int step, List<Sentence> done) {
        if (pos >= text.length()) {
            return step >= 2 ? done : null;
        }
        if (step >= STEPS.size()) {
            return null;
        }
        for (Template t : templates) {
            if (!STEPS.get(step).contains(t.section())) {
                continue;
            }
            Matcher m = t.pattern().matcher(text).region(pos, text.length());
            if (!m.lookingAt() || (m.end() < text.length() && text.charAt(m.end()) != ' ')) {
                continue;
            }
            List<Map.Entry<String, String>> values = new ArrayList<>();
            for (int g = 0; g < t.slots().size(); g++) {
                values.add(Map.entry(t.slots().get(g), m.group(g + 1)));
            }
            List<Sentence> next = new ArrayList<>(done);
            next.add(new Sentence(t, text.substring(pos, m.end()), values));
            List<Sentence> r = parse(text, m.end() + 1, step + 1, next);
            if (r != null) {
                return r;
            }
        }
        // the second work sentence and the last two sections are optional
        return step >= 2 ? parse(text, pos, step + 1, done) : null;
    }

    private static List<Record> generate(int n, double r, long seed) {
        return BiosGenerator.builder().setCount(n).optCooccurrence(r).optSeed(seed).build().stream().toList();
    }

    private static boolean containsPhrase(List<String> tokens, String phrase) {
        return Collections.indexOfSubList(tokens, Tokens.split(phrase)) >= 0;
    }

    // ------------------------------------------------------------------ acceptance criteria

    @Test
    void acceptanceThousandRecordsWithCooccurrence09() {
        BiosGenerator g = BiosGenerator.builder().setCount(1000).optCooccurrence(0.9).optSeed(1).build();
        assertEquals(new BiosConfig(1000, 0.9, 1, BiosGenerator.Labels.OCCUPATION, 0.5), g.config());
        assertEquals(Occupation.ALL, g.occupations());
        assertEquals(1000, g.size());
        List<Record> records = g.stream().toList();
        assertEquals(1000, records.size());
        Set<String> ids = new HashSet<>();
        Map<String, int[]> byOccupation = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            Record r = records.get(i);
            assertEquals(String.format("bio-%06d", i + 1), r.id());
            assertTrue(ids.add(r.id()));
            assertFalse(r.text().isBlank());
            assertTrue(LABELS.contains(r.label()), r.label());
            assertEquals(Set.of("gender"), r.attributes().keySet());
            String sex = r.attribute("gender").orElseThrow();
            assertTrue(sex.equals("female") || sex.equals("male"), sex);
            assertEquals(Provenance.original("generate:bios:1:" + (i + 1)), r.provenance());
            int[] c = byOccupation.computeIfAbsent(r.label(), k -> new int[2]);
            c[0]++;
            if (sex.equals(Occupation.named(r.label()).stereotypedGender())) {
                c[1]++;
            }
        }
        assertEquals(Set.copyOf(LABELS), byOccupation.keySet());
        for (var e : byOccupation.entrySet()) {
            int n = e.getValue()[0];
            int stereotyped = e.getValue()[1];
            assertEquals(125, n, e.getKey());
            assertEquals(Math.round(0.9 * n), stereotyped, e.getKey());
            assertEquals(113, stereotyped, e.getKey());
            assertTrue(Math.abs(stereotyped / (double) n - 0.9) <= 0.05, e.getKey());
        }
    }

    @Test
    void occupationsAreBalancedWithTheFirstGettingTheRemainder() {
        List<Record> records = generate(1003, 0.8, 5);
        Map<String, Long> counts = records.stream().collect(Collectors.groupingBy(Record::label, Collectors.counting()));
        for (int o = 0; o < LABELS.size(); o++) {
            long n = o < 3 ? 126 : 125;
            assertEquals(n, counts.get(LABELS.get(o)), LABELS.get(o));
            String label = LABELS.get(o);
            long stereotyped = records.stream().filter(r -> r.label().equals(label))
                    .filter(r -> r.attribute("gender").orElseThrow().equals(Occupation.named(label).stereotypedGender()))
                    .count();
            assertEquals(Math.round(0.8 * n), stereotyped, label); // 101 of 126, 100 of 125
        }
        // shuffled: not in label order
        assertNotEquals(LABELS, records.subList(0, 8).stream().map(Record::label).toList());
    }

    @Test
    void cooccurrenceHalfIsBalancedAndTheExtremesAreFullySkewed() {
        List<Record> half = generate(1000, 0.5, 3);
        assertEquals(500, half.stream().filter(r -> r.attributes().get("gender").equals("female")).count());
        for (String label : LABELS) {
            long f = half.stream().filter(r -> r.label().equals(label) && r.attributes().get("gender").equals("female")).count();
            long m = half.stream().filter(r -> r.label().equals(label) && r.attributes().get("gender").equals("male")).count();
            assertEquals(125, f + m);
            assertTrue(Math.abs(f - m) == 1, label + " " + f + "/" + m);
        }
        for (Record r : generate(400, 1.0, 3)) {
            assertEquals(Occupation.named(r.label()).stereotypedGender(), r.attributes().get("gender"), r.id());
        }
        for (Record r : generate(400, 0.0, 3)) {
            assertEquals(Occupation.named(r.label()).otherGender(), r.attributes().get("gender"), r.id());
        }
    }

    @Test
    void sameSeedSameRecordsOtherSeedOtherRecords() {
        List<Record> a = generate(300, 0.9, 42);
        assertEquals(a, generate(300, 0.9, 42));
        BiosGenerator g = BiosGenerator.builder().setCount(300).optCooccurrence(0.9).optSeed(42).build();
        assertEquals(a.get(123), g.record(123));
        assertEquals(a.get(0), g.record(0));
        List<Record> b = generate(300, 0.9, 43);
        assertNotEquals(a, b);
        long sameText = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).text().equals(b.get(i).text())) {
                sameText++;
            }
        }
        assertEquals(0, sameText, "texts of another seed");
        assertNotEquals(a.stream().map(Record::label).toList(), b.stream().map(Record::label).toList());
        // the default seed is 0
        assertEquals(generate(20, 0.9, 0), BiosGenerator.builder().setCount(20).build().stream().toList());
    }

    @Test
    void binaryLabelsAreNurseAndSurgeonOnly() {
        BiosGenerator g = BiosGenerator.builder().setCount(1000).optSeed(1).optLabels(BiosGenerator.Labels.BINARY).build();
        assertEquals(List.of(Occupation.named("nurse"), Occupation.named("surgeon")), g.occupations());
        Map<String, Long> counts = g.stream().collect(Collectors.groupingBy(Record::label, Collectors.counting()));
        assertEquals(Map.of("nurse", 500L, "surgeon", 500L), counts);
        long femaleNurses = g.stream().filter(r -> r.label().equals("nurse") && r.attributes().get("gender").equals("female")).count();
        assertEquals(450, femaleNurses);
        for (Record r : g.stream().toList()) {
            parse(r.text());
        }
    }

    // ------------------------------------------------------------------ text

    @Test
    void everyBioFollowsTheTemplatesWithConsistentGenderAndOccupation() {
        List<String> femaleNames = names.terms("gender", "female", false).stream().map(LexiconTerm::term).toList();
        List<String> maleNames = names.terms("gender", "male", false).stream().map(LexiconTerm::term).toList();
        List<String> surnames = vocab.values("*", "surname");
        Set<String> used = new HashSet<>();
        Set<String> femaleTokens = new HashSet<>();
        Set<String> maleTokens = new HashSet<>();
        gender.terms("gender", "female", false).forEach(t -> femaleTokens.add(t.key()));
        gender.terms("gender", "male", false).forEach(t -> maleTokens.add(t.key()));
        Map<String, Integer> usedNames = new HashMap<>();
        List<Record> records = generate(2000, 0.7, 11);
        for (Record r : records) {
            String text = r.text();
            assertFalse(text.contains("{") || text.contains("}"), "unfilled slot: " + text);
            Occupation occ = Occupation.named(r.label());
            boolean female = r.attributes().get("gender").equals("female");
            List<Sentence> sentences = parse(text);
            assertTrue(sentences.size() >= 2 && sentences.size() <= 5, text);
            if (sentences.size() > 2 && sentences.get(2).template().section().equals("work")) {
                assertNotEquals(sentences.get(1).template(), sentences.get(2).template(), "two work sentences differ");
            }
            Map<String, Set<String>> fixed = new HashMap<>();
            for (Sentence s : sentences) {
                used.add(s.template().text());
                for (var v : s.values()) {
                    String slot = v.getKey();
                    String value = v.getValue();
                    if (GENDERED.containsKey(slot)) {
                        assertEquals(GENDERED.get(slot).get(female ? 0 : 1), value, slot + " in " + text);
                    }
                    switch (slot) {
                        case "name", "surname", "workplace", "city" -> fixed.computeIfAbsent(slot, k -> new HashSet<>()).add(value);
                        case "occupation" -> assertEquals(occ.name(), value);
                        case "a_occupation" -> assertEquals(
                                ("aeiou".indexOf(occ.name().charAt(0)) >= 0 ? "an " : "a ") + occ.name(), value);
                        case "years" -> {
                            int y = Integer.parseInt(value);
                            assertTrue(y >= 2 && y <= 30, value);
                        }
                        case "activity", "specialty", "credential", "tool", "client", "achievement" -> assertTrue(
                                vocab.values(occ.name(), slot).contains(value)
                                        || vocab.values("domain:" + occ.domain(), slot).contains(value),
                                slot + " '" + value + "' is not a " + occ.name() + " value");
                        default -> { }
                    }
                }
            }
            for (var e : fixed.entrySet()) {
                assertEquals(1, e.getValue().size(), "one " + e.getKey() + " per bio: " + text);
            }
            String name = fixed.get("name") == null ? null : fixed.get("name").iterator().next();
            if (name != null) {
                assertTrue((female ? femaleNames : maleNames).contains(name), name + " is not a " + (female ? "female" : "male") + " name");
                assertFalse(names.lookup("gender", name.toLowerCase(java.util.Locale.ROOT)).orElseThrow().ambiguous());
                usedNames.merge(name, 1, Integer::sum);
            }
            if (fixed.containsKey("surname")) {
                assertTrue(surnames.contains(fixed.get("surname").iterator().next()));
            }
            if (fixed.containsKey("workplace")) {
                String w = fixed.get("workplace").iterator().next();
                assertTrue(vocab.values(occ.name(), "workplace").contains(w)
                        || vocab.values("domain:" + occ.domain(), "workplace").contains(w), w);
            }
            // pronouns and other gender words agree with the bio's gender, as whole words
            List<String> tokens = Tokens.split(text);
            for (String t : tokens) {
                assertFalse(female ? MALE_ONLY.contains(t) : FEMALE_ONLY.contains(t), "'" + t + "' in " + r.label() + " bio " + text);
                assertFalse(female ? maleTokens.contains(t) : femaleTokens.contains(t), "'" + t + "' in " + text);
            }
        }
        assertTrue(used.size() >= 30, "templates used: " + used.size());
        assertEquals(templates.size(), used.size(), "every template is used in 2000 bios");
        assertTrue(usedNames.size() >= 100, "distinct first names: " + usedNames.size());
    }

    @Test
    void mentionRateZeroNeverNamesAnOccupationInTheFirstSentence() {
        List<Record> records = BiosGenerator.builder().setCount(800).optSeed(2).optMentionRate(0).build().stream().toList();
        for (Record r : records) {
            List<Sentence> s = parse(r.text());
            assertEquals("intro-plain", s.get(0).template().section(), r.text());
            List<String> first = Tokens.split(s.get(0).text());
            for (String label : LABELS) {
                assertFalse(containsPhrase(first, label), label + " named in: " + s.get(0).text());
            }
            for (Sentence x : s) {
                assertFalse(x.template().slots().contains("occupation") || x.template().slots().contains("a_occupation"),
                        x.text());
            }
        }
    }

    @Test
    void mentionRateOneAlwaysNamesTheOccupationFirst() {
        List<Record> records = BiosGenerator.builder().setCount(800).optSeed(2).optMentionRate(1).build().stream().toList();
        for (Record r : records) {
            List<Sentence> s = parse(r.text());
            assertEquals("intro", s.get(0).template().section(), r.text());
            assertTrue(containsPhrase(Tokens.split(s.get(0).text()), r.label()), r.text());
        }
        // the default of 0.5 mixes both
        long named = BiosGenerator.builder().setCount(800).optSeed(2).build().stream()
                .filter(r -> parse(r.text()).get(0).template().section().equals("intro")).count();
        assertTrue(named > 300 && named < 500, "named " + named + " of 800");
    }

    @Test
    void introTemplatesNameTheOccupationAndPlainOnesDoNot() {
        for (Template t : templates) {
            boolean named = t.slots().contains("occupation") || t.slots().contains("a_occupation");
            assertEquals(t.section().equals("intro"), named, t.text());
        }
    }

    @Test
    void writeToWritesEveryRecordInOrderWithoutCommittingAndReportsProgress() throws Exception {
        BiosGenerator g = BiosGenerator.builder().setCount(2345).optSeed(9).build();
        List<Record> written = new ArrayList<>();
        boolean[] committed = {false};
        dev.debias.corpus.RecordWriter w = new dev.debias.corpus.RecordWriter() {
            @Override
            public void write(Record record) {
                written.add(record);
            }

            @Override
            public void commit() {
                committed[0] = true;
            }

            @Override
            public long written() {
                return written.size();
            }

            @Override
            public java.nio.file.Path target() {
                return null;
            }

            @Override
            public void close() {}
        };
        List<String> calls = new ArrayList<>();
        long[] advanced = {0};
        g.writeTo(w, new dev.debias.core.ProgressListener() {
            @Override
            public void start(String task, long total, String unit) {
                calls.add(task + "/" + total + "/" + unit);
            }

            @Override
            public void advance(long units) {
                advanced[0] += units;
            }

            @Override
            public void finish() {
                calls.add("finish");
            }
        });
        assertEquals(g.stream().toList(), written);
        assertFalse(committed[0]);
        assertEquals(List.of("generating bios/2345/records", "finish"), calls);
        assertEquals(2345, advanced[0]);
    }

    // ------------------------------------------------------------------ builder

    @Test
    void builderValidatesItsSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BiosGenerator.builder().build());
        assertEquals("the number of records must be at least 1 (setCount), got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BiosGenerator.builder().setCount(0).build());
        assertEquals("the number of records must be at least 1 (setCount), got 0", e.getMessage());
        for (double bad : new double[] {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> BiosGenerator.builder().setCount(5).optCooccurrence(bad).build());
            assertEquals("the co-occurrence rate must be in [0, 1], got " + bad, e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> BiosGenerator.builder().setCount(5).optMentionRate(bad).build());
            assertEquals("the mention rate must be in [0, 1], got " + bad, e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> BiosGenerator.builder().optLabels(null));
        BiosGenerator one = BiosGenerator.builder().setCount(1).optCooccurrence(0).optMentionRate(1).build();
        assertEquals(1, one.size());
        Record r = one.record(0);
        assertEquals("bio-000001", r.id());
        assertEquals("nurse", r.label());
        assertEquals("male", r.attributes().get("gender"));
        assertNotNull(parse(r.text()));
    }
}
