package dev.debias.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.stats.Estimate;
import dev.debias.finetune.load.PretrainedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sentence-debias on the real all-MiniLM-L6-v2 with the demo bios: the held-out counterfactual gap falls. */
class UpstreamMiniLmTest {
    @TempDir
    Path dir;

    @Test
    void sentenceDebiasLowersTheHeldOutGap() throws Exception {
        UpstreamResult r = Upstream.builder().setModel(PretrainedModel.MINILM).setIntervention(SentenceDebias.defaults())
                .setOut(dir.resolve("sd")).optLearnPairs(200).optHeldOutPairs(100).optNeutral(0).optBootstrap(500)
                .optSeatTests(List.of()).build().run();
        Estimate before = r.before().gap().meanCosineDistance();
        Estimate after = r.after().gap().meanCosineDistance();
        System.out.printf(Locale.ROOT, "minilm sentence-debias, held-out gap %.4f [%.4f, %.4f] -> %.4f [%.4f, %.4f]%n",
                before.value(), before.low(), before.high(), after.value(), after.low(), after.high());
        assertEquals(100, r.before().gap().pairs());
        // the intervals do not overlap: the fall is not resampling noise
        assertTrue(after.high() < before.low(), before + " -> " + after);
        Diagnostics.Subspace s = (Diagnostics.Subspace) r.diagnostics();
        assertTrue(s.explainedVariance()[0] > 0.2, "one direction should carry much of the pair differences");
    }
}
