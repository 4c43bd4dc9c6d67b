package dev.debias.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.ModelFamily;
import dev.debias.finetune.testing.TinyBert;
import dev.debias.finetune.train.FineTuner;
import dev.debias.finetune.train.Predictor;
import dev.debias.finetune.train.RunResult;
import dev.debias.finetune.train.SentenceEncoder;
import dev.debias.finetune.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every upstream method on a tiny RoBERTa, a tiny DistilBERT, a tiny DeBERTa-v3-shaped model and a tiny
 * ModernBERT (the families whose tensor names, embeddings and attention differ most from BERT's): the edited model keeps
 * its family and its edit changes the sentence vectors; on DistilBERT it also fine-tunes and predicts.
 */
class UpstreamFamiliesTest {
    @TempDir
    static Path dir;
    static Path corpus;

    @BeforeAll
    static void setUp() throws Exception {
        corpus = TinyBert.write(dir.resolve("corpus.jsonl"), UpstreamTest.corpus("c", 160, 1));
    }

    /** The quick settings, with the pruning methods made to prune (their stopping rule may prune nothing here). */
    private static Intervention<?> intervention(UpstreamMethod m) {
        return switch (m) {
            case PRUNE_HEADS -> UpstreamTest.heads().withCount(1);
            case PRUNE_NEURONS -> UpstreamTest.neurons().withFraction(0.05);
            default -> UpstreamTest.quick(m);
        };
    }

    @ParameterizedTest
    @EnumSource(UpstreamMethod.class)
    void everyMethodRunsOnRobertaDistilBertDebertaAndModernBert(UpstreamMethod m) throws Exception {
        for (ModelFamily family : List.of(ModelFamily.ROBERTA, ModelFamily.DISTILBERT, ModelFamily.DEBERTA_V2,
                ModelFamily.MODERNBERT)) {
            Path model = TinyBert.writeModel(dir.resolve(family.modelType() + "-" + m.cliName()), 11, family);
            Path out = dir.resolve("up-" + family.modelType() + "-" + m.cliName());
            Upstream.builder().setModel(model.toString()).setIntervention(intervention(m)).setOut(out)
                    .optCorpus(corpus).optLearnPairs(60).optHeldOutPairs(20).optNeutral(30).optMaxLength(32)
                    .optBootstrap(20).optSeatTests(List.of()).build().run();
            PretrainedModel edited = PretrainedModel.load(out.toString());
            assertEquals(TinyBert.config(family), edited.config(), family + " " + m);
            List<String> texts = List.of("she likes her red car.", "he sees his old dog.");
            try (SentenceEncoder before = SentenceEncoder.load(model.toString());
                    SentenceEncoder after = SentenceEncoder.load(out.toString())) {
                float[][] a = before.embed(texts);
                float[][] b = after.embed(texts);
                double moved = 0;
                for (int i = 0; i < a.length; i++) {
                    for (int j = 0; j < a[i].length; j++) {
                        moved = Math.max(moved, Math.abs(a[i][j] - b[i][j]));
                    }
                }
                assertTrue(moved > 1e-6, family + " " + m + ": the edit changes the sentence vectors");
            }
            if (family != ModelFamily.DISTILBERT) {
                continue;   // fine-tuning on the edited model: once, on the family least like BERT
            }
            TinyBert.Toy toy = TinyBert.toy(dir.resolve("toy-" + family.modelType() + "-" + m.cliName()));
            TrainConfig c = toy.config().toBuilder().setModel(out.toString()).optEpochs(1).build();
            Path run = dir.resolve("run-" + family.modelType() + "-" + m.cliName());
            RunResult r = FineTuner.builder().setConfig(c).setRunDir(run).build().run();
            assertEquals(1, r.epochs().size());
            try (Predictor p = Predictor.load(run)) {
                float[] probs = p.predict(List.of("the apple is red ."))[0];
                assertEquals(1.0, probs[0] + probs[1], 1e-5, family + " " + m);
            }
        }
    }
}
