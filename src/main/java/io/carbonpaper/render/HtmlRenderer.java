package io.carbonpaper.render;

import io.carbonpaper.report.ExperimentPage;
import io.carbonpaper.report.Report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes index.html, one page per experiment, and the static assets. */
public final class HtmlRenderer {
    /** Assets copied into {@code assets/}: the site loads nothing from anywhere else. */
    static final List<String> ASSETS = List.of("assets/style.css", "assets/paper.css", "assets/sort.js");

    private final Templates templates;

    public HtmlRenderer(Templates templates) { this.templates = templates; }

    /**
     * The print view behind report.pdf ({@code print.ftlh}): the index's content as well-formed
     * XHTML, with links relative to the site root.
     */
    public String print(Report report) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("report", report);
        model.put("date", report.date().orElse(""));
        model.put("root", "");
        return templates.render("print.ftlh", model);
    }

    public void render(Report report, SiteWriter site) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("report", report);
        model.put("date", report.date().orElse(""));
        model.put("root", "");
        site.writeText("index.html", templates.render("index.ftlh", model));
        for (ExperimentPage page : report.experiments()) {
            Map<String, Object> m = new HashMap<>(model);
            m.put("page", page);
            m.put("root", "../");
            site.writeText(page.href(), templates.render("experiment.ftlh", m));
        }
        for (String a : ASSETS) {
            try (OutputStream out = site.write(a)) {
                out.write(templates.asset(a));
            }
        }
    }
}
