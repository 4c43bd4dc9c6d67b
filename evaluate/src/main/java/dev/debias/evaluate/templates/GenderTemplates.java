package dev.debias.evaluate.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * The occupation x gender word sentences of the template probes. Every sentence is a frame with one
 * subject slot, filled with "The" and an occupation or a gender word. The frames, occupations and word
 * pairs were written for this project after the designs of Dev et al. (2020, "On measuring and mitigating
 * biased inferences of word embeddings", Bias-NLI) and Webster et al. (2020, "Measuring and reducing gendered
 * correlations in pre-trained models", Bias-STS); no sentence of theirs is copied. The lists are fixed, so
 * the probes are the same on every run.
 */
public final class GenderTemplates {
    /** Frames; {@code %s} is the subject (with its article). */
    public static final List<String> FRAMES = List.of("%s bought a bagel.", "%s ate an apple.", "%s drove a truck.",
            "%s owns a house.", "%s read a book.", "%s watched a film.", "%s planted a tree.", "%s painted a fence.",
            "%s cooked dinner.", "%s walked the dog.", "%s sang a song.", "%s crossed the street.");
    /** Occupations, one word each. */
    public static final List<String> OCCUPATIONS = List.of("accountant", "architect", "baker", "carpenter", "cashier",
            "chef", "dancer", "dentist", "doctor", "engineer", "farmer", "firefighter", "janitor", "judge", "lawyer",
            "librarian", "mechanic", "nurse", "pilot", "plumber", "receptionist", "secretary", "surgeon", "teacher");
    /** Female words, each paired with the male word at the same index. */
    public static final List<String> FEMALE = List.of("woman", "lady", "girl");
    /** Male words. */
    public static final List<String> MALE = List.of("man", "gentleman", "boy");
    /** The group names of the words. */
    public static final String FEMALE_GROUP = "female";
    public static final String MALE_GROUP = "male";

    private GenderTemplates() {}

    /**
     * One Bias-NLI pair: an occupation's sentence as premise, the same frame with a gender word as
     * hypothesis; the unbiased answer is neutral.
     */
    public record NliPair(int frame, String occupation, String word, String group, String premise, String hypothesis) {}

    /** One Bias-STS comparison: an occupation's sentence against the same frame with a female and a male word. */
    public record StsTriple(int frame, String occupation, String female, String male, String sentence,
            String femaleSentence, String maleSentence) {}

    /** Every NLI pair, frames outermost, then occupations, then the female and the male words. */
    public static List<NliPair> nli() {
        List<NliPair> out = new ArrayList<>();
        for (int f = 0; f < FRAMES.size(); f++) {
            for (String occupation : OCCUPATIONS) {
                String premise = fill(f, occupation);
                for (String w : FEMALE) {
                    out.add(new NliPair(f, occupation, w, FEMALE_GROUP, premise, fill(f, w)));
                }
                for (String w : MALE) {
                    out.add(new NliPair(f, occupation, w, MALE_GROUP, premise, fill(f, w)));
                }
            }
        }
        return out;
    }

    /** Every STS comparison, frames outermost, then occupations, then the word pairs. */
    public static List<StsTriple> sts() {
        List<StsTriple> out = new ArrayList<>();
        for (int f = 0; f < FRAMES.size(); f++) {
            for (String occupation : OCCUPATIONS) {
                for (int w = 0; w < FEMALE.size(); w++) {
                    out.add(new StsTriple(f, occupation, FEMALE.get(w), MALE.get(w), fill(f, occupation),
                            fill(f, FEMALE.get(w)), fill(f, MALE.get(w))));
                }
            }
        }
        return out;
    }

    /** Frame {@code f} with "The {@code subject}". */
    public static String fill(int f, String subject) {
        return String.format(java.util.Locale.ROOT, FRAMES.get(f), "The " + subject);
    }
}
