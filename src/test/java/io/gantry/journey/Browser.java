package io.gantry.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A real headless Chromium (Debian's, through its chromedriver) with the few moves the journeys need. */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String baseUrl;

    Browser(String baseUrl, String language) {
        this.baseUrl = baseUrl;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("gantry.chromium", "/usr/bin/chromium"));
        Path profile;
        try {
            profile = Files.createTempDirectory("gantry-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--window-size=1400,900", "--lang=" + language,
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("gantry.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(baseUrl + path);
        waitForVaadin();
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String fieldCss, String text) {
        WebElement input = find(fieldCss + " input");
        input.clear();
        input.sendKeys(text);
    }

    void click(String css) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        element.click();
        waitForVaadin();
    }

    /** Clicks the overlay item (select or menu) whose text contains the given text. */
    void clickItem(String itemTag, String text) {
        WebElement item = wait.until(d -> d.findElements(By.cssSelector(itemTag)).stream()
                .filter(e -> e.isDisplayed() && e.getText().contains(text)).findFirst().orElse(null));
        item.click();
        waitForVaadin();
    }

    /** Fills in and sends the login form of the page that is open. */
    void signIn(String username, String password) {
        type("#vaadinLoginUsername", username);
        type("#vaadinLoginPassword", password);
        click("vaadin-button[slot='submit']");
    }

    /** Closes an open overlay (a combo box's list, a menu) as the Escape key does. */
    void escape(String fieldCss) {
        find(fieldCss + " input").sendKeys(org.openqa.selenium.Keys.ESCAPE);
        waitForVaadin();
    }

    /** Chooses a language in the header's switch, as a user does from any page; then shows a text of the page in it. */
    void switchLanguage(String language, String textInIt) {
        click("#language-switch");
        clickItem("vaadin-select-item", language);
        waitForText(textInIt);
    }

    /** Shows pages in a viewport of exactly this size, as a screen of that resolution does. */
    void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Reloads the page as the browser's reload button does, at the address it shows now. */
    void reload() {
        driver.navigate().refresh();
        waitForVaadin();
    }

    /** Chooses a language in the header's switch and turns on the dark theme, as a user does from any page. */
    void switchToDark(String language) {
        click("#language-switch");
        clickItem("vaadin-select-item", language);
        click("#theme-switch");
    }

    /** Opens the page again and again until it shows the element, for what the server finishes in the background. */
    void reloadUntilPresent(String path, String css, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        open(path);
        while (findAll(css).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            open(path);
        }
    }

    void waitForText(String text) {
        until("text-" + text.hashCode(), () -> wait.until(d -> bodyText().contains(text)));
    }

    void waitForPath(String path) {
        until("path-" + path.replace('/', '-'), () -> wait.until(d -> currentPath().startsWith(path)));
        waitForVaadin();
    }

    /** Keeps a screenshot of the page as it was when an expectation was not met. */
    private void until(String what, Runnable expectation) {
        try {
            expectation.run();
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-" + what);
            throw e;
        }
    }

    /**
     * Types into the web terminal on the page as a user at the keyboard does ("\n" is Enter). The click on the screen
     * focuses xterm's hidden helper textarea ({@code .xterm-helper-textarea}), which takes the keys.
     */
    void typeInTerminal(String text) {
        find("gantry-terminal .xterm-screen").click();
        new Actions(driver).sendKeys(text).perform();
    }

    /** The lines the web terminal shows now, without trailing blanks (xterm draws spaces as no-break spaces). */
    List<String> terminalLines() {
        find("gantry-terminal .xterm-rows");
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll('gantry-terminal .xterm-rows > div'),
                    row => row.textContent.replace(/\\u00a0/g, ' ').trimEnd());
                """);
        return lines;
    }

    /** Waits until the web terminal shows a line that is exactly this text (an echo of the typing never is). */
    void waitForTerminalLine(String line) {
        until("terminal-" + line.hashCode(), () -> wait.until(d -> terminalLines().contains(line)));
    }

    String bodyText() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return document.body.innerText"));
    }

    /** Runs a script in the page, as the page's own scripts run, and returns what it returns. */
    Object evaluate(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Waits until a script in the page returns true. */
    void waitUntilTrue(String what, String script) {
        until(what, () -> wait.until(d -> Boolean.TRUE.equals(evaluate(script))));
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    String colorScheme() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(document.documentElement).colorScheme"));
    }

    /** Makes the browser's own scheme dark, as an operating system in dark mode does ({@code prefers-color-scheme}). */
    void preferDarkScheme() {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
    }

    String currentPath() {
        return driver.getCurrentUrl().replace(baseUrl, "");
    }

    /** Waits until Vaadin has no request in flight. */
    void waitForVaadin() {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("""
                if (document.readyState !== 'complete') return false;
                const clients = window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients;
                if (!clients) return true;
                return Object.values(clients).every(c => !c.isActive || !c.isActive());
                """)));
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
