/**
 * Intrinsic bias of masked language models: pseudo-log-likelihood scoring ({@link
 * dev.debias.evaluate.mlm.PseudoLogLikelihood}) and the CrowS-Pairs stereotype score ({@link
 * dev.debias.evaluate.mlm.StereotypeScore}, Nangia et al., 2020). On antistereo rows the stereotyping
 * sentence is {@code sent_less}: there {@code sent_more} is about the disadvantaged group but breaks the
 * stereotype, and the paper's metric counts a preference for {@code sent_less} as stereotyping.
 */
package dev.debias.evaluate.mlm;
