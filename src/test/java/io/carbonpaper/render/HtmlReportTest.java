package io.carbonpaper.render;

import io.carbonpaper.task.ReportJob;
import io.carbonpaper.task.ReportTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML report: accessible table structure, escaping of names from logs, self-containment. */
class HtmlReportTest {
    @TempDir Path dir;

    private String report(String name) throws IOException {
        Path exp = dir.resolve("logs/x");
        Files.createDirectories(exp);
        Files.writeString(exp.resolve("experiment.yaml"), "name: '" + name.replace("'", "''") + "'\nhardware:\n  accelerator: P100\n  count: 1\nhours: 2\n");
        int code = new ReportTask(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Optional.empty())
                .run(new ReportJob(dir.resolve("logs"), dir.resolve("site"), Optional.empty(), false, false, Map.of(), false));
        assertThat(code).isZero();
        return Files.readString(dir.resolve("site/index.html"));
    }

    @Test void tableHasCaptionAndScopedHeaders() throws IOException {
        String html = report("plain");
        assertThat(html).contains("<caption><span class=\"label\">Table 1:</span>");
        assertThat(html).contains("<th scope=\"col\"");
        assertThat(html).contains("<th scope=\"row\"");
    }

    /** The statement on index.html is the one statement.md has: its sources sentence too, each citation linked to the references list. */
    @Test void theStatementCitesItsSourcesLinkedToTheReferencesList() throws IOException {
        String html = report("plain");
        String statement = html.substring(html.indexOf("<blockquote class=\"statement\""), html.indexOf("</blockquote>"));
        assertThat(statement).containsPattern("following Strubell et al\\. \\(2019\\) \\[<a href=\"#ref-strubell-2019\">\\d+</a>\\]")
                .containsPattern("come from published sources \\[<a href=\"#ref-[^\"]+\">\\d+</a>(, <a href=\"#ref-[^\"]+\">\\d+</a>)*\\]\\.");
        var links = java.util.regex.Pattern.compile("<a href=\"#(ref-[^\"]+)\">(\\d+)</a>").matcher(statement).results().toList();
        assertThat(links).hasSizeGreaterThan(2);
        for (var m : links) {
            // The link's target is in the references list, under the number the link shows.
            assertThat(html).contains("<li id=\"" + m.group(1) + "\">");
            String list = html.substring(html.indexOf("<ol class=\"references\">"));
            int item = 0;
            for (var li : java.util.regex.Pattern.compile("<li id=\"(ref-[^\"]+)\">").matcher(list).results().toList()) {
                item++;
                if (li.group(1).equals(m.group(1))) assertThat(item).as(m.group(1)).isEqualTo(Integer.parseInt(m.group(2)));
            }
        }
        String md = Files.readString(dir.resolve("site/statement/statement.md"));
        assertThat(md).contains("come from published sources [");
    }

    @Test void escapesAScriptInAnExperimentName() throws IOException {
        String html = report("<script>alert(1)</script>");
        assertThat(html).doesNotContain("<script>alert(1)</script>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        String page;
        try (var s = Files.list(dir.resolve("site/experiments"))) {
            page = Files.readString(s.findFirst().orElseThrow());
        }
        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
    }

    @Test void loadsNothingFromOutsideTheSite() throws IOException {
        String html = report("plain");
        assertThat(html).contains("Content-Security-Policy");
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    }

    @Test void userTemplatesOverrideBuiltInOnesOneByOne() throws IOException {
        report("plain");
        Path t = dir.resolve("tpl");
        Files.createDirectories(t);
        Files.writeString(t.resolve("experiment.ftlh"), "<p>custom ${page.name()}</p>");
        int code = new ReportTask(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Optional.empty())
                .run(new ReportJob(dir.resolve("logs"), dir.resolve("site"), Optional.of(t), false, false, Map.of(), false));
        assertThat(code).isZero();
        assertThat(Files.readString(dir.resolve("site/index.html"))).contains("<caption>");
        try (var s = Files.list(dir.resolve("site/experiments"))) {
            assertThat(Files.readString(s.findFirst().orElseThrow())).isEqualTo("<p>custom plain</p>");
        }
    }

    @Test void templateErrorNamesTemplateAndLine() throws IOException {
        report("plain");
        Path t = dir.resolve("tpl");
        Files.createDirectories(t);
        Files.writeString(t.resolve("experiment.ftlh"), "<p>ok</p>\n<p>${page.noSuchThing}</p>\n");
        StringWriter err = new StringWriter();
        int code = new ReportTask(new PrintWriter(new StringWriter()), new PrintWriter(err), Optional.empty())
                .run(new ReportJob(dir.resolve("logs"), dir.resolve("site"), Optional.of(t), false, false, Map.of(), false));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("template experiment.ftlh line 2").contains("page.noSuchThing");
    }
}
