package dev.debias.recipe;

import dev.debias.stats.Seeds;

import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import dev.debias.lexicon.LexiconTerm;
import dev.debias.lexicon.Lexicons;
import dev.debias.lexicon.TermLexicon;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Short gendered texts about everyday life (errands, family, hobbies, travel): a second template domain,
 * far from the professional biographies of the demo bios, so that pruning-transfer can measure whether an
 * intervention learned on one context carries to another. Each record is two sentences about one person,
 * female or male with probability one half; pronouns, kinship words and the first name follow the gender.
 * Same count and seed, same records.
 */
public final class EverydaySentences {
    private static final List<String> TEMPLATES = List.of(
            "{Name} walked to the {shop} because {subj} needed {item}.",
            "After lunch {Name} called {poss} {relative} to talk about the weekend.",
            "{Subj} spent the whole evening {hobby} with {poss} {friend}.",
            "{Name} missed the bus, so {subj} rode {poss} bicycle to the {place}.",
            "On Sunday {subj} cooked {dish} for {poss} {relative}.",
            "{Name} told {poss} {friend} that {subj} had lost {poss} keys again.",
            "The neighbours asked {obj} to water the plants while they were away.",
            "{Subj} laughed when {poss} {relative} sent {obj} a photo of the dog.",
            "Every morning {Name} drinks {drink} before {subj} leaves the house.",
            "{Name} booked a trip to the {place} and packed {poss} bag the night before.",
            "{Subj} could not find {poss} umbrella, so {subj} waited under the bridge.",
            "Last week {Name} painted the kitchen with {poss} {relative}.",
            "{Subj} borrowed a book from the library and read it on the train.",
            "{Name} fixed the fence {obj}self after the storm.",
            "When the power went out, {Name} lit candles and played cards with {poss} {friend}.",
            "{Subj} promised {poss} {relative} to visit before the holidays.",
            "{Name} planted tomatoes in the garden and watered them every evening.",
            "The cashier gave {obj} the wrong change, and {subj} went back to the {shop}.",
            "{Name} and {poss} {friend} watched a film and shared a bowl of popcorn.",
            "{Subj} got up early to walk the dog along the {place}.");

    private static final Map<String, List<String>> VALUES = Map.of(
            "shop", List.of("bakery", "pharmacy", "market", "hardware store", "corner shop", "post office"),
            "item", List.of("bread", "stamps", "batteries", "milk", "a new lamp", "some paint"),
            "hobby", List.of("knitting", "playing chess", "baking", "repairing an old radio", "gardening", "drawing"),
            "place", List.of("beach", "river", "old town", "lake", "park", "mountains"),
            "dish", List.of("soup", "a curry", "pancakes", "roast vegetables", "a pie", "pasta"),
            "drink", List.of("tea", "coffee", "orange juice", "hot chocolate", "water"));
    private static final Pattern SLOT = Pattern.compile("\\{(\\w+)}");

    private final int count;
    private final long seed;
    private final Map<String, List<String>> names;

    /** {@code count} records from {@code seed}. */
    public EverydaySentences(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        this.count = count;
        this.seed = seed;
        TermLexicon lex = Lexicons.terms("builtin:names");
        this.names = Map.of(
                "female", lex.terms("gender", "female", false).stream().map(LexiconTerm::term).toList(),
                "male", lex.terms("gender", "male", false).stream().map(LexiconTerm::term).toList());
    }

    /** All records in order: ids {@code day-000001...}, the person's gender in attribute {@code gender}. */
    public Stream<Record> stream() {
        return IntStream.range(0, count).mapToObj(this::record);
    }

    /** The {@code i}-th record (0-based). */
    public Record record(int i) {
        SplittableRandom rng = new SplittableRandom(Seeds.stream(seed, i));
        boolean female = rng.nextBoolean();
        String gender = female ? "female" : "male";
        List<String> pool = names.get(gender);
        String name = pool.get(rng.nextInt(pool.size()));
        int a = rng.nextInt(TEMPLATES.size());
        int b = (a + 1 + rng.nextInt(TEMPLATES.size() - 1)) % TEMPLATES.size();
        String text = fill(TEMPLATES.get(a), female, name, rng) + " " + fill(TEMPLATES.get(b), female, name, rng);
        String id = String.format(Locale.ROOT, "day-%06d", i + 1);
        return new Record(id, text, null, Map.of("gender", gender), Provenance.original("generate:everyday:" + seed + ":"
                + (i + 1)));
    }

    private static String fill(String template, boolean female, String name, SplittableRandom rng) {
        Matcher m = SLOT.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String slot = m.group(1);
            String v = switch (slot) {
                case "Name" -> name;
                case "subj" -> female ? "she" : "he";
                case "Subj" -> female ? "She" : "He";
                case "obj" -> female ? "her" : "him";
                case "poss" -> female ? "her" : "his";
                case "relative" -> pick(female ? List.of("mother", "sister", "aunt", "daughter", "grandmother")
                        : List.of("father", "brother", "uncle", "son", "grandfather"), rng);
                case "friend" -> pick(List.of("friend", "neighbour", "cousin", "colleague"), rng);
                default -> pick(VALUES.get(slot), rng);
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String pick(List<String> list, SplittableRandom rng) {
        return list.get(rng.nextInt(list.size()));
    }
}
