package dev.debias.augment;

/** The values of the {@code transform} field of augmented records, and the names of the fields augment adds. */
public final class Transforms {
    /** An input record written as it was. */
    public static final String ORIGINAL = "original";
    /** An added counterfactual copy. */
    public static final String COUNTERFACTUAL = "counterfactual";
    /** An input record replaced by its counterfactual. */
    public static final String SUBSTITUTED = "substituted";
    /** An input record with its axis terms masked. */
    public static final String MASKED = "masked";
    /** An input record given a weight. */
    public static final String REWEIGHED = "reweighed";

    /** Field: the id of the input record an output record comes from. */
    public static final String SOURCE_ID = "source_id";
    /** Field: what was done ({@link #ORIGINAL}, {@link #COUNTERFACTUAL}, ...). */
    public static final String TRANSFORM = "transform";
    /** Field: the substitutions made, {@code start-end:before>after; ...} (offsets in the source text). */
    public static final String SUBSTITUTIONS = "substitutions";
    /** Default field of reweighing weights. */
    public static final String WEIGHT = "weight";

    private Transforms() {}

    /**
     * The transform of a counterfactual copy or substitution ({@code kind}: {@link #COUNTERFACTUAL} or
     * {@link #SUBSTITUTED}) on an axis of {@code groups} groups: on an axis of more than two groups it names the
     * group the record's own group went to ({@code counterfactual:white}); else {@code kind} itself.
     */
    public static String of(String kind, int groups, String target) {
        return groups > 2 && target != null ? kind + ":" + target : kind;
    }
}
