package io.carbonpaper.model;

/**
 * Text that came from a logs folder (folder and file names, experiment names, values read from
 * files), made safe to show: the one sanitiser every output uses (issue 16, item 6).
 *
 * <p>Characters that act instead of showing are written as visible escapes: C0 controls (NUL,
 * BEL, ESC, newlines...), DEL, C1 controls, the bidirectional overrides, embeddings, isolates and
 * marks, the line and paragraph separators, unpaired surrogates and the non-characters U+FFFE and
 * U+FFFF. {@code ESC} becomes {@code \x1B}, U+202E becomes {@code \u202E}. So a name cannot
 * clear a terminal, forge a {@code file:line:} message, reverse a table cell, or make an HTML,
 * SVG or PDF file ill-formed (XML 1.0 forbids those characters). Everything else is left as it
 * is, and the result is stable: cleaning it again changes nothing. Linear in the length.
 *
 * <p>{@link #shown} also caps a name for display at {@value #SHOWN} characters, keeping its start
 * and its end (where a multirun's number is); CSV keeps the whole name ({@link #clean}).
 */
public final class LogText {
    private LogText() {}

    /** The most characters of a name shown in a page, a chart, a table or a message. */
    public static final int SHOWN = 120;
    private static final int TAIL = 40;

    /** {@code text} with every character that would act written as a visible escape; the same string when there is none. */
    public static String clean(String text) { return clean(text, false); }

    /**
     * As {@link #clean}, but tabs and line breaks stay: for a multi-line text (a footnote, an
     * embedded SVG) going into markup, where they are only white space.
     */
    public static String cleanKeepingLines(String text) { return clean(text, true); }

    /** {@link #clean}, capped at {@value #SHOWN} characters: the start, an ellipsis and the last {@value #TAIL}. */
    public static String shown(String text) {
        String c = clean(text);
        if (c.codePointCount(0, c.length()) <= SHOWN) return c;
        int head = c.offsetByCodePoints(0, SHOWN - TAIL - 1);
        int tail = c.offsetByCodePoints(c.length(), -TAIL);
        return c.substring(0, head) + "\u2026" + c.substring(tail);
    }

    /** Whether {@code c} (a UTF-16 unit, surrogates judged with their neighbour) would act rather than show. */
    private static boolean acts(String s, int i, boolean keepLines) {
        char c = s.charAt(i);
        if (c < 0x20) return !(keepLines && (c == '\n' || c == '\r' || c == '\t'));
        if (c < 0x7F) return false;
        if (c <= 0x9F) return true; // DEL and C1
        if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return true;
        if (c == 0x2028 || c == 0x2029 || c == 0xFFFE || c == 0xFFFF) return true;
        if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        return false;
    }

    /**
     * For a terminal stream written in pieces: whether {@code c} alone acts (a C0 control other than
     * tab and line breaks, DEL, a C1 control, a bidirectional control or separator). Surrogates are
     * left to {@link #clean}, since a piece may end between the two halves of a pair.
     */
    public static boolean actsOnTerminal(char c) {
        return !Character.isSurrogate(c) && acts(String.valueOf(c), 0, true);
    }

    /** {@code c} as the escape {@link #clean} writes for it. */
    public static String escape(char c) { return c <= 0xFF ? "\\x" + hex(c, 2) : "\\u" + hex(c, 4); }

    private static String clean(String text, boolean keepLines) {
        if (text == null) return null;
        int n = text.length(), i = 0;
        while (i < n && !acts(text, i, keepLines)) i++;
        if (i == n) return text;
        StringBuilder b = new StringBuilder(n + 16).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!acts(text, i, keepLines)) b.append(c);
            else b.append(escape(c));
        }
        return b.toString();
    }

    private static String hex(char c, int digits) {
        String h = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(digits - h.length()) + h;
    }
}
