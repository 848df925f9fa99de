package io.carbonpaper.render;

import io.carbonpaper.report.Checklist;
import io.carbonpaper.report.Fact;
import io.carbonpaper.report.Report;

import java.io.IOException;

/**
 * Writes each checklist item the report answers to {@code statement/<id>.txt}, plain UTF-8 text to
 * paste into a submission form or a paper's checklist: the item, whose wording the question is in,
 * the question, and the answer's parts, one a line. The answers are the report's; this lays them out.
 */
public final class ChecklistWriter {
    private ChecklistWriter() {}

    public static void write(Report report, SiteWriter site) throws IOException {
        for (Checklist c : report.statement().checklists()) site.writeText("statement/" + c.id() + ".txt", text(c, report.version()));
    }

    static String text(Checklist c, String version) {
        StringBuilder b = new StringBuilder();
        b.append(StatementWriter.plain(c.name())).append("\n");
        b.append("(").append(StatementWriter.plain(c.version())).append(")\n\n");
        b.append("Question: ").append(StatementWriter.plain(c.question())).append("\n\n");
        b.append("Answer, from the carbonpaper ").append(StatementWriter.plain(version))
                .append(" report of these logs (\"unknown\": the logs do not say; fill it in yourself):\n");
        for (Fact f : c.answers()) b.append("- ").append(StatementWriter.plain(f.label())).append(": ").append(StatementWriter.plain(f.value())).append("\n");
        return b.toString();
    }
}
