package io.carbonpaper.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.carbonpaper.report.SampleReports;
import io.carbonpaper.task.SiteOutputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the generated site in headless Chromium (Debian's chromium and chromium-driver) as a
 * reader would, over a loopback HTTP server and from file://. Skipped when the browser is not
 * installed, except under CI=true, where a missing browser fails the build. Screenshots go to
 * target/browser/.
 */
class SiteInBrowserTest {
    static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    static final Path SHOTS = Path.of("target/browser");

    @TempDir static Path dir;
    static Path site;
    static HttpServer server;
    static String base;
    static ChromeDriver driver;

    @BeforeAll static void start() throws IOException {
        Optional<String> browser = BROWSERS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
        Optional<String> chromedriver = DRIVERS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
        if (browser.isEmpty() || chromedriver.isEmpty()) {
            String why = "headless Chromium and chromedriver are needed (apt-get install chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true but " + why);
            assumeTrue(false, why);
        }
        site = dir.resolve("site");
        try (SiteWriter w = SiteWriter.open(site, false)) {
            SiteOutputs.write(SampleReports.standard(), new Templates(Optional.empty()), w, false, Optional.of(Instant.EPOCH));
            w.commit();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path p = site.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            boolean ok = p.startsWith(site) && Files.isRegularFile(p);
            byte[] body = ok ? Files.readAllBytes(p) : new byte[0];
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            exchange.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".css") ? "text/css"
                    : name.endsWith(".js") ? "text/javascript" : name.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream");
            exchange.sendResponseHeaders(ok ? 200 : 404, ok ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,1600",
                "--user-data-dir=" + dir.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver.get())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll static void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.stop(0);
    }

    private static List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) if (e.getLevel().intValue() >= Level.WARNING.intValue()) out.add(e.getMessage());
        return out;
    }

    private static List<String> requestedUrls() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode m = json.readTree(e.getMessage()).path("message");
            if (m.path("method").asText().equals("Network.requestWillBeSent")) urls.add(m.path("params").path("request").path("url").asText());
        }
        return urls;
    }

    private static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test void indexOverHttpHasNoConsoleErrorsAndLoadsNothingFromElsewhere() throws IOException {
        driver.manage().logs().get(LogType.PERFORMANCE); // drain what the browser did before this page
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(base + "index.html");
        assertThat(consoleErrors()).isEmpty();
        List<String> urls = requestedUrls();
        assertThat(urls).contains(base + "assets/style.css", base + "assets/sort.js", base + "figures/energy-co2e.svg");
        assertThat(urls).allSatisfy(u -> assertThat(u.startsWith(base) || u.startsWith("data:")).as(u).isTrue());
        for (WebElement t : driver.findElements(By.tagName("table"))) assertThat(t.isDisplayed()).isTrue();
        for (WebElement img : driver.findElements(By.cssSelector("figure.chart img")))
            assertThat(((Number) driver.executeScript("return arguments[0].naturalWidth", img)).intValue()).as(img.getAttribute("src")).isPositive();
        shot("index.png");
    }

    @Test void clickingAHeaderSortsTheRowsAndTheKeyboardReversesThem() {
        driver.get(base + "index.html");
        WebElement table = driver.findElement(By.cssSelector("#training-cost table"));
        WebElement power = table.findElements(By.cssSelector("thead th button")).get(2);
        power.click();
        assertThat(firstColumn(table)).containsExactly(SampleReports.HOSTILE, "Transformer (base)", "ELMo", "BERT (base)");
        assertThat(table.findElements(By.cssSelector("thead th")).get(2).getAttribute("aria-sort")).isEqualTo("ascending");
        power.sendKeys(Keys.ENTER);
        assertThat(firstColumn(table).subList(1, 4)).containsExactly("ELMo", "Transformer (base)", SampleReports.HOSTILE);
        assertThat(table.findElements(By.cssSelector("thead th")).get(2).getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(table.findElement(By.cssSelector("tfoot th")).getText()).startsWith("Total");
    }

    private static List<String> firstColumn(WebElement table) {
        return table.findElements(By.cssSelector("tbody tr th")).stream().map(WebElement::getText).toList();
    }

    @Test void printViewHidesNavigationAndKeepsEveryTable() throws IOException {
        driver.get(base + "index.html");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(driver.findElement(By.cssSelector(".site-nav")).isDisplayed()).isFalse();
            assertThat(driver.findElements(By.cssSelector(".downloads"))).allSatisfy(d -> assertThat(d.isDisplayed()).isFalse());
            for (WebElement t : driver.findElements(By.tagName("table"))) assertThat(t.isDisplayed()).isTrue();
            shot("index-print.png");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    /**
     * What each figure.table measures in the window: the page, the box, and its caption and footnotes (the
     * caption's edges when there are none) before and after scrolling the box to its end.
     */
    private static final String MEASURE_TABLES = """
            const doc = document.documentElement;
            return [...document.querySelectorAll('figure.table')].map(f => {
              const c = f.querySelector('caption'), n = f.querySelector('ol.footnotes') || c;
              const box = f.getBoundingClientRect(), before = c.getBoundingClientRect(), notes = n.getBoundingClientRect();
              f.scrollLeft = f.scrollWidth;
              const after = c.getBoundingClientRect(), notesAfter = n.getBoundingClientRect(), scrolled = f.scrollLeft;
              f.scrollLeft = 0;
              return {id: f.id, pageWidth: doc.scrollWidth, windowWidth: doc.clientWidth, boxLeft: box.left, boxRight: box.right,
                      tableWidth: f.querySelector('table').getBoundingClientRect().width, scrolled: scrolled,
                      captionLeft: before.left, captionRight: before.right, captionLeftScrolled: after.left, captionRightScrolled: after.right,
                      notesLeft: notes.left, notesRight: notes.right, notesLeftScrolled: notesAfter.left};
            });""";

    /**
     * At 1,280 px (and at 900 px, where the widest tables must scroll) no table pushes the page
     * sideways: a wide one scrolls inside its own box, and its caption and footnotes keep to the
     * box's width and stay where they were while the table scrolls under them.
     */
    @Test void atA1280PixelWindowNoTablePushesThePageSidewaysAndCaptionsAndFootnotesStayPut() throws IOException {
        int scrolling = 0;
        for (int width : new int[] {1280, 900}) for (String index : indexes()) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
            try {
                driver.get(index);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> tables = (List<Map<String, Object>>) driver.executeScript(MEASURE_TABLES);
                assertThat(tables).isNotEmpty();
                for (Map<String, Object> t : tables) {
                    String what = index + " at " + width + " px, " + t;
                    assertThat(num(t, "pageWidth")).as(what).isLessThanOrEqualTo(num(t, "windowWidth"));
                    assertThat(num(t, "captionLeft")).as(what).isGreaterThanOrEqualTo(num(t, "boxLeft") - 1);
                    assertThat(num(t, "captionRight")).as(what).isLessThanOrEqualTo(num(t, "boxRight") + 1);
                    assertThat(num(t, "captionLeftScrolled")).as(what).isCloseTo(num(t, "captionLeft"), offset(1.0));
                    assertThat(num(t, "captionRightScrolled")).as(what).isCloseTo(num(t, "captionRight"), offset(1.0));
                    assertThat(num(t, "notesRight")).as(what).isLessThanOrEqualTo(num(t, "boxRight") + 1);
                    assertThat(num(t, "notesLeftScrolled")).as(what).isCloseTo(num(t, "notesLeft"), offset(1.0));
                    if (num(t, "scrolled") > 0) scrolling++;
                }
                if (index.startsWith(base)) shot("index-" + width + ".png");
            } finally {
                driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            }
        }
        assertThat(scrolling).as("tables that scroll inside their box, so that the caption check means something").isPositive();
    }

    /** The test's own site and the committed sample site (sample-logs' report, whose Tables 2 and 7 are the widest). */
    private static List<String> indexes() {
        Path sample = Path.of("site/index.html").toAbsolutePath();
        assertThat(sample).as("the committed sample site").isRegularFile();
        return List.of(base + "index.html", sample.toUri().toString());
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /**
     * Printed by Chromium on A4 and on US Letter (the site's own margins), every table is whole on
     * the paper: its caption is there in full and so is its last column's header, which is the
     * first thing a table too wide for the paper loses (Chromium leaves out what falls off the page).
     */
    @Test void printedOnA4AndLetterEveryTableKeepsItsCaptionAndLastColumn() throws IOException {
        for (String index : indexes()) printedOnA4AndLetterEveryTableKeepsItsCaptionAndLastColumn(index);
    }

    private static void printedOnA4AndLetterEveryTableKeepsItsCaptionAndLastColumn(String index) throws IOException {
        driver.get(index);
        @SuppressWarnings("unchecked")
        List<Map<String, String>> tables = (List<Map<String, String>>) driver.executeScript("""
                return [...document.querySelectorAll('figure.table table')].map(t => ({
                  caption: t.querySelector('caption').textContent,
                  lastHeader: [...t.querySelectorAll('thead th')].pop().textContent,
                  firstCell: t.querySelector('tbody tr > *').textContent}));""");
        assertThat(tables).isNotEmpty();
        Map<String, float[]> papers = new LinkedHashMap<>();
        papers.put("a4", new float[] {210f, 297f});
        papers.put("letter", new float[] {215.9f, 279.4f});
        for (var paper : papers.entrySet()) {
            float mmPerInch = 25.4f;
            Map<String, Object> print = Map.of("paperWidth", paper.getValue()[0] / mmPerInch, "paperHeight", paper.getValue()[1] / mmPerInch,
                    "preferCSSPageSize", false, "marginTop", 20 / mmPerInch, "marginBottom", 20 / mmPerInch,
                    "marginLeft", 18 / mmPerInch, "marginRight", 18 / mmPerInch);
            byte[] pdf = Base64.getDecoder().decode((String) driver.executeCdpCommand("Page.printToPDF", print).get("data"));
            if (index.startsWith(base)) Files.write(SHOTS.resolve("index-" + paper.getKey() + ".pdf"), pdf);
            String text;
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                PDRectangle page = doc.getPage(0).getMediaBox();
                assertThat(page.getWidth() / 72 * mmPerInch).as(paper.getKey()).isCloseTo(paper.getValue()[0], offset(1f));
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setSortByPosition(true);
                text = stripper.getText(doc);
            }
            List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
            String all = squeeze(text);
            for (Map<String, String> t : tables) {
                String caption = squeeze(t.get("caption"));
                String what = index + " on " + paper.getKey() + ": " + t.get("caption");
                int at = all.indexOf(caption);
                assertThat(at).as(what + ": the whole caption").isNotNegative();
                String header = headerLines(lines, caption, t.get("firstCell"));
                assertThat(containsInOrder(header, words(t.get("lastHeader")))).as(what + ": last header '" + t.get("lastHeader") + "' in " + header).isTrue();
            }
        }
    }

    /** A table longer than a page (Table 1's rows many times over) keeps its column headings on every page it prints on. */
    @Test void aTableLongerThanAPagePrintsItsHeadingsOnEveryPage() throws IOException {
        driver.get(base + "index.html");
        String lastHeader = (String) driver.executeScript("""
                const t = document.querySelector('#training-cost table'), body = t.tBodies[0], rows = [...body.rows];
                for (let i = 0; i < 60; i++) for (const r of rows) {
                  const copy = r.cloneNode(true);
                  copy.cells[0].textContent = 'copied-row-' + i;
                  body.appendChild(copy);
                }
                return [...t.querySelectorAll('thead th')].pop().textContent;""");
        byte[] pdf = Base64.getDecoder().decode((String) driver.executeCdpCommand("Page.printToPDF", Map.of("preferCSSPageSize", true)).get("data"));
        int pagesWithCopies = 0;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            for (int page = 1; page <= doc.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = squeeze(stripper.getText(doc));
                if (!text.contains("copied-row-")) continue;
                pagesWithCopies++;
                assertThat(containsInOrder(text, words("Model " + lastHeader))).as("page " + page + ": " + text).isTrue();
            }
        }
        assertThat(pagesWithCopies).isGreaterThanOrEqualTo(3);
    }

    /** Text without white space of any kind, in compatibility form (a ligature as its letters). */
    private static String squeeze(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("[\\s\\p{Z}]+", "");
    }

    private static List<String> words(String s) {
        return List.of(Normalizer.normalize(s, Normalizer.Form.NFKC).trim().split("[\\s\\p{Z}]+"));
    }

    /** The printed lines between a table's caption and its first row: the header. */
    private static String headerLines(List<String> lines, String caption, String firstCell) {
        String firstRow = squeeze(firstCell);
        StringBuilder seen = new StringBuilder(), header = new StringBuilder();
        boolean inHeader = false;
        for (String line : lines) {
            if (inHeader) {
                String lead = words(line).get(0);
                if (firstRow.startsWith(squeeze(lead))) return header.toString();
                header.append(squeeze(line));
            } else {
                seen.append(squeeze(line));
                inHeader = seen.toString().endsWith(caption);
            }
        }
        return header.toString();
    }

    private static boolean containsInOrder(String text, List<String> words) {
        int from = 0;
        for (String w : words) {
            int at = text.indexOf(w, from);
            if (at < 0) return false;
            from = at + w.length();
        }
        return true;
    }

    @Test void pagesOpenedFromFilesRunTheScriptAndStylesUnderTheContentSecurityPolicy() throws IOException {
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(site.resolve("index.html").toUri().toString());
        assertThat(consoleErrors()).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#training-cost thead th button"))).isNotEmpty(); // sort.js ran
        String rule = (String) ((JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(document.querySelector('table.booktabs thead tr')).borderTopStyle");
        assertThat(rule).isEqualTo("solid"); // style.css applied
        String page = SampleReportsPages.first(site);
        driver.get(site.resolve(page).toUri().toString());
        assertThat(consoleErrors()).isEmpty();
        assertThat(driver.findElement(By.cssSelector("figure.chart figcaption")).getText()).startsWith("Figure 1:");
        shot("experiment.png");
    }

    /** The traced experiment's page, the one with a power chart. */
    static final class SampleReportsPages {
        static String first(Path site) {
            var r = SampleReports.standard();
            return r.experiments().get(0).href();
        }
    }
}
