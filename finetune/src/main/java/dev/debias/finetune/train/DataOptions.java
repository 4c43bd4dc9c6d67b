package dev.debias.finetune.train;

import dev.debias.corpus.FieldMapping;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a fine-tuning run learns from: the pre-trained model and the labelled corpora, with the fields to
 * read from them and the task. Validated on construction; {@link TrainConfig#builder()} is the usual way to
 * make one.
 *
 * @param model {@code builtin:minilm}, a model directory or an .onnx file
 * @param train the training corpus
 * @param eval the evaluation corpus
 * @param fields text and label fields (the label is required)
 * @param weightField a per-record weight field (from {@code debias augment --mode reweigh}), or null
 * @param pairField the field holding each record's second text (a hypothesis to the text's premise), or
 *     null for single texts; a pair is encoded with the tokenizer's pair template (token type ids 0 then 1
 *     where the model has token types)
 * @param task classification (the label is a class) or regression (the label is a number)
 * @param skipInvalid skip the invalid records of both corpora (an empty label, a malformed line), counting each
 *     in the run's read reports, instead of failing on the first
 */
public record DataOptions(String model, Path train, Path eval, FieldMapping fields, String weightField,
        String pairField, Task task, boolean skipInvalid) {
    /**
     * @throws NullPointerException naming a missing model, corpus, field mapping or task
     * @throws IllegalArgumentException when the fields name no label field, or the pair field is one of them
     */
    public DataOptions {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(eval, "eval");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(task, "task");
        if (fields.labelField() == null) {
            throw new IllegalArgumentException("fine-tuning needs a label field");
        }
        if (pairField != null && (pairField.isEmpty() || pairField.equals(fields.textField())
                || pairField.equals(fields.labelField()) || pairField.equals(fields.idField()))) {
            throw new IllegalArgumentException("the pair field '" + pairField
                    + "' must be a field of its own, not the text, label or id field");
        }
    }

    /** Options that fail on the first invalid record. */
    public DataOptions(String model, Path train, Path eval, FieldMapping fields, String weightField, String pairField,
            Task task) {
        this(model, train, eval, fields, weightField, pairField, task, false);
    }

    /** Single texts with class labels. */
    public DataOptions(String model, Path train, Path eval, FieldMapping fields, String weightField) {
        this(model, train, eval, fields, weightField, null, Task.CLASSIFICATION);
    }
}
