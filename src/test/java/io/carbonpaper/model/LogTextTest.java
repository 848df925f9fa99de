package io.carbonpaper.model;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one sanitiser for text from a logs folder (issue 16, item 6). */
class LogTextTest {
    /** A character that acts instead of showing: what no cleaned text may hold. */
    static boolean acts(String s, int i, boolean keepLines) {
        char c = s.charAt(i);
        if (c < 0x20) return !(keepLines && (c == '\n' || c == '\r' || c == '\t'));
        if (c >= 0x7F && c <= 0x9F) return true;
        if ("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u2028\u2029\uFFFE\uFFFF".indexOf(c) >= 0) return true;
        if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        return false;
    }

    static boolean anyActs(String s, boolean keepLines) {
        for (int i = 0; i < s.length(); i++) if (acts(s, i, keepLines)) return true;
        return false;
    }

    @Test void controlCharactersBecomeVisibleEscapes() {
        assertThat(LogText.clean("run\u001B[2J\u0007x")).isEqualTo("run\\x1B[2J\\x07x");
        assertThat(LogText.clean("a\nsample-logs/x.csv:3: error")).isEqualTo("a\\x0Asample-logs/x.csv:3: error");
        assertThat(LogText.clean("\u0000\u007F\u0085")).isEqualTo("\\x00\\x7F\\x85");
        assertThat(LogText.clean("txt.\u202Eexe")).isEqualTo("txt.\\u202Eexe");
        assertThat(LogText.clean("\u2066x\u2069\u200F")).isEqualTo("\\u2066x\\u2069\\u200F");
        assertThat(LogText.clean("half \uD83D only")).isEqualTo("half \\uD83D only");
    }

    @Test void ordinaryTextIsTheSameString() {
        String s = "Résumé-BERT ×4 — CO\u2082 \uD83D\uDE80 日本語";
        assertThat(LogText.clean(s)).isSameAs(s);
        assertThat(LogText.clean(null)).isNull();
    }

    @Test void keepingLinesLeavesLineBreaksAndTabs() {
        assertThat(LogText.cleanKeepingLines("a\n\tb\r\n\u001Bc")).isEqualTo("a\n\tb\r\n\\x1Bc");
    }

    @Test void aLongNameIsShownByItsStartAndItsEnd() {
        String name = "x".repeat(500) + "multirun-0042";
        String shown = LogText.shown(name);
        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(LogText.SHOWN);
        assertThat(shown).startsWith("xxxx").contains("\u2026").endsWith("multirun-0042");
        assertThat(LogText.shown("short")).isEqualTo("short");
    }

    @Provide Arbitrary<String> hostile() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00A0')
                .withChars("\u061C\u200B\u200E\u200F\u202A\u202E\u2066\u2069\u2028\u2029\uFFFE\uFFFF\uD83D\uDE80\u00e9")
                .ofMaxLength(40);
    }

    @Property(tries = 300)
    void nothingThatActsSurvivesAndCleaningAgainChangesNothing(@ForAll("hostile") String s) {
        String c = LogText.clean(s), k = LogText.cleanKeepingLines(s);
        assertThat(anyActs(c, false)).as("%s", c).isFalse();
        assertThat(anyActs(k, true)).as("%s", k).isFalse();
        assertThat(LogText.clean(c)).isEqualTo(c);
        assertThat(LogText.cleanKeepingLines(k)).isEqualTo(k);
        assertThat(anyActs(LogText.shown(s), false)).isFalse();
    }
}
