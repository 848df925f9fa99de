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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
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
