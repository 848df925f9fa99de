package io.carbonpaper.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How device names are compared: the text forms both hardware catalogs share. Contract: every
 * function here maps equal inputs to equal outputs and never throws on any string.
 */
final class DeviceName {
    private static final Pattern TRADEMARK = Pattern.compile("\\((r|tm|c)\\)|[®™©]");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-_()]+");
    private static final Pattern TOKEN_SPLIT = Pattern.compile("[^a-z0-9+]+");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)(gb|g|gib)");

    private DeviceName() {}

    /** Lower case, trademark marks dropped, and spaces, dashes, underscores and parentheses removed. */
    static String normalise(String name) {
        return ascii(name) ? normaliseAscii(name) : normaliseByPatterns(name);
    }

    /**
     * {@link #normalise} of ASCII text in one pass, without the two regular expressions: every
     * spelling of the accelerator catalog goes through here at each start (issue 20).
     */
    private static String normaliseAscii(String name) {
        StringBuilder b = new StringBuilder(name.length());
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = lower(name.charAt(i));
            if (c == '(') {
                int mark = trademarkEnd(name, i + 1);
                if (mark > 0) {
                    i = mark - 1;
                    continue;
                }
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '-' || c == '_' || c == '(' || c == ')') continue;
            b.append(c);
        }
        return b.toString();
    }

    /** Where {@code r)}, {@code tm)} or {@code c)} (any case) starting at {@code at} ends; 0 when none starts there. */
    private static int trademarkEnd(String s, int at) {
        for (String mark : new String[] {"r)", "tm)", "c)"}) {
            if (at + mark.length() > s.length()) continue;
            boolean same = true;
            for (int k = 0; k < mark.length() && same; k++) same = lower(s.charAt(at + k)) == mark.charAt(k);
            if (same) return at + mark.length();
        }
        return 0;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 0x80) return false;
        return true;
    }

    /** {@link #normalise} for any text, by the two patterns. */
    static String normaliseByPatterns(String name) {
        String s = TRADEMARK.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
        return SEPARATORS.matcher(s).replaceAll("");
    }

    /** The name's words: lower case, trademark marks dropped, split at anything but letters, digits and '+'. */
    static List<String> tokens(String name) {
        String s = TRADEMARK.matcher(name.toLowerCase(Locale.ROOT)).replaceAll(" ");
        List<String> out = new ArrayList<>();
        for (String t : TOKEN_SPLIT.split(s)) if (!t.isEmpty()) out.add(t);
        return out;
    }

    /** The gigabytes a word such as {@code 80gb}, {@code 144g} or {@code 24gib} states; empty for any other word. */
    static OptionalInt memoryGb(String token) {
        Matcher m = MEMORY.matcher(token);
        if (!m.matches() || m.group(1).length() > 4) return OptionalInt.empty();
        return OptionalInt.of(Integer.parseInt(m.group(1)));
    }
}
