package io.carbonpaper.render;

import io.carbonpaper.concurrent.ParallelMap;

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
    static final List<String> ASSETS = List.of("assets/style.css", "assets/paper.css", "assets/print.css", "assets/sort.js", "assets/copy.js");
    /**
     * The page templates and the partials they import, for {@link Templates#prepare}: FreeMarker parses an
     * imported template when a page first imports it, which would be on the thread that renders.
     */
    public static final String[] TEMPLATES = {"index.ftlh", "experiment.ftlh", "partials/layout.ftlh", "partials/report.ftlh",
            "partials/table.ftlh", "partials/figure.ftlh"};

    private final Templates templates;

    public HtmlRenderer(Templates templates) { this.templates = templates; }

    /**
     * The print view behind report.pdf ({@code print.ftlh}): the index's content as well-formed
     * XHTML, with links relative to the site root, each table sized for {@code paper} by {@link PrintLayout}.
     */
    public String print(Report report, PaperSize paper) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("print", PrintLayout.of(report, paper, PrintFonts.system()));
        model.put("report", report);
        model.put("date", report.date().orElse(""));
        model.put("root", "");
        model.put("pdf", false);
        model.put("crumbs", List.of());
        return templates.render("print.ftlh", model);
    }

    public void render(Report report, SiteWriter site) throws IOException {
        render(report, site, false, List.of());
    }

    /**
     * @param pdf    whether report.pdf is written too (the downloads block links it)
     * @param crumbs the projects above this one, outermost first, for a nested project's way back
     */
    public void render(Report report, SiteWriter site, boolean pdf, List<Report.Crumb> crumbs) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("report", report);
        model.put("date", report.date().orElse(""));
        model.put("root", "");
        model.put("pdf", pdf);
        model.put("crumbs", List.copyOf(crumbs));
        site.writeText("index.html", templates.render("index.ftlh", model));
        renderPages(report.experimentPages() ? report.experiments() : List.<ExperimentPage>of(), model, site);
        for (String a : ASSETS) {
            try (OutputStream out = site.write(a)) {
                out.write(templates.asset(a));
            }
        }
    }

    /** Pages at which rendering them on every core starts to pay for the threads. */
    static final int PARALLEL_PAGES = 64;

    /**
     * One page per experiment. Pages are independent files, so with many of them they are rendered
     * and written on every core (the templates and the report are immutable); the result does not
     * depend on the order. The first failure is rethrown.
     */
    private void renderPages(List<ExperimentPage> pages, Map<String, Object> model, SiteWriter site) throws IOException {
        int threads = pages.size() < PARALLEL_PAGES ? 1 : Math.min(Runtime.getRuntime().availableProcessors(), 8);
        ParallelMap.map(pages, threads, "carbonpaper-render", "writing the pages", page -> {
            renderPage(page, model, site);
            return null;
        });
    }

    private void renderPage(ExperimentPage page, Map<String, Object> model, SiteWriter site) throws IOException {
        Map<String, Object> m = new HashMap<>(model);
        m.put("page", page);
        m.put("root", "../");
        site.writeText(page.href(), templates.render("experiment.ftlh", m));
    }
}
