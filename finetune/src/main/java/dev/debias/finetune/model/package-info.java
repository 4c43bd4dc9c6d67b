/**
 * The BERT encoder and classification head as DJL blocks, their configuration and named weights, the
 * safetensors format they are stored in, and the upstream edits (projection, head and neuron masks,
 * weight sparsity) a model carries with it.
 */
package dev.debias.finetune.model;
