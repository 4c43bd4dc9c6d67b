package dev.debias.upstream;

import dev.debias.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The names of the upstream methods: what a user types ({@link #parse}) and what {@code upstream.json}
 * records; each {@link Intervention} says which it is.
 */
public enum UpstreamMethod {
    /** Removes the principal directions of counterfactual differences from the pooled vector (Liang et al. 2020). */
    SENTENCE_DEBIAS,
    /** Iterative nullspace projection of the pooled vector until a linear probe cannot tell the groups (Ravfogel et al. 2020). */
    INLP,
    /** Switches off the attention heads whose removal lowers the counterfactual embedding gap most. */
    PRUNE_HEADS,
    /** Switches off the feed-forward neurons whose removal lowers the counterfactual embedding gap most. */
    PRUNE_NEURONS,
    /** Continued training that pulls each text's vector toward its counterfactual's, anchored on neutral texts. */
    COUNTERFACTUAL_CONTINUE,
    /** Zeroes the linear weights of smallest magnitude (a compression baseline). */
    MAGNITUDE_PRUNE;

    /** The name on the command line: {@code sentence-debias}, {@code prune-heads}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The method named {@code name} (its {@link #cliName()}).
     *
     * @throws InvalidInputException listing the methods when none has that name
     */
    public static UpstreamMethod parse(String name) {
        for (UpstreamMethod m : values()) {
            if (m.cliName().equals(name)) {
                return m;
            }
        }
        throw new InvalidInputException("unknown upstream method '" + name + "'; expected one of "
                + Arrays.stream(values()).map(UpstreamMethod::cliName).collect(Collectors.joining(", ")));
    }
}
