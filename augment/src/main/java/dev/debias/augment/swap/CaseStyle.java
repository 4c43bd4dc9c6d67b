package dev.debias.augment.swap;

import java.util.Locale;

/** Carries the capitalisation of an original word over to its replacement: she/She/SHE to he/He/HE. */
public final class CaseStyle {
    private CaseStyle() {}

    /**
     * {@code replacement} written in the case of {@code original}: all capitals when the original
     * has two or more letters and no lower-case one; a capital first letter when the original starts
     * with one (the rest of the replacement as given, so {@code McKenzie} keeps its inner capital);
     * else as given.
     */
    public static String apply(String original, String replacement) {
        if (replacement.isEmpty()) {
            return replacement;
        }
        int letters = 0;
        boolean lower = false;
        for (int i = 0; i < original.length(); ) {
            int cp = original.codePointAt(i);
            if (Character.isLetter(cp)) {
                letters++;
                lower |= Character.isLowerCase(cp);
            }
            i += Character.charCount(cp);
        }
        if (letters >= 2 && !lower) {
            return replacement.toUpperCase(Locale.ROOT);
        }
        int first = original.isEmpty() ? 0 : original.codePointAt(0);
        if (Character.isUpperCase(first) || Character.isTitleCase(first)) {
            int rc = replacement.codePointAt(0);
            return new StringBuilder().appendCodePoint(Character.toTitleCase(rc))
                    .append(replacement.substring(Character.charCount(rc))).toString();
        }
        return replacement;
    }
}
