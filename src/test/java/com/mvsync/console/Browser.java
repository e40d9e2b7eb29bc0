package com.mvsync.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian driven through Debian's chromedriver: both paths are given, so Selenium Manager never
 * runs (it would try to download a browser). A fresh profile per run.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    public final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots = Path.of("target", "console-screenshots");

    public Browser() throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("the console's browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver");
        }
        profile = Files.createTempDirectory("mvsync-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        Files.createDirectories(screenshots);
    }

    public WebElement find(String css) {
        return waitFor(d -> {
            var found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "an element " + css);
    }

    /** Waits until the element's text contains the expected part; answers the whole text. */
    String textOf(String css, String expected) {
        String[] last = {""};
        try {
            return waitFor(d -> {
                var found = d.findElements(By.cssSelector(css));
                last[0] = found.isEmpty() ? "(no such element)" : found.get(0).getText();
                return last[0].contains(expected) ? last[0] : null;
            }, "'" + expected + "' in " + css);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("waited for '" + expected + "' in " + css + "; it shows: " + last[0], e);
        }
    }

    public <T> T waitFor(ExpectedCondition<T> condition, String what) {
        // The console re-renders whole sections after each answer, so an element found a moment ago may be gone.
        return new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage("waiting for " + what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    void screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
