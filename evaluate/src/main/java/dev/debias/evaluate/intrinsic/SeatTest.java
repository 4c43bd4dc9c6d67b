package dev.debias.evaluate.intrinsic;

import java.util.List;

/**
 * One SEAT/WEAT test: two target categories (e.g. male and female names) and two attribute
 * categories (e.g. career and family words). A positive effect size means the first target is closer
 * to the first attribute, and the second target to the second, than the other way round.
 *
 * @param name the test's name (the file name without extension, or the built-in's name)
 * @param targ1 the first target category (X)
 * @param targ2 the second target category (Y)
 * @param attr1 the first attribute category (A)
 * @param attr2 the second attribute category (B)
 */
public record SeatTest(String name, Category targ1, Category targ2, Category attr1, Category attr2) {
    public SeatTest {
        if (name == null || targ1 == null || targ2 == null || attr1 == null || attr2 == null) {
            throw new IllegalArgumentException("a SEAT test needs a name and four categories");
        }
    }

    /**
     * A named list of stimuli (words or sentences).
     *
     * @param name the category's name, e.g. {@code MaleNames}
     * @param examples the stimuli, at least one
     */
    public record Category(String name, List<String> examples) {
        public Category {
            if (name == null || examples == null || examples.isEmpty()) {
                throw new IllegalArgumentException("a category needs a name and at least one example");
            }
            examples = List.copyOf(examples);
        }
    }
}
