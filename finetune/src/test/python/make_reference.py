#!/usr/bin/env python3
"""Independent numpy reference implementations of Hugging Face encoder architectures.

Writes tiny random-init fixtures (config.json, model.safetensors, reference.json) under
finetune/src/test/resources/dev/debias/finetune/reference/<model_type>/ so the Java
implementation can be compared to them.

This is NOT Hugging Face output: no transformers/torch package was used or available. Every
forward pass below was written from the published architectures (papers) and the documented
Hugging Face semantics; each non-obvious decision carries its source in a comment, and the
README.md next to the fixtures lists them.

Run:  python3 finetune/src/test/python/make_reference.py
Deterministic: numpy default_rng with fixed seeds; two runs give byte-identical files.
Requires only python3 and numpy.
"""

import json
import math
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_ROOT = os.path.normpath(
    os.path.join(HERE, "..", "resources", "dev", "debias", "finetune", "reference"))

# Tiny dimensions shared by every family.
HIDDEN = 32
LAYERS = 2
HEADS = 4
HEAD_DIM = HIDDEN // HEADS
INTER = 37
VOCAB = 99
MAX_POS = 40
ELECTRA_EMB = 16
NUM_LABELS = 3
LENGTHS = [9, 6, 12]           # real lengths of the three sequences; batch padded to 12
SEQ = max(LENGTHS)
# Row 0 is a sentence pair: token types 0 for its first 5 tokens, 1 for the rest.
PAIR_ROW, PAIR_SPLIT = 0, 5

SEEDS = {"bert": 1001, "roberta": 1002, "xlm-roberta": 1003, "distilbert": 1004,
         "electra": 1005, "deberta-v2": 1006}
INPUT_SEED = 4242

# The additive / fill value for masked attention keys. HF builds the extended attention mask as
# (1 - mask) * torch.finfo(dtype).min (BERT/RoBERTa/ELECTRA get_extended_attention_mask) and
# DistilBERT / DeBERTa-v2 use masked_fill(..., torch.finfo(dtype).min). The checkpoints are
# float32, so the float32 minimum; exp() of it after max-subtraction is exactly 0 in float64.
MASK_MIN = float(np.finfo(np.float32).min)

# ----------------------------------------------------------------------------------------------
# Elementary operations (all computed in float64 from the float32 weights)
# ----------------------------------------------------------------------------------------------

# Exact GELU, x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)): Hendrycks & Gimpel, "Gaussian Error Linear
# Units" (2016); HF ACT2FN["gelu"] is the exact erf form (GELUActivation -> nn.functional.gelu),
# not the tanh approximation ("gelu_new"/"gelu_pytorch_tanh"). math.erf is the C library erf,
# accurate to about 1 ulp in double precision, applied elementwise.
_erf = np.vectorize(math.erf, otypes=[np.float64])


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def relu(x):
    return np.maximum(x, 0.0)


# LayerNorm over the last axis with the biased (population) variance and eps inside the square
# root: Ba, Kiros & Hinton, "Layer Normalization" (2016); torch.nn.LayerNorm documentation.
def layer_norm(x, w, b, eps):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


# torch.nn.Linear: y = x W^T + b with W of shape (out, in).
def linear(x, w, b=None):
    y = x @ w.T
    return y if b is None else y + b


class Checks:
    """Collects the self-consistency results; the script fails if any check fails."""

    def __init__(self):
        self.max_rowsum_err = 0.0
        self.max_masked_prob = 0.0
        self.results = []

    def softmax(self, scores, key_mask=None):
        m = scores.max(axis=-1, keepdims=True)
        e = np.exp(scores - m)
        p = e / e.sum(axis=-1, keepdims=True)
        self.max_rowsum_err = max(self.max_rowsum_err, float(np.abs(p.sum(-1) - 1.0).max()))
        if key_mask is not None:
            # probability given to masked keys, shape broadcast (B, 1, 1, T)
            masked = np.broadcast_to(key_mask[:, None, None, :] == 0, p.shape)
            if masked.any():
                self.max_masked_prob = max(self.max_masked_prob, float(p[masked].max()))
        return p

    def check(self, name, ok, detail=""):
        self.results.append((name, bool(ok), detail))
        print(("PASS " if ok else "FAIL ") + name + (" " + detail if detail else ""))

    def close(self, name, a, b, tol):
        diff = float(np.max(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64))))
        self.check(name, diff <= tol, "max|diff|=%.3g (tol %.1g)" % (diff, tol))


CHECKS = Checks()


def split_heads(x):
    # (B, T, H) -> (B, heads, T, head_dim): HF transpose_for_scores, view(B, T, heads, d)
    # then permute; head h owns hidden columns h*d .. (h+1)*d-1.
    b, t, _ = x.shape
    return x.reshape(b, t, HEADS, HEAD_DIM).transpose(0, 2, 1, 3)


def merge_heads(x):
    b, _, t, _ = x.shape
    return x.transpose(0, 2, 1, 3).reshape(b, t, HEADS * HEAD_DIM)


# ----------------------------------------------------------------------------------------------
# Weights
# ----------------------------------------------------------------------------------------------

class Init:
    """Random-init weights, stored as float32 under Hugging Face state-dict names."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.t = {}

    def _put(self, name, arr):
        assert name not in self.t, name
        self.t[name] = np.asarray(arr, dtype=np.float32)

    def dense(self, name, out_dim, in_dim, bias=True):
        self._put(name + ".weight", self.rng.normal(0.0, 0.2, (out_dim, in_dim)))
        if bias:
            self._put(name + ".bias", self.rng.normal(0.0, 0.1, (out_dim,)))

    def ln(self, name, n):
        self._put(name + ".weight", 1.0 + self.rng.normal(0.0, 0.1, (n,)))
        self._put(name + ".bias", self.rng.normal(0.0, 0.1, (n,)))

    def emb(self, name, rows, cols):
        self._put(name + ".weight", self.rng.normal(0.0, 0.2, (rows, cols)))

    def vec(self, name, n):
        self._put(name, self.rng.normal(0.0, 0.1, (n,)))

    def tie(self, name, source):
        # A tied decoder written as its own tensor (safetensors cannot alias): byte-equal copy.
        self._put(name, self.t[source].copy())


class SD:
    """Read access to a state dict as float64."""

    def __init__(self, tensors):
        self.t = tensors

    def __getitem__(self, name):
        return self.t[name].astype(np.float64)

    def __contains__(self, name):
        return name in self.t


def bert_layer_weights(init, p, hidden=HIDDEN, inter=INTER):
    init.dense(p + "attention.self.query", hidden, hidden)
    init.dense(p + "attention.self.key", hidden, hidden)
    init.dense(p + "attention.self.value", hidden, hidden)
    init.dense(p + "attention.output.dense", hidden, hidden)
    init.ln(p + "attention.output.LayerNorm", hidden)
    init.dense(p + "intermediate.dense", inter, hidden)
    init.dense(p + "output.dense", hidden, inter)
    init.ln(p + "output.LayerNorm", hidden)


def bert_like_weights(init, prefix, type_vocab, emb_size=HIDDEN):
    e = prefix + ".embeddings."
    init.emb(e + "word_embeddings", VOCAB, emb_size)
    init.emb(e + "position_embeddings", MAX_POS, emb_size)
    init.emb(e + "token_type_embeddings", type_vocab, emb_size)
    init.ln(e + "LayerNorm", emb_size)
    if emb_size != HIDDEN:
        init.dense(prefix + ".embeddings_project", HIDDEN, emb_size)
    for n in range(LAYERS):
        bert_layer_weights(init, "%s.encoder.layer.%d." % (prefix, n))


def weights_bert(seed):
    init = Init(seed)
    bert_like_weights(init, "bert", 2)
    init.dense("bert.pooler.dense", HIDDEN, HIDDEN)
    init.dense("classifier", NUM_LABELS, HIDDEN)
    init.dense("cls.predictions.transform.dense", HIDDEN, HIDDEN)
    init.ln("cls.predictions.transform.LayerNorm", HIDDEN)
    init.vec("cls.predictions.bias", VOCAB)
    init.tie("cls.predictions.decoder.weight", "bert.embeddings.word_embeddings.weight")
    return init.t


def weights_roberta(seed):
    init = Init(seed)
    bert_like_weights(init, "roberta", 1)
    # RobertaForSequenceClassification / RobertaForMaskedLM build RobertaModel with
    # add_pooling_layer=False: no roberta.pooler.* tensors.
    init.dense("classifier.dense", HIDDEN, HIDDEN)
    init.dense("classifier.out_proj", NUM_LABELS, HIDDEN)
    init.dense("lm_head.dense", HIDDEN, HIDDEN)
    init.ln("lm_head.layer_norm", HIDDEN)
    init.vec("lm_head.bias", VOCAB)
    init.tie("lm_head.decoder.weight", "roberta.embeddings.word_embeddings.weight")
    return init.t


def weights_electra(seed, emb_size=ELECTRA_EMB):
    init = Init(seed)
    bert_like_weights(init, "electra", 2, emb_size)
    init.dense("classifier.dense", HIDDEN, HIDDEN)
    init.dense("classifier.out_proj", NUM_LABELS, HIDDEN)
    # ElectraForPreTraining (the discriminator's own head): replaced-token detection.
    init.dense("discriminator_predictions.dense", HIDDEN, HIDDEN)
    init.dense("discriminator_predictions.dense_prediction", 1, HIDDEN)
    # ElectraForMaskedLM's head (generator_predictions + generator_lm_head tied to the word
    # embeddings), put on this discriminator-sized backbone so an MLM path is exercised too.
    init.dense("generator_predictions.dense", emb_size, HIDDEN)
    init.ln("generator_predictions.LayerNorm", emb_size)
    init.tie("generator_lm_head.weight", "electra.embeddings.word_embeddings.weight")
    init.vec("generator_lm_head.bias", VOCAB)
    return init.t


def weights_distilbert(seed):
    init = Init(seed)
    e = "distilbert.embeddings."
    init.emb(e + "word_embeddings", VOCAB, HIDDEN)
    init.emb(e + "position_embeddings", MAX_POS, HIDDEN)
    init.ln(e + "LayerNorm", HIDDEN)
    for n in range(LAYERS):
        p = "distilbert.transformer.layer.%d." % n
        for lin in ("q_lin", "k_lin", "v_lin", "out_lin"):
            init.dense(p + "attention." + lin, HIDDEN, HIDDEN)
        init.ln(p + "sa_layer_norm", HIDDEN)
        init.dense(p + "ffn.lin1", INTER, HIDDEN)
        init.dense(p + "ffn.lin2", HIDDEN, INTER)
        init.ln(p + "output_layer_norm", HIDDEN)
    init.dense("pre_classifier", HIDDEN, HIDDEN)
    init.dense("classifier", NUM_LABELS, HIDDEN)
    init.dense("vocab_transform", HIDDEN, HIDDEN)
    init.ln("vocab_layer_norm", HIDDEN)
    init.tie("vocab_projector.weight", "distilbert.embeddings.word_embeddings.weight")
    init.vec("vocab_projector.bias", VOCAB)
    return init.t


# ----------------------------------------------------------------------------------------------
# Forward passes
# ----------------------------------------------------------------------------------------------

def bert_self_attention(x, mask, sd, p):
    # Vaswani et al., "Attention Is All You Need" (2017) scaled dot-product attention:
    # softmax(q k^T / sqrt(head_dim) + additive_mask) v, per head; HF BertSelfAttention.
    q = split_heads(linear(x, sd[p + "query.weight"], sd[p + "query.bias"]))
    k = split_heads(linear(x, sd[p + "key.weight"], sd[p + "key.bias"]))
    v = split_heads(linear(x, sd[p + "value.weight"], sd[p + "value.bias"]))
    scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(HEAD_DIM)
    scores = scores + (1.0 - mask)[:, None, None, :] * MASK_MIN
    probs = CHECKS.softmax(scores, mask)
    return merge_heads(probs @ v)


def bert_layer(x, mask, sd, p, eps):
    # Post-LN transformer block (Devlin et al., BERT, 2018; HF BertLayer): dropout is identity
    # at inference.
    ctx = bert_self_attention(x, mask, sd, p + "attention.self.")
    a = layer_norm(linear(ctx, sd[p + "attention.output.dense.weight"],
                          sd[p + "attention.output.dense.bias"]) + x,
                   sd[p + "attention.output.LayerNorm.weight"],
                   sd[p + "attention.output.LayerNorm.bias"], eps)
    h = gelu(linear(a, sd[p + "intermediate.dense.weight"], sd[p + "intermediate.dense.bias"]))
    return layer_norm(linear(h, sd[p + "output.dense.weight"], sd[p + "output.dense.bias"]) + a,
                      sd[p + "output.LayerNorm.weight"], sd[p + "output.LayerNorm.bias"], eps)


def roberta_position_ids(input_ids, padding_idx):
    # HF create_position_ids_from_input_ids (RoBERTa / XLM-R): mask = input_ids != padding_idx,
    # positions = cumsum(mask) * mask + padding_idx. Real tokens get padding_idx+1, +2, ...;
    # pads get padding_idx. Note HF derives this from input_ids, not from attention_mask.
    m = (input_ids != padding_idx).astype(np.int64)
    return np.cumsum(m, axis=1) * m + padding_idx


def bert_like_encoder(sd, prefix, input_ids, mask, token_type_ids, position_ids, eps):
    e = prefix + ".embeddings."
    x = (sd[e + "word_embeddings.weight"][input_ids]
         + sd[e + "position_embeddings.weight"][position_ids]
         + sd[e + "token_type_embeddings.weight"][token_type_ids])
    x = layer_norm(x, sd[e + "LayerNorm.weight"], sd[e + "LayerNorm.bias"], eps)
    if prefix + ".embeddings_project.weight" in sd:
        # ELECTRA (Clark et al. 2020; HF ElectraModel): embeddings of width embedding_size are
        # LayerNorm-ed, then linearly projected to hidden_size (no LayerNorm after).
        x = linear(x, sd[prefix + ".embeddings_project.weight"],
                   sd[prefix + ".embeddings_project.bias"])
    emb_out = x
    for n in range(LAYERS):
        x = bert_layer(x, mask, sd, "%s.encoder.layer.%d." % (prefix, n), eps)
    return emb_out, x


def mean_pool(h, mask):
    m = mask[:, :, None]
    return (h * m).sum(axis=1) / m.sum(axis=1)


def forward_bert(sd, cfg, ids, mask, tt):
    eps = cfg["layer_norm_eps"]
    pos = np.broadcast_to(np.arange(ids.shape[1]), ids.shape)  # absolute positions 0..T-1
    emb, h = bert_like_encoder(sd, "bert", ids, mask, tt, pos, eps)
    # BertPooler: tanh(dense(first token)); BertForSequenceClassification: classifier(pooled).
    pooled = np.tanh(linear(h[:, 0], sd["bert.pooler.dense.weight"], sd["bert.pooler.dense.bias"]))
    logits = linear(pooled, sd["classifier.weight"], sd["classifier.bias"])
    # BertLMPredictionHead: transform = dense -> ACT2FN[hidden_act] -> LayerNorm(layer_norm_eps);
    # decoder weight tied to word embeddings, plus cls.predictions.bias.
    t = layer_norm(gelu(linear(h, sd["cls.predictions.transform.dense.weight"],
                               sd["cls.predictions.transform.dense.bias"])),
                   sd["cls.predictions.transform.LayerNorm.weight"],
                   sd["cls.predictions.transform.LayerNorm.bias"], eps)
    mlm = linear(t, sd["bert.embeddings.word_embeddings.weight"], sd["cls.predictions.bias"])
    return {"position_ids": pos, "embedding_output": emb, "last_hidden_state": h,
            "pooler_output": pooled, "logits": logits, "mlm_logits": mlm}


def forward_roberta(sd, cfg, ids, mask, tt):
    eps = cfg["layer_norm_eps"]
    pos = roberta_position_ids(ids, cfg["pad_token_id"])
    emb, h = bert_like_encoder(sd, "roberta", ids, mask, tt, pos, eps)
    # RobertaClassificationHead: first token (<s>) -> dropout -> dense -> tanh -> dropout -> out_proj
    x = np.tanh(linear(h[:, 0], sd["classifier.dense.weight"], sd["classifier.dense.bias"]))
    logits = linear(x, sd["classifier.out_proj.weight"], sd["classifier.out_proj.bias"])
    # RobertaLMHead: dense -> gelu -> layer_norm(layer_norm_eps) -> decoder (tied) + lm_head.bias
    t = layer_norm(gelu(linear(h, sd["lm_head.dense.weight"], sd["lm_head.dense.bias"])),
                   sd["lm_head.layer_norm.weight"], sd["lm_head.layer_norm.bias"], eps)
    mlm = linear(t, sd["roberta.embeddings.word_embeddings.weight"], sd["lm_head.bias"])
    return {"position_ids": pos, "embedding_output": emb, "last_hidden_state": h,
            "logits": logits, "mlm_logits": mlm}


def forward_electra(sd, cfg, ids, mask, tt):
    eps = cfg["layer_norm_eps"]
    pos = np.broadcast_to(np.arange(ids.shape[1]), ids.shape)
    emb, h = bert_like_encoder(sd, "electra", ids, mask, tt, pos, eps)
    # ElectraClassificationHead: first token -> dropout -> dense -> gelu -> dropout -> out_proj
    x = gelu(linear(h[:, 0], sd["classifier.dense.weight"], sd["classifier.dense.bias"]))
    logits = linear(x, sd["classifier.out_proj.weight"], sd["classifier.out_proj.bias"])
    # ElectraDiscriminatorPredictions: dense -> ACT2FN[hidden_act] -> dense_prediction, squeeze.
    d = gelu(linear(h, sd["discriminator_predictions.dense.weight"],
                    sd["discriminator_predictions.dense.bias"]))
    disc = linear(d, sd["discriminator_predictions.dense_prediction.weight"],
                  sd["discriminator_predictions.dense_prediction.bias"])[..., 0]
    # ElectraGeneratorPredictions: dense(hidden -> embedding_size) -> gelu -> LayerNorm(eps);
    # generator_lm_head: Linear(embedding_size -> vocab) tied to word embeddings, own bias.
    g = layer_norm(gelu(linear(h, sd["generator_predictions.dense.weight"],
                               sd["generator_predictions.dense.bias"])),
                   sd["generator_predictions.LayerNorm.weight"],
                   sd["generator_predictions.LayerNorm.bias"], eps)
    mlm = linear(g, sd["electra.embeddings.word_embeddings.weight"], sd["generator_lm_head.bias"])
    return {"position_ids": pos, "embedding_output": emb, "last_hidden_state": h,
            "logits": logits, "discriminator_logits": disc, "mlm_logits": mlm}


# DistilBERT (Sanh et al. 2019; HF modeling_distilbert): every LayerNorm is built with
# eps=1e-12 hard-coded (DistilBertConfig has no layer_norm_eps key). Written separately from the
# BERT path on purpose (different scaling order and masked_fill), and cross-checked below.
DISTIL_EPS = 1e-12


def forward_distilbert(sd, cfg, ids, mask, tt=None):
    act = {"gelu": gelu, "relu": relu}[cfg["activation"]]
    pos = np.broadcast_to(np.arange(ids.shape[1]), ids.shape)
    e = "distilbert.embeddings."
    x = sd[e + "word_embeddings.weight"][ids] + sd[e + "position_embeddings.weight"][pos]
    x = layer_norm(x, sd[e + "LayerNorm.weight"], sd[e + "LayerNorm.bias"], DISTIL_EPS)
    emb = x
    for n in range(LAYERS):
        p = "distilbert.transformer.layer.%d." % n
        a = p + "attention."
        # MultiHeadSelfAttention: q is divided by sqrt(dim_per_head) before q k^T; masked keys
        # are *replaced* by finfo(float32).min (masked_fill), then softmax.
        q = split_heads(linear(x, sd[a + "q_lin.weight"], sd[a + "q_lin.bias"])) / math.sqrt(HEAD_DIM)
        k = split_heads(linear(x, sd[a + "k_lin.weight"], sd[a + "k_lin.bias"]))
        v = split_heads(linear(x, sd[a + "v_lin.weight"], sd[a + "v_lin.bias"]))
        scores = q @ k.transpose(0, 1, 3, 2)
        scores = np.where((mask == 0)[:, None, None, :], MASK_MIN, scores)
        ctx = merge_heads(CHECKS.softmax(scores, mask) @ v)
        sa = linear(ctx, sd[a + "out_lin.weight"], sd[a + "out_lin.bias"])
        sa = layer_norm(sa + x, sd[p + "sa_layer_norm.weight"], sd[p + "sa_layer_norm.bias"],
                        DISTIL_EPS)
        f = linear(act(linear(sa, sd[p + "ffn.lin1.weight"], sd[p + "ffn.lin1.bias"])),
                   sd[p + "ffn.lin2.weight"], sd[p + "ffn.lin2.bias"])
        x = layer_norm(f + sa, sd[p + "output_layer_norm.weight"],
                       sd[p + "output_layer_norm.bias"], DISTIL_EPS)
    h = x
    # DistilBertForSequenceClassification: first token -> pre_classifier -> ReLU -> dropout ->
    # classifier.
    c = relu(linear(h[:, 0], sd["pre_classifier.weight"], sd["pre_classifier.bias"]))
    logits = linear(c, sd["classifier.weight"], sd["classifier.bias"])
    # DistilBertForMaskedLM: vocab_transform -> activation -> vocab_layer_norm (eps 1e-12) ->
    # vocab_projector (weight tied to word embeddings, own bias).
    t = layer_norm(act(linear(h, sd["vocab_transform.weight"], sd["vocab_transform.bias"])),
                   sd["vocab_layer_norm.weight"], sd["vocab_layer_norm.bias"], DISTIL_EPS)
    mlm = linear(t, sd["distilbert.embeddings.word_embeddings.weight"], sd["vocab_projector.bias"])
    return {"position_ids": pos, "embedding_output": emb, "last_hidden_state": h,
            "logits": logits, "mlm_logits": mlm}


# ----------------------------------------------------------------------------------------------
# Configs, as Hugging Face's PretrainedConfig.to_json_string writes them (sorted keys, indent 2).
# HF does not write "num_labels" itself (it is derived from id2label); it is added here because
# the consumer asked for it, and it agrees with id2label.
# ----------------------------------------------------------------------------------------------

def label_maps():
    id2label = {str(i): "LABEL_%d" % i for i in range(NUM_LABELS)}
    label2id = {"LABEL_%d" % i: i for i in range(NUM_LABELS)}
    return {"id2label": id2label, "label2id": label2id, "num_labels": NUM_LABELS}


def config_bert():
    c = {"architectures": ["BertForSequenceClassification", "BertForMaskedLM"],
         "attention_probs_dropout_prob": 0.1, "classifier_dropout": None, "hidden_act": "gelu",
         "hidden_dropout_prob": 0.1, "hidden_size": HIDDEN, "initializer_range": 0.02,
         "intermediate_size": INTER, "layer_norm_eps": 1e-12, "max_position_embeddings": MAX_POS,
         "model_type": "bert", "num_attention_heads": HEADS, "num_hidden_layers": LAYERS,
         "pad_token_id": 0, "position_embedding_type": "absolute", "torch_dtype": "float32",
         "type_vocab_size": 2, "use_cache": True, "vocab_size": VOCAB}
    c.update(label_maps())
    return c


def config_roberta(model_type, arch):
    c = {"architectures": [arch + "ForSequenceClassification", arch + "ForMaskedLM"],
         "attention_probs_dropout_prob": 0.1, "bos_token_id": 0, "classifier_dropout": None,
         "eos_token_id": 2, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
         "hidden_size": HIDDEN, "initializer_range": 0.02, "intermediate_size": INTER,
         "layer_norm_eps": 1e-05, "max_position_embeddings": MAX_POS, "model_type": model_type,
         "num_attention_heads": HEADS, "num_hidden_layers": LAYERS, "pad_token_id": 1,
         "position_embedding_type": "absolute", "torch_dtype": "float32", "type_vocab_size": 1,
         "use_cache": True, "vocab_size": VOCAB}
    c.update(label_maps())
    return c


def config_electra():
    c = {"architectures": ["ElectraForSequenceClassification", "ElectraForPreTraining",
                           "ElectraForMaskedLM"],
         "attention_probs_dropout_prob": 0.1, "classifier_dropout": None,
         "embedding_size": ELECTRA_EMB, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
         "hidden_size": HIDDEN, "initializer_range": 0.02, "intermediate_size": INTER,
         "layer_norm_eps": 1e-12, "max_position_embeddings": MAX_POS, "model_type": "electra",
         "num_attention_heads": HEADS, "num_hidden_layers": LAYERS, "pad_token_id": 0,
         "position_embedding_type": "absolute", "summary_activation": "gelu",
         "summary_last_dropout": 0.1, "summary_type": "first", "summary_use_proj": True,
         "torch_dtype": "float32", "type_vocab_size": 2, "use_cache": True, "vocab_size": VOCAB}
    c.update(label_maps())
    return c


def config_distilbert():
    c = {"activation": "gelu", "architectures": ["DistilBertForSequenceClassification",
                                                 "DistilBertForMaskedLM"],
         "attention_dropout": 0.1, "dim": HIDDEN, "dropout": 0.1, "hidden_dim": INTER,
         "initializer_range": 0.02, "max_position_embeddings": MAX_POS,
         "model_type": "distilbert", "n_heads": HEADS, "n_layers": LAYERS, "pad_token_id": 0,
         "qa_dropout": 0.1, "seq_classif_dropout": 0.2, "sinusoidal_pos_embds": False,
         "tie_weights_": True, "torch_dtype": "float32", "vocab_size": VOCAB}
    c.update(label_maps())
    return c


# ----------------------------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------------------------

def safetensors_bytes(tensors):
    """safetensors layout: u64 little-endian header length N, N bytes of JSON header, data.

    Header: {"__metadata__": {"format": "pt"}, name: {"dtype": "F32", "shape": [...],
    "data_offsets": [begin, end]}} with offsets relative to the start of the data section;
    keys sorted; header padded with spaces to a multiple of 8 (as the safetensors library does).
    """
    names = sorted(tensors)
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    off = 0
    for n in names:
        a = np.ascontiguousarray(tensors[n], dtype="<f4")
        b = a.tobytes()
        header[n] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    h = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)


def read_safetensors(data):
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    base = 8 + n
    out = {}
    end_prev = 0
    for name in sorted(k for k in header if k != "__metadata__"):
        t = header[name]
        assert t["dtype"] == "F32"
        b, e = t["data_offsets"]
        assert b == end_prev, "data not contiguous at " + name
        end_prev = e
        out[name] = np.frombuffer(data[base + b:base + e], dtype="<f4").reshape(t["shape"])
    assert base + end_prev == len(data)
    return n, out


def r7(x):
    """Round to 7 significant digits; nested lists for JSON."""
    a = np.asarray(x)
    if a.dtype.kind in "iub":
        return a.tolist()
    if a.ndim == 0:
        return float("%.7g" % float(a))
    return [r7(v) for v in a]


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


# ----------------------------------------------------------------------------------------------
# Inputs
# ----------------------------------------------------------------------------------------------

def make_inputs(pad_id, type_vocab):
    rng = np.random.default_rng(INPUT_SEED)
    ids = np.full((len(LENGTHS), SEQ), pad_id, dtype=np.int64)
    mask = np.zeros((len(LENGTHS), SEQ), dtype=np.int64)
    for r, n in enumerate(LENGTHS):
        # real ids from 3..98: never one of the pad ids (0 for bert/distilbert/electra,
        # 1 for roberta/xlm-roberta) nor <s>/</s>; the same real ids for every family.
        ids[r, :n] = rng.integers(3, VOCAB, n)
        mask[r, :n] = 1
    tt = np.zeros_like(ids)
    if type_vocab > 1:
        tt[PAIR_ROW, PAIR_SPLIT:LENGTHS[PAIR_ROW]] = 1
    return ids, mask, tt


def scramble_padding(ids, mask, tt, pad_id, type_vocab, seed):
    """Same batch with random non-pad ids and random token types in the padded positions."""
    rng = np.random.default_rng(seed)
    pads = mask == 0
    ids2 = ids.copy()
    ids2[pads] = rng.integers(3, VOCAB, int(pads.sum()))
    if tt is None:
        return ids2, None
    tt2 = tt.copy()
    tt2[pads] = rng.integers(0, type_vocab, int(pads.sum()))
    return ids2, tt2


# ----------------------------------------------------------------------------------------------
# Self-consistency checks
# ----------------------------------------------------------------------------------------------

def naive_bert_layer(x, sd, p, eps):
    """Loop-based BERT layer for one unpadded sequence (T, H): an independent check of the
    vectorised head split / merge and matrix orientation."""
    T = x.shape[0]
    ctx = np.zeros((T, HIDDEN))
    for h in range(HEADS):
        cols = slice(h * HEAD_DIM, (h + 1) * HEAD_DIM)
        for i in range(T):
            qi = sd[p + "attention.self.query.weight"][cols] @ x[i] + sd[p + "attention.self.query.bias"][cols]
            s = []
            for j in range(T):
                kj = sd[p + "attention.self.key.weight"][cols] @ x[j] + sd[p + "attention.self.key.bias"][cols]
                s.append(float(qi @ kj) / math.sqrt(HEAD_DIM))
            s = np.array(s)
            w = np.exp(s - s.max())
            w /= w.sum()
            for j in range(T):
                vj = sd[p + "attention.self.value.weight"][cols] @ x[j] + sd[p + "attention.self.value.bias"][cols]
                ctx[i, cols] += w[j] * vj
    out = np.zeros_like(x)
    for i in range(T):
        a = sd[p + "attention.output.dense.weight"] @ ctx[i] + sd[p + "attention.output.dense.bias"] + x[i]
        mu, var = a.mean(), a.var()
        a = (a - mu) / math.sqrt(var + eps) * sd[p + "attention.output.LayerNorm.weight"] + sd[p + "attention.output.LayerNorm.bias"]
        m = sd[p + "intermediate.dense.weight"] @ a + sd[p + "intermediate.dense.bias"]
        m = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in m])
        o = sd[p + "output.dense.weight"] @ m + sd[p + "output.dense.bias"] + a
        mu, var = o.mean(), o.var()
        out[i] = (o - mu) / math.sqrt(var + eps) * sd[p + "output.LayerNorm.weight"] + sd[p + "output.LayerNorm.bias"]
    return out


def check_masked_equal(name, a, b, mask, tol):
    a, b = np.asarray(a), np.asarray(b)
    sel = mask.astype(bool)
    CHECKS.close(name, a[sel], b[sel], tol)


def generic_checks(mt, fwd, sd, cfg, ids, mask, tt, out, pad_id, type_vocab):
    # 1. padded positions do not influence the real positions
    ids2, tt2 = scramble_padding(ids, mask, tt, pad_id, max(type_vocab, 1), SEEDS[mt] + 7)
    o2 = fwd(sd, cfg, ids2, mask, tt2)
    for k in ("last_hidden_state", "mlm_logits"):
        check_masked_equal("%s: %s independent of padded ids/types" % (mt, k), out[k], o2[k], mask, 1e-12)
    CHECKS.close("%s: logits independent of padded ids/types" % mt, out["logits"], o2["logits"], 1e-12)
    # 2. each row alone (no padding at all) equals its batched row
    for r, n in enumerate(LENGTHS):
        o1 = fwd(sd, cfg, ids[r:r + 1, :n], mask[r:r + 1, :n],
                 None if tt is None else tt[r:r + 1, :n])
        CHECKS.close("%s: row %d alone == batched (hidden)" % (mt, r),
                     o1["last_hidden_state"][0], out["last_hidden_state"][r, :n], 1e-10)
        CHECKS.close("%s: row %d alone == batched (logits)" % (mt, r),
                     o1["logits"][0], out["logits"][r], 1e-10)
    # 3. mean pooling recomputed by a loop
    mp = np.array([out["last_hidden_state"][r, :n].sum(0) / n for r, n in enumerate(LENGTHS)])
    CHECKS.close("%s: mean_pooled by loop" % mt, mp, mean_pool(out["last_hidden_state"], mask), 1e-13)
    # 4. outputs are not trivially small
    std = float(out["last_hidden_state"][mask.astype(bool)].std())
    CHECKS.check("%s: outputs non-trivial" % mt, std > 0.3 and float(np.abs(out["logits"]).max()) > 0.1,
                 "hidden std %.3f, max|logit| %.3f" % (std, float(np.abs(out["logits"]).max())))


def family_checks(mt, sd, cfg, ids, mask, tt, out):
    if mt in ("bert", "electra"):
        prefix = mt
        # loop-based layer 0 on row 2 (unpadded, full length) vs. the vectorised layer
        eps = cfg["layer_norm_eps"]
        x = out["embedding_output"][2:3]
        CHECKS.close("%s: naive loop layer 0 == vectorised" % mt,
                     naive_bert_layer(x[0], sd, prefix + ".encoder.layer.0.", eps),
                     bert_layer(x, mask[2:3], sd, prefix + ".encoder.layer.0.", eps)[0], 1e-12)
    if mt in ("roberta", "xlm-roberta"):
        # RoBERTa == BERT whose position rows are shifted by padding_idx+1 and whose single
        # token-type row is used for both types (folded), with the same encoder weights.
        pad = cfg["pad_token_id"]
        t = {}
        for k, v in sd.t.items():
            if k.startswith("roberta."):
                t["bert." + k[len("roberta."):]] = v
        pe = sd.t["roberta.embeddings.position_embeddings.weight"]
        shifted = np.zeros_like(pe)
        shifted[:MAX_POS - pad - 1] = pe[pad + 1:]
        t["bert.embeddings.position_embeddings.weight"] = shifted
        t["bert.embeddings.token_type_embeddings.weight"] = np.repeat(
            sd.t["roberta.embeddings.token_type_embeddings.weight"], 2, axis=0)
        bsd = SD(t)
        eps = cfg["layer_norm_eps"]
        pos = np.broadcast_to(np.arange(SEQ), ids.shape)
        _, hb = bert_like_encoder(bsd, "bert", ids, mask, tt, pos, eps)
        check_masked_equal("%s: == shifted-position BERT on real tokens" % mt,
                           out["last_hidden_state"], hb, mask, 1e-12)
        # explicit expectation for the position ids
        exp = np.where(mask == 1, np.cumsum(mask, 1) + pad, pad)
        CHECKS.check("%s: position ids = pad+cumsum(mask), pads = pad" % mt,
                     np.array_equal(out["position_ids"], exp), str(out["position_ids"][1].tolist()))
        CHECKS.naive = naive_bert_layer(out["embedding_output"][2], sd, "roberta.encoder.layer.0.", eps)
        CHECKS.close("%s: naive loop layer 0 == vectorised" % mt, CHECKS.naive,
                     bert_layer(out["embedding_output"][2:3], mask[2:3], sd,
                                "roberta.encoder.layer.0.", eps)[0], 1e-12)
    if mt == "distilbert":
        # DistilBERT's separately written path == the BERT path with renamed weights and an
        # all-zero token-type row (DistilBERT has no token types), eps 1e-12.
        ren = {"q_lin": "attention.self.query", "k_lin": "attention.self.key",
               "v_lin": "attention.self.value", "out_lin": "attention.output.dense"}
        t = {"bert.embeddings.word_embeddings.weight": sd.t["distilbert.embeddings.word_embeddings.weight"],
             "bert.embeddings.position_embeddings.weight": sd.t["distilbert.embeddings.position_embeddings.weight"],
             "bert.embeddings.token_type_embeddings.weight": np.zeros((1, HIDDEN), np.float32),
             "bert.embeddings.LayerNorm.weight": sd.t["distilbert.embeddings.LayerNorm.weight"],
             "bert.embeddings.LayerNorm.bias": sd.t["distilbert.embeddings.LayerNorm.bias"]}
        for n in range(LAYERS):
            s, d = "distilbert.transformer.layer.%d." % n, "bert.encoder.layer.%d." % n
            for wb in ("weight", "bias"):
                for a, b in ren.items():
                    t[d + b + "." + wb] = sd.t[s + "attention." + a + "." + wb]
                t[d + "attention.output.LayerNorm." + wb] = sd.t[s + "sa_layer_norm." + wb]
                t[d + "intermediate.dense." + wb] = sd.t[s + "ffn.lin1." + wb]
                t[d + "output.dense." + wb] = sd.t[s + "ffn.lin2." + wb]
                t[d + "output.LayerNorm." + wb] = sd.t[s + "output_layer_norm." + wb]
        pos = np.broadcast_to(np.arange(SEQ), ids.shape)
        _, hb = bert_like_encoder(SD(t), "bert", ids, mask, np.zeros_like(ids), pos, DISTIL_EPS)
        check_masked_equal("distilbert: == renamed BERT path with zero token types",
                           out["last_hidden_state"], hb, mask, 1e-12)
    if mt == "electra":
        # ELECTRA with embedding_size == hidden and an identity embeddings_project equals BERT
        # on the same (renamed) weights: checks the projection is the only difference.
        t = dict(weights_electra(SEEDS["electra"] + 100, emb_size=HIDDEN))
        t["electra.embeddings_project.weight"] = np.eye(HIDDEN, dtype=np.float32)
        t["electra.embeddings_project.bias"] = np.zeros(HIDDEN, np.float32)
        b = {"bert." + k[len("electra."):]: v for k, v in t.items()
             if k.startswith("electra.") and "embeddings_project" not in k}
        eps = cfg["layer_norm_eps"]
        pos = np.broadcast_to(np.arange(SEQ), ids.shape)
        _, he = bert_like_encoder(SD(t), "electra", ids, mask, tt, pos, eps)
        _, hb = bert_like_encoder(SD(b), "bert", ids, mask, tt, pos, eps)
        check_masked_equal("electra: E=H + identity projection == BERT", he, hb, mask, 1e-12)
        # the projection really is exercised in the fixture: its input width is embedding_size
        CHECKS.check("electra: embeddings_project is (hidden, embedding_size)",
                     sd.t["electra.embeddings_project.weight"].shape == (HIDDEN, ELECTRA_EMB))
    if tt is not None and mt in ("bert", "electra"):
        # token types matter: flipping the pair row's types changes its hidden states
        tt0 = np.zeros_like(tt)
        fwd = FAMILIES[mt][1]
        o0 = fwd(sd, cfg, ids, mask, tt0)
        diff = float(np.abs(o0["last_hidden_state"][PAIR_ROW] - out["last_hidden_state"][PAIR_ROW]).max())
        CHECKS.check("%s: token types change the pair row" % mt, diff > 1e-3, "max|diff|=%.3g" % diff)


# ----------------------------------------------------------------------------------------------
# DeBERTa-v2 / v3 (He et al., "DeBERTa: Decoding-enhanced BERT with Disentangled Attention",
# 2021; He et al., "DeBERTaV3", 2021; HF modeling_deberta_v2 as published). Written from the
# architecture description, not from any other implementation: embeddings without absolute
# positions (unless position_biased_input), one shared table of relative-position embeddings,
# and self-attention whose scores add content->position (c2p) and position->content (p2c) terms.
# ----------------------------------------------------------------------------------------------

DEBERTA_EMB = 16   # embedding_size of the variant fixture (!= hidden: embed_proj is exercised)

# The two fixtures: (folder, seed, settings). "deberta-v2" is shaped like DeBERTa-v3 (no token
# types, no absolute positions, shared attention keys, log buckets); "deberta-v2-variant" turns
# every other switch: separate position projections, absolute positions added, token types, a
# narrower embedding, no log buckets but a relative span (4) small enough for the clamp to act,
# no LayerNorm on the relative embeddings, and pos_att_type written as a string.
DEBERTA_FIXTURES = [
    ("deberta-v2", 1006, {"type_vocab_size": 0, "position_biased_input": False, "share_att_key": True,
                          "pos_att_type": ["p2c", "c2p"], "position_buckets": 8,
                          "max_relative_positions": 32, "norm_rel_ebd": "layer_norm",
                          "embedding_size": HIDDEN}),
    ("deberta-v2-variant", 1007, {"type_vocab_size": 2, "position_biased_input": True,
                                  "share_att_key": False, "pos_att_type": "p2c|c2p",
                                  "position_buckets": -1, "max_relative_positions": 4,
                                  "norm_rel_ebd": "none", "embedding_size": DEBERTA_EMB}),
]


def deberta_att_types(cfg):
    # pos_att_type is a list in current configs and a "|"-separated string in older ones.
    t = cfg["pos_att_type"]
    if isinstance(t, str):
        t = t.split("|")
    return [x.strip().lower() for x in t]


def deberta_span(cfg):
    # max_relative_positions < 1 means max_position_embeddings; with position_buckets > 0 the
    # span (rows per direction of the relative table) is the bucket count instead.
    max_rel = cfg["max_relative_positions"]
    if max_rel < 1:
        max_rel = cfg["max_position_embeddings"]
    return (cfg["position_buckets"] if cfg["position_buckets"] > 0 else max_rel), max_rel


def config_deberta(settings):
    c = {"architectures": ["DebertaV2ForSequenceClassification", "DebertaV2ForMaskedLM"],
         "attention_probs_dropout_prob": 0.1, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
         "hidden_size": HIDDEN, "initializer_range": 0.02, "intermediate_size": INTER,
         "layer_norm_eps": 1e-07, "max_position_embeddings": MAX_POS, "model_type": "deberta-v2",
         "num_attention_heads": HEADS, "num_hidden_layers": LAYERS, "pad_token_id": 0,
         "pooler_dropout": 0, "pooler_hidden_act": "gelu", "pooler_hidden_size": HIDDEN,
         "relative_attention": True, "torch_dtype": "float32", "vocab_size": VOCAB}
    c.update(settings)
    c.update(label_maps())
    return c


def weights_deberta(seed, cfg):
    init = Init(seed)
    e = "deberta.embeddings."
    emb = cfg["embedding_size"]
    init.emb(e + "word_embeddings", VOCAB, emb)
    if cfg["position_biased_input"]:
        init.emb(e + "position_embeddings", MAX_POS, emb)
    if cfg["type_vocab_size"] > 0:
        init.emb(e + "token_type_embeddings", cfg["type_vocab_size"], emb)
    if emb != HIDDEN:
        init.dense(e + "embed_proj", HIDDEN, emb, bias=False)   # nn.Linear(..., bias=False)
    init.ln(e + "LayerNorm", HIDDEN)
    span, _ = deberta_span(cfg)
    init.emb("deberta.encoder.rel_embeddings", 2 * span, HIDDEN)
    if "layer_norm" in cfg["norm_rel_ebd"]:
        init.ln("deberta.encoder.LayerNorm", HIDDEN)
    types = deberta_att_types(cfg)
    for n in range(LAYERS):
        p = "deberta.encoder.layer.%d." % n
        for lin in ("query_proj", "key_proj", "value_proj"):
            init.dense(p + "attention.self." + lin, HIDDEN, HIDDEN)
        if not cfg["share_att_key"]:
            if "c2p" in types:
                init.dense(p + "attention.self.pos_key_proj", HIDDEN, HIDDEN)
            if "p2c" in types:
                init.dense(p + "attention.self.pos_query_proj", HIDDEN, HIDDEN)
        init.dense(p + "attention.output.dense", HIDDEN, HIDDEN)
        init.ln(p + "attention.output.LayerNorm", HIDDEN)
        init.dense(p + "intermediate.dense", INTER, HIDDEN)
        init.dense(p + "output.dense", HIDDEN, INTER)
        init.ln(p + "output.LayerNorm", HIDDEN)
    # DebertaV2ForSequenceClassification: ContextPooler (pooler.dense) and classifier, no prefix.
    init.dense("pooler.dense", HIDDEN, HIDDEN)
    init.dense("classifier", NUM_LABELS, HIDDEN)
    # DebertaV2ForMaskedLM's head: transform.dense hidden -> embedding_size, LayerNorm of
    # embedding_size, decoder tied to the word embeddings (no bias of its own), then bias.
    init.dense("cls.predictions.transform.dense", emb, HIDDEN)
    init.ln("cls.predictions.transform.LayerNorm", emb)
    init.vec("cls.predictions.bias", VOCAB)
    init.tie("cls.predictions.decoder.weight", "deberta.embeddings.word_embeddings.weight")
    return init.t


def log_bucket(rel, bucket, max_position):
    """Relative distances mapped to log-spaced buckets (DeBERTa-v2's make_log_bucket_position):
    distances inside (-mid, mid) are kept, farther ones grow logarithmically up to max_position."""
    rel = np.asarray(rel, np.float64)
    sign = np.sign(rel)
    mid = bucket // 2
    abs_pos = np.where((rel < mid) & (rel > -mid), mid - 1.0, np.abs(rel))
    log_pos = np.ceil(np.log(abs_pos / mid) / np.log((max_position - 1) / mid) * (mid - 1)) + mid
    return np.where(abs_pos <= mid, rel, log_pos * sign).astype(np.int64)


def deberta_rel_pos(q_len, k_len, cfg):
    # rel_pos[i, j] = i - j (query minus key), bucketed when position_buckets > 0 and
    # max_relative_positions > 0.
    rel = np.arange(q_len)[:, None] - np.arange(k_len)[None, :]
    span, max_rel = deberta_span(cfg)
    if cfg["position_buckets"] > 0 and max_rel > 0:
        rel = log_bucket(rel, cfg["position_buckets"], max_rel)
    return rel.astype(np.int64)


def deberta_masked_softmax(scores, mask2):
    # XSoftmax: masked entries replaced by finfo(float32).min, softmax over keys, then masked
    # entries set to 0 again, so a padded query row is all zeros (not uniform).
    s = np.where(mask2 == 0, MASK_MIN, scores)
    m = s.max(axis=-1, keepdims=True)
    ex = np.exp(s - m)
    p = ex / ex.sum(axis=-1, keepdims=True)
    return np.where(mask2 == 0, 0.0, p)


def deberta_attention(x, mask, rel, sd, p, cfg):
    """Disentangled self-attention of one layer, x (B, T, H), rel the (normalised) relative table."""
    types = deberta_att_types(cfg)
    span, _ = deberta_span(cfg)
    T = x.shape[1]
    a = p + "attention.self."
    q = split_heads(linear(x, sd[a + "query_proj.weight"], sd[a + "query_proj.bias"]))
    k = split_heads(linear(x, sd[a + "key_proj.weight"], sd[a + "key_proj.bias"]))
    v = split_heads(linear(x, sd[a + "value_proj.weight"], sd[a + "value_proj.bias"]))
    factor = 1 + ("c2p" in types) + ("p2c" in types)
    scale = math.sqrt(HEAD_DIM * factor)
    scores = q @ k.transpose(0, 1, 3, 2) / scale
    R = rel[:2 * span][None]                                   # (1, 2span, H)
    qname, kname = ("query_proj", "key_proj") if cfg["share_att_key"] else ("pos_query_proj", "pos_key_proj")
    rel_pos = deberta_rel_pos(T, T, cfg)
    if "c2p" in types:
        kr = split_heads(linear(R, sd[a + kname + ".weight"], sd[a + kname + ".bias"]))[0]  # (h, 2span, d)
        c2p_full = q @ kr.transpose(0, 2, 1)[None]             # (B, h, T, 2span): q_i . Kr[r]
        idx = np.clip(rel_pos + span, 0, 2 * span - 1)          # (T, T)
        c2p = np.take_along_axis(c2p_full, np.broadcast_to(idx, c2p_full.shape[:2] + idx.shape), axis=-1)
        scores = scores + c2p / scale
    if "p2c" in types:
        qr = split_heads(linear(R, sd[a + qname + ".weight"], sd[a + qname + ".bias"]))[0]
        p2c_full = k @ qr.transpose(0, 2, 1)[None]             # (B, h, T, 2span): k_j . Qr[r]
        idx = np.clip(-rel_pos + span, 0, 2 * span - 1)         # indexed [j, i] with rel_pos[j, i]
        g = np.take_along_axis(p2c_full, np.broadcast_to(idx, p2c_full.shape[:2] + idx.shape), axis=-1)
        scores = scores + g.transpose(0, 1, 3, 2) / scale       # [i, j] = k_j . Qr[clamp(span - rel_pos[j, i])]
    mask2 = (mask[:, None, :, None] * mask[:, None, None, :])   # (B, 1, T, T): m_i * m_j
    probs = deberta_masked_softmax(scores, mask2)
    CHECKS.max_rowsum_err = max(CHECKS.max_rowsum_err, float(np.abs(
        probs.sum(-1)[np.broadcast_to(mask[:, None, :] == 1, probs.shape[:3])] - 1.0).max()))
    masked = np.broadcast_to(mask2 == 0, probs.shape)
    CHECKS.max_masked_prob = max(CHECKS.max_masked_prob, float(probs[masked].max()) if masked.any() else 0.0)
    return merge_heads(probs @ v)


def deberta_layer(x, mask, rel, sd, p, cfg):
    eps = cfg["layer_norm_eps"]
    ctx = deberta_attention(x, mask, rel, sd, p, cfg)
    a = layer_norm(linear(ctx, sd[p + "attention.output.dense.weight"], sd[p + "attention.output.dense.bias"]) + x,
                   sd[p + "attention.output.LayerNorm.weight"], sd[p + "attention.output.LayerNorm.bias"], eps)
    h = gelu(linear(a, sd[p + "intermediate.dense.weight"], sd[p + "intermediate.dense.bias"]))
    return layer_norm(linear(h, sd[p + "output.dense.weight"], sd[p + "output.dense.bias"]) + a,
                      sd[p + "output.LayerNorm.weight"], sd[p + "output.LayerNorm.bias"], eps)


def deberta_embeddings(sd, cfg, ids, mask, tt):
    e = "deberta.embeddings."
    x = sd[e + "word_embeddings.weight"][ids]
    if cfg["position_biased_input"]:
        x = x + sd[e + "position_embeddings.weight"][np.arange(ids.shape[1])][None]   # 0..T-1
    if cfg["type_vocab_size"] > 0:
        x = x + sd[e + "token_type_embeddings.weight"][tt]
    if cfg["embedding_size"] != HIDDEN:
        x = linear(x, sd[e + "embed_proj.weight"])       # no bias
    x = layer_norm(x, sd[e + "LayerNorm.weight"], sd[e + "LayerNorm.bias"], cfg["layer_norm_eps"])
    return x * mask[:, :, None]                          # padded tokens' embeddings are zeroed


def deberta_rel_table(sd, cfg):
    rel = sd["deberta.encoder.rel_embeddings.weight"]
    if "layer_norm" in cfg["norm_rel_ebd"]:
        rel = layer_norm(rel, sd["deberta.encoder.LayerNorm.weight"], sd["deberta.encoder.LayerNorm.bias"],
                         cfg["layer_norm_eps"])
    return rel


def forward_deberta(sd, cfg, ids, mask, tt):
    mask = np.asarray(mask, np.float64)
    emb = deberta_embeddings(sd, cfg, ids, mask, tt)
    rel = deberta_rel_table(sd, cfg)
    x = emb
    for n in range(LAYERS):
        x = deberta_layer(x, mask, rel, sd, "deberta.encoder.layer.%d." % n, cfg)
    h = x
    # ContextPooler: first token -> dropout -> dense -> ACT2FN[pooler_hidden_act]; then classifier.
    pooled = gelu(linear(h[:, 0], sd["pooler.dense.weight"], sd["pooler.dense.bias"]))
    logits = linear(pooled, sd["classifier.weight"], sd["classifier.bias"])
    t = layer_norm(gelu(linear(h, sd["cls.predictions.transform.dense.weight"],
                               sd["cls.predictions.transform.dense.bias"])),
                   sd["cls.predictions.transform.LayerNorm.weight"],
                   sd["cls.predictions.transform.LayerNorm.bias"], cfg["layer_norm_eps"])
    mlm = linear(t, sd["deberta.embeddings.word_embeddings.weight"], sd["cls.predictions.bias"])
    pos = np.broadcast_to(np.arange(ids.shape[1]), ids.shape)
    return {"position_ids": pos, "embedding_output": emb, "last_hidden_state": h, "pooler_output": pooled,
            "logits": logits, "mlm_logits": mlm}


def naive_deberta_attention(x, sd, p, rel, cfg):
    """Loop-based disentangled attention for one unpadded sequence (T, H), written term by term:
    score(i, j) = [q_i.k_j + q_i.Kr(delta(i, j)) + k_j.Qr(delta'(j, i))] / sqrt(d * factor), with
    delta(i, j) = clamp(bucket(i - j) + span) and delta'(j, i) = clamp(span - bucket(j - i))."""
    types = deberta_att_types(cfg)
    span, max_rel = deberta_span(cfg)
    a = p + "attention.self."
    qn, kn = ("query_proj", "key_proj") if cfg["share_att_key"] else ("pos_query_proj", "pos_key_proj")

    def bucket(r):
        if cfg["position_buckets"] > 0 and max_rel > 0:
            mid = cfg["position_buckets"] // 2
            if abs(r) <= mid:
                return r
            lp = math.ceil(math.log(abs(r) / mid) / math.log((max_rel - 1) / mid) * (mid - 1)) + mid
            return int(lp) * (1 if r > 0 else -1)
        return r

    def clamp(i):
        return min(max(i, 0), 2 * span - 1)

    factor = 1 + ("c2p" in types) + ("p2c" in types)
    T = x.shape[0]
    ctx = np.zeros((T, HIDDEN))
    for h in range(HEADS):
        cols = slice(h * HEAD_DIM, (h + 1) * HEAD_DIM)

        def proj(name, vec):
            return sd[a + name + ".weight"][cols] @ vec + sd[a + name + ".bias"][cols]
        for i in range(T):
            qi = proj("query_proj", x[i])
            s = np.zeros(T)
            for j in range(T):
                kj = proj("key_proj", x[j])
                val = float(qi @ kj)
                if "c2p" in types:
                    val += float(qi @ proj(kn, rel[clamp(bucket(i - j) + span)]))
                if "p2c" in types:
                    val += float(kj @ proj(qn, rel[clamp(span - bucket(j - i))]))
                s[j] = val / math.sqrt(HEAD_DIM * factor)
            w = np.exp(s - s.max())
            w /= w.sum()
            for j in range(T):
                ctx[i, cols] += w[j] * proj("value_proj", x[j])
    return ctx


def deberta_checks(name, sd, cfg, ids, mask, tt, out):
    # 1. the log buckets: the published v3 setting (256 buckets, 512 positions) and this fixture's
    #    give the same buckets in float32 as in float64 (no ceil() lands on a rounding edge), and
    #    the fixture's rows really reach the logarithmic range.
    for b, m in ((256, 512), (cfg["position_buckets"], deberta_span(cfg)[1])):
        if b > 0:
            r = np.arange(-4 * m, 4 * m)
            mid = b // 2
            r32 = r.astype(np.float32)
            a32 = np.where((r32 < mid) & (r32 > -mid), np.float32(mid - 1), np.abs(r32))
            l32 = np.ceil(np.log(a32 / np.float32(mid)) / np.log(np.float32((m - 1) / mid))
                          * np.float32(mid - 1)) + np.float32(mid)
            b32 = np.where(a32 <= mid, r32, l32 * np.sign(r32)).astype(np.int64)
            CHECKS.check("%s: log buckets (%d, %d) equal in float32 and float64" % (name, b, m),
                         np.array_equal(b32, log_bucket(r, b, m)))
    rp = deberta_rel_pos(SEQ, SEQ, cfg)
    span, _ = deberta_span(cfg)
    if cfg["position_buckets"] > 0:
        CHECKS.check("%s: bucketed distances differ from raw ones at |i-j| > %d" % (name, cfg["position_buckets"] // 2),
                     int(np.abs(rp).max()) < SEQ - 1 and np.array_equal(rp[5, 1:10], [4, 3, 2, 1, 0, -1, -2, -3, -4]),
                     "bucket(11) = %d, bucket(-11) = %d" % (rp[11, 0], rp[0, 11]))
    else:
        CHECKS.check("%s: the relative span (%d) is clamped for |i-j| > %d" % (name, span, span),
                     int(np.abs(rp).max()) > span)
    # 2. a loop-based layer-0 attention on row 2 (unpadded) equals the vectorised one
    x = out["embedding_output"][2:3]
    rel = deberta_rel_table(sd, cfg)
    CHECKS.close("%s: naive loop attention layer 0 == vectorised" % name,
                 naive_deberta_attention(x[0], sd, "deberta.encoder.layer.0.", rel, cfg),
                 deberta_attention(x, np.ones((1, SEQ)), rel, sd, "deberta.encoder.layer.0.", cfg)[0], 1e-12)
    # 3. padded tokens' embeddings are zero, and a padded query row attends to nothing
    CHECKS.check("%s: padded embeddings are zero" % name,
                 float(np.abs(out["embedding_output"][mask == 0]).max()) == 0.0)
    if not cfg["share_att_key"]:
        # 4. separate position projections equal to the content ones == the shared-key model
        t = dict(sd.t)
        for n in range(LAYERS):
            p = "deberta.encoder.layer.%d.attention.self." % n
            for wb in ("weight", "bias"):
                t[p + "pos_key_proj." + wb] = t[p + "key_proj." + wb]
                t[p + "pos_query_proj." + wb] = t[p + "query_proj." + wb]
        shared = dict(cfg, share_att_key=True)
        o1 = forward_deberta(SD(t), cfg, ids, mask, tt)
        o2 = forward_deberta(SD(t), shared, ids, mask, tt)
        check_masked_equal("%s: pos projections = content projections == shared keys" % name,
                           o1["last_hidden_state"], o2["last_hidden_state"], mask, 1e-12)
    # 5. the relative terms matter: without them (pos_att_type empty) the states change
    plain = dict(cfg, pos_att_type=[])
    o3 = forward_deberta(sd, plain, ids, mask, tt)
    diff = float(np.abs(o3["last_hidden_state"] - out["last_hidden_state"])[mask == 1].max())
    CHECKS.check("%s: the relative terms change the states" % name, diff > 1e-2, "max|diff|=%.3g" % diff)
    if tt is not None:
        o0 = forward_deberta(sd, cfg, ids, mask, np.zeros_like(tt))
        diff = float(np.abs(o0["last_hidden_state"][PAIR_ROW] - out["last_hidden_state"][PAIR_ROW]).max())
        CHECKS.check("%s: token types change the pair row" % name, diff > 1e-3, "max|diff|=%.3g" % diff)


def build_deberta(name, seed, settings):
    cfg = config_deberta(settings)
    tensors = weights_deberta(seed, cfg)
    st = safetensors_bytes(tensors)
    hlen, back = read_safetensors(st)
    CHECKS.check("%s: safetensors round trip (%d tensors, header %d bytes)" % (name, len(back), hlen),
                 hlen % 8 == 0 and set(back) == set(tensors)
                 and all(np.array_equal(back[k], tensors[k]) for k in tensors))
    sd = SD(back)
    types = cfg["type_vocab_size"]
    ids, mask, tt = make_inputs(cfg["pad_token_id"], types)
    tt = tt if types else None
    out = forward_deberta(sd, cfg, ids, mask, tt)
    out["mean_pooled"] = mean_pool(out["last_hidden_state"], mask)
    SEEDS[name] = seed
    generic_checks(name, forward_deberta, sd, cfg, ids, mask, tt, out, cfg["pad_token_id"], types)
    deberta_checks(name, sd, cfg, ids, mask, tt, out)
    write_fixture(name, "deberta-v2", cfg, st, ids, mask, tt, out)


# ----------------------------------------------------------------------------------------------
# ModernBERT
# ----------------------------------------------------------------------------------------------
# Written from the architecture as Warner et al. 2024 ("Smarter, Better, Faster, Longer: A Modern
# Bidirectional Encoder", ModernBERT) and Hugging Face's published modeling_modernbert describe it;
# not ported from the Java side or from any other project. Pre-LayerNorm layers, rotary positions
# (Su et al. 2021, RoFormer) with a per-layer base, sliding-window attention on the layers that are
# not global, a GeGLU feed-forward layer (Shazeer 2020), and LayerNorms / linear layers whose biases
# exist only when the config says so.

MB_LAYERS = 3            # layer 0 and 2 global (every 2nd), layer 1 local: both kinds occur
MB_INTER = 48
MB_LENGTHS = [14, 10, 12]  # at least 10 tokens, so that a window of +-2 excludes most keys
MB_SEQ = max(MB_LENGTHS)
MODERNBERT_FIXTURES = [
    # name, seed, settings
    ("modernbert", 1008, {"local_attention": 4, "global_attn_every_n_layers": 2, "norm_bias": False,
                          "attention_bias": False, "mlp_bias": False, "classifier_bias": False,
                          "decoder_bias": True, "global_rope_theta": 160000.0,
                          "local_rope_theta": 10000.0}),
    # every bias switched on, a wider window, only layer 0 global, one rotary base for all layers
    ("modernbert-variant", 1009, {"local_attention": 6, "global_attn_every_n_layers": 3, "norm_bias": True,
                                  "attention_bias": True, "mlp_bias": True, "classifier_bias": True,
                                  "decoder_bias": False, "global_rope_theta": 500.0,
                                  "local_rope_theta": None}),
]


def config_modernbert(settings, pooling="cls"):
    c = {"architectures": ["ModernBertForSequenceClassification", "ModernBertForMaskedLM"],
         "attention_dropout": 0.0, "bos_token_id": 1, "classifier_activation": "gelu",
         "classifier_dropout": 0.0, "classifier_pooling": pooling, "cls_token_id": 1,
         "embedding_dropout": 0.0, "eos_token_id": 2, "hidden_activation": "gelu",
         "hidden_size": HIDDEN, "initializer_range": 0.02, "intermediate_size": MB_INTER,
         "max_position_embeddings": MAX_POS, "mlp_dropout": 0.0, "model_type": "modernbert",
         "norm_eps": 1e-05, "num_attention_heads": HEADS, "num_hidden_layers": MB_LAYERS,
         "pad_token_id": 0, "sep_token_id": 2, "torch_dtype": "float32", "vocab_size": VOCAB}
    c.update({k: v for k, v in settings.items() if v is not None})
    c.update(label_maps())
    return c


def weights_modernbert(seed, cfg):
    init = Init(seed)

    def norm(name):
        init._put(name + ".weight", 1.0 + init.rng.normal(0.0, 0.1, (HIDDEN,)))
        if cfg["norm_bias"]:
            init._put(name + ".bias", init.rng.normal(0.0, 0.1, (HIDDEN,)))

    init.emb("model.embeddings.tok_embeddings", VOCAB, HIDDEN)
    norm("model.embeddings.norm")
    for n in range(MB_LAYERS):
        p = "model.layers.%d." % n
        if n > 0:
            norm(p + "attn_norm")   # layer 0 has none (nn.Identity in HF)
        init.dense(p + "attn.Wqkv", 3 * HIDDEN, HIDDEN, cfg["attention_bias"])
        init.dense(p + "attn.Wo", HIDDEN, HIDDEN, cfg["attention_bias"])
        norm(p + "mlp_norm")
        init.dense(p + "mlp.Wi", 2 * MB_INTER, HIDDEN, cfg["mlp_bias"])
        init.dense(p + "mlp.Wo", HIDDEN, MB_INTER, cfg["mlp_bias"])
    norm("model.final_norm")
    init.dense("head.dense", HIDDEN, HIDDEN, cfg["classifier_bias"])
    norm("head.norm")
    init.dense("classifier", NUM_LABELS, HIDDEN)   # the classifier always has a bias
    init.tie("decoder.weight", "model.embeddings.tok_embeddings.weight")
    if cfg["decoder_bias"]:
        init.vec("decoder.bias", VOCAB)
    return init.t


def mb_norm(x, sd, name, cfg):
    # nn.LayerNorm(hidden, eps=norm_eps, bias=norm_bias): without a bias it only scales.
    return layer_norm(x, sd[name + ".weight"], sd[name + ".bias"] if cfg["norm_bias"] else 0.0,
                      cfg["norm_eps"])


def mb_linear(x, sd, name, bias):
    return linear(x, sd[name + ".weight"], sd[name + ".bias"] if bias else None)


def mb_is_global(layer, cfg):
    # HF ModernBertAttention: global when layer_id % global_attn_every_n_layers == 0.
    return layer % cfg["global_attn_every_n_layers"] == 0


def mb_theta(layer, cfg):
    # local layers rotate with local_rope_theta when the config sets one, else with the global base
    local = cfg.get("local_rope_theta")
    return cfg["global_rope_theta"] if mb_is_global(layer, cfg) or local is None else local


def rope_tables(T, theta):
    # RoFormer / HF default rope: inv_freq = 1 / theta^(arange(0, d, 2) / d); angles for positions
    # 0..T-1 (the same for every row: positions ignore padding); emb = cat(freqs, freqs).
    inv = 1.0 / theta ** (np.arange(0, HEAD_DIM, 2, dtype=np.float64) / HEAD_DIM)
    freqs = np.outer(np.arange(T, dtype=np.float64), inv)
    emb = np.concatenate([freqs, freqs], axis=-1)
    return np.cos(emb), np.sin(emb)


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def apply_rope(x, cos, sin):
    return x * cos + rotate_half(x) * sin


def mb_allowed(mask, layer, cfg, T):
    # (B, 1, T, T): key j is visible to query i when it is a real token and, on a local layer,
    # |i - j| <= local_attention // 2 (HF: window_mask = distance <= local_attention // 2).
    allowed = np.broadcast_to(mask[:, None, None, :] == 1, (mask.shape[0], 1, T, T))
    if not mb_is_global(layer, cfg):
        i = np.arange(T)
        allowed = allowed & (np.abs(i[:, None] - i[None, :]) <= cfg["local_attention"] // 2)[None, None]
    return allowed


def mb_attention(x, mask, sd, p, cfg, layer):
    T = x.shape[1]
    qkv = mb_linear(x, sd, p + "attn.Wqkv", cfg["attention_bias"])
    # Wqkv rows: q for every head, then k, then v (HF: view(bs, T, 3, heads, d))
    q, k, v = (split_heads(qkv[..., i * HIDDEN:(i + 1) * HIDDEN]) for i in range(3))
    if not cfg.get("_no_rope"):   # _no_rope: a check's switch, not a config key
        cos, sin = rope_tables(T, mb_theta(layer, cfg))
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
    scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(HEAD_DIM)
    allowed = mb_allowed(mask, layer, cfg, T)
    scores = np.where(allowed, scores, MASK_MIN)
    probs = CHECKS.softmax(scores)
    # a real query gives masked keys nothing (its own key is always in its window); a padded query
    # whose window holds only padding spreads evenly, as HF's all-minimum row does (not compared)
    real = np.broadcast_to((mask == 1)[:, None, :, None], probs.shape)
    hidden = real & ~allowed
    if hidden.any():
        CHECKS.max_masked_prob = max(CHECKS.max_masked_prob, float(probs[hidden].max()))
    return mb_linear(merge_heads(probs @ v), sd, p + "attn.Wo", cfg["attention_bias"])


def mb_mlp(x, sd, p, cfg):
    # GeGLU: input, gate = Wi(x).chunk(2, dim=-1); Wo(gelu(input) * gate)
    h = mb_linear(x, sd, p + "mlp.Wi", cfg["mlp_bias"])
    return mb_linear(gelu(h[..., :MB_INTER]) * h[..., MB_INTER:], sd, p + "mlp.Wo", cfg["mlp_bias"])


def mb_head(x, sd, cfg):
    # ModernBertPredictionHead: norm(act(dense(x))), act = classifier_activation (gelu)
    return mb_norm(gelu(mb_linear(x, sd, "head.dense", cfg["classifier_bias"])), sd, "head.norm", cfg)


def forward_modernbert(sd, cfg, ids, mask, tt=None):
    x = mb_norm(sd["model.embeddings.tok_embeddings.weight"][ids], sd, "model.embeddings.norm", cfg)
    emb_out = x
    for n in range(MB_LAYERS):
        p = "model.layers.%d." % n
        a = x if n == 0 else mb_norm(x, sd, p + "attn_norm", cfg)
        x = x + mb_attention(a, mask, sd, p, cfg, n)
        x = x + mb_mlp(mb_norm(x, sd, p + "mlp_norm", cfg), sd, p, cfg)
    h = mb_norm(x, sd, "model.final_norm", cfg)
    mean = mean_pool(h, mask)
    logits = {}
    for pooling, pooled in (("cls", h[:, 0]), ("mean", mean)):
        logits[pooling] = linear(mb_head(pooled, sd, cfg), sd["classifier.weight"], sd["classifier.bias"])
    mlm = linear(mb_head(h, sd, cfg), sd["decoder.weight"],
                 sd["decoder.bias"] if cfg["decoder_bias"] else None)
    return {"embedding_output": emb_out, "last_hidden_state": h, "mean_pooled": mean,
            "cls_pooled": h[:, 0], "logits": logits[cfg["classifier_pooling"]], "logits_cls": logits["cls"],
            "logits_mean": logits["mean"], "mlm_logits": mlm,
            "position_ids": np.broadcast_to(np.arange(ids.shape[1]), ids.shape)}


def naive_mb_attention(x, sd, p, cfg, layer):
    """Loop-based attention of one unpadded sequence (T, H), the rotation written as 2-d rotations of
    the pairs (c, c + d/2) of each head: an independent check of the tables, the split and the window."""
    T = x.shape[0]
    theta = mb_theta(layer, cfg)
    W = sd[p + "attn.Wqkv.weight"]
    b = sd[p + "attn.Wqkv.bias"] if cfg["attention_bias"] else np.zeros(3 * HIDDEN)
    half = HEAD_DIM // 2

    def rot(vec, t):
        out = vec.copy()
        for c in range(half):
            ang = t / theta ** (2.0 * c / HEAD_DIM)
            out[c] = vec[c] * math.cos(ang) - vec[c + half] * math.sin(ang)
            out[c + half] = vec[c + half] * math.cos(ang) + vec[c] * math.sin(ang)
        return out

    ctx = np.zeros((T, HIDDEN))
    for h in range(HEADS):
        cols = np.arange(h * HEAD_DIM, (h + 1) * HEAD_DIM)
        qs = [rot(W[cols] @ x[t] + b[cols], t) for t in range(T)]
        ks = [rot(W[HIDDEN + cols] @ x[t] + b[HIDDEN + cols], t) for t in range(T)]
        vs = [W[2 * HIDDEN + cols] @ x[t] + b[2 * HIDDEN + cols] for t in range(T)]
        for i in range(T):
            keys = [j for j in range(T)
                    if mb_is_global(layer, cfg) or abs(i - j) <= cfg["local_attention"] // 2]
            s = np.array([float(qs[i] @ ks[j]) / math.sqrt(HEAD_DIM) for j in keys])
            w = np.exp(s - s.max())
            w /= w.sum()
            for wj, j in zip(w, keys):
                ctx[i, cols] += wj * vs[j]
    wo = sd[p + "attn.Wo.weight"]
    return np.array([wo @ c + (sd[p + "attn.Wo.bias"] if cfg["attention_bias"] else 0.0) for c in ctx])


def modernbert_checks(name, sd, cfg, ids, mask, out):
    # 1. padded positions do not influence the real ones
    rng = np.random.default_rng(SEEDS[name] + 7)
    ids2 = ids.copy()
    ids2[mask == 0] = rng.integers(3, VOCAB, int((mask == 0).sum()))
    o2 = forward_modernbert(sd, cfg, ids2, mask)
    for k in ("last_hidden_state", "mlm_logits"):
        check_masked_equal("%s: %s independent of padded ids" % (name, k), out[k], o2[k], mask, 1e-12)
    for k in ("logits_cls", "logits_mean"):
        CHECKS.close("%s: %s independent of padded ids" % (name, k), out[k], o2[k], 1e-12)
    # 2. each row alone equals its batched row
    for r, n in enumerate(MB_LENGTHS):
        o1 = forward_modernbert(sd, cfg, ids[r:r + 1, :n], mask[r:r + 1, :n])
        CHECKS.close("%s: row %d alone == batched (hidden)" % (name, r),
                     o1["last_hidden_state"][0], out["last_hidden_state"][r, :n], 1e-10)
        for k in ("logits_cls", "logits_mean"):
            CHECKS.close("%s: row %d alone == batched (%s)" % (name, r, k), o1[k][0], out[k][r], 1e-10)
    # 3. loop-based attention of every layer (global and local) on the full-length row
    x = out["embedding_output"][0:1]
    for n in range(MB_LAYERS):
        p = "model.layers.%d." % n
        a = x if n == 0 else mb_norm(x, sd, p + "attn_norm", cfg)
        CHECKS.close("%s: naive loop attention layer %d (%s) == vectorised" % (
            name, n, "global" if mb_is_global(n, cfg) else "local"),
            naive_mb_attention(a[0], sd, p, cfg, n), mb_attention(a, mask[0:1], sd, p, cfg, n)[0], 1e-12)
        x = x + mb_attention(a, mask[0:1], sd, p, cfg, n)
        x = x + mb_mlp(mb_norm(x, sd, p + "mlp_norm", cfg), sd, p, cfg)
    # 4. the rotation is relative: q_m . k_n depends on m - n only
    rng = np.random.default_rng(5)
    qv, kv = rng.normal(size=HEAD_DIM), rng.normal(size=HEAD_DIM)
    cos, sin = rope_tables(12, cfg["global_rope_theta"])
    d1 = apply_rope(qv, cos[7], sin[7]) @ apply_rope(kv, cos[3], sin[3])
    d2 = apply_rope(qv, cos[10], sin[10]) @ apply_rope(kv, cos[6], sin[6])
    CHECKS.close("%s: rotary scores depend on the distance only" % name, d1, d2, 1e-12)
    # 5. the window and the rotary positions matter
    wide = dict(cfg, global_attn_every_n_layers=1)
    o3 = forward_modernbert(sd, wide, ids, mask)
    diff = float(np.abs(o3["last_hidden_state"] - out["last_hidden_state"])[mask == 1].max())
    CHECKS.check("%s: the local window changes the states" % name, diff > 1e-2, "max|diff|=%.3g" % diff)
    still = dict(cfg, _no_rope=True)
    o4 = forward_modernbert(sd, still, ids, mask)
    diff = float(np.abs(o4["last_hidden_state"] - out["last_hidden_state"])[mask == 1].max())
    CHECKS.check("%s: the rotary positions change the states" % name, diff > 1e-2, "max|diff|=%.3g" % diff)
    # 6. mean pooling by loop; outputs not trivially small
    mp = np.array([out["last_hidden_state"][r, :n].sum(0) / n for r, n in enumerate(MB_LENGTHS)])
    CHECKS.close("%s: mean_pooled by loop" % name, mp, out["mean_pooled"], 1e-13)
    std = float(out["last_hidden_state"][mask.astype(bool)].std())
    big = min(float(np.abs(out["logits_cls"]).max()), float(np.abs(out["logits_mean"]).max()))
    CHECKS.check("%s: outputs non-trivial" % name, std > 0.3 and big > 0.1,
                 "hidden std %.3f, min over poolings of max|logit| %.3f" % (std, big))


def build_modernbert(name, seed, settings):
    cfg = config_modernbert(settings)
    tensors = weights_modernbert(seed, cfg)
    st = safetensors_bytes(tensors)
    hlen, back = read_safetensors(st)
    CHECKS.check("%s: safetensors round trip (%d tensors, header %d bytes)" % (name, len(back), hlen),
                 hlen % 8 == 0 and set(back) == set(tensors)
                 and all(np.array_equal(back[k], tensors[k]) for k in tensors))
    sd = SD(back)
    rng = np.random.default_rng(INPUT_SEED + 1)
    ids = np.full((len(MB_LENGTHS), MB_SEQ), cfg["pad_token_id"], dtype=np.int64)
    mask = np.zeros_like(ids)
    for r, n in enumerate(MB_LENGTHS):
        ids[r, :n] = rng.integers(3, VOCAB, n)
        mask[r, :n] = 1
    out = forward_modernbert(sd, cfg, ids, mask)
    SEEDS[name] = seed
    modernbert_checks(name, sd, cfg, ids, mask, out)
    write_fixture(name, "modernbert", cfg, st, ids, mask, None, out, MB_LENGTHS)


# ----------------------------------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------------------------------

FAMILIES = {
    # model_type: (weights, forward, config, type_vocab or 0 for no token types)
    "bert": (weights_bert, forward_bert, config_bert, 2),
    "roberta": (weights_roberta, forward_roberta, lambda: config_roberta("roberta", "Roberta"), 1),
    "xlm-roberta": (weights_roberta, forward_roberta,
                    lambda: config_roberta("xlm-roberta", "XLMRoberta"), 1),
    "distilbert": (weights_distilbert, forward_distilbert, config_distilbert, 0),
    "electra": (weights_electra, forward_electra, config_electra, 2),
}

NOTE = ("Independent numpy reference (finetune/src/test/python/make_reference.py), not Hugging Face "
        "output. Computed in float64 from the float32 weights in model.safetensors, rounded to 7 "
        "significant digits. Values at padded positions (attention_mask 0) are included but not "
        "meaningful: compare only positions where attention_mask is 1.")


def build_family(mt):
    wfn, fwd, cfn, type_vocab = FAMILIES[mt]
    cfg = cfn()
    tensors = wfn(SEEDS[mt])
    st = safetensors_bytes(tensors)
    hlen, back = read_safetensors(st)
    CHECKS.check("%s: safetensors round trip (%d tensors, header %d bytes)" % (mt, len(back), hlen),
                 hlen % 8 == 0 and set(back) == set(tensors)
                 and all(np.array_equal(back[k], tensors[k]) for k in tensors))
    sd = SD(back)
    pad_id = cfg["pad_token_id"]
    ids, mask, tt = make_inputs(pad_id, type_vocab)
    out = fwd(sd, cfg, ids, mask, tt if type_vocab else None)
    out["mean_pooled"] = mean_pool(out["last_hidden_state"], mask)
    generic_checks(mt, fwd, sd, cfg, ids, mask, tt if type_vocab else None, out, pad_id, type_vocab)
    family_checks(mt, sd, cfg, ids, mask, tt if type_vocab else None, out)
    write_fixture(mt, mt, cfg, st, ids, mask, tt if type_vocab else None, out)


def write_fixture(folder, mt, cfg, st, ids, mask, tt, out, lengths=LENGTHS):
    inputs = {"input_ids": ids.tolist(), "attention_mask": mask.tolist()}
    if tt is not None:
        inputs["token_type_ids"] = tt.tolist()
    inputs["position_ids"] = np.asarray(out["position_ids"]).tolist()
    inputs["lengths"] = list(lengths)
    outputs = {}
    for k in ("embedding_output", "last_hidden_state", "pooler_output", "logits", "logits_cls", "logits_mean",
              "mlm_logits", "discriminator_logits", "mean_pooled", "cls_pooled"):
        if k in out:
            outputs[k] = r7(out[k])
    ref = {"model_type": mt, "note": NOTE,
           "shapes": {k: list(np.shape(out[k])) for k in outputs},
           "compare_where": "attention_mask == 1 for per-position outputs; logits and mean_pooled "
                            "are per sequence and always meaningful",
           "inputs": inputs, "outputs": outputs}
    d = os.path.join(OUT_ROOT, folder)
    write(os.path.join(d, "config.json"),
          (json.dumps(cfg, indent=2, sort_keys=True) + "\n").encode("utf-8"))
    write(os.path.join(d, "model.safetensors"), st)
    write(os.path.join(d, "reference.json"),
          (json.dumps(ref, sort_keys=False, separators=(",", ":")) + "\n").encode("utf-8"))


def main():
    # elementary checks
    for v, want in ((0.5, 0.5204998778130465), (1.0, 0.8427007929497149), (-2.0, -0.9953222650189527)):
        CHECKS.close("erf(%g)" % v, _erf(np.array(v)), want, 1e-15)
    CHECKS.close("gelu(1)", gelu(np.array(1.0)), 0.8413447460685429, 1e-15)
    CHECKS.close("gelu(-1)", gelu(np.array(-1.0)), -0.15865525393145707, 1e-15)
    x = np.random.default_rng(1).normal(size=(4, 7))
    y = layer_norm(x, 1.0, 0.0, 0.0)
    CHECKS.check("layer_norm zero mean, unit biased variance",
                 np.abs(y.mean(-1)).max() < 1e-14 and np.abs(y.var(-1) - 1).max() < 1e-12)
    only = sys.argv[1:] or (list(FAMILIES) + [f[0] for f in DEBERTA_FIXTURES]
                            + [f[0] for f in MODERNBERT_FIXTURES])
    for mt in only:
        if mt in FAMILIES:
            build_family(mt)
        for name, seed, settings in DEBERTA_FIXTURES:
            if name == mt:
                build_deberta(name, seed, settings)
        for name, seed, settings in MODERNBERT_FIXTURES:
            if name == mt:
                build_modernbert(name, seed, settings)
    CHECKS.check("softmax rows sum to 1", CHECKS.max_rowsum_err < 1e-12, "max err %.3g" % CHECKS.max_rowsum_err)
    CHECKS.check("masked keys get probability 0", CHECKS.max_masked_prob == 0.0,
                 "max %.3g" % CHECKS.max_masked_prob)
    failed = [r for r in CHECKS.results if not r[1]]
    print("%d checks, %d failed" % (len(CHECKS.results), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
