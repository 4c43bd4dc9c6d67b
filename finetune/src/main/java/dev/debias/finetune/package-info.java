/**
 * Fine-tuning of pre-trained BERT-family encoders for classification with DJL on the PyTorch engine, on
 * CPU or GPU, reading corpora through the core module: the model ({@code .model}), its loaders
 * ({@code .load}), and training and prediction ({@code .train}).
 */
package dev.debias.finetune;
