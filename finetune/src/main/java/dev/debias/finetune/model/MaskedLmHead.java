package dev.debias.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import dev.debias.core.InvalidInputException;
import java.util.Arrays;
import java.util.List;

/**
 * The masked-language-model head of a pre-trained encoder, applied to its token states: {@code dense ->
 * gelu (erf form) -> LayerNorm -> decoder + bias}, giving one logit per vocabulary entry. Read from the
 * model's weights under BERT names ({@code cls.predictions.transform.dense.*},
 * {@code cls.predictions.transform.LayerNorm.*}, {@code cls.predictions.bias}, {@code
 * cls.predictions.decoder.weight}) or RoBERTa/XLM-R names ({@code lm_head.dense.*}, {@code
 * lm_head.layer_norm.*}, {@code lm_head.bias}, {@code lm_head.decoder.weight}) or DistilBERT names
 * ({@code vocab_transform.*}, {@code vocab_layer_norm.*}, {@code vocab_projector.*}); a leading
 * {@code bert.}, {@code roberta.}, {@code distilbert.} or {@code deberta.} is accepted. DeBERTa-v2's head has BERT's
 * names ({@code DebertaV2ForMaskedLM}) and the embedding width: {@code transform.dense} maps the hidden width
 * to {@code embedding_size}, where its LayerNorm and the decoder work. ModernBERT's ({@code ModernBertForMaskedLM})
 * is {@code head.dense}, gelu, {@code head.norm}, {@code decoder} (tied to {@code tok_embeddings}), each bias
 * taken as 0 where the config has none ({@code classifier_bias}, {@code norm_bias}, {@code decoder_bias}). When the decoder matrix is absent it is tied to the word embeddings,
 * as Hugging Face checkpoints save it. Arrays live in the manager given to {@link #load}; not thread-safe.
 */
public final class MaskedLmHead {
    /** ModernBERT's head ({@code ModernBertForMaskedLM}), whose biases are there only when its config says so. */
    private static final String[] MODERNBERT = {"head.dense", "head.norm", "decoder.bias", "decoder.weight"};
    private static final List<String[]> LAYOUTS = List.of(
            // dense, norm, bias, decoder
            new String[] {"cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm", "cls.predictions.bias",
                "cls.predictions.decoder.weight"},
            new String[] {"lm_head.dense", "lm_head.layer_norm", "lm_head.bias", "lm_head.decoder.weight"},
            new String[] {"vocab_transform", "vocab_layer_norm", "vocab_projector.bias", "vocab_projector.weight"},
            MODERNBERT);
    /** A tensor of the head under the original DeBERTa checkpoints' names, which are not read. */
    private static final String DEBERTA_ORIGINAL = "lm_predictions.lm_head.dense.weight";
    private static final List<String> PREFIXES = List.of("", "bert.", "roberta.", "distilbert.", "deberta.", "model.");

    private final NDArray denseWeight;
    private final NDArray denseBias;
    private final NDArray normWeight;
    private final NDArray normBias;
    private final NDArray decoder;
    private final NDArray bias;
    private final int width;
    private final double eps;

    private MaskedLmHead(NDArray[] a, int width, double eps) {
        this.denseWeight = a[0];
        this.denseBias = a[1];
        this.normWeight = a[2];
        this.normBias = a[3];
        this.decoder = a[4];
        this.bias = a[5];
        this.width = width;
        this.eps = eps;
    }

    /** Whether {@code weights} hold a masked-LM head under either naming (the decoder may be tied). */
    public static boolean present(Weights weights) {
        return layout(weights) != null;
    }

    /**
     * Checks that {@code weights} hold a masked-LM head.
     *
     * @throws InvalidInputException naming {@code source} when they do not
     */
    public static void requirePresent(Weights weights, String source) {
        if (!present(weights)) {
            if (weights != null && weights.get(DEBERTA_ORIGINAL) != null) {
                throw new InvalidInputException(source + " has no masked-LM head under the names debias reads "
                        + "(cls.predictions.*); it holds DeBERTa's original lm_predictions.lm_head.*, which debias "
                        + "does not read yet");
            }
            throw new InvalidInputException(source + " has no masked-LM head (cls.predictions.* or lm_head.*); "
                    + "the embedded builtin:minilm is a sentence encoder without one");
        }
    }

    /**
     * The head in {@code weights}, for an encoder of shape {@code config} (hidden size, vocabulary, the
     * LayerNorm epsilon), as arrays in {@code manager}.
     *
     * @param source the model's name, for messages
     * @throws InvalidInputException when the weights hold no head, or a head tensor has the wrong shape
     */
    public static MaskedLmHead load(NDManager manager, Weights weights, BertConfig config, String source) {
        requirePresent(weights, source);
        String[] names = layout(weights);
        long h = config.hiddenSize();
        // DeBERTa's transform ends at the embedding width, which its tied decoder reads
        long e = config.family() == ModelFamily.DEBERTA_V2 ? config.embeddingSize() : h;
        long v = config.vocabSize();
        Weights.Tensor decoder = find(weights, names[3]);
        if (decoder == null) {
            decoder = find(weights, names == MODERNBERT ? "embeddings.tok_embeddings.weight"
                    : "embeddings.word_embeddings.weight");
            if (decoder == null) {
                throw new InvalidInputException(source + ": the masked-LM head has no decoder ("
                        + names[3] + ") and there are no word embeddings to tie it to");
            }
        }
        // ModernBERT's biases are absent when norm_bias, classifier_bias or decoder_bias is false: zeros
        boolean optional = names == MODERNBERT;
        NDArray[] a = {
            array(manager, source, names[0] + ".weight", find(weights, names[0] + ".weight"), e, h),
            array(manager, source, names[0] + ".bias", orZeros(find(weights, names[0] + ".bias"), optional, e), e),
            array(manager, source, names[1] + ".weight", find(weights, names[1] + ".weight"), e),
            array(manager, source, names[1] + ".bias", orZeros(find(weights, names[1] + ".bias"), optional, e), e),
            array(manager, source, names[3], decoder, v, e),
            array(manager, source, names[2], orZeros(find(weights, names[2]), optional, v), v)};
        return new MaskedLmHead(a, (int) e, config.layerNormEps());
    }

    /**
     * The vocabulary logits of token states {@code states} ({@code (..., hidden)}): {@code (..., vocab)},
     * in the manager of {@code states}.
     */
    public NDArray logits(NDArray states) {
        NDArray x = Linear.linear(states, denseWeight, denseBias).head();
        // PyTorch's gelu, which DJL's Activation.gelu calls, is the exact erf form, as BERT's "gelu"
        x = Activation.gelu(x);
        x = LayerNorm.layerNorm(x, new Shape(width), normWeight, normBias, (float) eps).head();
        return Linear.linear(x, decoder, bias).head();
    }

    /** The head's arrays, so a caller that frees temporaries of their manager can keep them. */
    public List<NDArray> arrays() {
        return List.of(denseWeight, denseBias, normWeight, normBias, decoder, bias);
    }

    private static String[] layout(Weights weights) {
        if (weights == null) {
            return null;
        }
        for (String[] names : LAYOUTS) {
            if (names == MODERNBERT) {
                // a sequence classifier has head.* too; a masked LM has a decoder or, tied and without bias, no classifier
                boolean decoder = find(weights, names[2]) != null || find(weights, names[3]) != null
                        || find(weights, "classifier.weight") == null;
                if (find(weights, names[0] + ".weight") != null && find(weights, names[1] + ".weight") != null
                        && find(weights, "embeddings.tok_embeddings.weight") != null && decoder) {
                    return names;
                }
                continue;
            }
            if (find(weights, names[0] + ".weight") != null && find(weights, names[0] + ".bias") != null
                    && find(weights, names[1] + ".weight") != null && find(weights, names[1] + ".bias") != null
                    && find(weights, names[2]) != null) {
                return names;
            }
        }
        return null;
    }

    private static Weights.Tensor find(Weights weights, String name) {
        for (String p : PREFIXES) {
            Weights.Tensor t = weights.get(p + name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static Weights.Tensor orZeros(Weights.Tensor t, boolean optional, long width) {
        return t != null || !optional ? t : new Weights.Tensor(new long[] {width}, new float[(int) width]);
    }

    private static NDArray array(NDManager m, String source, String name, Weights.Tensor t, long... shape) {
        if (!Arrays.equals(t.shape(), shape)) {
            throw new InvalidInputException(source + ": masked-LM head tensor " + name + " has shape "
                    + Arrays.toString(t.shape()) + ", the model needs " + Arrays.toString(shape));
        }
        return NativeArrays.of(m, t.data(), new Shape(shape));
    }
}
