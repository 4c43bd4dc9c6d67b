package dev.debias.finetune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An encoder of the BERT family ({@link ModelFamily}: BERT, RoBERTa, XLM-R, DistilBERT, ELECTRA, DeBERTa-v2,
 * ModernBERT) with a
 * classification head, as one DJL block whose parameters carry the canonical (BERT) names
 * ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.3.attention.self.query.bias}, ...,
 * {@code classifier.weight}); {@link #load} also finds them under each family's own Hugging Face names.
 * Any input length up to {@link BertConfig#maxLength} works; padding is excluded by the attention mask.
 * Inputs: token ids and attention mask ({@code (batch, length)}, int64), optionally token type ids.
 * Outputs: logits {@code (batch, labels)}, the pooled vector {@code (batch, hidden)} and the token
 * states {@code (batch, length, hidden)}.
 *
 * <p>Heads: the pooled vector (mean of the token states, or the first token's state), then, when the
 * block has a <em>pooler</em> ({@code pooler.dense}, the family's own sentence head: BERT's pooler,
 * RoBERTa's and ELECTRA's {@code classifier.dense}, DistilBERT's {@code pre_classifier}, DeBERTa's
 * ContextPooler {@code pooler.dense}, ModernBERT's {@code head.dense} (followed by its {@code head.norm}), each with its
 * family's {@linkplain ModelFamily#headActivation activation}), that dense layer, then
 * {@code classifier}. With first-token pooling and a pooler the block computes what Hugging Face's
 * {@code <Family>ForSequenceClassification} computes.
 *
 * <p>Upstream hooks, so interventions on the pre-trained model need no fork: a projection applied to
 * the pooled vector ({@link #setProjection}), masks that switch off attention heads and feed-forward
 * neurons ({@link #setHeadMask}, {@link #setNeuronMask}), and a flag that keeps pruned (zero) linear
 * weights at zero in training ({@link #setWeightSparsity}). These edits are part of the model: {@link
 * #weights()} writes them as the tensors {@value #PROJECTION}, {@value #HEAD_MASK}, {@value #NEURON_MASK}
 * and {@value #WEIGHT_SPARSITY}, and {@link #load} restores them, so a model directory carries its
 * intervention into fine-tuning and prediction. Differentiable gates ({@link #setGates}) let a caller
 * take gradients with respect to each head and neuron.
 */
public final class BertClassifier extends AbstractBlock {
    private static final byte VERSION = 1;
    /** The tensor that holds the pooled-vector projection ({@code hidden x hidden}). */
    public static final String PROJECTION = "debias.projection";
    /** The tensor that holds the head mask ({@code layers x heads}, 1 kept, 0 pruned). */
    public static final String HEAD_MASK = "debias.head_mask";
    /** The tensor that holds the neuron mask ({@code layers x intermediate}, 1 kept, 0 pruned). */
    public static final String NEURON_MASK = "debias.neuron_mask";
    /** The tensor ({@code [1]}) that holds the sparsity of magnitude-pruned linear weights. */
    public static final String WEIGHT_SPARSITY = "debias.weight_sparsity";

    private final BertConfig config;
    private final int labels;
    private final Pooling pooling;
    private final float dropout;
    private final boolean pooler;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final UpstreamEdits edits;
    private NDArray headGate;
    private Precision precision = Precision.FP32;
    private NDArray neuronGate;

    /**
     * @param config the encoder's shape
     * @param labels number of classes (0 for an encoder without head)
     * @param pooling how token states are pooled
     * @param dropout dropout rate used in training (hidden states, attention probabilities, head input)
     */
    public BertClassifier(BertConfig config, int labels, Pooling pooling, float dropout) {
        this(config, labels, pooling, dropout, false);
    }

    /**
     * @param config the encoder's shape
     * @param labels number of classes (0 for an encoder without head)
     * @param pooling how token states are pooled
     * @param dropout dropout rate used in training (hidden states, attention probabilities, head input)
     * @param pooler whether the head starts with the family's own dense layer ({@code pooler.dense}, and for
     *     ModernBERT its {@code pooler.norm} after the activation); only with a head and pooling the family's
     *     head reads ({@link ModelFamily#headReads}: first-token, and for ModernBERT mean too)
     * @throws IllegalArgumentException when a pooler is asked for without a head or with pooling its head
     *     does not read
     */
    public BertClassifier(BertConfig config, int labels, Pooling pooling, float dropout, boolean pooler) {
        super(VERSION);
        if (pooler && (!config.family().headReads(pooling) || labels < 1)) {
            throw new IllegalArgumentException("a pooler needs a classification head and, but for modernbert, "
                    + "first-token (cls) pooling");
        }
        this.config = config;
        this.labels = labels;
        this.pooling = pooling;
        this.dropout = dropout;
        this.pooler = pooler;
        this.edits = new UpstreamEdits(config);
        ParameterLayout.of(config, labels, pooler).forEach(this::param);
    }

    private void param(String name, long[] shape) {
        Parameter p = addParameter(Parameter.builder().setName(name).setType(name.endsWith("bias")
                ? Parameter.Type.BIAS : Parameter.Type.WEIGHT).build());
        byName.put(name, p);
        shapes.put(name, shape);
    }

    /** The encoder's shape. */
    public BertConfig config() {
        return config;
    }

    /** Number of classes. */
    public int labels() {
        return labels;
    }

    /** The pooling. */
    public Pooling pooling() {
        return pooling;
    }

    /** Whether the head starts with the family's own dense layer ({@code pooler.dense}). */
    public boolean hasPooler() {
        return pooler;
    }

    /** The parameter names, in order. */
    public List<String> parameterNames() {
        return new ArrayList<>(byName.keySet());
    }

    /**
     * Whether {@code name} is one of the encoder's linear weight matrices (query, key, value, attention
     * output and both feed-forward matrices of a layer, and DeBERTa's {@code pos_key_proj}/{@code
     * pos_query_proj}, ModernBERT's {@code attn.Wqkv}, {@code attn.Wo}, {@code mlp.Wi} and {@code mlp.Wo}): the
     * weights magnitude pruning zeroes and fine-tuning then keeps at zero. Not
     * embeddings, DeBERTa's relative table, biases, LayerNorm or the head.
     */
    public static boolean isEncoderLinearWeight(String name) {
        return name.startsWith("encoder.layer.") && name.endsWith(".weight") && !name.contains("LayerNorm")
                && !name.endsWith("norm.weight");   // ModernBERT's attn_norm and mlp_norm
    }

    /** The parameter named {@code name}, or null. */
    public Parameter parameter(String name) {
        return byName.get(name);
    }

    /**
     * Sets every parameter: from {@code weights} where they name it (under the canonical name or one of
     * the family's {@linkplain ModelFamily#candidates Hugging Face names}), else to fresh values (normal
     * with standard deviation 0.02, LayerNorm weights 1, biases 0) drawn from {@code seed}. A head tensor
     * ({@code classifier.*}) of another shape, as a checkpoint fine-tuned for other labels has, is
     * initialized fresh too. Returns the names that were initialized fresh.
     *
     * @throws IllegalArgumentException when a given encoder tensor's shape does not match
     */
    public List<String> load(NDManager manager, Weights weights, long seed) {
        List<String> fresh = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (var e : byName.entrySet()) {
            String name = e.getKey();
            Parameter p = e.getValue();
            long[] shape = shapes.get(name);
            Weights.Tensor t = find(weights, name);
            if (t != null && name.startsWith("classifier.") && !java.util.Arrays.equals(t.shape(), shape)) {
                t = null;
            }
            float[] data;
            if (t != null) {
                if (!java.util.Arrays.equals(t.shape(), shape)) {
                    throw new IllegalArgumentException("weight " + name + " has shape " + java.util.Arrays.toString(t.shape())
                            + ", the model needs " + java.util.Arrays.toString(shape));
                }
                data = t.data();
            } else {
                fresh.add(name);
                data = new float[(int) new Shape(shape).size()];
                if (name.endsWith("LayerNorm.weight") || name.endsWith("norm.weight")) {
                    java.util.Arrays.fill(data, 1f);
                } else if (!name.endsWith("bias")) {
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (float) (random.nextGaussian() * 0.02);
                    }
                }
            }
            if (p.isInitialized() && !p.getArray().isReleased()) {
                // loading again: overwrite the values in place (DJL parameters take an array only once)
                p.getArray().set(data);
                continue;
            }
            NDArray a = NativeArrays.of(manager, data, new Shape(shape));
            a.setName(name);
            p.setArray(a);
        }
        edits.load(weights);
        return fresh;
    }

    private Weights.Tensor find(Weights weights, String name) {
        if (weights == null) {
            return null;
        }
        for (String candidate : config.family().candidates(name)) {
            Weights.Tensor t = weights.get(candidate);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** The current parameter values as named tensors, followed by the edits that are set. */
    public Weights weights() {
        Weights w = new Weights();
        for (var e : byName.entrySet()) {
            NDArray a = e.getValue().getArray();
            w.put(e.getKey(), a.getShape().getShape(), a.toFloatArray());
        }
        edits.addTo(w);
        return w;
    }

    /**
     * Keeps ({@code 1}) or switches off ({@code 0}) attention heads: {@code mask[layer][head]}; null for
     * all on. A head switched off adds nothing to its layer's output.
     *
     * @throws IllegalArgumentException when the mask is not {@code layers x heads}
     */
    public void setHeadMask(float[][] mask) {
        edits.setHeadMask(mask);
    }

    /**
     * Keeps or switches off feed-forward neurons: {@code mask[layer][neuron]}; null for all on.
     *
     * @throws IllegalArgumentException when the mask is not {@code layers x intermediate}
     */
    public void setNeuronMask(float[][] mask) {
        edits.setNeuronMask(mask);
    }

    /** The head mask ({@code [layer][head]}, a copy), or null when every head is on. */
    public float[][] headMask() {
        return edits.headMask();
    }

    /** The neuron mask ({@code [layer][neuron]}, a copy), or null when every neuron is on. */
    public float[][] neuronMask() {
        return edits.neuronMask();
    }

    /** The pooled-vector projection ({@code hidden x hidden}, row-major, a copy), or null for none. */
    public float[] projection() {
        return edits.projection();
    }

    /**
     * Marks the encoder's linear weights as magnitude-pruned at {@code sparsity} (0 for not pruned):
     * fine-tuning then keeps the weights that are zero at zero.
     *
     * @throws IllegalArgumentException when {@code sparsity} is not in [0, 1)
     */
    public void setWeightSparsity(float sparsity) {
        edits.setWeightSparsity(sparsity);
    }

    /** The sparsity {@link #setWeightSparsity} recorded; 0 when the weights were not pruned. */
    public float weightSparsity() {
        return edits.weightSparsity();
    }

    /**
     * Multiplies each head's attention ({@code heads}, {@code (layers, heads)}) and each feed-forward
     * neuron ({@code neurons}, {@code (layers, intermediate)}) by a gate, on top of the masks. With gates of
     * ones that require gradients, the gradient of an objective with respect to a gate is the first-order
     * change of the objective when that unit is switched off (times -1). Null for none; not saved.
     */
    public void setGates(NDArray heads, NDArray neurons) {
        if (heads != null && !heads.getShape().equals(new Shape(config.layers(), config.heads()))) {
            throw new IllegalArgumentException("head gates must be (layers, heads), not " + heads.getShape());
        }
        if (neurons != null && !neurons.getShape().equals(new Shape(config.layers(), config.intermediateSize()))) {
            throw new IllegalArgumentException("neuron gates must be (layers, intermediate), not " + neurons.getShape());
        }
        this.headGate = heads;
        this.neuronGate = neurons;
    }

    /**
     * The number format of the matrix products from now on (default {@link Precision#FP32}); the parameters stay
     * float32 either way. Not saved: a model computes in whatever precision its user sets.
     *
     * @throws IllegalArgumentException for {@link Precision#AUTO}, which {@link Precision#resolve} decides first
     */
    public void setPrecision(Precision precision) {
        if (precision == Precision.AUTO) {
            throw new IllegalArgumentException("precision auto must be resolved to fp32 or bf16 first");
        }
        this.precision = java.util.Objects.requireNonNull(precision, "precision");
    }

    /** The number format of the matrix products. */
    public Precision precision() {
        return precision;
    }

    /**
     * A {@code hidden x hidden} matrix (row-major) applied to the pooled vector before the head
     * ({@code pooled <- pooled P}), e.g. the projection that removes a bias direction; null for none.
     */
    public void setProjection(float[] matrix) {
        edits.setProjection(matrix);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDManager m = ids.getManager();
        long length = ids.getShape().get(1);
        if (length > config.maxLength()) {
            throw new IllegalArgumentException("input of " + length + " tokens is longer than the model's "
                    + config.maxLength());
        }
        int h = config.hiddenSize();
        Encoder encoder = new Encoder(config, name -> ps.getValue(byName.get(name), ids.getDevice(), true), training,
                dropout, precision);
        NDArray x = encoder.states(ids, mask, inputs.size() > 2 ? inputs.get(2) : null, edits, headGate, neuronGate);
        NDArray pooled;
        if (pooling == Pooling.CLS) {
            pooled = x.get(":, 0, :");
        } else {
            NDArray w = mask.toType(DataType.FLOAT32, false).expandDims(2);
            pooled = x.mul(w).sum(new int[] {1}).div(w.sum(new int[] {1}).maximum(Scalars.of(m, 1e-9f)));
        }
        float[] projection = edits.projectionView();
        if (projection != null) {
            pooled = pooled.matMul(NativeArrays.of(m, projection, new Shape(h, h)));
        }
        NDList result = new NDList();
        if (labels > 0) {
            NDArray head = pooled;
            if (pooler && config.modern() != null) {
                head = new ModernBertLayers(config, encoder).head(head);   // dense, gelu, then head.norm
            } else if (pooler) {
                head = activate(encoder.dense("pooler.dense", encoder.drop(head)));
            }
            result.add(encoder.dense("classifier", encoder.drop(head)));
        }
        result.add(pooled);
        result.add(x);
        return result;
    }

    private NDArray activate(NDArray x) {
        return switch (config.family().headActivation()) {
            case TANH -> x.tanh();
            case RELU -> Activation.relu(x);
            case GELU -> Activation.gelu(x);
        };
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        long length = inputShapes[0].get(1);
        int h = config.hiddenSize();
        List<Shape> out = new ArrayList<>();
        if (labels > 0) {
            out.add(new Shape(batch, labels));
        }
        out.add(new Shape(batch, h));
        out.add(new Shape(batch, length, h));
        return out.toArray(new Shape[0]);
    }
}
