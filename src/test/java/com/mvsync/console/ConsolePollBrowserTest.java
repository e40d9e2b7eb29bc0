package com.mvsync.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.functions.PollFunctions;
import com.mvsync.local.LocalHttpServer;
import com.mvsync.poll.VtigerPollRun;
import com.mvsync.store.SyncLedger;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The Vtiger poll of two-way sync on the Synchronization screen's poll section, in headless Chromium (the harness of
 * {@link ConsoleBrowserTest}, a table of its own): a module not polled says so; once a Contact row flows back, a run
 * of the real Vtiger poll against the double shows its figures, and the changed Contact linked to no Magento customer
 * is listed as not sent to Magento, with its id, as text.
 */
@QuarkusTest
@TestProfile(ConsolePollBrowserTest.PollRun.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class ConsolePollBrowserTest {

    static final String TOKEN = ConsoleBrowserTest.TOKEN;

    /** ConsoleBrowserTest's run on a table and connection of its own. */
    public static class PollRun extends ConsoleBrowserTest.ConsoleRun {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("mvsync.store.table", "console-poll-browser-test");
            config.put("mvsync.connection.parameter-prefix", "/console-poll-browser-test/");
            return config;
        }
    }

    static Browser browser;

    @Inject
    LocalHttpServer server;
    @Inject
    PollFunctions poll;
    @Inject
    SyncLedger ledger;

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
    void aVtigerPollsFiguresAndItsUnlinkedRecordsAppearOnThePollSection() throws Exception {
        console.apiJson("PUT", "/admin/connection?force=true", "{\"vtiger\":{\"url\":\"" + vtiger.baseUrl()
                + "\",\"username\":\"" + FakeVtigerServer.ADMIN_USER + "\",\"accessKey\":\""
                + FakeVtigerServer.ADMIN_ACCESS_KEY + "\"}}");
        console.signIn();
        console.open("synchronization");
        browser.textOf("#poll-outcome", "loaded");
        assertThat(browser.textOf("#vtiger-poll-Contacts .polled", "No")).isEqualTo("No: no row flows back");
        assertThat(browser.find("#vtiger-poll-Contacts .status").getText()).isEqualTo("—");

        console.apiJson("PUT", "/admin/mappings/Contact/phone", "{\"direction\":\"both\"}");
        try {
            long id = System.nanoTime() % 1_000_000;
            assertThat(contactsRun().status()).isEqualTo(VtigerPollRun.STARTED);
            // Past the overlap of whatever other test classes left in the shared double: a marker moves the cursor.
            vtiger.advanceClock(Duration.ofMinutes(5));
            vtiger.seed("Contacts", Map.of("lastname", "Marker " + id, "assigned_user_id", "19x1"));
            contactsRun();
            vtiger.advanceClock(Duration.ofMinutes(5));
            String linked = vtiger.seed("Contacts", Map.of("lastname", "Linked " + id, "phone", "+49 30 1",
                    "assigned_user_id", "19x1"));
            String unlinked = vtiger.seed("Contacts", Map.of("lastname", "Made in Vtiger " + id, "phone", "+49 30 2",
                    "assigned_user_id", "19x1"));
            assertThat(ledger.claimRecord(linked, "customer#" + id)).isEmpty();
            vtiger.resetCounts();

            VtigerPollRun run = contactsRun();
            assertThat(run.found()).isEqualTo(2);
            assertThat(run.queued()).isEqualTo(1);
            assertThat(run.unlinkedIds()).containsExactly(unlinked);
            assertThat(run.requests()).isEqualTo(vtiger.calls("query", "Contacts")).isEqualTo(1);

            browser.driver.navigate().refresh(); // the same screen, loaded again
            browser.find("#screen-synchronization");
            String row = "#vtiger-poll-Contacts ";
            assertThat(browser.textOf(row + ".polled", "Yes")).isEqualTo("Yes (phone)");
            assertThat(browser.find(row + ".cursor").getText()).isEqualTo(run.cursor());
            assertThat(browser.find(row + ".found").getText()).isEqualTo("2");
            assertThat(browser.find(row + ".queued").getText()).isEqualTo("1");
            assertThat(browser.find(row + ".skipped").getText()).as("the marker, read again").isEqualTo("1");
            assertThat(browser.find(row + ".unlinked").getText()).isEqualTo("1");
            assertThat(browser.find(row + ".requests").getText()).isEqualTo("1");
            assertThat(browser.find(row + ".status").getText()).isEqualTo("done");
            assertThat(browser.find("#vtiger-unlinked-Contacts").getText()).isEqualTo("1 changed in Vtiger but "
                    + "linked to no Magento entity: not sent to Magento: " + unlinked);
            assertThat(browser.find("#vtiger-poll-Products .polled").getText()).isEqualTo("No: no row flows back");
            assertThat(browser.driver.findElements(org.openqa.selenium.By.id("vtiger-unlinked-Products"))).isEmpty();
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                    browser.find("#vtiger-poll"));
            browser.screenshot("poll-vtiger-modules");
        } finally {
            console.apiJson("PUT", "/admin/mappings/Contact/phone", "{\"direction\":\"magento-to-vtiger\"}");
        }
    }

    @Test
    void anOrganizationThatIsNoCustomersPersonalOneIsListedAsNotSentWithTheReason() throws Exception {
        console.apiJson("PUT", "/admin/connection?force=true", "{\"vtiger\":{\"url\":\"" + vtiger.baseUrl()
                + "\",\"username\":\"" + FakeVtigerServer.ADMIN_USER + "\",\"accessKey\":\""
                + FakeVtigerServer.ADMIN_ACCESS_KEY + "\"}}");
        console.apiJson("PUT", "/admin/mappings/Organization/bill_city", "{\"direction\":\"both\"}");
        try {
            long id = System.nanoTime() % 1_000_000;
            accountsRun(); // starts the cursor, or reads what other test classes left
            vtiger.advanceClock(Duration.ofMinutes(5));
            vtiger.seed("Accounts", Map.of("accountname", "Marker " + id, "assigned_user_id", "19x1"));
            accountsRun();
            vtiger.advanceClock(Duration.ofMinutes(5));
            String company = vtiger.seed("Accounts", Map.of("accountname", "Made in Vtiger " + id, "bill_city",
                    "Kiel", "assigned_user_id", "19x1"));
            VtigerPollRun run = accountsRun();
            assertThat(run.queued()).isZero();
            assertThat(run.unlinkedIds()).containsExactly(company);

            console.signIn();
            console.open("synchronization");
            browser.textOf("#poll-outcome", "loaded");
            assertThat(browser.textOf("#vtiger-poll-Accounts .polled", "Yes")).isEqualTo("Yes (bill_city)");
            assertThat(browser.find("#vtiger-unlinked-Accounts").getText()).isEqualTo("1 changed in Vtiger but no"
                    + " customer's personal Organization (a company's, shared by its members, or linked to no"
                    + " customer): not sent to Magento: " + company);
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})",
                    browser.find("#vtiger-poll"));
            browser.screenshot("poll-vtiger-accounts");
        } finally {
            console.apiJson("PUT", "/admin/mappings/Organization/bill_city",
                    "{\"direction\":\"magento-to-vtiger\"}");
        }
    }

    @Test
    void theSwitchMakingCustomersOfContactsIsOffUntilTheAdminTicksAndSavesIt() throws Exception {
        console.signIn();
        console.open("synchronization");
        browser.textOf("#types-outcome", "loaded");
        org.openqa.selenium.WebElement box = browser.find("#policy-contactsCreateCustomers");
        assertThat(box.getDomAttribute("type")).isEqualTo("checkbox");
        assertThat(box.isSelected()).as("off by default").isFalse();
        assertThat(box.findElement(org.openqa.selenium.By.xpath("./parent::label/span")).getText())
                .isEqualTo("Two-way sync: make a Magento customer of a Contact made in Vtiger (by its e-mail)");
        try {
            box.click();
            browser.find("#save-policy").click();
            browser.textOf("#policy-outcome", "Record policy saved.");
            assertThat(console.apiJson("GET", "/admin/settings", null).path("records").path("contactsCreateCustomers")
                    .asBoolean()).isTrue();
            browser.driver.navigate().refresh();
            browser.textOf("#types-outcome", "loaded");
            browser.waitFor(d -> d.findElement(org.openqa.selenium.By.id("policy-contactsCreateCustomers"))
                    .isSelected() ? true : null, "the saved switch to show ticked");
        } finally {
            console.apiJson("PUT", "/admin/settings", "{\"records\":{\"contactsCreateCustomers\":false}}");
        }
    }

    private VtigerPollRun accountsRun() {
        return poll.vtigerPoll().stream().filter(r -> r.module().equals("Accounts")).findFirst().orElseThrow();
    }

    private VtigerPollRun contactsRun() {
        return poll.vtigerPoll().stream().filter(r -> r.module().equals("Contacts")).findFirst().orElseThrow();
    }
}
