package io.carbonpaper.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplatesTest {
    @Test void missingValueNamesTemplateLineAndExpression(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.ftlh"), "<p>one</p>\n<p>${report.nosuch}</p>\n");
        Templates t = new Templates(Optional.of(dir));
        assertThatThrownBy(() -> t.render("broken.ftlh", Map.of("report", Map.of("title", "x"))))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("broken.ftlh").hasMessageContaining("line 2").hasMessageContaining("report.nosuch");
    }

    @Test void syntaxErrorNamesTemplateAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.ftlh"), "a\nb\n<#if>\n");
        assertThatThrownBy(() -> new Templates(Optional.of(dir)).render("bad.ftlh", Map.of()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("bad.ftlh").hasMessageContaining("line 3");
    }

    @Test void userFolderOverridesOneTemplateAndOneAssetTheRestStayBuiltIn(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("partials"));
        Files.writeString(dir.resolve("partials/figure.ftlh"), "<#macro figure f><div class=\"mine\">MY FIGURE ${f.id()}</div></#macro>\n");
        Files.createDirectories(dir.resolve("assets"));
        Files.writeString(dir.resolve("assets/paper.css"), "@page { size: letter; }\n");
        var report = io.carbonpaper.report.SampleReports.standard();
        Map<String, Object> model = Map.of("report", report, "date", "", "root", "");

        Templates builtIn = new Templates(Optional.empty());
        Templates t = new Templates(Optional.of(dir));
        assertThat(new String(t.asset("assets/paper.css"))).isEqualTo("@page { size: letter; }\n");
        assertThat(new String(t.asset("assets/sort.js"))).isEqualTo(new String(builtIn.asset("assets/sort.js")));

        // index.ftlh (built in) imports partials/report.ftlh (built in), which imports the user's figure.ftlh.
        String mine = t.render("index.ftlh", model);
        String theirs = builtIn.render("index.ftlh", model);
        assertThat(theirs).doesNotContain("MY FIGURE").contains("<figure");
        assertThat(mine).contains("<div class=\"mine\">MY FIGURE ").doesNotContain("<figure class=\"chart\"");
        assertThat(mine).contains("<caption><span class=\"label\">Table 1:</span>"); // the rest is still the built-in page
    }

    @Test void textFromLogsIsEscapedInHtml() throws IOException {
        Templates t = new Templates(Optional.empty());
        var report = io.carbonpaper.report.SampleReports.standard();
        String html = t.render("index.ftlh", Map.of("report", report, "date", "", "root", ""));
        assertThat(html).doesNotContain("<script>&").contains("&lt;script&gt;&amp;&quot;&#39;|\\^_%$#{}~=+-@");
        assertThat(html).contains("<caption><span class=\"label\">Table 1:</span>", "scope=\"col\"", "scope=\"row\"", "Figure 1:</span>");
    }
}
