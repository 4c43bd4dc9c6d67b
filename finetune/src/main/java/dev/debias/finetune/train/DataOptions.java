package dev.debias.finetune.train;

import dev.debias.corpus.FieldMapping;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a fine-tuning run learns from: the pre-trained model and the labelled corpora, with the fields to
 * read from them. Validated on construction; {@link TrainConfig#builder()} is the usual way to make one.
 *
 * @param model {@code builtin:minilm}, a model directory or an .onnx file
 * @param train the training corpus
 * @param eval the evaluation corpus
 * @param fields text and label fields (the label is required)
 * @param weightField a per-record weight field (from {@code debias augment --mode reweigh}), or null
 */
public record DataOptions(String model, Path train, Path eval, FieldMapping fields, String weightField) {
    /**
     * @throws NullPointerException naming a missing model, corpus or field mapping
     * @throws IllegalArgumentException when the fields name no label field
     */
    public DataOptions {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(eval, "eval");
        Objects.requireNonNull(fields, "fields");
        if (fields.labelField() == null) {
            throw new IllegalArgumentException("fine-tuning needs a label field");
        }
    }
}
