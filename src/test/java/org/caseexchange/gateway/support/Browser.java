package org.caseexchange.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: nothing is downloaded (Selenium
 * Manager never runs, since both binaries are named). Each browser has its own profile and download
 * folder. Every page can be checked with axe-core for WCAG 2.1 A and AA; a serious or critical
 * violation fails the test.
 */
public final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String base;
    private final Path downloads;

    public Browser(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException(
                    "the browser tests need Debian's chromium and chromium-driver: .ci/run installs them");
        }
        this.base = base;
        this.downloads = ScratchDirectories.create("downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1000",
                "--lang=en-CA");
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory", downloads.toString(),
                        "download.prompt_for_download", false,
                        "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** The element, or a failure that says which page the browser was on and what it showed. */
    public WebElement find(String css) {
        try {
            return driver.findElement(By.cssSelector(css));
        } catch (org.openqa.selenium.NoSuchElementException e) {
            String shown = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError("no " + css + " on " + driver.getCurrentUrl() + ", which shows: "
                    + shown.substring(0, Math.min(shown.length(), 600)));
        }
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    public void select(String css, String value) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
    }

    /** Ticks a checkbox (or chooses a radio button) that is not yet. */
    public void tick(String css) {
        WebElement box = find(css);
        if (!box.isSelected()) {
            box.click();
        }
    }

    /** Clicks a link or a submit button and waits for the page it leads to. */
    public void click(String css) {
        for (int attempt = 1; ; attempt++) {
            WebElement page = driver.findElement(By.tagName("html"));
            WebElement target;
            try {
                target = find(css);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                // The page was still being replaced when the element was found: find it again.
                if (attempt == 3) {
                    throw e;
                }
                continue;
            }
            try {
                target.click();
            } catch (org.openqa.selenium.WebDriverException e) {
                // The click went through and its answer replaced the page before the driver said so
                // (a stale element, or one that "does not belong to the document"): it is done. The
                // answer may be the same address again (a form that redirects back), so the page
                // itself, not the address, tells.
                if (!stale(page)) {
                    if (attempt == 3) {
                        throw e;
                    }
                    continue;
                }
            }
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(shown -> stale(page));
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(shown -> "complete"
                            .equals(((org.openqa.selenium.JavascriptExecutor) shown)
                                    .executeScript("return document.readyState")));
            return;
        }
    }

    /** The element's document was replaced: Chrome says so as a stale element or as a node "not in the document". */
    private static boolean stale(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** Clicks a button whose answer is a download: the page stays. */
    public void clickToDownload(String css) {
        find(css).click();
    }

    public void signIn(String username, String password) {
        open("/signin");
        type("#username", username);
        type("#password", password);
        click("#signin");
    }

    public void signOut() {
        click("form.signout button");
    }

    /** The path of the page the browser shows. */
    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Fails on any serious or critical WCAG 2.1 A/AA violation axe-core finds on the page shown. */
    public void assertAccessible() {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .toList();
        assertThat(serious)
                .as("axe-core on " + path() + ": "
                        + serious.stream()
                                .map(rule ->
                                        rule.getId() + " (" + rule.getNodes().size() + "): " + rule.getHelp())
                                .collect(Collectors.joining("; ")))
                .isEmpty();
    }

    /** Saves a screenshot of the page shown, for docs/. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits for a download to finish and returns it. */
    public Path downloaded(String suffix, Duration within) {
        return org.awaitility.Awaitility.await("a download ending " + suffix)
                .atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            try (var files = Files.list(downloads)) {
                                return files.filter(
                                                f -> f.getFileName().toString().endsWith(suffix))
                                        .findFirst();
                            }
                        },
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
