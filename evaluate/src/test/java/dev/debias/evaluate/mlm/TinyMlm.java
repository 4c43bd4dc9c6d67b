package dev.debias.evaluate.mlm;

import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.testing.TinyBert;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** A {@link TinyBert} directory with a masked-LM head under BERT names: random, or one that gives uniform logits. */
final class TinyMlm {
    private TinyMlm() {}

    /** Writes the model into {@code dir}; {@code uniform} zeroes the LayerNorm so every logit is 0. */
    static Path write(Path dir, long seed, boolean uniform) throws IOException {
        TinyBert.writeModel(dir, seed);
        Weights w = TinyBert.randomWeights(seed);
        BertConfig c = TinyBert.CONFIG;
        int h = c.hiddenSize();
        int v = c.vocabSize();
        SplittableRandom r = new SplittableRandom(seed + 1);
        String p = "cls.predictions.";
        w.put(p + "transform.dense.weight", new long[] {h, h}, random(r, h * h, 0.2));
        w.put(p + "transform.dense.bias", new long[] {h}, random(r, h, 0.1));
        w.put(p + "transform.LayerNorm.weight", new long[] {h}, uniform ? new float[h] : random(r, h, 1.0));
        w.put(p + "transform.LayerNorm.bias", new long[] {h}, uniform ? new float[h] : random(r, h, 0.1));
        w.put(p + "bias", new long[] {v}, uniform ? new float[v] : random(r, v, 0.5));
        // no decoder: tied to the word embeddings
        SafeTensors.write(dir.resolve("model.safetensors"), w);
        return dir;
    }

    private static float[] random(SplittableRandom r, int n, double sd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * sd);
        }
        return x;
    }
}
