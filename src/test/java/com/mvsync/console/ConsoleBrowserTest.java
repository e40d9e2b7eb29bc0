package com.mvsync.console;

import com.mvsync.store.Outcome;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueuedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.local.LocalHttpServer;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.queue.QueueStore;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.webhook.auth.HmacSignature;
import io.quarkus.test.common.QuarkusTestResource;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console in headless Chromium, served by the local runner over real HTTP, against moto, the Vtiger double
 * and the Magento double: every flow of issue 11's "Tests in a real browser", in order, one screenshot per screen
 * under target/console-screenshots/.
 */
@QuarkusTest
@TestProfile(ConsoleBrowserTest.ConsoleRun.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final String TOKEN = "console-test-token";
    static final String XSS = "<img src=x onerror=alert(1)>";
    // style.css's --bad, --warn and --ok as Chromium computes them
    static final String RED = "rgba(179, 38, 30, 1)";
    static final String AMBER = "rgba(178, 106, 0, 1)";
    static final String GREEN = "rgba(27, 127, 59, 1)";

    public static class ConsoleRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mvsync.local.port", "0", "mvsync.local.admin-token", TOKEN,
                    "mvsync.store.table", "console-browser-test", "mvsync.mapping.cache-ttl", "PT0S",
                    "mvsync.connection.parameter-prefix", "/console-browser-test/",
                    "mvsync.connection.cache-ttl", "PT0S", "mvsync.settings.cache-ttl", "PT0S");
        }
    }

    static Browser browser;

    @Inject
    LocalHttpServer server;
    @Inject
    QueueStore queue;
    @Inject
    Drainer drainer;

    final FakeVtigerServer vtiger = FakeVtigerResource.server();
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

    void open(String screen) {
        browser.driver.get(url("/console/index.html#" + screen));
        browser.find("#screen-" + screen);
    }

    @Test
    @Order(1)
    void signsInWithTheLocalTokenAndRefusesAWrongOne() throws Exception {
        browser.driver.get(url("/console"));
        browser.find("#token");
        // The nav (with Sign out) is hidden until signed in: its display:flex must not beat the hidden attribute.
        assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).as("nav on the sign-in page").isFalse();
        assertThat(browser.driver.findElement(By.id("sign-out")).isDisplayed()).isFalse();
        browser.screenshot("sign-in");
        browser.find("#token").sendKeys("not-the-token");
        browser.find("#sign-in button").click();
        assertThat(browser.textOf("#sign-in-outcome", "refused")).contains("sign in again");

        browser.find("#token").clear();
        browser.find("#token").sendKeys(TOKEN);
        browser.find("#sign-in button").click();
        browser.find("#screen-configuration");
        assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).isTrue();
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(TOKEN);
        assertThat((String) browser.driver.executeScript("return document.cookie")).isEmpty();
    }

    @Test
    @Order(2)
    void savesAConnectionAndChecksItAgainstTheVtigerDouble() throws Exception {
        open("configuration");
        browser.textOf("#connection-outcome", "loaded");
        setText("#vtiger-url", vtiger.baseUrl());
        setText("#vtiger-username", FakeVtigerServer.ADMIN_USER);
        setText("#vtiger-accessKey", "WrongKey12345678");
        browser.find("#save-connection").click();
        // Checked before it is stored: refused with what is wrong, and not saved without the admin's confirmation.
        String refused = browser.textOf("#connection-outcome", "Not saved");
        assertThat(refused).contains("username or access key is wrong");
        assertThat(browser.textOf("#save-refused", "Failed")).contains("username or access key is wrong");
        assertThat(apiJson("GET", "/admin/connection", null).path("vtiger").path("accessKey").path("last4").asText())
                .as("nothing stored").isNotEqualTo("5678");
        browser.find("#save-anyway").click();
        browser.textOf("#connection-outcome", "Saved although the check failed");
        assertThat(browser.textOf("#vtiger-accessKey-state", "5678")).isEqualTo("set · ends in 5678");
        browser.find("#check-connection").click();
        String failed = browser.textOf("#check-vtiger", "Failed");
        browser.textOf("#check-outcome", "Vtiger: failed");
        assertColour("#check-outcome", "error", RED);
        browser.screenshot("configuration-check-failed");
        String apiMessage = apiJson("POST", "/admin/connection/check", null).path("vtiger").path("message").asText();
        assertThat(apiMessage).isNotBlank();
        assertThat(failed).contains(apiMessage);

        setText("#vtiger-accessKey", FakeVtigerServer.ADMIN_ACCESS_KEY);
        browser.find("#save-connection").click();
        browser.textOf("#connection-outcome", "Saved: the connection checks OK.");
        browser.find("#check-connection").click();
        String passed = browser.textOf("#check-vtiger", "OK");
        browser.textOf("#check-outcome", "Vtiger: connected · Magento: connected");
        assertColour("#check-outcome", "ok", GREEN);
        assertThat(passed).contains("signed in as").contains("Contacts");
        assertThat(browser.textOf("#check-currency", "decimals")).contains("2 decimals").contains("currency USD");
        browser.textOf("#check-magento", "OK");
        vtiger.setCurrencyDecimals(FakeVtigerServer.ADMIN_USER, 0); // a stock admin who never saw My Preferences
        try {
            browser.find("#check-connection").click();
            String attention = browser.textOf("#check-vtiger", "Needs attention");
            assertThat(attention).contains("0 decimals")
                    .contains("the Vtiger user admin rounds to 0 decimals; set My Preferences > Currency decimals to 2");
            browser.textOf("#check-outcome", "Vtiger: connected, needs attention");
            assertColour("#check-outcome", "warn", AMBER);
        } finally {
            vtiger.setCurrencyDecimals(FakeVtigerServer.ADMIN_USER, 2);
        }
        assertThat(browser.driver.getPageSource()).doesNotContain(FakeVtigerServer.ADMIN_ACCESS_KEY)
                .doesNotContain(FakeMagentoResource.TOKEN);
        browser.screenshot("configuration");
    }

    @Test
    @Order(3)
    void switchesContactsToCronAndAddsAllCustomersToTheQueue() throws Exception {
        open("synchronization");
        browser.textOf("#types-outcome", "loaded");
        // Each row's inputs as GET /admin/settings/fields declares the type's fields.
        assertThat(new Select(browser.find("#mode-CONTACTS")).getOptions()).extracting(o -> o.getDomProperty("value"))
                .containsExactly("immediate", "cron");
        assertThat(browser.find("#period-CONTACTS").getDomAttribute("min")).isEqualTo("1");
        assertThat(browser.find("#period-CONTACTS").getDomAttribute("max")).isEqualTo("1440");
        new Select(browser.find("#mode-CONTACTS")).selectByValue("cron");
        setText("#period-CONTACTS", "10");
        browser.find("#save-types").click();
        browser.textOf("#types-outcome", "Saved.");
        JsonNode contacts = apiJson("GET", "/admin/settings", null).path("types").path("CONTACTS");
        assertThat(contacts.path("mode").asText()).isEqualTo("cron");
        assertThat(contacts.path("periodMinutes").asInt()).isEqualTo(10);

        // The "Always fetch" checkbox sits on its text's line, right beside it (it was stretched below it).
        WebElement alwaysFetch = browser.find("#policy-alwaysFetch");
        org.openqa.selenium.Rectangle box = alwaysFetch.getRect();
        org.openqa.selenium.Rectangle text = alwaysFetch.findElement(By.xpath("./parent::label/span")).getRect();
        assertThat(text.getY() + text.getHeight() / 2).as("the checkbox's line")
                .isBetween(box.getY(), box.getY() + box.getHeight());
        assertThat(text.getX() - (box.getX() + box.getWidth())).as("the gap between checkbox and text").isBetween(0, 16);
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", alwaysFetch);
        browser.screenshot("synchronization-record-policy");

        new Select(browser.find("#policy-firstLink")).selectByValue("vtiger-wins");
        browser.find("#save-policy").click();
        browser.textOf("#policy-outcome", "Record policy saved.");
        assertThat(apiJson("GET", "/admin/settings", null).path("records").path("firstLink").asText())
                .isEqualTo("vtiger-wins");

        // Source of changes: customers polled besides their webhooks; the row shows no run yet.
        browser.textOf("#poll-outcome", "loaded");
        assertThat(new Select(browser.find("#source-customer")).getOptions()).extracting(o -> o.getDomProperty("value"))
                .containsExactly("webhooks", "poll", "both");
        new Select(browser.find("#source-customer")).selectByValue("both");
        browser.find("#save-sources").click();
        browser.textOf("#poll-outcome", "Sources saved.");
        JsonNode source = apiJson("GET", "/admin/settings", null).path("sources").path("customer");
        assertThat(source.path("source").asText()).isEqualTo("both");
        assertThat(source.path("startFrom").asText()).isNotEmpty();
        // The poll table is drawn again from the saved settings once they arrive: wait for it, then read it.
        String startFrom = source.path("startFrom").asText();
        browser.waitFor(d -> startFrom.equals(d.findElement(By.id("start-customer")).getDomProperty("value")) ? true
                : null, "the start of customer polling to show " + startFrom);
        assertThat(browser.find("#poll-customer .status").getText()).isEqualTo("—");
        apiJson("PUT", "/admin/settings", "{\"sources\":{\"customer\":{\"source\":\"webhooks\"}}}");

        browser.find("#backfill-customers-restart").click();
        String done = browser.textOf("#backfill-customers-outcome", "Done");
        long total = FakeMagentoResource.server().requestCount("/rest/all/V1/customers/search") >= 0 ? 3 : 0;
        assertThat(done).isEqualTo("Done: " + total + " customers queued.");
        WebElement bar = browser.find("#backfill-customers-bar");
        assertThat(bar.getDomProperty("value")).isEqualTo(bar.getDomProperty("max"));
        assertThat(browser.find("#backfill-customers-text").getText()).startsWith("3 / 3 queued").endsWith("done");
        browser.textOf("#drain-estimate", "pending");
        browser.screenshot("synchronization");
    }

    @Test
    @Order(4)
    void addsAMappingRowRefusesABadPathAndPreviewsACustomer() throws Exception {
        open("mapping");
        new Select(browser.find("#mapping-type")).selectByValue("Contact");
        browser.waitFor(d -> new Select(d.findElement(By.id("row-vtigerField"))).getOptions().size() > 5 ? true : null,
                "the Contacts fields from describe");
        browser.textOf("#describe-message", "Vtiger's Contacts module");
        int rowsBefore = apiJson("GET", "/admin/mappings?type=Contact", null).path("types").get(0).path("mappings")
                .size();
        browser.textOf("#mapping-count", rowsBefore + " rows for Contact");
        Select vtigerField = new Select(browser.find("#row-vtigerField"));
        assertThat(vtigerField.getOptions().stream().map(WebElement::getText))
                .anyMatch(t -> t.startsWith("* ") && t.contains("(lastname)"));
        vtigerField.selectByValue("title");

        String bad = "'VIP ' + ";
        setText("#row-magentoField", bad);
        String apiMessage = apiJson("POST", "/admin/mappings/validate",
                "{\"type\":\"Contact\",\"vtigerField\":\"title\",\"magentoField\":\"'VIP ' + \"}").path("message").asText();
        assertThat(apiMessage).isNotBlank();
        browser.textOf("#path-message", apiMessage);
        browser.find("#row-save").click();
        browser.textOf("#row-outcome", apiMessage);

        setText("#row-magentoField", "'VIP ' + lastname");
        browser.textOf("#path-message", "Valid.");
        browser.find("#row-save").click();
        browser.textOf("#row-outcome", "title added.");
        // The grid reloads on the page that holds the added row, however many rows come before it.
        browser.textOf("#mapping-grid tr[data-field=title]", "'VIP ' + lastname");
        // The count follows the list after the change (it said 17 rows with 18 shown).
        browser.textOf("#mapping-count", (rowsBefore + 1) + " rows for Contact");
        assertThat(browser.find("#screen-mapping").getText()).doesNotContainPattern("\\b" + rowsBefore + " rows");
        // Vtiger's label from describe, the API name beside it.
        browser.textOf("#mapping-grid tr[data-field=title] td.vtiger-field", "Title (title)");
        browser.driver.executeScript("arguments[0].scrollIntoView()", browser.find("#mapping-type"));
        browser.screenshot("mapping-grid");
        assertThat(browser.find("#mapping-grid tr[data-field=title] td.rules").getText()).isEqualTo("always");
        // The row's rules, edited in the grid's editor: on create only, a picklist value written as free text.
        browser.find("#mapping-grid tr[data-field=title] button.edit").click();
        assertThat(new Select(browser.find("#row-write")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("always");
        assertThat(new Select(browser.find("#row-write")).getOptions()).extracting(o -> o.getAttribute("value"))
                .as("when-empty-if-shared is for Organizations").containsExactly("always", "when-empty", "on-create");
        new Select(browser.find("#row-write")).selectByValue("on-create");
        browser.find("#row-freeText").click();
        browser.find("#row-save").click();
        browser.textOf("#row-outcome", "title saved.");
        browser.textOf("#mapping-grid tr[data-field=title] td.rules", "on create only · picklist: free text");
        JsonNode saved = apiJson("GET", "/admin/mappings/Contact/title", null);
        assertThat(saved.path("write").asText()).isEqualTo("on-create");
        assertThat(saved.path("freeText").asBoolean()).isTrue();
        assertThat(saved.path("htmlToText").asBoolean()).isFalse();
        browser.textOf("#mapping-grid tr[data-field=description] td.rules", "HTML → text");
        // Two-way sync: every row flows Magento → Vtiger until the admin turns it; a path Magento cannot take back
        // is refused, naming it.
        browser.textOf("#mapping-grid tr[data-field=title] td.direction", "Magento → Vtiger");
        browser.find("#mapping-grid tr[data-field=title] button.edit").click();
        assertThat(browser.driver.findElement(By.id("row-conflict")).isDisplayed())
                .as("the conflict rule is asked only for a row both ways").isFalse();
        new Select(browser.find("#row-direction")).selectByValue("vtiger-to-magento");
        browser.find("#row-save").click();
        browser.textOf("#row-outcome", "''VIP ' + lastname' cannot be written to Magento");
        // Phone both ways, Vtiger winning conflicts: shown in the grid (page 1 on a fresh load of the type).
        apiJson("PUT", "/admin/mappings/Contact/phone", "{\"direction\":\"both\",\"conflict\":\"vtiger-wins\"}");
        new Select(browser.find("#mapping-type")).selectByValue("Lead");
        new Select(browser.find("#mapping-type")).selectByValue("Contact");
        browser.textOf("#mapping-grid tr[data-field=phone] td.direction", "both ways · Vtiger wins");
        browser.find("#mapping-grid tr[data-field=phone] button.edit").click();
        assertThat(new Select(browser.find("#row-direction")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("both");
        assertThat(browser.find("#row-conflict").isDisplayed()).isTrue();
        new Select(browser.find("#row-direction")).selectByValue("magento-to-vtiger");
        browser.find("#row-save").click();
        browser.textOf("#row-outcome", "phone saved.");
        assertThat(apiJson("GET", "/admin/mappings/Contact/phone", null).path("direction").asText())
                .isEqualTo("magento-to-vtiger");

        new Select(browser.find("#preview-entity")).selectByValue("customer");
        setText("#preview-id", "1");
        browser.find("#preview-run").click();
        browser.textOf("#preview-outcome", "nothing was written");
        String contact = browser.textOf("#preview-result [data-module=Contacts]", "Title (title)");
        assertThat(contact).contains("Last Name (lastname)");
        String lastname = FakeMagentoResource.server().baseUrl().isEmpty() ? "" : "VIP ";
        assertThat(contact).contains(lastname);
        assertThat(browser.find("#preview-result").getText()).contains("Leads").contains("Accounts");
        browser.screenshot("mapping");
        browser.driver.executeScript("arguments[0].scrollIntoView()", browser.find("#preview-result"));
        browser.screenshot("mapping-preview");
    }

    @Test
    @Order(5)
    void showsAnXssProductNameAsText() throws Exception {
        open("mapping");
        int writesBefore = vtiger.calls("create") + vtiger.calls("update") + vtiger.calls("revise");
        new Select(browser.find("#preview-entity")).selectByValue("product");
        setText("#preview-payload", "{\"sku\":\"XSS-1\",\"name\":\"" + XSS + "\",\"price\":9.5,\"status\":1}");
        browser.find("#preview-run").click();
        browser.textOf("#preview-outcome", "nothing was written");
        // The value shows as text, beside Vtiger's label of the field.
        browser.textOf("#preview-result [data-module=Products]", "Product Name (productname) " + XSS);
        assertThat(browser.driver.findElements(By.cssSelector("#preview-result img"))).isEmpty();
        assertNoAlert();
        assertThat(vtiger.calls("create") + vtiger.calls("update") + vtiger.calls("revise")).isEqualTo(writesBefore);
    }

    @Test
    @Order(6)
    void showsADeadLetterAndRetriesIt() throws Exception {
        String key = "order#990001";
        queue.deadLetter(new QueuedEvent.Arrival(EntityType.ORDER, key, "ordersPlaced", "ev-990001", "{}"),
                "Vtiger has no currency EUR: add currency EUR in Vtiger (Settings > Currencies), then retry");
        open("queue");
        new Select(browser.find("#queue-status")).selectByValue("dead");
        String row = browser.textOf("#queue-list [data-key='" + key + "']", "no currency EUR");
        assertThat(row).contains(key);
        assertThat(browser.find("#count-dead").getText()).startsWith("1");
        browser.screenshot("queue");
        browser.find("#queue-list [data-key='" + key + "'] button.retry").click();
        browser.textOf("#queue-outcome", key + " is pending again.");
        browser.waitFor(d -> d.findElement(By.cssSelector("#count-dead strong")).getText().equals("0") ? true : null,
                "no dead item left");
        assertThat(queue.get(key).orElseThrow().status().wire()).isEqualTo("pending");
    }

    @Test
    @Order(7)
    void reportsSyncedRecordsWithLinksIntoVtiger() throws Exception {
        contactsImmediately();
        long id = 770000 + System.nanoTime() % 10000;
        String body = Samples.customer("rest/customer_get_42.json", id, "report" + id + "@example.com")
                .replaceFirst("\"firstname\"\\s*:\\s*\"[^\"]*\"", "\"firstname\": \"" + XSS.replace("\"", "\\\"") + "\"");
        signedPost("/webhooks/customers/created", body);

        // Magento's admin URL (its front name is the store's own), so the history links the customer's page there.
        assertThat(send("PUT", "/admin/connection?force=true",
                "{\"magento\":{\"adminUrl\":\"https://shop.example.com/admin_x7k/\"}}",
                Map.of("Authorization", "Bearer " + TOKEN)).statusCode()).isEqualTo(200);
        open("report");
        setText("#log-magentoId", Long.toString(id));
        browser.find("#log-apply").click();
        browser.textOf("#log-outcome", "1 entries.");
        List<WebElement> links = browser.driver.findElements(By.cssSelector("#log-list a.vtiger-link"));
        assertThat(links).isNotEmpty();
        // Each link shows the record's name as the sync wrote it, its module and webservice id in its title.
        assertThat(links).anySatisfy(l -> assertThat(l.getText()).isEqualTo("Contacts: " + XSS + " "
                + Samples.surname(id)));
        for (WebElement link : links) {
            String href = link.getAttribute("href");
            String[] moduleAndId = link.getAttribute("title").split(" ");
            String crmid = moduleAndId[1].substring(moduleAndId[1].indexOf('x') + 1);
            assertThat(href).isEqualTo(vtiger.baseUrl() + "/index.php?module=" + moduleAndId[0]
                    + "&view=Detail&record=" + crmid);
            assertThat(vtiger.record(moduleAndId[1])).as("the record %s exists in Vtiger", moduleAndId[1]).isPresent();
        }
        assertThat(browser.textOf("#daily-chart", "in all")).doesNotContain(": 0 in all");
        new Select(browser.find("#log-result")).selectByValue("dead");
        browser.find("#log-apply").click();
        browser.textOf("#log-outcome", "0 entries.");
        assertNoAlert();
        new Select(browser.find("#log-result")).selectByValue("");
        setText("#log-magentoId", "");
        browser.find("#log-apply").click();
        browser.textOf("#log-outcome", "entries.");
        browser.screenshot("report");

        // From later than To asks for nothing: refused with a message, and the log is not asked.
        String logCalls = "return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.includes('/admin/log?')).length";
        long callsBefore = ((Number) browser.driver.executeScript(logCalls)).longValue();
        browser.driver.executeScript("arguments[0].value = '2026-05-10'; arguments[1].value = '2026-05-01';",
                browser.find("#log-from"), browser.find("#log-to"));
        browser.find("#log-apply").click();
        assertThat(browser.textOf("#log-outcome", "later than To")).contains("2026-05-10").contains("2026-05-01");
        assertColour("#log-outcome", "error", RED);
        assertThat(((Number) browser.driver.executeScript(logCalls)).longValue()).isEqualTo(callsBefore);
        assertThat(browser.driver.findElement(By.id("log-list")).getText()).isEmpty();
        browser.screenshot("report-dates-refused");
    }

    @Test
    @Order(7)
    void reportShowsTheNameOpensWhatASyncWroteAndAnEntitysHistory() throws Exception {
        contactsImmediately();
        long id = 880000 + System.nanoTime() % 10000;
        String email = "history" + id + "@example.com";
        signedPost("/webhooks/customers/created", Samples.customer("rest/customer_get_42.json", id, email));
        signedPost("/webhooks/customers/updated",
                Samples.customer("adobe-io-events/02_customer_save_commit_after_edited.json", id, email));

        // Magento's admin URL (its front name is the store's own), so the history links the customer's page there.
        assertThat(send("PUT", "/admin/connection?force=true",
                "{\"magento\":{\"adminUrl\":\"https://shop.example.com/admin_x7k/\"}}",
                Map.of("Authorization", "Bearer " + TOKEN)).statusCode()).isEqualTo(200);
        open("report");
        setText("#log-magentoId", Long.toString(id));
        browser.find("#log-apply").click();
        browser.textOf("#log-outcome", "2 entries.");
        String edited = "Maria " + Samples.editedSurname(id) + " <" + email + ">";
        // The label the entity had at each sync, beside its type and Magento id; the newest first.
        browser.textOf("#log-list tbody tr:first-child td.entity", edited);
        browser.textOf("#log-list tbody tr:nth-child(2) td.entity", "Maria " + Samples.surname(id) + " <" + email + ">");
        browser.screenshot("report-labels");

        // A row opens what that sync wrote: the Contact's lastname, before → after.
        browser.find("#log-list tbody tr:first-child td.error-text").click();
        browser.textOf("#log-changes", "lastname");
        List<String> changes = browser.driver.findElements(By.cssSelector("#log-changes tr.change")).stream()
                .map(WebElement::getText).toList();
        assertThat(changes).contains("Contacts lastname " + Samples.surname(id) + " → " + Samples.editedSurname(id));
        browser.screenshot("report-entry-changes");

        // The entity's name opens its history: both syncs, newest first, and the customer's page in Magento's admin.
        browser.find("#log-list tbody tr:first-child button.history-link").click();
        browser.textOf("#history-outcome", "2 syncs of customer#" + id + ", newest first.");
        assertThat(browser.find("#history-magento").getAttribute("href"))
                .isEqualTo("https://shop.example.com/admin_x7k/customer/index/edit/id/" + id + "/");
        List<String> history = browser.driver.findElements(By.cssSelector("#log-history tbody td.entity")).stream()
                .map(WebElement::getText).toList();
        assertThat(history).hasSize(2);
        assertThat(history.get(0)).startsWith(edited);
        assertThat(history.get(1)).startsWith("Maria " + Samples.surname(id));
        browser.screenshot("report-history");

        // The search box finds the customer's entries of every type by its e-mail (any case), over everything the
        // log keeps: its two syncs and the order it placed.
        signedPost("/webhooks/orders/placed", Samples.sales("rest/order_get_3005.json", id, id, email));
        setText("#log-magentoId", "");
        setText("#log-search", email.toUpperCase(java.util.Locale.ROOT));
        browser.find("#log-search-run").click();
        browser.textOf("#log-outcome", "3 entries found for");
        List<String> found = browser.driver.findElements(By.cssSelector("#log-list tbody td.entity")).stream()
                .map(WebElement::getText).toList();
        assertThat(found).hasSize(3).allSatisfy(t -> assertThat(t).contains("<" + email + ">"));
        assertThat(found).anySatisfy(t -> assertThat(t).contains("#9" + id));
        // The order's buyer by name, though the order's sync only linked the customer's records (it wrote none).
        String orderLinks = browser.find("#log-list tbody tr[data-entity='order#" + id + "'] td.links").getText();
        assertThat(orderLinks).contains("Contacts: Maria " + Samples.editedSurname(id))
                .contains("Accounts: Keller Design " + id).doesNotContainPattern("Contacts \\d+x\\d+");
        assertThat(browser.driver.findElement(By.id("log-history")).isDisplayed()).as("the history of the list before")
                .isFalse();
        browser.screenshot("report-search");
        assertNoAlert();
    }

    /** The synchronization step left customers in cron mode; a report test's customer is synced at once. */
    private void contactsImmediately() throws Exception {
        send("PUT", "/admin/settings", "{\"types\":{\"CONTACTS\":{\"mode\":\"immediate\"}}}",
                Map.of("Authorization", "Bearer " + TOKEN));
    }

    private void signedPost(String path, String body) throws Exception {
        HttpResponse<String> answer = send("POST", path, body, Map.of("X-Mvsync-Signature",
                HmacSignature.header(HttpApiRequests.HMAC_SECRET, Instant.now().getEpochSecond(),
                        body.getBytes(StandardCharsets.UTF_8))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void theShellIsPublicWithStrictHeadersAndTheApiIsNot() throws Exception {
        HttpResponse<String> shell = send("GET", "/console/index.html", null, Map.of());
        assertThat(shell.statusCode()).isEqualTo(200);
        assertThat(shell.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(shell.headers().firstValue("content-security-policy").orElseThrow()).startsWith("default-src 'self'")
                .doesNotContain("unsafe");
        assertThat(shell.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(send("GET", "/console/app.js", null, Map.of()).headers().firstValue("content-type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(send("GET", "/console/..%2Fapplication.properties", null, Map.of()).statusCode()).isEqualTo(404);
        // An icon of its own, so the browser does not ask for /favicon.ico (a 404 on every load).
        var icon = java.util.regex.Pattern.compile("<link rel=\"icon\" href=\"([a-z0-9-]+\\.svg)\"")
                .matcher(shell.body());
        assertThat(icon.find()).as("a <link rel=icon> in index.html").isTrue();
        HttpResponse<String> iconFile = send("GET", "/console/" + icon.group(1), null, Map.of());
        assertThat(iconFile.statusCode()).isEqualTo(200);
        assertThat(iconFile.headers().firstValue("content-type")).hasValue("image/svg+xml");
        assertThat(iconFile.body()).startsWith("<svg");
        assertThat(json.readTree(send("GET", "/console/config.json", null, Map.of()).body()).path("auth").asText())
                .isEqualTo("token");
        for (String route : List.of("/admin/queue/counts", "/admin/log/daily", "/admin/describe/Contact")) {
            assertThat(send("GET", route, null, Map.of()).statusCode()).isEqualTo(401);
        }
        assertThat(send("POST", "/admin/preview", "{}", Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(9)
    void aConnectionPauseShowsABannerOnEveryScreenUntilTheConnectionIsFixed() throws Exception {
        // A mistyped key saved on purpose, then the drain meets it: the sync pauses instead of making dead letters.
        JsonNode forced = apiJson("PUT", "/admin/connection?force=true",
                "{\"vtiger\":{\"accessKey\":\"MistypedKey-0000\"}}");
        assertThat(forced.path("vtiger").path("accessKey").path("last4").asText()).isEqualTo("0000");
        long id = 990000 + System.nanoTime() % 10000;
        queue.enqueue(new QueuedEvent.Arrival(EntityType.CUSTOMER, "customer#" + id, "customersCreated",
                "banner:" + id, Samples.customer("rest/customer_get_42.json", id, "banner" + id + "@example.com")));
        drainer.drain(new DrainRequest(java.time.Duration.ofSeconds(10), 2, java.util.Set.of(EntityType.values()),
                Instant.now()));
        assertThat(apiJson("GET", "/admin/pause", null).path("paused").asBoolean()).isTrue();

        for (String screen : List.of("queue", "report", "synchronization", "mapping", "configuration")) {
            open(screen);
            String banner = browser.textOf("#pause-banner", "Sync paused since");
            assertThat(banner).as(screen).contains("the Vtiger connection failed").contains("Vtiger refused the login")
                    .doesNotContain("MistypedKey");
        }
        browser.screenshot("pause-banner");
        assertThat(queue.get("customer#" + id).orElseThrow().attempts()).isZero();

        // Fixed on the Configuration screen: the save checks OK, the pause ends, the banner goes. The form is filled
        // from the stored settings once they arrive; typing before that would be overwritten.
        browser.textOf("#vtiger-accessKey-state", "0000");
        setText("#vtiger-accessKey", FakeVtigerServer.ADMIN_ACCESS_KEY);
        browser.find("#save-connection").click();
        browser.textOf("#connection-outcome", "Saved: the connection checks OK.");
        browser.waitFor(d -> d.findElement(By.id("pause-banner")).isDisplayed() ? null : true, "the banner to go");
        open("queue");
        assertThat(browser.driver.findElement(By.id("pause-banner")).isDisplayed()).isFalse();
        assertThat(apiJson("GET", "/admin/pause", null).path("paused").asBoolean()).isFalse();
        drainer.drain(new DrainRequest(java.time.Duration.ofSeconds(20), 2, java.util.Set.of(EntityType.values()),
                Instant.now()));
        assertThat(queue.get("customer#" + id)).as("synced after the fix").isEmpty();
    }

    @Test
    @Order(10)
    void theMappingGridScrollsInsideItsCardOnAPhone() throws Exception {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            open("mapping");
            new Select(browser.find("#mapping-type")).selectByValue("Contact");
            browser.textOf("#mapping-count", "rows for Contact");
            browser.textOf("#mapping-grid tr[data-field] td.vtiger-field", "(");
            assertThat(((Number) browser.driver.executeScript("return window.innerWidth")).intValue())
                    .isLessThanOrEqualTo(390);
            WebElement card = browser.find("#screen-mapping");
            int scrollWidth = ((Number) browser.driver.executeScript("return arguments[0].scrollWidth", card)).intValue();
            int clientWidth = ((Number) browser.driver.executeScript("return arguments[0].clientWidth", card)).intValue();
            assertThat(scrollWidth).as("the card's content width").isLessThanOrEqualTo(clientWidth);
            WebElement scroller = browser.find("#mapping-grid .table-scroll");
            assertThat(scroller.getRect().getX() + scroller.getRect().getWidth())
                    .as("the grid's right edge").isLessThanOrEqualTo(card.getRect().getX() + card.getRect().getWidth());
            browser.screenshot("mapping-390px");
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    private void assertNoAlert() {
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("a script ran: an alert is open");
        } catch (NoAlertPresentException expected) {
            // the XSS payload stayed text
        }
    }

    @Test
    @Order(11)
    void withoutVtigersDescribeTheGridShowsTheApiNames() throws Exception {
        // Describe failing (as with no Vtiger connection): the page's fetch refuses it before the console loads.
        String failDescribe = "const f = window.fetch; window.fetch = (url, init) => String(url).includes('/admin/describe/')"
                + " ? Promise.reject(new TypeError('Vtiger unreachable')) : f(url, init);";
        Object script = browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", failDescribe)).get("identifier");
        try {
            browser.driver.get("about:blank"); // a new document: the same #mapping address would not load again
            open("mapping");
            new Select(browser.find("#mapping-type")).selectByValue("Contact");
            browser.textOf("#describe-message", "Vtiger fields unavailable");
            browser.textOf("#mapping-count", "rows for Contact");
            List<String> names = browser.driver.findElements(By.cssSelector("#mapping-grid td.vtiger-field")).stream()
                    .map(WebElement::getText).toList();
            assertThat(names).isNotEmpty().contains("firstname", "lastname").noneMatch(n -> n.contains("("));
        } finally {
            browser.driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
        }
    }

    /** The outcome line says its kind and shows in that kind's colour. */
    private void assertColour(String css, String kind, String colour) {
        WebElement line = browser.find(css);
        assertThat(line.getAttribute("class")).contains(kind);
        assertThat(line.getCssValue("color")).isEqualTo(colour);
    }

    private void setText(String css, String text) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(text);
    }

    private JsonNode apiJson(String method, String path, String body) throws Exception {
        return json.readTree(send(method, path, body, Map.of("Authorization", "Bearer " + TOKEN)).body());
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
