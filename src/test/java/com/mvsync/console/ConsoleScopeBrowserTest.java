package com.mvsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.local.LocalHttpServer;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.webhook.auth.HmacSignature;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

    ConsoleSession console;

    @BeforeEach
    void session() {
        console = new ConsoleSession(browser, server::port, TOKEN);
    }

    @Test
    void overridesTheLeadSourceInOneWebsiteAndShowsItInheritedElsewhere() throws Exception {
        console.signIn();
        browser.driver.get(console.url("/console/index.html#mapping"));
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

    /**
     * The Synchronization screen's switcher: customers switched off in the EU website show overridden there,
     * inherited (enabled) in the US website and inherited from the EU website in its store view; an EU customer's
     * webhook is then answered as switched off with nothing written to Vtiger while a US customer syncs.
     */
    @Test
    void switchesCustomersOffInOneWebsiteAndItsWebhooksAreSkippedWhileTheOtherSyncs() throws Exception {
        console.signIn();
        browser.driver.get(console.url("/console/index.html#synchronization"));
        browser.find("#screen-synchronization");
        browser.waitFor(d -> new Select(browser.find("#scope")).getOptions().size() == 6 ? true : null,
                "the scopes of two websites and three store views");
        browser.find("#enabled-CONTACTS");

        pick("website:eu");
        browser.textOf(TYPE + "CONTACTS] .scope-enabled", "inherited from default");
        assertThat(browser.find("#enabled-CONTACTS").isEnabled()).as("locked until Override").isFalse();
        for (String type : CUSTOMER_TYPES) {
            browser.find(TYPE + type + "] button.override").click();
            browser.find("#enabled-" + type).click();
        }
        browser.find("#save-types").click();
        browser.textOf("#types-outcome", "Saved in website:eu.");
        for (String type : CUSTOMER_TYPES) {
            browser.textOf(TYPE + type + "] .scope-enabled", "overridden in website:eu");
            assertThat(browser.find("#enabled-" + type).isSelected()).isFalse();
        }
        assertThat(browser.find(TYPE + "CONTACTS] .scope-mode").getText()).isEqualTo("inherited from default");
        browser.textOf(TYPE + "PRODUCTS] .scope-enabled", "the same in every website");
        browser.screenshot("settings-scope-eu");

        pick("website:us");
        browser.textOf(TYPE + "CONTACTS] .scope-enabled", "inherited from default");
        assertThat(browser.find("#enabled-CONTACTS").isSelected()).isTrue();
        pick("store:eu_de");
        browser.textOf(TYPE + "CONTACTS] .scope-enabled", "inherited from website:eu");
        assertThat(browser.find("#enabled-CONTACTS").isSelected()).isFalse();
        pick("default");
        browser.waitFor(d -> browser.find("#enabled-CONTACTS").isSelected() ? true : null, "the default: enabled");
        assertThat(browser.driver.findElement(org.openqa.selenium.By.cssSelector(TYPE + "CONTACTS] .scope-enabled"))
                .getText()).as("the default scope's rows are as they always were").isEmpty();

        long id = System.currentTimeMillis() % 1_000_000 + 70_000_000;
        String euEmail = "eu" + id + "@example.com";
        String usEmail = "us" + id + "@example.com";
        JsonNode eu = webhook(customer(id, euEmail, 2, 3));
        assertThat(eu.path("status").asText()).isEqualTo("skipped");
        assertThat(eu.path("message").asText()).isEqualTo("customer sync is switched off in the settings of"
                + " store:eu_en");
        assertThat(vtiger.records("Contacts")).noneMatch(c -> euEmail.equals(c.get("email")));
        assertThat(vtiger.records("Leads")).noneMatch(c -> euEmail.equals(c.get("email")));
        JsonNode us = webhook(customer(id + 1, usEmail, 1, 1));
        assertThat(us.path("vtiger").path("Contacts").asText()).isNotEmpty();
        assertThat(vtiger.records("Contacts")).filteredOn(c -> usEmail.equals(c.get("email"))).hasSize(1);

        pick("website:eu");
        browser.textOf(TYPE + "CONTACTS] .scope-enabled", "overridden in website:eu");
        browser.find(TYPE + "CONTACTS] button.inherit").click();
        browser.textOf("#types-outcome", "Contacts is inherited again in website:eu.");
        browser.textOf(TYPE + "CONTACTS] .scope-enabled", "inherited from default");
        assertThat(browser.find("#enabled-CONTACTS").isSelected()).isTrue();
        assertThat(api("/admin/settings?scope=website:eu").path("types").path("CONTACTS").path("from")
                .path("enabled").path("inherited").asBoolean()).isTrue();
        assertThat(api("/admin/settings?scope=website:eu").path("types").path("LEADS").path("enabled").asBoolean())
                .isFalse();
        assertThatNoAlert();
        for (String type : CUSTOMER_TYPES) {
            send("DELETE", "/admin/settings/" + type + "?scope=website:eu", null, Map.of("Authorization",
                    "Bearer " + TOKEN));
        }
    }

    static final String TYPE = "#types-form tr[data-type=";
    static final List<String> CUSTOMER_TYPES = List.of("LEADS", "ORGANIZATIONS", "CONTACTS");

    private static String customer(long id, String email, int websiteId, int storeId) throws Exception {
        ObjectNode c = (ObjectNode) new ObjectMapper().readTree(Samples.customer("rest/customer_get_42.json", id,
                email));
        c.put("website_id", websiteId).put("store_id", storeId);
        return c.toString();
    }

    private JsonNode webhook(String body) throws Exception {
        HttpResponse<String> answer = send("POST", "/webhooks/customers/created", body, Map.of("X-Mvsync-Signature",
                HmacSignature.header(HttpApiRequests.HMAC_SECRET, Instant.now().getEpochSecond(),
                        body.getBytes(StandardCharsets.UTF_8))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.url(path))).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(String path) throws Exception {
        return console.apiJson("GET", path, null);
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
}
