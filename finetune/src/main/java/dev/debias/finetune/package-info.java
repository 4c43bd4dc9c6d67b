/**
 * Fine-tuning of pre-trained BERT-family encoders for classification with DJL on the PyTorch
 * engine, on CPU or GPU, reading corpora through the dataset-audit module.
 */
package dev.debias.finetune;
