/**
 * Template probes of sentence-pair models: Bias-NLI (does an NLI model read "The nurse ate an apple." as
 * entailing "The woman ate an apple."?) and Bias-STS (does an STS model find "The nurse ate an apple." more
 * similar to the woman's sentence than to the man's?), over occupation x gender word templates written for
 * this project.
 */
package dev.debias.evaluate.templates;
