package com.mvsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.functions.DrainFunctions;
import com.mvsync.local.LocalHttpServer;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.store.LogLine;
import com.mvsync.store.Outcome;
import com.mvsync.store.SyncLog;
import com.mvsync.store.Written;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Queue screen in headless Chromium (the same harness as {@link ConsoleBrowserTest}, its own table): it refreshes
 * by itself when the drain syncs an item, a dead letter says when and why it failed and what it was about, and the
 * selected dead letters are retried or discarded after a confirmation in the page. Screenshots in
 * target/console-screenshots/.
 */
@QuarkusTest
@TestProfile(ConsoleQueueBrowserTest.QueueRun.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleQueueBrowserTest {

    static final String TOKEN = ConsoleBrowserTest.TOKEN;
    static final String LONG_ERROR = "Vtiger refused the SalesOrder: the mandatory field subject is empty; map a "
            + "Magento value to it on the Field mapping screen (SalesOrder), or give it a default there, then retry. "
            + "Vtiger said: Mandatory Fields Missing..";

    /** ConsoleBrowserTest's run on a table and connection of its own, so no item of that test is in this one's way. */
    public static class QueueRun extends ConsoleBrowserTest.ConsoleRun {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("mvsync.store.table", "console-queue-browser-test");
            config.put("mvsync.connection.parameter-prefix", "/console-queue-browser-test/");
            return config;
        }
    }

    static Browser browser;

    @Inject
    LocalHttpServer server;
    @Inject
    QueueStore queue;
    @Inject
    DrainFunctions drain;
    @Inject
    SyncLog syncLog;

    final FakeVtigerServer vtiger = FakeVtigerResource.server();
    ConsoleSession console;

    @BeforeEach
    void session() {
        console = new ConsoleSession(browser, server::port, TOKEN);
    }

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

    @Test
    @Order(1)
    void theQueueRefreshesByItselfWhenTheDrainSyncsAnItem() throws Exception {
        console.apiJson("PUT", "/admin/connection?force=true", "{\"vtiger\":{\"url\":\"" + vtiger.baseUrl()
                + "\",\"username\":\"" + FakeVtigerServer.ADMIN_USER + "\",\"accessKey\":\""
                + FakeVtigerServer.ADMIN_ACCESS_KEY + "\"}}");
        long id = 991000 + System.nanoTime() % 1000;
        String key = "customer#" + id;
        String body = Samples.customer("rest/customer_get_42.json", id, "live" + id + "@example.com");
        String label = EntityType.CUSTOMER.displayLabel((com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));
        queue.enqueue(new QueuedEvent.Arrival(EntityType.CUSTOMER, key, "customersCreated", "live:" + id, body, label));
        console.signIn();
        console.open("queue");
        String row = browser.textOf(row(key), "live" + id + "@example.com");
        assertThat(row).contains(key).contains("email: live" + id + "@example.com")
                .as("the entity by the label taken when it was queued").contains(label);
        browser.textOf("#queue-live", "Refreshes by itself");
        browser.screenshot("queue-live-pending");
        WebElement table = browser.find("#queue-grid table");

        drain.queueDrain();
        assertThat(queue.get(key)).as("synced by the drain").isEmpty();

        // No click: the screen's own polling sees the item gone, in the same table (updated, not rebuilt).
        browser.waitFor(d -> d.findElements(By.cssSelector(row(key))).isEmpty() ? true : null,
                "the synced item to leave the list by itself");
        assertThat(table.isDisplayed()).isTrue();
        assertThat(browser.find("#count-pending strong").getText()).isEqualTo("0");
        browser.screenshot("queue-live-drained");
    }

    @Test
    @Order(2)
    void aDeadLetterSaysWhenWhyAndWhatAndTheSelectedOnesAreDiscardedAfterAConfirmation() throws Exception {
        List<String> keys = List.of("order#992001", "order#992002", "order#992003");
        for (String key : keys) {
            queue.deadLetter(new QueuedEvent.Arrival(EntityType.ORDER, key, "ordersPlaced", "ev-" + key,
                    "{\"order\":{\"increment_id\":\"000" + key.substring(6) + "\",\"customer_email\":\"x@example.com\"}}"),
                    LONG_ERROR);
        }
        console.signIn();
        console.open("queue");
        new Select(browser.find("#queue-status")).selectByValue("dead");
        String row = browser.textOf(row(keys.get(0)), "increment_id: 000992001");
        assertThat(browser.find(row(keys.get(0)) + " td.failed").getText()).as("when it failed").isNotBlank();
        assertThat(row).doesNotContain("Mandatory Fields Missing");
        browser.find(row(keys.get(0)) + " details summary").click();
        browser.textOf(row(keys.get(0)) + " .error-full", "Mandatory Fields Missing..");
        browser.screenshot("queue-dead-letter");

        browser.find(checkbox(keys.get(0))).click();
        browser.find(checkbox(keys.get(1))).click();
        browser.textOf("#discard-selected", "Discard selected (2)");
        browser.find("#discard-selected").click();
        browser.textOf("#queue-confirm", "2 dead letters will be deleted");
        browser.screenshot("queue-discard-confirm");
        browser.find("#queue-confirm .confirm-no").click();
        browser.waitFor(d -> d.findElements(By.id("queue-confirm")).isEmpty() ? true : null, "the dialog to close");
        assertThat(queue.get(keys.get(0))).as("cancelled: nothing discarded").isPresent();

        browser.find("#discard-selected").click();
        browser.find("#queue-confirm .confirm-yes").click();
        browser.textOf("#queue-outcome", "2 of 2 discarded.");
        for (String key : keys.subList(0, 2)) {
            browser.waitFor(d -> d.findElements(By.cssSelector(row(key))).isEmpty() ? true : null, key + " to go");
            assertThat(queue.get(key)).isEmpty();
        }
        assertThat(browser.find(row(keys.get(2))).isDisplayed()).isTrue();
        assertThat(queue.get(keys.get(2)).orElseThrow().status()).isEqualTo(QueueStatus.DEAD);
        assertThat(browser.find("#discard-selected").isEnabled()).as("nothing selected any more").isFalse();

        JsonNode logged = console.apiJson("GET", "/admin/log?result=skipped&magentoId=992001", null);
        assertThat(logged.at("/entries/0/error").asText()).startsWith("discarded by the admin; it had failed: Vtiger");
    }

    @Test
    @Order(3)
    void theDeadLettersSortAndTheWholePageIsRetriedAfterAConfirmation() throws Exception {
        List<String> keys = List.of("order#993002", "order#993001");
        for (String key : keys) {
            queue.deadLetter(new QueuedEvent.Arrival(EntityType.ORDER, key, "ordersPlaced", "ev-" + key, "{}"),
                    "Vtiger has no currency EUR");
        }
        console.signIn();
        console.open("queue");
        new Select(browser.find("#queue-status")).selectByValue("dead");
        browser.find(row(keys.get(1)));
        browser.find("#queue-grid-dead th[data-col='entity'] button.sort").click();
        browser.find("#queue-grid-dead th[data-col='entity'] button.sort").click();
        browser.waitFor(d -> firstKey().equals("order#993002") ? true : null, "the entities sorted descending");
        new Select(browser.find("#queue-grid-dead .page-size")).selectByValue("50");
        assertThat(browser.find("#queue-grid-dead .page-info").getText()).startsWith("Page 1 ·");
        assertThat(browser.find("#queue-grid-dead .page-info").getText()).contains("this page sorted");

        List<String> dead = queue.list(QueueStatus.DEAD, 100).stream().map(QueuedEvent::entityKey).toList();
        browser.find("#queue-grid-dead th .select-page").click();
        browser.textOf("#retry-selected", "Retry selected (" + dead.size() + ")");
        browser.find("#retry-selected").click();
        browser.find("#queue-confirm .confirm-yes").click();
        browser.textOf("#queue-outcome", dead.size() + " of " + dead.size() + " back in the queue.");
        browser.waitFor(d -> d.findElement(By.cssSelector("#count-dead strong")).getText().equals("0") ? true : null,
                "no dead item left");
        for (String key : dead) {
            assertThat(queue.get(key).orElseThrow().status()).as(key).isNotEqualTo(QueueStatus.DEAD);
        }
        browser.screenshot("queue-retried-selected");
    }

    /**
     * live.js itself, in Chromium with its timers held by the test (so no waiting): the wait doubles from 2 s to 30 s
     * while nothing changes, is 2 s again after a change, nothing runs while the tab is hidden, and it polls at once
     * when the tab shows again.
     */
    @Test
    @Order(4)
    void thePollBacksOffWhileNothingChangesAndPausesWhileTheTabIsHidden() {
        browser.driver.get(console.url("/console/config.json")); // the console's origin, without the console running
        String script = """
                const done = arguments[arguments.length - 1];
                (async () => {
                  const { live } = await import('/console/live.js');
                  const timers = [];
                  const realSetTimeout = window.setTimeout;
                  window.setTimeout = (fn) => timers.push(fn);
                  let hidden = false;
                  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
                  const changes = [false, false, false, false, false, true, false];
                  let polls = 0;
                  const states = [];
                  const settle = () => new Promise((r) => realSetTimeout(r, 0));
                  const poller = live(async () => Boolean(changes[polls++]),
                    { onState: (state, ms) => states.push(state === 'live' ? ms : state) });
                  for (let i = 0; i < changes.length; i++) { timers.shift()(); await settle(); }
                  hidden = true;
                  document.dispatchEvent(new Event('visibilitychange'));
                  while (timers.length) { timers.shift()(); await settle(); }
                  const pollsWhileHidden = polls;
                  hidden = false;
                  document.dispatchEvent(new Event('visibilitychange'));
                  await settle();
                  poller.stop();
                  window.setTimeout = realSetTimeout;
                  done({ states: states.join(' '), pollsWhileHidden, polls });
                })().catch((err) => done({ error: String(err) }));
                """;
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) ((JavascriptExecutor) browser.driver)
                .executeAsyncScript(script);
        assertThat(result.get("error")).isNull();
        assertThat(result.get("states")).isEqualTo("2000 4000 8000 16000 30000 30000 2000 4000 paused 4000");
        assertThat(((Number) result.get("pollsWhileHidden")).intValue()).as("none while hidden").isEqualTo(7);
        assertThat(((Number) result.get("polls")).intValue()).as("one at once when shown again").isEqualTo(8);
    }

    /** A dead entry of the Report whose entity is still a dead letter is retried from there: pending again. */
    @Test
    @Order(5)
    void aDeadLetterIsRetriedFromTheReport() throws Exception {
        long id = 994000 + System.nanoTime() % 1000;
        String key = "customer#" + id;
        String error = "Vtiger refused the Contact: lastname is mandatory";
        // What the drain leaves when it gives up: the item dead in the queue, a dead line in the sync log.
        queue.deadLetter(new QueuedEvent.Arrival(EntityType.CUSTOMER, key, "customersCreated", "dead:" + id, "{}"),
                error);
        syncLog.record(java.time.Instant.now(), new LogLine(key, "customer", Long.toString(id),
                "Dora Dead <dead" + id + "@example.com>", Outcome.DEAD, error, List.of(), Written.NONE), Map.of());
        reportOf(id);
        browser.find("#log-list tbody button.retry-dead").click();
        browser.textOf("#log-outcome", key + " is pending again in the queue.");
        assertThat(queue.get(key).orElseThrow().status()).isEqualTo(QueueStatus.PENDING);
        browser.waitFor(d -> d.findElements(By.cssSelector("#log-list button.retry-dead")).isEmpty() ? true : null,
                "no Retry once it is no longer dead");
        browser.screenshot("report-dead-retried");
    }

    /** The Report refreshes by itself: a new entry shows without a click, the filter and the opened entry kept. */
    @Test
    @Order(6)
    void aNewLogEntryAppearsInTheReportWithoutAClick() throws Exception {
        long id = 995000 + System.nanoTime() % 1000;
        String key = "customer#" + id;
        logSynced(key, id, "Lena Live <lena" + id + "@example.com>");
        reportOf(id);
        browser.find("#log-list tbody tr.log-entry td.error-text").click();
        browser.textOf("#log-detail", "Lena Live");
        browser.textOf("#log-live", "Refreshes by itself");

        logSynced(key, id, "Lena Later <lena" + id + "@example.com>");
        // No click: the screen's own polling brings the new entry, within the same filter.
        browser.waitFor(d -> d.findElements(By.cssSelector("#log-list tbody td.entity")).size() == 2 ? true : null,
                "the new entry to show by itself");
        browser.textOf("#log-list tbody tr:first-child td.entity", "Lena Later");
        assertThat(browser.find("#log-detail").getText()).as("the opened entry stays open").contains("Lena Live");
        assertThat(browser.find("#log-magentoId").getAttribute("value")).isEqualTo(Long.toString(id));
        browser.screenshot("report-live");
    }

    /** The Queue's search box finds a customer's queue item by the e-mail the sync log knows it by (any case). */
    @Test
    @Order(7)
    void aSearchByEmailFindsTheCustomersQueueItem() throws Exception {
        long id = 996000 + System.nanoTime() % 1000;
        String key = "customer#" + id;
        String email = "sought" + id + "@example.com";
        String other = "customer#" + (id + 1);
        // Synced once (so the sync log's search knows the e-mail), queued again with nothing that names it.
        logSynced(key, id, "Sam Sought <" + email + ">");
        queue.enqueue(new QueuedEvent.Arrival(EntityType.CUSTOMER, key, "customersUpdated", "find:" + id, "{}"));
        queue.enqueue(new QueuedEvent.Arrival(EntityType.CUSTOMER, other, "customersCreated", "find:" + (id + 1),
                "{}"));
        console.signIn();
        console.open("queue");
        browser.find(row(other));
        browser.find("#queue-search").sendKeys(email.toUpperCase(java.util.Locale.ROOT));
        browser.find("#queue-search-run").click();
        browser.textOf("#queue-outcome", "1 entities found for");
        browser.waitFor(d -> d.findElements(By.cssSelector(row(other))).isEmpty() ? true : null,
                "the other customer's item to leave the list");
        assertThat(browser.find(row(key)).isDisplayed()).isTrue();
        assertThat(browser.driver.findElements(By.cssSelector("#queue-grid tbody tr[data-key]"))).hasSize(1);
        browser.screenshot("queue-search");

        // A customer queued by its first event (cron mode) and never synced: found by its own label's e-mail.
        String fresh = "customer#" + (id + 2);
        String freshEmail = "queued" + id + "@example.com";
        queue.enqueue(new QueuedEvent.Arrival(EntityType.CUSTOMER, fresh, "customersCreated", "find:" + (id + 2),
                "{}", "Quinn Queued <" + freshEmail + ">"));
        browser.find("#queue-search").clear();
        browser.find("#queue-search").sendKeys(freshEmail);
        browser.find("#queue-search-run").click();
        browser.find(row(fresh));
        assertThat(browser.driver.findElements(By.cssSelector("#queue-grid tbody tr[data-key]"))).hasSize(1);

        browser.find("#queue-search").clear();
        browser.find("#queue-search-run").click();
        browser.find(row(other));
        assertThat(browser.find(row(key)).isDisplayed()).isTrue();
    }

    /**
     * The Queue's pages are the API's: 25 rows, Next shows the following ones (none of the first page), Previous the
     * first page again, and 50 a page asks for 50 (the server's limit), all on one page here.
     */
    @Test
    @Order(8)
    void theQueuePagesWithNextPreviousAndPageSize() throws Exception {
        for (int i = 0; i < 30; i++) {
            String key = "invoice#9980" + String.format("%02d", i);
            queue.deadLetter(new QueuedEvent.Arrival(EntityType.INVOICE, key, "invoicesCreated", "ev-" + key, "{}"),
                    "Vtiger has no currency EUR");
        }
        int dead = queue.list(QueueStatus.DEAD, 200).size();
        assertThat(dead).isBetween(30, 50);
        console.signIn();
        console.open("queue");
        new Select(browser.find("#queue-status")).selectByValue("dead");
        String grid = "#queue-grid-dead";
        browser.waitFor(d -> keys(grid).size() == 25 ? true : null, "a first page of 25");
        List<String> first = keys(grid);
        assertThat(browser.find(grid + " .prev").isEnabled()).isFalse();
        browser.find(grid + " .next").click();
        browser.waitFor(d -> browser.find(grid + " .page-info").getText().startsWith("Page 2") ? true : null,
                "page 2");
        browser.waitFor(d -> keys(grid).size() == dead - 25 ? true : null, "the rest on page 2");
        assertThat(keys(grid)).doesNotContainAnyElementsOf(first);
        assertThat(browser.find(grid + " .next").isEnabled()).as("the last page").isFalse();
        browser.screenshot("queue-page-2");
        browser.find(grid + " .prev").click();
        browser.waitFor(d -> keys(grid).equals(first) ? true : null, "the first page again");
        assertThat(browser.find(grid + " .page-info").getText()).startsWith("Page 1");

        new Select(browser.find(grid + " .page-size")).selectByValue("50");
        browser.waitFor(d -> keys(grid).size() == dead ? true : null, "every dead letter on one page of 50");
        assertThat(browser.find(grid + " .next").isEnabled()).isFalse();
    }

    /** The Report's pages are the API's too: Next, Previous and the page size, newest first across pages. */
    @Test
    @Order(9)
    void theReportPagesWithNextPreviousAndPageSize() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        for (int i = 0; i < 60; i++) {
            syncLog.record(now.minusMillis(i), new LogLine("product#9990" + i, "product", "9990" + i, "SKU-" + i,
                    Outcome.SYNCED, null, List.of(), Written.NONE), Map.of());
        }
        console.signIn();
        console.open("report");
        String grid = "#log-grid";
        browser.waitFor(d -> keys(grid).size() == 25 ? true : null, "a first page of 25");
        List<String> first = keys(grid);
        assertThat(first.get(0)).endsWith("product#99900"); // the newest
        browser.find(grid + " .next").click();
        browser.waitFor(d -> browser.find(grid + " .page-info").getText().startsWith("Page 2") ? true : null,
                "page 2");
        browser.waitFor(d -> keys(grid).size() == 25 && !keys(grid).equals(first) ? true : null, "page 2's rows");
        List<String> second = keys(grid);
        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThat(second.get(0)).endsWith("product#999025");
        browser.screenshot("report-page-2");
        browser.find(grid + " .prev").click();
        browser.waitFor(d -> keys(grid).equals(first) ? true : null, "the first page again");

        new Select(browser.find(grid + " .page-size")).selectByValue("50");
        browser.waitFor(d -> keys(grid).size() == 50 ? true : null, "a page of 50");
        assertThat(keys(grid).subList(0, 25)).isEqualTo(first);
    }

    /**
     * The Report's Conflicts filter lists the entries with a two-way conflict only (an entry of a customer named
     * "Conflict" is not one), and an opened one shows each conflicting field with both values, their times, the rule
     * and the value kept, as text.
     */
    @Test
    @Order(10)
    void theConflictsFilterListsOnlyEntriesWithAConflictAndAnOpenedOneShowsBothValues() throws Exception {
        long id = 996000 + System.nanoTime() % 1000;
        java.time.Instant now = java.time.Instant.now();
        String xss = "<img src=x onerror=\"document.body.dataset.xss=1\">";
        com.mvsync.sync.FieldConflict conflict = new com.mvsync.sync.FieldConflict("mailingcity",
                "default_billing.city", "Berlin", "Hamburg", "2026-12-07 06:00:01", xss, "2026-12-07 06:00:05",
                com.mvsync.mapping.ConflictRule.MAGENTO_WINS, false);
        syncLog.record(now, new LogLine("customer#" + id, "customer", Long.toString(id),
                "Clara Both <clara" + id + "@example.com>", Outcome.SYNCED, null, List.of(conflict.note(),
                        "Vtiger → Magento: Contacts 12x9 modified 2026-12-07 06:00:05 by 19x5"), Written.NONE), Map.of());
        syncLog.record(now.plusMillis(1), new LogLine("customer#" + (id + 1), "customer", Long.toString(id + 1),
                "Conny Conflict <conny" + id + "@example.com>", Outcome.SYNCED, null, List.of(), Written.NONE),
                Map.of());
        console.signIn();
        console.open("report");
        browser.textOf("#log-outcome", "entries.");
        browser.find("#log-conflicts").click();
        browser.textOf("#log-outcome", "with a conflict");
        browser.textOf("#log-grid", "Clara Both");
        assertThat(browser.find("#log-grid").getText()).as("a name with the word is no conflict")
                .doesNotContain("Conny Conflict");

        browser.find("#log-grid tbody tr.log-entry td.error-text").click();
        String shown = browser.textOf("#log-detail-conflicts", "Conflicts (1)");
        assertThat(shown).contains("mailingcity / default_billing.city").contains("Magento 'Hamburg' (updated "
                + "2026-12-07 06:00:01)").contains("Vtiger '" + xss + "' (modified 2026-12-07 06:00:05)")
                .contains("both changed since 'Berlin'").contains("Magento's value kept (magento-wins)");
        assertThat(browser.find("#log-detail").getText()).contains("Vtiger → Magento: Contacts 12x9");
        assertThat(browser.driver.findElements(By.cssSelector("#log-detail img"))).as("Vtiger's text is text")
                .isEmpty();
        assertThat(((JavascriptExecutor) browser.driver).executeScript("return document.body.dataset.xss"))
                .isNull();
        browser.screenshot("report-conflicts");
    }

    private List<String> keys(String grid) {
        return browser.driver.findElements(By.cssSelector(grid + " tbody tr[data-key]")).stream()
                .map(r -> r.getAttribute("data-key")).toList();
    }

    /** The Report filtered to one Magento id that has one entry. */
    private void reportOf(long id) {
        console.signIn();
        console.open("report");
        browser.textOf("#log-outcome", "entries."); // the first load, before the filter is asked
        browser.find("#log-magentoId").sendKeys(Long.toString(id));
        browser.find("#log-apply").click();
        browser.textOf("#log-outcome", "1 entries.");
    }

    private void logSynced(String key, long id, String label) {
        syncLog.record(java.time.Instant.now(), new LogLine(key, "customer", Long.toString(id), label, Outcome.SYNCED,
                null, List.of(), Written.NONE), Map.of());
    }

    private String firstKey() {
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#queue-grid-dead tbody tr[data-key]"));
        return rows.isEmpty() ? "" : rows.get(0).getAttribute("data-key");
    }

    private static String row(String key) {
        return "#queue-list tr[data-key='" + key + "']";
    }

    private static String checkbox(String key) {
        return row(key) + " input.select";
    }
}
