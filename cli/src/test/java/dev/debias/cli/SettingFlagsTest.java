package dev.debias.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.debias.core.Setting;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class SettingFlagsTest {
    @Test
    void translatesEveryMentionInAMessage() {
        String library = "bios.csv:1: no field 'txt' (name the text field with " + Setting.TEXT_FIELD
                + "; the label field with " + Setting.LABEL_FIELD + ")";
        assertEquals("bios.csv:1: no field 'txt' (name the text field with --text-field; the label field with --label-field)",
                SettingFlags.translate(library));
        assertEquals("lower --lr", SettingFlags.translate("lower " + Setting.LEARNING_RATE));
        assertEquals("plain message", SettingFlags.translate("plain message"));
        assertNull(SettingFlags.translate(null));
    }

    /** Every setting maps to an option that some command of the CLI really has. */
    @Test
    void everyFlagExistsOnSomeCommand() {
        Set<String> options = new HashSet<>();
        collect(Main.commandLine(), options);
        for (Setting s : Setting.values()) {
            String flag = SettingFlags.flag(s);
            assertTrue(options.contains(flag), s + " maps to " + flag + ", which no debias command has");
        }
        assertFalse(options.isEmpty());
    }

    private static void collect(CommandLine cl, Set<String> into) {
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : spec.options()) {
            into.addAll(java.util.List.of(o.names()));
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            collect(sub, into);
        }
    }
}
