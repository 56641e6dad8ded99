package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs) driven by Selenium for the console's browser tests: downloads land in a directory of its own,
 * a failed test leaves a screenshot under {@code target/console-screenshots/}, and pages are checked with
 * axe-core (from its webjar) and by tabbing through them.
 */
final class ConsoleBrowser implements TestWatcher, BeforeAllCallback, AfterAllCallback {
    private static final String CHROMIUM = System.getProperty("granary.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("granary.chromedriver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private ChromeDriver driver;
    private Path downloads;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        assertTrue(new File(CHROMIUM).canExecute(), CHROMIUM + " is missing: .ci/run installs chromium");
        assertTrue(new File(DRIVER).canExecute(), DRIVER + " is missing: .ci/run installs chromium-driver");
        downloads = Files.createTempDirectory("granary-console-downloads-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1000", "--no-first-run", "--disable-extensions");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    WebDriver driver() {
        return driver;
    }

    Path downloads() {
        return downloads;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs axe-core on the current page (WCAG 2.1 A and AA rules) and fails listing every violation. */
    void assertAccessible(String page) throws IOException {
        try (InputStream in = ConsoleBrowser.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/" + System.getProperty("granary.axe.version")
                        + "/axe.min.js")) {
            assertTrue(in != null, "axe-core webjar not on the test classpath");
            script(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' @ '"
                + " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertEquals(List.of(), result, "axe-core violations on the " + page + " page");
    }

    /**
     * Presses Tab from the top of the page until focus comes round again and checks every visible control
     * (links, buttons, inputs, selects, text areas) took focus once along the way.
     */
    void assertKeyboardReachable(String page) {
        Object count = script("let i = 0;"
                + "for (const el of document.querySelectorAll('a[href], button, input, select, textarea')) {"
                + "  if (el.disabled || !el.checkVisibility()) continue;"
                + "  el.dataset.kb = String(i++); }"
                + "document.activeElement.blur(); window.scrollTo(0, 0); return i;");
        int controls = ((Number) count).intValue();
        Set<String> reached = new LinkedHashSet<>();
        List<String> order = new ArrayList<>();
        for (int press = 0; press < controls * 2 + 5 && reached.size() < controls; press++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            Object kb = script("return document.activeElement && document.activeElement.dataset.kb || null;");
            if (kb != null) {
                reached.add((String) kb);
                order.add((String) kb);
            }
        }
        Object missed = script("return [...document.querySelectorAll('[data-kb]')]"
                + ".filter(el => !arguments[0].includes(el.dataset.kb))"
                + ".map(el => el.outerHTML.slice(0, 120));", new ArrayList<>(reached));
        assertEquals(List.of(), missed, "controls of the " + page + " page that Tab never reached (order " + order
                + ")");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + ".png");
            Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(SCREENSHOTS.resolve(shot.getFileName() + ".html"), driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) driver.quit();
        GranaryServerExtension.deleteTree(downloads);
    }
}
