package io.gantry.journey;

import io.gantry.Needs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    /**
     * Runs in every page before the page's own scripts: keeps what the page reports as going wrong (uncaught errors,
     * unhandled promise rejections, console errors and warnings) where {@link #pageProblems()} reads it.
     */
    private static final String PROBLEM_RECORDER = """
            (() => {
              const problems = [];
              Object.defineProperty(window, '__gantryProblems', {value: problems});
              const text = value => value instanceof Error ? value.name + ': ' + value.message
                  : typeof value === 'string' ? value : (() => { try { return JSON.stringify(value); }
                  catch (e) { return String(value); } })();
              window.addEventListener('error', e => problems.push({kind: 'error',
                  text: e.error ? text(e.error) : String(e.message)}));
              window.addEventListener('unhandledrejection', e => problems.push({kind: 'unhandledrejection',
                  text: text(e.reason)}));
              for (const level of ['error', 'warn']) {
                const original = console[level];
                console[level] = function (...args) {
                  problems.push({kind: 'console.' + level, text: args.map(text).join(' ')});
                  return original.apply(this, args);
                };
              }
            })();
            """;
    /**
     * The tags with a dash (custom elements by name) in the page, its shadow roots included, that no script has
     * defined: a component whose web component is missing from the front-end bundle shows up here.
     */
    private static final String UNDEFINED_ELEMENTS = """
            // Plain elements by design: Flow's container of a view's root and the grid's slotted cell wrapper.
            const plain = tag => /^flow-container-/.test(tag) || tag === 'vaadin-grid-cell-content';
            const undefinedTags = new Set();
            const visit = root => {
              for (const element of root.querySelectorAll('*')) {
                const tag = element.localName;
                if (tag.includes('-') && !plain(tag) && customElements.get(tag) === undefined) {
                  undefinedTags.add(tag);
                }
                if (element.shadowRoot) {
                  visit(element.shadowRoot);
                }
              }
            };
            visit(document);
            return Array.from(undefinedTags).sort();
            """;

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String baseUrl;

    Browser(String baseUrl, String language) {
        Needs.tool(Needs.Tool.CHROMIUM);
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
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBLEM_RECORDER));
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
        // The page scrolls inside the layout, not the window: bring the element to the middle of what shows.
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
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

    /**
     * Clicks the overlay item whose text is exactly the given text: for short texts such as a count, which other
     * items (or those of a list still closing) contain as well.
     */
    void clickItemExactly(String itemTag, String text) {
        WebElement item = wait.until(d -> d.findElements(By.cssSelector(itemTag)).stream()
                .filter(e -> e.isDisplayed() && e.getText().strip().equals(text)).findFirst().orElse(null));
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
        // A new language reloads the page; a click on the theme switch before the new page is there would be lost.
        evaluate("window.__gantryBeforeReload = true");
        click("#language-switch");
        clickItem("vaadin-select-item", language);
        waitUntilTrue("reloaded-" + language.hashCode(),
                "return !window.__gantryBeforeReload && document.readyState === 'complete'");
        waitForVaadin();
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

    /** Saves what the page downloads into this folder, without asking, as a browser set to do so does. */
    void downloadInto(Path folder) {
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                folder.toAbsolutePath().toString()));
    }

    /** Waits until a download into the folder has finished (Chromium writes {@code .crdownload} until then). */
    Path awaitDownload(Path folder) {
        Path[] done = new Path[1];
        until("download", () -> wait.until(d -> {
            try (var files = Files.list(folder)) {
                List<Path> all = files.toList();
                if (all.size() == 1 && !all.getFirst().getFileName().toString().endsWith(".crdownload")) {
                    done[0] = all.getFirst();
                    return true;
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        return done[0];
    }

    /** Whether the page has an element for the selector that shows. */
    boolean showing(String css) {
        return findAll(css).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Types into the text field (by tag, e.g. vaadin-text-field) that shows and whose label is exactly this. */
    void typeInLabelled(String fieldTag, String label, String text) {
        WebElement field = wait.until(d -> d.findElements(By.cssSelector(fieldTag)).stream()
                .filter(e -> e.isDisplayed() && label.equals(e.getDomProperty("label"))).findFirst().orElse(null));
        WebElement input = field.findElement(By.cssSelector("input"));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Gives a file to the upload component as a user choosing it in the file dialog does: to the component's file
     * input, which it keeps in its own DOM or its shadow root.
     */
    void chooseFile(String uploadCss, Path file) {
        WebElement upload = find(uploadCss);
        WebElement input = (WebElement) evaluate("""
                const upload = arguments[0];
                return upload.querySelector('input[type=file]')
                    || (upload.shadowRoot && upload.shadowRoot.querySelector('input[type=file]'));
                """, upload);
        input.sendKeys(file.toAbsolutePath().toString());
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

    /** What went wrong in the page shown now since it loaded, each as "kind: text". */
    List<String> pageProblems() {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) evaluate(
                "return (window.__gantryProblems || []).map(p => p.kind + ': ' + p.text)");
        return problems;
    }

    /** The custom elements (tags with a dash) in the page, shadow roots included, that are not defined. */
    List<String> undefinedElements() {
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) evaluate(UNDEFINED_ELEMENTS);
        return tags;
    }

    /** Opens the path in a new tab of the same browser (same session), which becomes the current one. */
    void openInNewTab(String path) {
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        open(path);
    }

    /** Closes the current tab, as a user does, and goes back to the tab that is left. */
    void closeTab() {
        driver.close();
        driver.switchTo().window(driver.getWindowHandles().iterator().next());
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
