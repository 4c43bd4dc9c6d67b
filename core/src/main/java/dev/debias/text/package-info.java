/**
 * Text analysis shared by every stage, so that the audit, augmentation and evaluation see the same
 * words: the token rule ({@link dev.debias.text.Tokens}), OpenNLP sentence splitting
 * ({@link dev.debias.text.SentenceSplitter}) and a text analyzed once into both
 * ({@link dev.debias.text.AnalyzedText}).
 */
package dev.debias.text;
