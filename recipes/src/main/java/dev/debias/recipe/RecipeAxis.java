package dev.debias.recipe;

import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.core.InvalidInputException;
import dev.debias.demo.BiosGenerator;
import dev.debias.lexicon.Lexicons;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demographic axis a recipe is about and the two groups of it that it contrasts: their defaults and
 * checks, and what every step makes of them (the audit's and augmentation's lexicons, the swapper of the
 * counterfactual test, augmentation and upstream pair sampling, the demo generator's axis). On the gender
 * axis every step does exactly what it did before recipes took an axis.
 */
final class RecipeAxis {
    /** The axis of a recipe that names none. */
    static final String DEFAULT = "gender";

    /** The pair of each axis the demo bios can write, used when a recipe gives none. */
    static final Map<String, List<String>> DEFAULT_PAIRS = Map.of("gender", List.of("female", "male"), "race",
            List.of("black", "white"), "religion", List.of("christian", "muslim"));

    private RecipeAxis() {}

    /** Whether {@code axis} is gender (the axis of the built-in SEAT tests and the everyday sentences). */
    static boolean gender(String axis) {
        return axis == null || axis.equals(DEFAULT);
    }

    /**
     * The recipe's pair, checked, or the default: the two groups of a two-group axis, or, on the demo bios,
     * the pair of {@link #DEFAULT_PAIRS}. A user's file on an axis of more groups needs the pair written.
     *
     * @param where the message prefix naming the recipe (its file, or its name)
     * @param file whether the data is a user's file
     * @throws InvalidInputException naming the key {@code axis} or {@code pair}
     */
    static List<String> pair(String where, String axis, List<String> pair, boolean file) {
        if (!Lexicons.AXES.contains(axis)) {
            throw new InvalidInputException(where + "key 'axis': unknown axis '" + axis + "'; the axes are "
                    + Lexicons.AXES);
        }
        if (!file && !DEFAULT_PAIRS.containsKey(axis)) {
            throw new InvalidInputException(where + "key 'axis': the demo bios are written on the gender, race or "
                    + "religion axis, not " + axis + "; give data.file for a corpus of your own with a " + axis
                    + " group field");
        }
        List<String> groups = Lexicons.terms("builtin:" + axis).groups(axis);
        if (pair == null) {
            if (groups.size() == 2) {
                return List.copyOf(groups);
            }
            if (!file) {
                return DEFAULT_PAIRS.get(axis);
            }
            throw new InvalidInputException(where + "key 'pair': axis " + axis + " has " + groups.size() + " groups "
                    + groups + ", so a recipe on a file of your own names the two it contrasts, e.g. pair: ["
                    + String.join(", ", DEFAULT_PAIRS.getOrDefault(axis, groups.subList(0, 2))) + "]");
        }
        List<String> p = pair.stream().map(g -> g.strip().toLowerCase(Locale.ROOT)).toList();
        if (p.size() != 2 || p.get(0).equals(p.get(1))) {
            throw new InvalidInputException(where + "key 'pair': two different groups of axis " + axis
                    + ", got " + pair);
        }
        for (String g : p) {
            if (!groups.contains(g)) {
                throw new InvalidInputException(where + "key 'pair': '" + g + "' is not a group of axis " + axis
                        + "; its groups are " + groups);
            }
        }
        if (!file) {
            try {
                BiosGenerator.builder().setCount(1).optAxis(demoAxis(axis)).optGroups(p).build();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(where + "key 'pair': the demo bios cannot write " + p + ": "
                        + e.getMessage());
            }
        }
        return p;
    }

    /** The lexicon the audit detects the axis' groups with. */
    static String auditLexicon(String axis) {
        return axis.equals("race") ? "builtin:race,builtin:race-names" : "builtin:" + axis;
    }

    /** The lexicon augmentation finds a record's group with (gender and race: terms and first names). */
    static String augmentLexicon(String axis) {
        return axis.equals("gender") ? "builtin:gender,builtin:names" : auditLexicon(axis);
    }

    /** The swapper of the axis: the built-in gender swapper, or the axis' swapping the pair's two groups. */
    static CounterfactualSwapper swapper(String axis, List<String> pair) {
        if (gender(axis)) {
            return CounterfactualSwapper.builder().build();
        }
        return CounterfactualSwapper.builder().optAxis(axis).optPair(pair.get(0), pair.get(1)).build();
    }

    /** The demo generator's axis. */
    static BiosGenerator.Axis demoAxis(String axis) {
        return BiosGenerator.Axis.valueOf(axis.toUpperCase(Locale.ROOT));
    }

    /** What a reading calls the association a sweep varies: {@code co-occurrence} on gender, else {@code race/label co-occurrence}. */
    static String cooccurrence(String axis) {
        return gender(axis) ? "co-occurrence" : axis + "/label co-occurrence";
    }

    /** What a reading calls the axis' groups: {@code the genders}, {@code the race groups}. */
    static String groupsWord(String axis) {
        return gender(axis) ? "the genders" : "the " + axis + " groups";
    }

    /** The question of a recipe that asks none, in the axis' words. */
    static String question(RecipeKind kind, String fix, String axis) {
        return switch (kind) {
            case QUICKSTART -> "Does " + fix + " augmentation of skewed fine-tuning data reduce the fine-tuned "
                    + "classifier's " + axis + " bias, and what does it cost in accuracy?";
            case COOCCURRENCE_SWEEP -> "How does the fine-tuned classifier's bias change with the " + axis + "/label "
                    + "co-occurrence rate of its fine-tuning data?";
            case UPSTREAM_VS_DOWNSTREAM -> "Which moves a fine-tuned classifier's bias more: interventions on the "
                    + "pre-trained model, or fixes to the fine-tuning data, and by how much?";
            case PRUNING_TRANSFER -> "Does a pruning mask that reduces bias in the context it was learned on reduce it "
                    + "in another context too?";
            case MEASURE_AGREEMENT -> "Do the bias measures agree on which models are more biased?";
        };
    }
}
