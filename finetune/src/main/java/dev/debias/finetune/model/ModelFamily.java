package dev.debias.finetune.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The encoder architectures debias runs, by Hugging Face {@code model_type}. All but ModernBERT are
 * post-LayerNorm transformer encoders that compute the same thing as BERT once their differences are
 * stated, and those differences are what this enum holds: where positions start, whether there are token
 * types, the names of the tensors, and the activation of the architecture's own sentence head. DeBERTa-v2's
 * attention differs as well; its settings are a {@link RelativeAttention} in {@link BertConfig}. ModernBERT
 * is a pre-LayerNorm encoder with rotary positions, local attention and a gated feed-forward layer; its
 * settings are a {@link ModernBertSettings}, and its layers keep their own names (below).
 *
 * <p>Inside debias every model uses one set of names, BERT's ({@code embeddings.word_embeddings.weight},
 * {@code encoder.layer.0.attention.self.query.weight}, ..., {@code pooler.dense.weight},
 * {@code classifier.weight}): the <em>canonical</em> names. {@link #candidates} lists the names under
 * which a checkpoint of the family may hold a canonical tensor, and {@link #huggingFaceName} the one
 * Hugging Face's {@code <Family>ForSequenceClassification} uses.
 *
 * <p>ModernBERT's canonical names are its Hugging Face names with {@code layers.N.} under {@code
 * encoder.layer.N.} and {@code final_norm} under {@code encoder.final_norm}, without the {@code model.}
 * prefix ({@code embeddings.tok_embeddings.weight}, {@code encoder.layer.1.attn.Wqkv.weight}, {@code
 * encoder.layer.1.mlp.Wi.weight}, ...), and its head {@code head.dense}/{@code head.norm} as {@code
 * pooler.dense}/{@code pooler.norm}.
 */
public enum ModelFamily {
    /** BERT (and MiniLM, which is a BERT): positions from 0, token types, pooler {@code tanh}. */
    BERT("bert", "bert.", true, Activation.TANH, "BertForSequenceClassification"),
    /** RoBERTa: positions start after the padding index, one token type; head {@code classifier.dense}, tanh. */
    ROBERTA("roberta", "roberta.", true, Activation.TANH, "RobertaForSequenceClassification"),
    /** XLM-RoBERTa: RoBERTa's architecture with a SentencePiece vocabulary. */
    XLM_ROBERTA("xlm-roberta", "roberta.", true, Activation.TANH, "XLMRobertaForSequenceClassification"),
    /** DistilBERT: no token types, its own tensor names; head {@code pre_classifier}, ReLU. */
    DISTILBERT("distilbert", "distilbert.", false, Activation.RELU, "DistilBertForSequenceClassification"),
    /**
     * ELECTRA discriminator: BERT's layers after an embedding of its own width, projected to the hidden
     * width by {@code embeddings_project} when the two differ; head {@code classifier.dense}, GELU.
     */
    ELECTRA("electra", "electra.", true, Activation.GELU, "ElectraForSequenceClassification"),
    /**
     * DeBERTa-v2, and DeBERTa-v3, which has its {@code model_type}: disentangled attention over relative
     * positions ({@link RelativeAttention}), token types only when {@code type_vocab_size} is above 0,
     * {@code query_proj}/{@code key_proj}/{@code value_proj} for BERT's query/key/value; head
     * {@code pooler.dense} (ContextPooler), GELU, then {@code classifier}, both without prefix.
     */
    DEBERTA_V2("deberta-v2", "deberta.", true, Activation.GELU, "DebertaV2ForSequenceClassification"),
    /**
     * ModernBERT: pre-LayerNorm layers with rotary positions, alternating global and sliding-window attention
     * and a GeGLU feed-forward layer ({@link ModernBertSettings}), no token types; head {@code head.dense},
     * GELU, then {@code head.norm} (a LayerNorm), then {@code classifier}, after first-token or mean pooling.
     */
    MODERNBERT("modernbert", "model.", false, Activation.GELU, "ModernBertForSequenceClassification");

    /** The activation of a family's sentence head, applied after its dense layer. */
    public enum Activation {
        /** Hyperbolic tangent (BERT's pooler, RoBERTa's classification head). */
        TANH,
        /** Rectified linear unit (DistilBERT's {@code pre_classifier}). */
        RELU,
        /** GELU, erf form (ELECTRA's classification head). */
        GELU
    }

    private static final Pattern DEBERTA_QKV =
            Pattern.compile("^(encoder\\.layer\\.\\d+\\.attention\\.self\\.)(query|key|value)(\\..+)$");
    private static final Pattern DISTIL_LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.(.+)$");
    private static final String[][] DISTIL_PARTS = {
        {"attention.self.query.", "attention.q_lin."},
        {"attention.self.key.", "attention.k_lin."},
        {"attention.self.value.", "attention.v_lin."},
        {"attention.output.dense.", "attention.out_lin."},
        {"attention.output.LayerNorm.", "sa_layer_norm."},
        {"intermediate.dense.", "ffn.lin1."},
        {"output.dense.", "ffn.lin2."},
        {"output.LayerNorm.", "output_layer_norm."},
    };

    private final String modelType;
    private final String prefix;
    private final boolean tokenTypes;
    private final Activation headActivation;
    private final String classificationArchitecture;

    ModelFamily(String modelType, String prefix, boolean tokenTypes, Activation headActivation,
            String classificationArchitecture) {
        this.modelType = modelType;
        this.prefix = prefix;
        this.tokenTypes = tokenTypes;
        this.headActivation = headActivation;
        this.classificationArchitecture = classificationArchitecture;
    }

    /** The Hugging Face {@code model_type}. */
    public String modelType() {
        return modelType;
    }

    /** The prefix of the encoder's tensors in a Hugging Face task checkpoint ({@code bert.}, {@code roberta.}, ...). */
    public String prefix() {
        return prefix;
    }

    /**
     * Whether the family has token type (segment) embeddings; a DeBERTa has them only when its
     * {@code type_vocab_size} is above 0 ({@link BertConfig#hasTokenTypes}).
     */
    public boolean tokenTypes() {
        return tokenTypes;
    }

    /** The activation after the dense layer of the family's own sentence head. */
    public Activation headActivation() {
        return headActivation;
    }

    /** The {@code architectures} entry of a sequence classifier of this family. */
    public String classificationArchitecture() {
        return classificationArchitecture;
    }

    /**
     * Whether the family's own sentence head ({@code pooler.dense}) reads vectors pooled by {@code pooling}:
     * every family's reads the first token; ModernBERT's also the mean of the tokens ({@code
     * classifier_pooling: mean}).
     */
    public boolean headReads(Pooling pooling) {
        return pooling == Pooling.CLS || this == MODERNBERT;
    }

    /** Whether positions are counted after the padding index (RoBERTa and XLM-R). */
    public boolean offsetPositions() {
        return this == ROBERTA || this == XLM_ROBERTA;
    }

    /** The family of a {@code model_type}, or null when debias does not run it. */
    public static ModelFamily of(String modelType) {
        String t = modelType.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ModelFamily f : values()) {
            if (f.modelType.equals(t)) {
                return f;
            }
        }
        return null;
    }

    /** The supported {@code model_type}s, comma-separated, for messages. */
    public static String supported() {
        return String.join(", ", Arrays.stream(values()).map(ModelFamily::modelType).toList());
    }

    /**
     * The names under which a checkpoint of this family may hold the canonical tensor {@code canonical},
     * most specific first: the canonical name itself (how debias writes runs), the family's base-model
     * name, the same under the task prefix, and for the sentence head the names of Hugging Face's
     * classification head.
     */
    public List<String> candidates(String canonical) {
        List<String> out = new ArrayList<>();
        out.add(canonical);
        String base = baseName(canonical);
        if (base != null) {
            add(out, base);
            add(out, prefix + base);
        }
        String head = headName(canonical);
        if (head != null) {
            add(out, head);
        }
        return out;
    }

    /**
     * The name Hugging Face's {@code <Family>ForSequenceClassification} gives the canonical tensor, or
     * null when it has none (debias's own edits, {@code debias.*}).
     */
    public String huggingFaceName(String canonical) {
        String head = headName(canonical);
        if (head != null) {
            return head;
        }
        String base = baseName(canonical);
        return base == null ? null : prefix + base;
    }

    /** The base-model (unprefixed) name of an encoder tensor; null for head and edit tensors. */
    private String baseName(String canonical) {
        if (canonical.startsWith("pooler.")) {
            return this == BERT ? canonical : null;
        }
        if (!canonical.startsWith("embeddings") && !canonical.startsWith("encoder.")) {
            return null;
        }
        if (this == MODERNBERT) {
            return canonical.startsWith("encoder.layer.") ? "layers." + canonical.substring("encoder.layer.".length())
                    : canonical.startsWith("encoder.") ? canonical.substring("encoder.".length()) : canonical;
        }
        if (this == DEBERTA_V2) {
            Matcher m = DEBERTA_QKV.matcher(canonical);
            return m.matches() ? m.group(1) + m.group(2) + "_proj" + m.group(3) : canonical;
        }
        if (this != DISTILBERT) {
            return canonical;
        }
        Matcher m = DISTIL_LAYER.matcher(canonical);
        if (!m.matches()) {
            return canonical; // the embeddings keep BERT's names in DistilBERT
        }
        for (String[] part : DISTIL_PARTS) {
            if (m.group(2).startsWith(part[0])) {
                return "transformer.layer." + m.group(1) + "." + part[1] + m.group(2).substring(part[0].length());
            }
        }
        return null;
    }

    /** The Hugging Face classification-head name of a canonical head tensor, or null. */
    private String headName(String canonical) {
        boolean dense = canonical.startsWith("pooler.dense.");
        boolean out = canonical.startsWith("classifier.");
        if (this == MODERNBERT && canonical.startsWith("pooler.norm.")) {
            return "head.norm" + canonical.substring(canonical.lastIndexOf('.'));
        }
        if (!dense && !out) {
            return null;
        }
        String suffix = canonical.substring(canonical.lastIndexOf('.'));
        return switch (this) {
            case BERT -> dense ? "bert." + canonical : canonical;
            case ROBERTA, XLM_ROBERTA, ELECTRA -> (dense ? "classifier.dense" : "classifier.out_proj") + suffix;
            case DISTILBERT -> (dense ? "pre_classifier" : "classifier") + suffix;
            case DEBERTA_V2 -> canonical;
            case MODERNBERT -> dense ? "head.dense" + suffix : canonical;
        };
    }

    private static void add(List<String> out, String name) {
        if (!out.contains(name)) {
            out.add(name);
        }
    }
}
