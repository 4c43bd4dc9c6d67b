package dev.debias.augment;

import dev.debias.augment.swap.Substitution;
import dev.debias.corpus.Record;
import java.util.List;

/**
 * What one input record became: the records written for it, in order.
 *
 * @param records the records written in its place, the record itself (unless dropped) first
 * @param primary whether a record was written in its place (false: dropped)
 * @param copies counterfactual copies added
 * @param changed records written with a changed text
 * @param subs the substitutions of every record written
 * @param kept the axis words the counterfactuals written left unchanged against their mapping, with the reasons
 */
record Outcome(List<Record> records, boolean primary, int copies, int changed, List<Substitution> subs,
        List<dev.debias.augment.swap.Counterfactual.Kept> kept) {
    /** An outcome with nothing kept against a mapping. */
    Outcome(List<Record> records, boolean primary, int copies, int changed, List<Substitution> subs) {
        this(records, primary, copies, changed, subs, List.of());
    }
}
