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
