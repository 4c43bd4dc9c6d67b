package dev.debias.cli;

import dev.debias.core.Setting;
import java.util.EnumMap;
import java.util.Map;

/**
 * Translates the settings that library messages mention ({@code setting 'text field'}, see {@link Setting})
 * into this command line's options ({@code --text-field}) before a message reaches the user. Every
 * {@link Setting} has a flag; most are the constant's name in kebab case, the rest are listed here.
 */
final class SettingFlags {
    private static final Map<Setting, String> FLAGS = new EnumMap<>(Setting.class);

    static {
        for (Setting s : Setting.values()) {
            FLAGS.put(s, "--" + s.kebab());
        }
        FLAGS.put(Setting.LEARNING_RATE, "--lr");
        FLAGS.put(Setting.INTERSECTION, "--intersect");
    }

    private SettingFlags() {}

    /** The option that sets {@code s}. */
    static String flag(Setting s) {
        return FLAGS.get(s);
    }

    /** {@code message} with every setting mention replaced by its option; {@code null} stays {@code null}. */
    static String translate(String message) {
        if (message == null || !message.contains("setting '")) {
            return message;
        }
        String m = message;
        for (Setting s : Setting.values()) {
            m = m.replace(s.mention(), FLAGS.get(s));
        }
        return m;
    }
}
