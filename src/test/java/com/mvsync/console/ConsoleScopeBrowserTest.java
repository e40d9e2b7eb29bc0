package com.mvsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.local.LocalHttpServer;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Field mapping screen's scope switcher in headless Chromium, against a two-website Magento double (websites and
 * store views as {@code GET /V1/store/...} answer them; the US website's name is HTML): the Lead source overridden in
 * the EU website shows as overridden there, inherited from the default in the US website and inherited from the EU
 * website in its store view, and goes back to inherited with "Use inherited".
 */
@QuarkusTest
@TestProfile(ConsoleScopeBrowserTest.TwoWebsites.class)
class ConsoleScopeBrowserTest {

    static final String TOKEN = "console-scope-token";
    static final String US_NAME = "US <img src=x onerror=alert(1)>";
    static final String LEADSOURCE = "#mapping-grid tr[data-field=leadsource]";
    static FakeVtigerServer vtiger;
    static FakeMagentoServer magento;
    static Browser browser;

    /** The local runner with this class's own doubles and moto. */
    public static final class TwoWebsites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mvsync.local.port", "0", "mvsync.local.admin-token", TOKEN,
                    "mvsync.mapping.cache-ttl", "PT0S", "mvsync.settings.cache-ttl", "PT0S",
                    "mvsync.connection.parameter-prefix", "/console-scope-test/");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MotoDynamoDbResource.class), new TestResourceEntry(Doubles.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** A Vtiger double and a two-website Magento double of this class alone. */
    public static final class Doubles implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            vtiger = FakeVtigerServer.start();
            magento = FakeMagentoServer.start(0, 0, 0, 0).acceptBearer(TOKEN)
                    .useStores("two_websites_named_as_html.json");
            return Map.of("mvsync.vtiger.url", vtiger.baseUrl(),
                    "mvsync.vtiger.username", FakeVtigerServer.ADMIN_USER,
                    "mvsync.vtiger.access-key", FakeVtigerServer.ADMIN_ACCESS_KEY,
                    "mvsync.magento.base-url", magento.baseUrl(),
                    "mvsync.magento.access-token", TOKEN);
        }

        @Override
        public void stop() {
            vtiger.close();
            magento.close();
        }
    }

    @Inject
    LocalHttpServer server;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = new Browser();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void overridesTheLeadSourceInOneWebsiteAndShowsItInheritedElsewhere() throws Exception {
        browser.driver.get(url("/console"));
        browser.find("#token").sendKeys(TOKEN);
        browser.find("#sign-in button").click();
        browser.find("#screen-configuration");
        browser.driver.get(url("/console/index.html#mapping"));
        browser.find("#screen-mapping");
        browser.waitFor(d -> new Select(browser.find("#scope")).getOptions().size() == 6 ? true : null,
                "the scopes of two websites and three store views");
        List<String> options = new Select(browser.find("#scope")).getOptions().stream().map(WebElement::getText)
                .map(t -> t.replace('\u00a0', ' ').strip()).toList();
        assertThat(options).containsExactly("Default Config", "Website: " + US_NAME + " (us)",
                "Store view: US English (us_en) · USD", "Website: EU Website (eu)",
                "Store view: EU Deutsch (eu_de) · EUR", "Store view: EU English (eu_en) · EUR");
        new Select(browser.find("#mapping-type")).selectByValue("Lead");
        browser.textOf(LEADSOURCE + " td.code", "'Web Site'");

        pick("website:eu");
        browser.textOf(LEADSOURCE + " td.scope", "inherited from default");
        browser.find(LEADSOURCE + " button.edit").click();
        WebElement path = browser.find("#row-magentoField");
        path.clear();
        path.sendKeys("'Magento: EU store'");
        browser.find("#row-freeText").click();
        browser.find("#row-save").click();
        browser.textOf("#row-outcome", "leadsource saved.");
        browser.textOf(LEADSOURCE + " td.scope", "overridden in website:eu");
        assertThat(browser.find(LEADSOURCE + " td.code").getText()).isEqualTo("'Magento: EU store'");
        assertThat(browser.find(LEADSOURCE).getAttribute("data-inherited")).isEqualTo("false");
        browser.driver.executeScript("arguments[0].scrollIntoView()", browser.find("#scope"));
        browser.screenshot("mapping-scope-eu");

        pick("website:us");
        browser.textOf(LEADSOURCE + " td.scope", "inherited from default");
        assertThat(browser.find(LEADSOURCE + " td.code").getText()).isEqualTo("'Web Site'");
        pick("store:eu_de");
        browser.textOf(LEADSOURCE + " td.scope", "inherited from website:eu");
        assertThat(browser.find(LEADSOURCE + " td.code").getText()).isEqualTo("'Magento: EU store'");
        pick("default");
        browser.textOf(LEADSOURCE + " td.code", "'Web Site'");
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector(LEADSOURCE + " td.scope")))
                .as("the default scope's grid is as it always was").isEmpty();

        JsonNode eu = api("/admin/mappings/Lead/leadsource?scope=website:eu");
        JsonNode plain = api("/admin/mappings/Lead/leadsource");
        assertThat(eu.path("magentoField").asText()).isEqualTo("'Magento: EU store'");
        assertThat(eu.path("freeText").asBoolean()).isTrue();
        assertThat(plain.path("magentoField").asText()).isEqualTo("'Web Site'");

        pick("website:eu");
        browser.textOf(LEADSOURCE + " td.scope", "overridden in website:eu");
        browser.find(LEADSOURCE + " button.inherit").click();
        browser.textOf("#mapping-outcome", "leadsource is inherited again in website:eu.");
        browser.textOf(LEADSOURCE + " td.scope", "inherited from default");
        assertThat(browser.find(LEADSOURCE + " td.code").getText()).isEqualTo("'Web Site'");
        assertThat(api("/admin/mappings/Lead/leadsource?scope=website:eu").path("inherited").asBoolean()).isTrue();
        assertThatNoAlert();
    }

    private void pick(String scope) {
        new Select(browser.find("#scope")).selectByValue(scope);
    }

    private void assertThatNoAlert() {
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("a Magento name ran as HTML");
        } catch (NoAlertPresentException expected) {
            // names from Magento are text
        }
    }

    private JsonNode api(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + TOKEN)
                .GET().build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
