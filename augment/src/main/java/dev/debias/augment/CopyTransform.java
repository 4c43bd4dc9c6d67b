package dev.debias.augment;

import dev.debias.augment.swap.Counterfactual;
import dev.debias.augment.swap.CounterfactualSwapper;
import dev.debias.augment.swap.GroupMapping;
import dev.debias.augment.swap.Substitution;
import dev.debias.corpus.Record;
import java.util.ArrayList;
import java.util.List;

/**
 * Augmentation by counterfactual copies (two-sided, one-sided, rebalance): the record in its place
 * (unless the plan drops it), then its copies, ids {@code ID-cf}, {@code ID-cf2}, ...; a record whose
 * text the swap leaves unchanged gets no copy. With a swapper that copies per group (a multi-group axis
 * and no pair or target), each planned copy is one copy per other group that changes the text, ids
 * {@code ID-cf-GROUP} ({@code ID-cf2-GROUP}, ...), each transform naming its target group. A plan with
 * {@linkplain Plan.Targets targets} (rebalance on an axis of more than two groups) names each copy's target
 * group: the record's own group swapped with it ({@code GroupMapping.pair}), ids {@code ID-cf-GROUP},
 * {@code ID-cf2-GROUP} for a second copy toward the same group, transform {@code counterfactual:GROUP}.
 */
final class CopyTransform implements RecordTransform {
    private final CounterfactualSwapper swapper;
    private final RecordRewriter rewriter;
    private final Plan plan;

    private CopyTransform(CounterfactualSwapper swapper, RecordRewriter rewriter, Plan plan) {
        this.swapper = swapper;
        this.rewriter = rewriter;
        this.plan = plan;
    }

    /** Two-sided: one copy of every record, none dropped. */
    static CopyTransform everyRecord(CounterfactualSwapper swapper, RecordRewriter rewriter) {
        return new CopyTransform(swapper, rewriter, null);
    }

    /** The copies and drops of {@code plan}. */
    static CopyTransform planned(CounterfactualSwapper swapper, RecordRewriter rewriter, Plan plan) {
        return new CopyTransform(swapper, rewriter, plan);
    }

    @Override
    public Outcome apply(Record r, long ordinal) {
        int i = (int) ordinal;
        List<Record> out = new ArrayList<>(2);
        List<Substitution> subs = new ArrayList<>();
        List<Counterfactual.Kept> kept = new ArrayList<>();
        int wanted = plan == null ? 1 : plan.copiesOf(i);
        boolean primary = plan == null || !plan.drops(i);
        if (primary) {
            out.add(RecordRewriter.original(r));
        }
        int copies = 0;
        if (plan != null && plan.targets() != null) {
            copies = targeted(r, plan.targets(), i, out, subs, kept);
        } else if (wanted > 0) {
            CounterfactualSwapper.Copies made = swapper.copies(r.text());
            List<Counterfactual> all = made.changed();
            kept.addAll(made.kept());
            int groups = swapper.groups().size();
            for (int c = 1; c <= wanted; c++) {
                for (Counterfactual cf : all) {
                    String suffix = (c == 1 ? "-cf" : "-cf" + c) + (swapper.perGroup() ? "-" + cf.target() : "");
                    out.add(rewriter.counterfactual(r, cf, suffix, Transforms.of(Transforms.COUNTERFACTUAL, groups,
                            cf.target())));
                    subs.addAll(cf.substitutions());
                    copies++;
                }
            }
        }
        return new Outcome(out, primary, copies, copies, subs, kept);
    }

    /** Adds record {@code i}'s planned targeted copies to {@code out}; returns how many. */
    private int targeted(Record r, Plan.Targets t, int i, List<Record> out, List<Substitution> subs,
            List<Counterfactual.Kept> kept) {
        int[] to = t.of(i);
        if (to.length == 0 || t.own()[i] < 0) {
            return 0;
        }
        String own = t.groups().get(t.own()[i]);
        int copies = 0;
        int nth = 0;
        for (int j = 0; j < to.length; j++) {
            nth = j > 0 && to[j] == to[j - 1] ? nth + 1 : 1;
            String target = t.groups().get(to[j]);
            Counterfactual cf = swapper.swap(r.text(), GroupMapping.pair(own, target));
            if (cf.changed()) {
                out.add(rewriter.counterfactual(r, cf, (nth == 1 ? "-cf-" : "-cf" + nth + "-") + target,
                        Transforms.of(Transforms.COUNTERFACTUAL, t.groups().size(), target)));
                subs.addAll(cf.substitutions());
                kept.addAll(cf.kept());
                copies++;
            }
        }
        return copies;
    }
}
