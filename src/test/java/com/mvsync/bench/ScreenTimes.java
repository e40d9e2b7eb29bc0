package com.mvsync.bench;

import com.mvsync.console.Browser;
import org.openqa.selenium.JavascriptExecutor;

/**
 * How long a console screen takes to show its data in headless Chromium: a fresh navigation to the screen, then a
 * script in the page waits (frame by frame) for the first data row and answers {@code performance.now()}, i.e. the
 * time since the navigation started, the page's own fetches included.
 */
final class ScreenTimes {

    private static final String FIRST_ROW = """
            const [css, done] = arguments;
            const look = () => document.querySelector(css) ? done(performance.now()) : requestAnimationFrame(look);
            look();""";

    private final String base;
    private final String token;

    ScreenTimes(int port, String token) {
        this.base = "http://127.0.0.1:" + port + "/console/index.html";
        this.token = token;
    }

    /** {@code loads} fresh loads of {@code #screen}, each timed to the first element {@code row}; nanoseconds. */
    long[] load(String screen, String row, int loads) throws Exception {
        long[] out = new long[loads];
        try (Browser browser = new Browser()) {
            JavascriptExecutor js = browser.driver;
            browser.driver.get(base);
            js.executeScript("sessionStorage.setItem('mvsync.token', arguments[0])", token); // signed in
            // On moto at full size a screen took over 30 s (each Query walks the whole table): wait long.
            browser.driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(
                    Long.getLong("bench.console.screen-timeout-s", 300)));
            for (int i = -1; i < loads; i++) { // one load first: Chromium's caches and the JIT warm
                browser.driver.get("about:blank");
                browser.driver.get(base + "#" + screen);
                double ms = ((Number) js.executeAsyncScript(FIRST_ROW, row)).doubleValue();
                if (i >= 0) {
                    out[i] = (long) (ms * 1_000_000);
                }
            }
        }
        return out;
    }
}
