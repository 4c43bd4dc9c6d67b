package dev.debias.demo;

import dev.debias.stats.Seeds;

import dev.debias.core.ProgressListener;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Generates synthetic biographies for occupation classification with an exact group/occupation
 * co-occurrence rate on one axis (gender by default): of the {@code n_o} bios of occupation {@code o},
 * exactly {@code round(R * n_o)} are written with the occupation's stereotyped group (see
 * {@link Occupation#ALL}; on gender, its stereotyped gender). On the race and religion axes the two
 * groups the sweep contrasts ({@link Builder#optGroups}) take the place of female and male, and gender
 * is balanced in each occupation instead: race shows through first names (from a race name lexicon,
 * each name's gender from the names lexicon) and optionally surnames; religion through a closing
 * sentence that names it ({@code bios/religion.tsv}). Such records carry a {@code race} or
 * {@code religion} field besides {@code gender}. Occupations are balanced (each gets {@code n/k} bios, the first
 * {@code n mod k} one more) and shuffled. Each bio is an intro sentence (naming the occupation with
 * probability {@code mentionRate}), one or two work sentences and, each with probability 0.6, a
 * background and a personal sentence; content slots draw half the time from the occupation's own
 * vocabulary and half from its domain's shared vocabulary. Pronouns, titles, kinship words and first
 * names (from {@code builtin:names}, ambiguous names left out) follow the bio's gender. Every choice
 * comes from the seed: same settings, same records.
 *
 * <pre>{@code
 * BiosGenerator g = BiosGenerator.builder().setCount(1000).optCooccurrence(0.9).optSeed(1).build();
 * g.stream().forEach(System.out::println);
 * }</pre>
 */
public final class BiosGenerator {
    /** Label sets of the generator. */
    public enum Labels {
        /** The eight occupations of {@link Occupation#ALL}. */
        OCCUPATION,
        /** Two classes, nurse and surgeon ({@link Occupation#BINARY}). */
        BINARY
    }

    /** The axes whose co-occurrence with the occupation the generator can set. */
    public enum Axis {
        /** Gender, through pronouns, titles, kinship words and first names. */
        GENDER("female", "male"),
        /** Race/ethnicity, through first names and optionally surnames. */
        RACE("black", "white"),
        /** Religion, through a sentence that names the person's religion. */
        RELIGION("christian", "muslim");

        private final List<String> defaultGroups;

        Axis(String first, String second) {
            this.defaultGroups = List.of(first, second);
        }

        /** The two groups a sweep on this axis contrasts unless told otherwise. */
        public List<String> defaultGroups() {
            return defaultGroups;
        }

        /** The record field holding a bio's group on this axis: {@code gender}, {@code race} or {@code religion}. */
        public String field() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final BiosConfig config;
    private final List<Occupation> occupations;
    private final int[] occupationOf;
    private final boolean[] stereotyped;
    /** Gender of each bio off the gender axis (true: female); null on the gender axis. */
    private final boolean[] female;
    private final BiosVocabulary vocab;
    private final BiosCast cast;
    private final String idFormat;

    private BiosGenerator(Builder b, List<String> groups, BiosCast cast) {
        this.config = new BiosConfig(b.count, b.cooccurrence, b.seed, b.labels, b.mentionRate, b.axis, groups,
                b.surnamesByRace);
        this.occupations = b.labels == Labels.BINARY ? Occupation.BINARY : Occupation.ALL;
        this.vocab = BiosVocabulary.load();
        this.cast = cast;
        this.idFormat = "bio-%0" + Math.max(6, Integer.toString(b.count).length()) + "d";

        SplittableRandom rng = new SplittableRandom(b.seed);
        int n = b.count;
        int k = occupations.size();
        occupationOf = new int[n];
        for (int i = 0; i < n; i++) {
            occupationOf[i] = i % k;
        }
        shuffle(occupationOf, rng);
        stereotyped = new boolean[n];
        for (int o = 0; o < k; o++) {
            final int occ = o;
            int[] members = IntStream.range(0, n).filter(i -> occupationOf[i] == occ).toArray();
            long want = Math.round(b.cooccurrence * members.length);
            shuffle(members, rng);
            for (int j = 0; j < want; j++) {
                stereotyped[members[j]] = true;
            }
        }
        // Off the gender axis, half of each occupation's bios (the odd one out alternating between
        // occupations) are female, drawn after the stereotype so the gender stream leaves it unchanged.
        female = b.axis == Axis.GENDER ? null : new boolean[n];
        for (int o = 0; female != null && o < k; o++) {
            final int occ = o;
            int[] members = IntStream.range(0, n).filter(i -> occupationOf[i] == occ).toArray();
            int want = members.length / 2 + (members.length % 2 == 1 && o % 2 == 0 ? 1 : 0);
            shuffle(members, rng);
            for (int j = 0; j < want; j++) {
                female[members[j]] = true;
            }
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings this generator was built with. */
    public BiosConfig config() {
        return config;
    }

    /** The occupations (labels) this generator draws from. */
    public List<Occupation> occupations() {
        return occupations;
    }

    /**
     * The group of {@link BiosConfig#axis()} that {@code occ} is stereotyped with: the first of
     * {@link BiosConfig#groups()} for the occupations stereotyped female, the second for the others.
     */
    public String stereotypedGroup(Occupation occ) {
        return config.groups().get(occ.stereotypedGender().equals("female") ? 0 : 1);
    }

    private String otherGroup(Occupation occ) {
        return config.groups().get(occ.stereotypedGender().equals("female") ? 1 : 0);
    }

    /** The number of records. */
    public int size() {
        return occupationOf.length;
    }

    /** All records, in order. */
    public Stream<Record> stream() {
        return IntStream.range(0, size()).mapToObj(this::record);
    }

    /** Writes every record to {@code writer} (without committing it), reporting progress. */
    public void writeTo(RecordWriter writer, ProgressListener progress) throws IOException {
        progress.start("generating bios", size(), "records");
        for (int i = 0; i < size(); i++) {
            writer.write(record(i));
            if ((i + 1) % 1000 == 0) {
                progress.advance(1000);
            }
        }
        progress.advance(size() % 1000);
        progress.finish();
    }

    /** The {@code i}-th record (0-based); the same index always gives the same record. */
    public Record record(int i) {
        Occupation occ = occupations.get(occupationOf[i]);
        Axis axis = config.axis();
        String group = stereotyped[i] ? stereotypedGroup(occ) : otherGroup(occ);
        String gender = axis == Axis.GENDER ? group : female[i] ? "female" : "male";
        SplittableRandom rng = new SplittableRandom(Seeds.mix(config.seed(), i));
        Bio bio = new Bio(occ, gender, axis == Axis.RACE ? group : null, rng);
        List<String> sentences = new ArrayList<>();
        sentences.add(bio.fill(pick(vocab.templates.get(rng.nextDouble() < config.mentionRate() ? "intro" : "intro-plain"), rng)));
        List<String> work = new ArrayList<>(vocab.templates.get("work"));
        int works = 1 + rng.nextInt(2);
        for (int w = 0; w < works; w++) {
            sentences.add(bio.fill(work.remove(rng.nextInt(work.size()))));
        }
        for (String section : List.of("background", "personal")) {
            if (rng.nextDouble() < 0.6) {
                sentences.add(bio.fill(pick(vocab.templates.get(section), rng)));
            }
        }
        Map<String, String> groups = new LinkedHashMap<>();
        groups.put("gender", gender);
        if (axis != Axis.GENDER) {
            groups.put(axis.field(), group);
        }
        if (axis == Axis.RELIGION) {
            sentences.add(bio.fill(pick(cast.religion(group), rng)));
        }
        String id = String.format(Locale.ROOT, idFormat, i + 1);
        return new Record(id, String.join(" ", sentences), occ.name(), groups,
                Provenance.original("generate:bios:" + config.seed() + ":" + (i + 1)));
    }

    /** One bio being written: its person and the slot values fixed for the whole bio. */
    private final class Bio {
        private final Occupation occ;
        private final boolean female;
        private final SplittableRandom rng;
        private final String name;
        private final String surname;
        private final String workplace;
        private final String city;

        Bio(Occupation occ, String gender, String race, SplittableRandom rng) {
            this.occ = occ;
            this.female = gender.equals("female");
            this.rng = rng;
            this.name = pick(cast.firstNames(gender, race), rng);
            List<String> raceSurnames = cast.surnames(race);
            this.surname = pick(raceSurnames != null ? raceSurnames : vocab.values("*", "surname"), rng);
            this.workplace = occupational("workplace");
            this.city = pick(vocab.values("*", "city"), rng);
        }

        String fill(String template) {
            Matcher m = BiosVocabulary.SLOT.matcher(template);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(value(m.group(1))));
            }
            m.appendTail(sb);
            return Character.toUpperCase(sb.charAt(0)) + sb.substring(1);
        }

        private String value(String slot) {
            return switch (slot) {
                case "name" -> name;
                case "surname" -> surname;
                case "title" -> female ? "Ms." : "Mr.";
                case "subj" -> female ? "she" : "he";
                case "Subj" -> female ? "She" : "He";
                case "obj" -> female ? "her" : "him";
                case "poss" -> female ? "her" : "his";
                case "Poss" -> female ? "Her" : "His";
                case "refl" -> female ? "herself" : "himself";
                case "parent" -> female ? "mother" : "father";
                case "sibling" -> female ? "sister" : "brother";
                case "child" -> female ? "daughter" : "son";
                case "person_noun" -> female ? "woman" : "man";
                case "occupation" -> occ.name();
                case "a_occupation" -> ("aeiou".indexOf(occ.name().charAt(0)) >= 0 ? "an " : "a ") + occ.name();
                case "years" -> Integer.toString(2 + rng.nextInt(29));
                case "workplace" -> workplace;
                case "city" -> city;
                case "hobby", "university" -> pick(vocab.values("*", slot), rng);
                default -> occupational(slot);
            };
        }

        private String occupational(String slot) {
            String scope = rng.nextBoolean() ? occ.name() : "domain:" + occ.domain();
            return pick(vocab.values(scope, slot), rng);
        }
    }

    private static <T> T pick(List<T> list, SplittableRandom rng) {
        return list.get(rng.nextInt(list.size()));
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Builds a {@link BiosGenerator}: {@code setCount} is required, the rest optional. */
    public static final class Builder {
        private int count = -1;
        private double cooccurrence = 0.9;
        private long seed = 0;
        private Labels labels = Labels.OCCUPATION;
        private double mentionRate = 0.5;
        private Axis axis = Axis.GENDER;
        private List<String> groups;
        private TermLexicon names;
        private TermLexicon raceNames;
        private TermLexicon raceSurnames;
        private boolean surnamesByRace;

        private Builder() {}

        /** The number of records (required, at least 1). */
        public Builder setCount(int n) {
            this.count = n;
            return this;
        }

        /** The share of each occupation's bios with its stereotyped gender, in [0, 1]; default 0.9. */
        public Builder optCooccurrence(double r) {
            this.cooccurrence = r;
            return this;
        }

        /** The seed of every random choice; default 0. */
        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        /** Eight occupations or the binary nurse/surgeon variant; default {@link Labels#OCCUPATION}. */
        public Builder optLabels(Labels l) {
            this.labels = java.util.Objects.requireNonNull(l);
            return this;
        }

        /** The probability that a bio's first sentence names the occupation, in [0, 1]; default 0.5. */
        public Builder optMentionRate(double p) {
            this.mentionRate = p;
            return this;
        }

        /** The axis whose co-occurrence with the occupation is set; default {@link Axis#GENDER}. */
        public Builder optAxis(Axis a) {
            this.axis = Objects.requireNonNull(a);
            return this;
        }

        /**
         * The two groups of the axis the sweep contrasts: the first is stereotyped with nurse, teacher,
         * paralegal and interior designer, the second with surgeon, professor, attorney and architect;
         * default {@link Axis#defaultGroups()} (female, male; black, white; christian, muslim).
         */
        public Builder optGroups(List<String> g) {
            this.groups = g.stream().map(x -> x.strip().toLowerCase(Locale.ROOT)).toList();
            return this;
        }

        /** First names by gender ({@code gender<TAB>female|male<TAB>Name}); default {@code builtin:names}. */
        public Builder optNames(TermLexicon lexicon) {
            this.names = Objects.requireNonNull(lexicon);
            return this;
        }

        /**
         * First names by race group ({@code race<TAB>GROUP<TAB>Name}, each also in the names lexicon with its
         * gender), read on the race axis only; default {@code builtin:race-names}.
         */
        public Builder optRaceNames(TermLexicon lexicon) {
            this.raceNames = Objects.requireNonNull(lexicon);
            return this;
        }

        /** Surnames by race group ({@code race<TAB>GROUP<TAB>Surname}); default {@code builtin:surnames}. */
        public Builder optRaceSurnames(TermLexicon lexicon) {
            this.raceSurnames = Objects.requireNonNull(lexicon);
            return this;
        }

        /** Whether surnames follow the race group too (race axis only); default false. */
        public Builder optSurnamesByRace(boolean on) {
            this.surnamesByRace = on;
            return this;
        }

        /** Validates the settings and builds the generator. */
        public BiosGenerator build() {
            if (count < 1) {
                throw new IllegalArgumentException("the number of records must be at least 1 (setCount), got " + count);
            }
            if (!(cooccurrence >= 0 && cooccurrence <= 1)) {
                throw new IllegalArgumentException("the co-occurrence rate must be in [0, 1], got " + cooccurrence);
            }
            if (!(mentionRate >= 0 && mentionRate <= 1)) {
                throw new IllegalArgumentException("the mention rate must be in [0, 1], got " + mentionRate);
            }
            List<String> g = groups == null ? axis.defaultGroups() : groups;
            BiosCast.checkGroups(axis, g, surnamesByRace);
            TermLexicon n = names != null ? names : Lexicons.terms("builtin:names");
            TermLexicon rn = axis != Axis.RACE ? null : raceNames != null ? raceNames : Lexicons.terms("builtin:race-names");
            TermLexicon rs = !surnamesByRace ? null : raceSurnames != null ? raceSurnames : Lexicons.terms("builtin:surnames");
            return new BiosGenerator(this, g, BiosCast.of(axis, g, n, rn, rs));
        }
    }
}
