package dev.debias.finetune.testing;

import ai.djl.ndarray.NDManager;
import dev.debias.corpus.CorpusWriters;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.Provenance;
import dev.debias.corpus.Record;
import dev.debias.corpus.RecordWriter;
import dev.debias.finetune.model.BertClassifier;
import dev.debias.finetune.model.BertConfig;
import dev.debias.finetune.model.Pooling;
import dev.debias.finetune.model.RelativeAttention;
import dev.debias.finetune.model.SafeTensors;
import dev.debias.finetune.model.Weights;
import dev.debias.finetune.train.ComputeDevice;
import dev.debias.finetune.train.Metric;
import dev.debias.finetune.train.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A tiny BERT for tests (the package says why it ships in main code): a hand-written WordPiece {@code tokenizer.json} (lowercasing BertNormalizer,
 * BertPreTokenizer, a WordPiece vocabulary of special tokens, punctuation, a few sub-word pieces and
 * about 60 words, [CLS] ... [SEP] template), a 2-layer, 32-wide {@code config.json} and random
 * weights in {@code model.safetensors}; plus a learnable toy corpus (a text with "apple" is
 * {@code alpha}, one with "banana" is {@code beta}).
 */
public final class TinyBert {
    /** The special tokens, ids 0 to 4. */
    public static final List<String> SPECIAL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    /** The word that makes a toy text {@code alpha}. */
    public static final String WORD_A = "apple";
    /** The word that makes a toy text {@code beta}. */
    public static final String WORD_B = "banana";
    /** Filler words of the toy texts (neither key word). */
    public static final List<String> FILLER = List.of("the", "a", "is", "was", "and", "or", "but", "of", "to", "in",
            "on", "at", "with", "for", "it", "this", "that", "he", "she", "they", "we", "my", "his", "her", "their",
            "red", "green", "blue", "yellow", "big", "small", "old", "new", "good", "bad", "happy", "sad", "day",
            "night", "morning", "today", "house", "car", "tree", "river", "city", "book", "table", "dog", "cat",
            "bird", "likes", "sees", "eats", "has", "makes", "very", "really");
    /** The whole vocabulary, in id order. */
    public static final List<String> VOCAB;

    static {
        List<String> v = new ArrayList<>(SPECIAL);
        v.addAll(List.of(".", ",", "!", "?"));
        v.addAll(List.of(WORD_A, WORD_B, "cherry"));
        v.addAll(FILLER);
        v.addAll(List.of("##s", "##ed", "##ing", "##ly"));
        VOCAB = List.copyOf(v);
    }

    /** The encoder's shape: 2 layers, hidden 32, 2 heads, intermediate 64, 64 positions. */
    public static final BertConfig CONFIG = new BertConfig(VOCAB.size(), 32, 2, 2, 64, 64, 2, 1e-12);

    private TinyBert() {}

    /** The id of a vocabulary entry. */
    public static long id(String token) {
        int i = VOCAB.indexOf(token);
        if (i < 0) {
            throw new IllegalArgumentException(token);
        }
        return i;
    }

    /** The {@code tokenizer.json}. */
    public static String tokenizerJson() {
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < VOCAB.size(); i++) {
            vocab.append(i == 0 ? "" : ",\n      ").append('"').append(VOCAB.get(i)).append("\": ").append(i);
        }
        StringBuilder added = new StringBuilder();
        for (int i = 0; i < SPECIAL.size(); i++) {
            added.append(i == 0 ? "" : ",\n    ").append("{\"id\": ").append(i).append(", \"content\": \"")
                    .append(SPECIAL.get(i)).append("\", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, "
                            + "\"normalized\": false, \"special\": true}");
        }
        return """
                {
                  "version": "1.0",
                  "truncation": null,
                  "padding": null,
                  "added_tokens": [
                    %s
                  ],
                  "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                                 "strip_accents": null, "lowercase": true},
                  "pre_tokenizer": {"type": "BertPreTokenizer"},
                  "post_processor": {
                    "type": "TemplateProcessing",
                    "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                               {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                    "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                             {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                             {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                    "special_tokens": {
                      "[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                      "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}
                    }
                  },
                  "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
                  "model": {
                    "type": "WordPiece",
                    "unk_token": "[UNK]",
                    "continuing_subword_prefix": "##",
                    "max_input_chars_per_word": 100,
                    "vocab": {
                      %s
                    }
                  }
                }
                """.formatted(added, vocab);
    }

    /** Random weights of the encoder (no head), drawn from {@code seed}. */
    public static Weights randomWeights(long seed) {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            BertClassifier b = new BertClassifier(CONFIG, 0, Pooling.MEAN, 0f);
            b.load(m, null, seed);
            return b.weights();
        }
    }

    /** Writes a model directory (config.json, tokenizer.json, model.safetensors) into {@code dir}; returns it. */
    public static Path writeModel(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), CONFIG.toJson());
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson());
        SafeTensors.write(dir.resolve("model.safetensors"), randomWeights(seed));
        return dir;
    }

    /**
     * The relative attention of a tiny DeBERTa: v3's settings but 8 log buckets over distances up to 32, so
     * that the toy texts (about 12 tokens) reach the logarithmic range.
     */
    public static final RelativeAttention TINY_RELATIVE = new RelativeAttention(32, 8, true, true, true, true, false);

    /**
     * The settings of a tiny ModernBERT: ModernBERT-base's biases and rotary bases, but layer 0 global and layer 1
     * local with a window of +-2, so that the toy texts (about 12 tokens) reach beyond it; padding id 0.
     */
    public static final dev.debias.finetune.model.ModernBertSettings TINY_MODERNBERT =
            new dev.debias.finetune.model.ModernBertSettings(160000.0, 10000.0, 4, 2, false, false, false, false, true,
                    0);

    /**
     * TinyBert's shape in {@code family}'s layout (RoBERTa's offset positions, DistilBERT without token types,
     * DeBERTa-v2 like v3: no token types or absolute positions, {@link #TINY_RELATIVE}; ModernBERT with
     * {@link #TINY_MODERNBERT}).
     */
    public static BertConfig config(dev.debias.finetune.model.ModelFamily family) {
        if (family == dev.debias.finetune.model.ModelFamily.MODERNBERT) {
            return BertConfig.modernBert(CONFIG.vocabSize(), CONFIG.hiddenSize(), CONFIG.layers(), CONFIG.heads(),
                    CONFIG.intermediateSize(), CONFIG.maxPositions(), 1e-5, TINY_MODERNBERT);
        }
        if (family == dev.debias.finetune.model.ModelFamily.DEBERTA_V2) {
            return new BertConfig(CONFIG.vocabSize(), CONFIG.hiddenSize(), CONFIG.layers(), CONFIG.heads(),
                    CONFIG.intermediateSize(), CONFIG.maxPositions(), 0, 1e-7, family, CONFIG.hiddenSize(), 0,
                    TINY_RELATIVE);
        }
        int offset = family.offsetPositions() ? 2 : 0;
        int types = family.tokenTypes() ? (family.offsetPositions() ? 1 : 2) : 0;
        return new BertConfig(CONFIG.vocabSize(), CONFIG.hiddenSize(), CONFIG.layers(), CONFIG.heads(),
                CONFIG.intermediateSize(), CONFIG.maxPositions() + offset, types, CONFIG.layerNormEps(), family,
                CONFIG.hiddenSize(), offset);
    }

    /**
     * Writes a random pre-trained model of {@code family} into {@code dir}, its tensors under the family's
     * Hugging Face base-model names (as a user's directory holds them), with TinyBert's tokenizer; returns it.
     */
    public static Path writeModel(Path dir, long seed, dev.debias.finetune.model.ModelFamily family) throws IOException {
        BertConfig c = config(family);
        Weights canonical;
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            BertClassifier b = new BertClassifier(c, 0, Pooling.MEAN, 0f);
            b.load(m, null, seed);
            canonical = b.weights();
        }
        Weights hf = new Weights();
        canonical.all().forEach((k, t) -> hf.put(family.huggingFaceName(k), t.shape(), t.data()));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), c.toJson());
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson());
        SafeTensors.write(dir.resolve("model.safetensors"), hf);
        return dir;
    }

    /** A toy text: 4 to 9 filler words with {@code key} at a random place, then a full stop. */
    public static String toyText(String key, SplittableRandom r) {
        int n = 4 + r.nextInt(6);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(FILLER.get(r.nextInt(FILLER.size())));
        }
        words.add(r.nextInt(n + 1), key);
        String s = String.join(" ", words) + ".";
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * {@code n} toy records with ids {@code prefix-i}: every {@code ratio}-th one is {@code beta}
     * (contains "banana"), the others {@code alpha} ("apple"); ratio 2 gives balanced classes.
     */
    public static List<Record> toy(String prefix, int n, long seed, int ratio) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean beta = i % ratio == 0;
            String id = prefix + "-" + i;
            out.add(new Record(id, toyText(beta ? WORD_B : WORD_A, r), beta ? "beta" : "alpha", Map.of(),
                    Provenance.original(id)));
        }
        return out;
    }

    /**
     * Pairs labelled {@code both} when both texts hold "apple", else {@code not}: in every 6 records, 3 are
     * (apple, apple), then (apple, banana), (banana, apple), (banana, banana). From the premise alone the best
     * rule is "apple: both" (right for 3 of the 4 with apple) and "banana: not" (right for both), 5 of 6 =
     * 0.833; from both texts every record can be right.
     */
    public static List<Record> pairs(String prefix, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i % 6;
            boolean firstApple = k <= 3;
            boolean secondApple = k <= 2 || k == 4;
            String a = toyText(firstApple ? WORD_A : WORD_B, r);
            String b = toyText(secondApple ? WORD_A : WORD_B, r);
            out.add(record(prefix + "-" + i, "", firstApple && secondApple ? "both" : "not",
                    Map.of("premise", a, "hypothesis", b)));
        }
        return out;
    }

    /** Texts with 0 to 3 times "apple" (the target) among filler words. */
    public static List<Record> counts(String prefix, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i % 4;
            List<String> words = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                words.add(FILLER.get(r.nextInt(FILLER.size())));
            }
            for (int j = 0; j < k; j++) {
                words.add(r.nextInt(words.size() + 1), WORD_A);
            }
            out.add(record(prefix + "-" + i, String.join(" ", words) + ".", Integer.toString(k), Map.of()));
        }
        return out;
    }

    /** A record with id, text, label and attributes. */
    public static Record record(String id, String text, String label, Map<String, String> attributes) {
        return new Record(id, text, label, new LinkedHashMap<>(attributes), Provenance.original(id));
    }

    /** Writes records as a corpus (format from the extension); returns the file. */
    public static Path write(Path file, List<Record> records) throws IOException {
        try (RecordWriter w = CorpusWriters.open(file)) {
            for (Record r : records) {
                w.write(r);
            }
            w.commit();
        }
        return file;
    }

    /** A model directory with toy training (200 balanced records) and evaluation (60) corpora. */
    public record Toy(Path model, Path train, Path eval) {
        /** Settings that learn the toy task in about a second: 4 epochs, batch 16, lr 5e-3, accuracy, seed 1. */
        public TrainConfig config() {
            return TrainConfig.builder().setModel(model.toString()).setTrain(train).setEval(eval).setFields(FIELDS)
                    .optEpochs(4).optBatchSize(16).optMaxLength(32).optLearningRate(5e-3).optWeightDecay(0.01)
                    .optWarmupFraction(0.1).optClipNorm(1.0).optClassBalanced(false).optPatience(0)
                    .optMetric(Metric.ACCURACY).optPooling(Pooling.MEAN).optDropout(0.1f).optDevice(ComputeDevice.CPU)
                    .optSeed(1).build();
        }
    }

    /** The fields of the toy corpora. */
    public static final FieldMapping FIELDS = new FieldMapping("text", "label", List.of(), "id");

    /** Writes the toy model and corpora under {@code dir}. */
    public static Toy toy(Path dir) throws IOException {
        Path model = writeModel(dir.resolve("tiny-bert"), 11);
        Path train = write(dir.resolve("train.jsonl"), toy("t", 200, 1, 2));
        Path eval = write(dir.resolve("eval.jsonl"), toy("e", 60, 2, 2));
        return new Toy(model, train, eval);
    }

    /** The lines of a file. */
    public static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
