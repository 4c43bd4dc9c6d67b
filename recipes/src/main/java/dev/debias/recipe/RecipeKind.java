package dev.debias.recipe;

import dev.debias.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** The experiments a recipe can run; each has its own plan of steps and its own report. */
public enum RecipeKind {
    /** Demo bios, audit, fine-tune on the original and the fixed data, evaluate both. */
    QUICKSTART("quickstart"),
    /** Fine-tune at several gender/label co-occurrence rates of otherwise fixed data; bias against the rate. */
    COOCCURRENCE_SWEEP("cooccurrence-sweep"),
    /** Upstream interventions crossed with data fixes; which moves downstream bias more. */
    UPSTREAM_VS_DOWNSTREAM("upstream-vs-downstream"),
    /** A pruning mask learned on one context, its bias reduction measured there and on another. */
    PRUNING_TRANSFER("pruning-transfer"),
    /** Models at several sparsities and interventions, every bias measure, their rank agreement. */
    MEASURE_AGREEMENT("measure-agreement");

    private final String id;

    RecipeKind(String id) {
        this.id = id;
    }

    /** The name used in recipe files. */
    public String id() {
        return id;
    }

    /**
     * The kind named {@code s}.
     *
     * @throws InvalidInputException naming the kinds there are
     */
    public static RecipeKind parse(String s) {
        for (RecipeKind k : values()) {
            if (k.id.equals(s.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new InvalidInputException("unknown recipe kind '" + s + "'; expected one of "
                + Arrays.stream(values()).map(RecipeKind::id).toList());
    }
}
