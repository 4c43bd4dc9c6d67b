/**
 * Term lists that mark demographic groups and targets: term lexicons (a term marks a group of an axis,
 * {@link dev.debias.lexicon.TermLexicon}) and pair lexicons (a term and its counterfactual,
 * {@link dev.debias.lexicon.PairLexicon}), read from files or from the built-ins
 * ({@link dev.debias.lexicon.Lexicons}).
 */
package dev.debias.lexicon;
