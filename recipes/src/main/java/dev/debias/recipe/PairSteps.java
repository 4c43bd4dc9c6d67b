package dev.debias.recipe;

import dev.debias.core.InvalidInputException;
import dev.debias.corpus.CorpusReaders;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import dev.debias.corpus.RecordReader;
import dev.debias.evaluate.intrinsic.EmbeddingGap;
import dev.debias.evaluate.intrinsic.EmbeddingGapResult;
import dev.debias.finetune.train.SentenceEncoder;
import dev.debias.upstream.PairSample;
import dev.debias.upstream.PairSampler;
import dev.debias.upstream.SentencePair;
import dev.debias.upstream.Upstream;
import dev.debias.upstream.UpstreamMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of {@link Steps} that work on counterfactual sentence pairs of the recipe's axis: upstream
 * interventions, which learn from them, and the embedding gap, measured on them. The pairs' swapper is
 * {@link RecipeAxis#swapper} of the recipe's axis and pair.
 */
final class PairSteps {
    /** The file {@link #gap} writes. */
    static final String GAP = "gap.json";

    private final Recipe recipe;
    private final Steps steps;

    PairSteps(Recipe recipe, Steps steps) {
        this.recipe = recipe;
        this.steps = steps;
    }

    private static final FieldMapping TEXT = new FieldMapping("text", null, List.of(), null);

    /** See {@link Steps#upstream}. */
    Steps.ModelRef upstream(String method, Double sparsity, Steps.DataRef corpus, Steps.DataRef evalCorpus, long seed) {
        UpstreamMethod m = UpstreamMethod.parse(method);
        Recipe.UpstreamOptions o = recipe.upstreamOptions() == null
                ? new Recipe.UpstreamOptions(null, null, null, null, null, null, null, null, null) : recipe.upstreamOptions();
        Double sp = sparsity != null ? sparsity : o.sparsity();
        StepSettings.Upstream u = new StepSettings.Upstream(recipe.model(), m.cliName(),
                StepSettings.intervention(m, o, sp), o.learnPairs(), o.heldOutPairs(), o.neutral(),
                recipe.scale().maxLength(), recipe.seat(), recipe.scale().bootstrap(), seed, recipe.axis(), recipe.pair());
        String label = "upstream " + m.cliName() + (m == UpstreamMethod.MAGNITUDE_PRUNE && sp != null ? " sparsity=" + sp : "")
                + (evalCorpus != null ? " measured-on-other" : "");
        Step s = Step.of("upstream", label, u, Steps.inputs(corpus, evalCorpus), List.of(), ctx -> {
            Upstream.Builder b = Upstream.builder().setModel(u.model()).setIntervention(u.intervention())
                    .setOut(ctx.dir().resolve("model"))
                    .optCorpus(steps.path(corpus)).optFields(TEXT).optSwapper(RecipeAxis.swapper(u.axis(), u.pair()))
                    .optMaxLength(u.maxLength()).optSeatTests(Steps.seatTests(u.seat())).optBootstrap(u.bootstrap())
                    .optSeed(u.seed()).optProgress(ctx.progress());
            if (evalCorpus != null) {
                b.optEvalCorpus(steps.path(evalCorpus)).optEvalFields(TEXT);
            }
            if (u.learnPairs() != null) {
                b.optLearnPairs(u.learnPairs());
            }
            if (u.heldOutPairs() != null) {
                b.optHeldOutPairs(u.heldOutPairs());
            }
            if (u.neutral() != null) {
                b.optNeutral(u.neutral());
            }
            b.build().run();
        });
        return new Steps.ModelRef(null, s, "model");
    }

    /** See {@link Steps#gap}. */
    Step gap(String role, Steps.ModelRef model, Steps.DataRef corpus, int pairs, long seed) {
        StepSettings.Gap o = new StepSettings.Gap(model.step() == null ? model.spec() : "(step)", pairs, seed,
                recipe.scale().maxLength(), recipe.scale().bootstrap(), recipe.axis(), recipe.pair());
        return Step.of("gap", "gap " + role, o, Steps.inputs(model, corpus), List.of(), ctx -> {
            PairSample sample;
            try (RecordReader r = CorpusReaders.open(steps.path(corpus), ReadOptions.defaults().withFields(TEXT))) {
                sample = PairSampler.builder().optSwapper(RecipeAxis.swapper(o.axis(), o.pair())).optLearnPairs(0)
                        .optHeldOutPairs(o.pairs()).optNeutral(0).optSeed(o.seed()).build().sample(r, ctx.progress());
            }
            List<SentencePair> held = sample.heldOut();
            if (held.size() < 2) {
                throw new InvalidInputException(steps.path(corpus) + ": fewer than 2 sentences with " + o.axis()
                        + " terms to pair");
            }
            float[][] a;
            float[][] b;
            try (SentenceEncoder enc = SentenceEncoder.load(steps.model(model))) {
                a = enc.embed(PairSample.originals(held));
                b = enc.embed(PairSample.counterfactuals(held));
            }
            EmbeddingGapResult g = EmbeddingGap.of(a, b, o.bootstrap(), o.seed());
            double[] d = EmbeddingGap.cosineDistances(a, b);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("pairs", held.size());
            out.put("mean_cosine_distance", g.meanCosineDistance());
            out.put("distances", d);
            Files.writeString(ctx.dir().resolve(GAP), Recipes.mapper().writeValueAsString(out), StandardCharsets.UTF_8);
        });
    }
}
