package io.carbonpaper.reliability;

import io.carbonpaper.render.TemplateException;
import io.carbonpaper.render.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static io.carbonpaper.reliability.HostileLogsReportTest.Run;
import static io.carbonpaper.reliability.HostileLogsReportTest.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@code --templates} folder is code from somewhere else (issue 16, item 8): a template may lay
 * out the report, not run programs, reach Java classes or the Java API, or overflow the stack.
 * Every attempt is a template error naming the template and its line, and the report goes on to
 * exit like any other template failure. Before, {@code Execute?new()} ran a shell command and a
 * recursive macro escaped as an uncaught StackOverflowError.
 */
class TemplateSandboxTest {
    @TempDir Path dir;

    /** A record like the report's own model objects. */
    public record Model(String title) {}

    private TemplateException rendered(String template) throws IOException {
        Path t = dir.resolve("templates");
        Files.createDirectories(t);
        Files.writeString(t.resolve("evil.ftlh"), template);
        Templates templates = new Templates(Optional.of(t));
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> templates.render("evil.ftlh", Map.of("report", new Model("x"), "names", java.util.List.of("a"))));
        assertThat(thrown).isInstanceOf(TemplateException.class);
        return (TemplateException) thrown;
    }

    @Test void noClassCanBeInstantiated() throws IOException {
        Path proof = dir.resolve("ran");
        String command = "touch " + proof;
        for (String cls : new String[] {"freemarker.template.utility.Execute", "freemarker.template.utility.ObjectConstructor",
                "freemarker.template.utility.JythonRuntime"}) {
            TemplateException e = rendered("<p>\n<#assign x = \"" + cls + "\"?new()>${x(\"" + command + "\")}\n");
            assertThat(e).hasMessageContaining("evil.ftlh").hasMessageContaining("line 2");
        }
        assertThat(proof).doesNotExist();
    }

    @Test void theJavaApiIsNotExposed() throws IOException {
        assertThat(rendered("${names?api.getClass().getName()}")).hasMessageContaining("evil.ftlh").hasMessageContaining("line 1");
    }

    @Test void modelObjectsDoNotLeadToClassesOrClassLoaders() throws IOException {
        assertThat(rendered("\n${report.getClass().getClassLoader()}")).hasMessageContaining("evil.ftlh").hasMessageContaining("line 2");
        assertThat(rendered("${report.class.protectionDomain}")).hasMessageContaining("evil.ftlh");
        assertThat(rendered("${report.getClass().getName()}")).hasMessageContaining("evil.ftlh");
    }

    @Test void aRecursiveMacroIsATemplateErrorNotAStackOverflow() throws IOException {
        TemplateException e = rendered("<p>top</p>\n<#macro down n><@down n + 1/></#macro>\n<@down 0/>\n");
        // The stack has unwound by the time the error is caught: the template is named, its line is lost.
        assertThat(e).hasMessageContaining("evil.ftlh").hasMessageContaining("nested too deeply");
        TemplateException include = rendered("<#include \"evil.ftlh\">");
        assertThat(include).hasMessageContaining("evil.ftlh").hasMessageContaining("nested");
    }

    @Test void endToEndTheReportFailsCleanlyAndRunsNothing() throws IOException {
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs.resolve("a"));
        Files.writeString(logs.resolve("a/experiment.yaml"), "name: a\nhardware:\n  accelerator: V100\n  count: 1\nhours: 1\n");
        Path t = dir.resolve("templates");
        Files.createDirectories(t);
        Path proof = dir.resolve("ran");
        Files.writeString(t.resolve("experiment.ftlh"), "<#assign x = \"freemarker.template.utility.Execute\"?new()>${x(\"touch " + proof + "\")}",
                StandardCharsets.UTF_8);
        Run r = report(logs.toString(), "--out", dir.resolve("site").toString(), "--templates", t.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("template experiment.ftlh line 1").doesNotContain("internal error");
        assertThat(proof).doesNotExist();

        Files.writeString(t.resolve("experiment.ftlh"), "<#macro m><@m/></#macro><@m/>");
        Run recursive = report(logs.toString(), "--out", dir.resolve("site").toString(), "--templates", t.toString());
        assertThat(recursive.code()).isEqualTo(1);
        assertThat(recursive.err()).contains("template experiment.ftlh").doesNotContain("internal error").doesNotContain("StackOverflow");
    }
}
