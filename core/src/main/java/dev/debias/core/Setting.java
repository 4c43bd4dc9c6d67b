package dev.debias.core;

import java.util.Locale;

/**
 * A setting of a library call, as library messages name it. Library code never names a command-line
 * flag; it writes {@code "... (name it with " + Setting.TEXT_FIELD + ")"}, which reads
 * {@code (name it with setting 'text field')}, and a front end that calls the library (the {@code debias}
 * command line) replaces each {@link #mention()} with its own option name when it prints the message.
 *
 * <p>The mention is stable: front ends match it by exact text, so {@link #mention()} must never change
 * for an existing constant.
 */
public enum Setting {
    TEXT_FIELD("text field"),
    LABEL_FIELD("label field"),
    GROUP_FIELD("group field"),
    ID_FIELD("id field"),
    PREDICTION_FIELD("prediction field"),
    PROBABILITY_FIELD("probability field"),
    WEIGHT_FIELD("weight field"),
    FORMAT("input format"),
    SKIP_INVALID("skip invalid"),
    INDEX("index directory"),
    TARGETS("targets"),
    AXIS("axis"),
    OUT("output"),
    MODEL("model"),
    INPUT("input"),
    TRAIN("training corpus"),
    EVAL("evaluation corpus"),
    PREDICTIONS("predictions"),
    COUNTERFACTUAL("counterfactual test"),
    SEAT("SEAT tests"),
    GAP_GROUPS("gap groups"),
    POSITIVE_LABEL("positive label"),
    POOLING("pooling"),
    DEVICE("device"),
    LEARNING_RATE("learning rate"),
    DIRECTIONS("directions"),
    METHOD("method"),
    RESUME("resume"),
    LABEL_SCOPE("label scope"),
    MIN_SUPPORT("minimum support"),
    DOMINANCE("dominance share"),
    GROUP_VALUES("group values"),
    TARGET_SHARES("target shares"),
    INTERSECTION("intersection"),
    FIELD_PREFIX("field prefix");

    private final String label;

    Setting(String label) {
        this.label = label;
    }

    /** The setting's plain name, e.g. {@code text field}. */
    public String label() {
        return label;
    }

    /** How messages mention it: {@code setting 'text field'}. */
    public String mention() {
        return "setting '" + label + "'";
    }

    /** The same as {@link #mention()}, so a constant can be concatenated into a message. */
    @Override
    public String toString() {
        return mention();
    }

    /** The constant's name in lower kebab case, e.g. {@code text-field}: a front end's default option name. */
    public String kebab() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
