package dev.debias.augment.swap;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a text that are web addresses, e-mail addresses or identifiers joined by underscores
 * ({@code https://en.wikipedia.org/wiki/Mary_Shelley}, {@code Wikinews_interviews_Scott_Lucas}): their
 * words name a page, not a person, so the swapper leaves them as they are. Stateless.
 */
final class Links {
    private static final Pattern LINK = Pattern.compile(
            "(?:https?://|www\\.)\\S+|\\S+@\\S+\\.\\S+|[\\p{L}\\p{N}]+(?:_[\\p{L}\\p{N}]+)+");

    private Links() {}

    /** For each token span, whether it lies in a link; null when the text holds none (the usual case). */
    static boolean[] tokensInLinks(String text, List<int[]> spans) {
        if (text.indexOf('_') < 0 && text.indexOf("://") < 0 && text.indexOf("www.") < 0 && text.indexOf('@') < 0) {
            return null;
        }
        boolean[] in = null;
        Matcher m = LINK.matcher(text);
        int k = 0;
        while (m.find()) {
            while (k < spans.size() && spans.get(k)[1] <= m.start()) {
                k++;
            }
            for (int j = k; j < spans.size() && spans.get(j)[0] < m.end(); j++) {
                if (in == null) {
                    in = new boolean[spans.size()];
                }
                in[j] = true;
            }
        }
        return in;
    }
}
