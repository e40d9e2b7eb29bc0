package com.mvsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.IntSupplier;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console under test as its browser tests reach it: its URLs on the local runner, its screens in the shared
 * browser, and its admin API over HTTP with the token (one place, not a copy per test class).
 */
final class ConsoleSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Browser browser;
    private final IntSupplier port;
    private final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    /** {@code port}: asked at each call, as the runner's port is known only once the test runs. */
    ConsoleSession(Browser browser, IntSupplier port, String token) {
        this.browser = browser;
        this.port = port;
        this.token = token;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port.getAsInt() + path;
    }

    /** Signs in afresh: the tab's stored token is dropped first, as the tests of a class share one browser. */
    void signIn() {
        browser.driver.get(url("/console/index.html"));
        ((JavascriptExecutor) browser.driver).executeScript("sessionStorage.clear()");
        browser.driver.navigate().refresh();
        browser.find("#token").sendKeys(token);
        browser.find("#sign-in button").click();
        browser.find("#screen-configuration");
    }

    void open(String screen) {
        browser.driver.get(url("/console/index.html#" + screen));
        browser.find("#screen-" + screen);
    }

    /** An admin API call with the token; its answer must be a 2xx, whose JSON is returned. */
    JsonNode apiJson(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isLessThan(300);
        return JSON.readTree(answer.body());
    }
}
