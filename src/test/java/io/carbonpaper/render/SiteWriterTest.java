package io.carbonpaper.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteWriterTest {
    @TempDir Path dir;

    /** The head of a page carbonpaper wrote: a site is recognised by it (and by holding nothing else). */
    private static final String HEAD = "<meta name=\"generator\" content=\"carbonpaper test\">";

    private void writeSite(Path out, String content) throws IOException {
        try (SiteWriter w = SiteWriter.open(out, false)) {
            w.writeText("index.html", HEAD + content);
            w.commit();
        }
    }

    @Test void commitMovesTheStagedSiteIntoPlace() throws IOException {
        writeSite(dir.resolve("site"), "one");
        assertThat(Files.readString(dir.resolve("site/index.html"))).isEqualTo(HEAD + "one");
        assertThat(dir.resolve("site/" + SiteWriter.MARKER)).exists();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("site");
        }
    }

    @Test void failureMidWayLeavesThePreviousSiteIntact() throws IOException {
        writeSite(dir.resolve("site"), "previous");
        assertThatThrownBy(() -> {
            try (SiteWriter w = SiteWriter.open(dir.resolve("site"), false)) {
                w.writeText("index.html", "half");
                w.writeText("tables/a.csv", "x");
                throw new IOException("disk full (simulated)");
            }
        }).hasMessageContaining("simulated");
        assertThat(Files.readString(dir.resolve("site/index.html"))).isEqualTo(HEAD + "previous");
        assertThat(dir.resolve("site/tables")).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("site");
        }
    }

    @Test void refusesAForeignFolderAndLeavesItAlone() throws IOException {
        Files.createDirectories(dir.resolve("mine"));
        Files.writeString(dir.resolve("mine/notes.txt"), "keep");
        assertThatThrownBy(() -> SiteWriter.open(dir.resolve("mine"), false)).isInstanceOf(SiteWriter.ForeignFolderException.class);
        assertThat(Files.readString(dir.resolve("mine/notes.txt"))).isEqualTo("keep");
    }

    @Test void anEmptyFolderMayBeUsed() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        writeSite(dir.resolve("empty"), "x");
        assertThat(dir.resolve("empty/index.html")).exists();
    }

    @Test void pathsCannotLeaveTheSite() throws IOException {
        try (SiteWriter w = SiteWriter.open(dir.resolve("site"), false)) {
            assertThatThrownBy(() -> w.writeText("../escape.html", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.writeText("/etc/passwd", "x")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dir.resolve("escape.html")).doesNotExist();
    }
}
