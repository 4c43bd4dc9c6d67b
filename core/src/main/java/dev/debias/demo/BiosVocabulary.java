package dev.debias.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentence templates and slot vocabulary of the demo biographies, read from the bundled
 * {@code templates.tsv} and {@code vocab.tsv} and checked: every slot of every template is known.
 */
final class BiosVocabulary {
    static final Pattern SLOT = Pattern.compile("\\{([A-Za-z_]+)}");
    static final Set<String> PERSON_SLOTS = Set.of("name", "surname", "title", "subj", "Subj", "obj", "poss", "Poss",
            "refl", "parent", "sibling", "child", "person_noun");
    static final Set<String> OCCUPATION_SLOTS = Set.of("workplace", "activity", "specialty", "credential", "tool",
            "client", "achievement");
    static final Set<String> GENERAL_SLOTS = Set.of("city", "hobby", "university");
    static final Set<String> SECTIONS = Set.of("intro", "intro-plain", "work", "background", "personal");

    /** Templates by section. */
    final Map<String, List<String>> templates;
    /** Values by scope ({@code *}, {@code domain:X} or an occupation) and slot. */
    final Map<String, Map<String, List<String>>> values;

    private BiosVocabulary(Map<String, List<String>> templates, Map<String, Map<String, List<String>>> values) {
        this.templates = templates;
        this.values = values;
    }

    static BiosVocabulary load() {
        Map<String, List<String>> templates = new LinkedHashMap<>();
        for (String[] row : rows("templates.tsv", 2)) {
            if (!SECTIONS.contains(row[0])) {
                throw new IllegalStateException("templates.tsv: unknown section " + row[0]);
            }
            Matcher m = SLOT.matcher(row[1]);
            while (m.find()) {
                String s = m.group(1);
                if (!PERSON_SLOTS.contains(s) && !OCCUPATION_SLOTS.contains(s) && !GENERAL_SLOTS.contains(s)
                        && !Set.of("occupation", "a_occupation", "years").contains(s)) {
                    throw new IllegalStateException("templates.tsv: unknown slot {" + s + "} in: " + row[1]);
                }
            }
            templates.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        Map<String, Map<String, List<String>>> values = new LinkedHashMap<>();
        for (String[] row : rows("vocab.tsv", 3)) {
            values.computeIfAbsent(row[0], k -> new LinkedHashMap<>()).computeIfAbsent(row[1], k -> new ArrayList<>()).add(row[2]);
        }
        BiosVocabulary v = new BiosVocabulary(templates, values);
        for (String section : SECTIONS) {
            if (v.templates.getOrDefault(section, List.of()).isEmpty()) {
                throw new IllegalStateException("templates.tsv has no " + section + " templates");
            }
        }
        for (Occupation o : Occupation.ALL) {
            for (String slot : OCCUPATION_SLOTS) {
                v.values(o.name(), slot);
                v.values("domain:" + o.domain(), slot);
            }
        }
        for (String slot : List.of("city", "hobby", "university", "surname")) {
            v.values("*", slot);
        }
        return v;
    }

    /** The values of a slot in a scope; never empty. */
    List<String> values(String scope, String slot) {
        List<String> l = values.getOrDefault(scope, Map.of()).get(slot);
        if (l == null || l.isEmpty()) {
            throw new IllegalStateException("vocab.tsv has no values for " + scope + " / " + slot);
        }
        return l;
    }

    static List<String[]> rows(String resource, int fields) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = BiosVocabulary.class.getResourceAsStream("bios/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource bios/" + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != fields) {
                    throw new IllegalStateException(resource + ":" + n + ": expected " + fields + " tab-separated fields");
                }
                out.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
