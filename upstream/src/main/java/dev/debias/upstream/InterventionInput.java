package dev.debias.upstream;

import dev.debias.core.ProgressListener;
import dev.debias.finetune.load.PretrainedModel;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.train.SentenceEncoder;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link Intervention} works on: the source model, an encoder of it (its model is the one to
 * edit in place), the sampled sentences and the settings every method shares. It owns the encoder:
 * closing the input closes it, and an intervention that builds its own model from the source releases
 * it first so two copies are not held at once. Made by {@link Upstream}; not thread-safe.
 */
public final class InterventionInput implements AutoCloseable {
    private static final int EMBED_CHUNK = 256;

    private final PretrainedModel source;
    private final PairSample sample;
    private final String corpusName;
    private final String axis;
    private final Pooling pooling;
    private final int maxLength;
    private final long seed;
    private final ProgressListener progress;
    private SentenceEncoder encoder;

    /**
     * An input over {@code encoder}, which it then owns.
     *
     * @param source the pre-trained model as loaded; never changed
     * @param encoder an encoder of {@code source} with {@code pooling} and {@code maxLength}
     * @param sample the pairs to learn from, the held-out pairs and the neutral sentences
     * @param corpusName how messages name the corpus the sentences came from
     * @param axis the demographic axis whose terms were swapped
     * @param pooling the pooling the intervention is made for
     * @param maxLength longest sentence in word pieces (already capped by the model's positions)
     * @param seed the seed of every random choice
     * @param progress receives progress
     */
    InterventionInput(PretrainedModel source, SentenceEncoder encoder, PairSample sample, String corpusName,
            String axis, Pooling pooling, int maxLength, long seed, ProgressListener progress) {
        this.source = Objects.requireNonNull(source, "source");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.sample = Objects.requireNonNull(sample, "sample");
        this.corpusName = Objects.requireNonNull(corpusName, "corpusName");
        this.axis = Objects.requireNonNull(axis, "axis");
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        this.maxLength = maxLength;
        this.seed = seed;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The pre-trained model as loaded; never changed. */
    public PretrainedModel source() {
        return source;
    }

    /**
     * The encoder of the source model, whose model an intervention edits in place.
     *
     * @throws IllegalStateException after {@link #releaseEncoder()}
     */
    public SentenceEncoder encoder() {
        if (encoder == null) {
            throw new IllegalStateException("the encoder was released");
        }
        return encoder;
    }

    /** Closes the encoder now, for an intervention that trains its own model from {@link #source()}. */
    public void releaseEncoder() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }

    /** The pairs to learn from, the held-out pairs and the neutral sentences. */
    public PairSample sample() {
        return sample;
    }

    /** How messages name the corpus the sentences came from. */
    public String corpusName() {
        return corpusName;
    }

    /** The demographic axis whose terms were swapped. */
    public String axis() {
        return axis;
    }

    /** The pooling the intervention is made for. */
    public Pooling pooling() {
        return pooling;
    }

    /** Longest sentence in word pieces (already capped by the model's positions). */
    public int maxLength() {
        return maxLength;
    }

    /** The seed of every random choice. */
    public long seed() {
        return seed;
    }

    /** Receives progress. */
    public ProgressListener progress() {
        return progress;
    }

    /** Closes the encoder unless it was released. */
    @Override
    public void close() {
        releaseEncoder();
    }

    /** The pooled vectors of {@code texts} from {@link #encoder()}, reported to {@link #progress()} as {@code task}. */
    public float[][] embed(List<String> texts, String task) {
        SentenceEncoder e = encoder();
        float[][] out = new float[texts.size()][];
        progress.start(task, texts.size(), "sentences");
        for (int from = 0; from < texts.size(); from += EMBED_CHUNK) {
            int to = Math.min(texts.size(), from + EMBED_CHUNK);
            float[][] part = e.embed(texts.subList(from, to));
            System.arraycopy(part, 0, out, from, part.length);
            progress.advance(to - from);
        }
        progress.finish();
        return out;
    }

    /**
     * Applies {@code projection} ({@code d x d}, row-major, {@code v <- v P}) after any projection the
     * encoder's model has already, so interventions stack.
     */
    public void addProjection(float[] projection) {
        SentenceEncoder e = encoder();
        e.model().setProjection(compose(e.model().projection(), projection, e.dimension()));
    }

    /** {@code first} then {@code second} ({@code v <- v first second}); {@code second} alone when there is no first. */
    static float[] compose(float[] first, float[] second, int d) {
        if (first == null) {
            return second;
        }
        float[] out = new float[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double a = first[i * d + k];
                if (a == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += (float) (a * second[k * d + j]);
                }
            }
        }
        return out;
    }
}
