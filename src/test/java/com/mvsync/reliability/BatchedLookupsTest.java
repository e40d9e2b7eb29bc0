package com.mvsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.drain.DrainReport;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent.Arrival;
import com.mvsync.store.EntityLink;
import com.mvsync.store.SyncLedger;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drain looks up a batch's unlinked customers in bulk (one VTQL IN query per module and up to 100 identities) and
 * the syncs use those answers: against the Vtiger double, through the real drain, its replay (QueuedSync), sync and
 * writer.
 *
 * <p>Runs in {@link FaultStormTest}'s profile (as ConcurrentDrainsTest does), so Quarkus does not restart for it.
 */
@QuarkusTest
@TestProfile(FaultStormTest.Storm.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class BatchedLookupsTest {

    static final Set<EntityType> CUSTOMERS = Set.of(EntityType.CUSTOMER);
    static final String SAMPLE = "rest/customer_get_42.json";
    static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    @Inject
    QueueStore queue;
    @Inject
    Drainer drainer;
    @Inject
    SyncLedger ledger;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    @BeforeEach
    void calm() {
        vtiger.clearFaults();
        // Whatever earlier tests left due is drained first, so the counts below are this test's alone.
        drain(4);
        vtiger.resetCounts();
    }

    private DrainReport drain(int concurrency) {
        return drainer.drain(new DrainRequest(Duration.ofSeconds(120), concurrency, CUSTOMERS,
                Instant.now().plusSeconds(1)));
    }

    /** A customer as the backfill queues it (the edit route, a REST body), company "Keller Design <id>". */
    private long enqueue(String email) {
        long id = IDS.incrementAndGet();
        enqueue(id, Samples.customer(SAMPLE, id, email));
        return id;
    }

    private void enqueue(long id, String body) {
        queue.enqueue(new Arrival(EntityType.CUSTOMER, "customer#" + id, "customersUpdated", "batch-test:" + id, body));
    }

    private EntityLink link(long id) {
        return ledger.link("customer#" + id);
    }

    private long recordsWith(String module, String field, String value) {
        return vtiger.records(module).stream().filter(r -> value.equalsIgnoreCase(String.valueOf(r.get(field))))
                .count();
    }

    @Test
    void newCustomersCostThreeCreatesEachAndOneQueryPerModuleAndHundred() {
        int n = 120;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(enqueue("batch-new-" + IDS.get() + "-" + i + "@example.com"));
        }

        DrainReport report = drain(4);

        assertThat(report.succeeded()).as("%s", report).isEqualTo(n);
        for (String module : List.of("Leads", "Accounts", "Contacts")) {
            assertThat(vtiger.calls("create", module)).as("creates of %s", module).isEqualTo(n);
            assertThat(vtiger.calls("query", module)).as("queries of %s: one per batch of up to 100", module)
                    .isEqualTo(2);
        }
        assertThat(vtiger.calls("revise") + vtiger.calls("update")).isZero();
        assertThat(vtiger.calls("create") + vtiger.calls("query")).isEqualTo(3 * n + 6);
        ids.forEach(id -> assertThat(link(id).vtigerIds()).as("customer %s", id)
                .containsOnlyKeys("Leads", "Accounts", "Contacts"));
    }

    @Test
    void recordsTheBatchFindsAreLinkedAndRevisedNotDuplicated() {
        long leadOnly = IDS.incrementAndGet();
        long contactOnly = IDS.incrementAndGet();
        long orgOnly = IDS.incrementAndGet();
        String leadEmail = "batch-lead-" + leadOnly + "@example.com";
        String contactEmail = "batch-contact-" + contactOnly + "@example.com";
        // Vtiger compares case-insensitively: the e-mail and the company as a person typed them in Vtiger.
        String lead = vtiger.seed("Leads", Map.of("lastname", "Old", "email", leadEmail.toUpperCase()));
        String contact = vtiger.seed("Contacts", Map.of("lastname", "Old", "firstname", "Mia", "email", contactEmail));
        String org = vtiger.seed("Accounts", Map.of("accountname", ("Keller Design " + orgOnly).toUpperCase()));
        enqueue(leadOnly, Samples.customer(SAMPLE, leadOnly, leadEmail));
        enqueue(contactOnly, Samples.customer(SAMPLE, contactOnly, contactEmail));
        enqueue(orgOnly, Samples.customer(SAMPLE, orgOnly, "batch-org-" + orgOnly + "@example.com"));

        assertThat(drain(1).succeeded()).isEqualTo(3);

        assertThat(link(leadOnly).idOf("Leads")).isEqualTo(lead);
        assertThat(link(contactOnly).idOf("Contacts")).isEqualTo(contact);
        assertThat(link(orgOnly).idOf("Accounts")).isEqualTo(org);
        assertThat(vtiger.calls("create", "Leads")).isEqualTo(2);
        assertThat(vtiger.calls("create", "Contacts")).isEqualTo(2);
        assertThat(vtiger.calls("create", "Accounts")).isEqualTo(2);
        assertThat(List.of("Leads", "Accounts", "Contacts")).allSatisfy(module ->
                assertThat(vtiger.calls("query", module)).as("%s looked up by the batch only", module).isEqualTo(1));
        // First link, Magento wins: the found records get Magento's values.
        assertThat(vtiger.record(lead).orElseThrow().get("lastname")).isEqualTo(Samples.surname(leadOnly));
        assertThat(vtiger.record(contact).orElseThrow().get("firstname")).isEqualTo("Maria");
        assertThat(vtiger.record(contact).orElseThrow().get("account_id")).isEqualTo(link(contactOnly)
                .idOf("Accounts"));
    }

    @Test
    void twoCustomersWithOneEmailInOneBatchShareTheirLeadAndContact() {
        String email = "batch-twice-" + IDS.get() + "@example.com";
        long first = enqueue(email);
        long second = enqueue(email);

        assertThat(drain(1).succeeded()).isEqualTo(2);

        assertThat(recordsWith("Leads", "email", email)).isEqualTo(1);
        assertThat(recordsWith("Contacts", "email", email)).isEqualTo(1);
        assertThat(link(first).idOf("Leads")).isEqualTo(link(second).idOf("Leads"));
        assertThat(link(first).idOf("Contacts")).isEqualTo(link(second).idOf("Contacts"));
        assertThat(link(first).idOf("Accounts")).as("each its own company").isNotEqualTo(link(second).idOf("Accounts"));
        assertThat(vtiger.calls("query", "Leads")).as("the second links what the first made, no query")
                .isEqualTo(1);
        // Linked on first sight, Magento wins: the Lead has the name of whichever of the two was synced last.
        assertThat(vtiger.record(link(first).idOf("Leads")).orElseThrow().get("lastname"))
                .isIn(Samples.surname(first), Samples.surname(second));
        assertThat(vtiger.calls("revise", "Leads")).isEqualTo(1);
    }

    @Test
    void moreThanAHundredMatchingRowsAreFoundBySplittingTheBatch() {
        List<Long> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long id = IDS.incrementAndGet();
            String email = "batch-full-" + id + "@example.com";
            ids.add(id);
            emails.add(email);
            vtiger.seed("Leads", Map.of("lastname", Samples.surname(id), "email", email));
        }
        // Three of them twice in Vtiger: the IN query of 100 e-mails has 103 rows, and Vtiger answers 100.
        for (int i = 0; i < 3; i++) {
            vtiger.seed("Leads", Map.of("lastname", "Twin", "email", emails.get(i * 40)));
        }
        for (int i = 0; i < 100; i++) {
            enqueue(ids.get(i), Samples.customer(SAMPLE, ids.get(i), emails.get(i)));
        }

        assertThat(drain(4).succeeded()).isEqualTo(100);

        assertThat(vtiger.calls("create", "Leads")).as("every Lead was found").isZero();
        for (int i = 0; i < 100; i++) {
            String id = link(ids.get(i)).idOf("Leads");
            assertThat(vtiger.record(id).orElseThrow().get("email")).isEqualTo(emails.get(i));
        }
        assertThat(recordsWith("Leads", "email", emails.get(0))).as("no third").isEqualTo(2);
        // The full page, its two halves, and a single lookup for each of the three held twice.
        assertThat(vtiger.calls("query", "Leads")).isEqualTo(1 + 2 + 3);
        assertThat(vtiger.calls("query", "Contacts")).isEqualTo(1);
    }

    @Test
    void aBatchOfLongValuesIsSplitSoEachQueryFitsAGetRequest() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // 95 characters: 100 of them make a query of about 10 KB URL-encoded, over the 6 KB a query may have.
            String email = ("batch-long-" + IDS.get() + "-" + i + "-" + "x".repeat(95)).substring(0, 83)
                    + "@example.com";
            emails.add(email);
            enqueue(email);
        }
        vtiger.seed("Leads", Map.of("lastname", "Found", "email", emails.get(99)));

        assertThat(drain(4).succeeded()).isEqualTo(100);

        assertThat(vtiger.calls("query", "Leads")).as("two queries of about 5 KB").isEqualTo(2);
        assertThat(vtiger.calls("query", "Contacts")).isEqualTo(2);
        assertThat(vtiger.calls("query", "Accounts")).as("short company names: one query").isEqualTo(1);
        assertThat(vtiger.calls("create", "Leads")).as("the one in Vtiger was found").isEqualTo(99);
        assertThat(recordsWith("Leads", "email", emails.get(99))).isEqualTo(1);
    }

    @Test
    void aValueWithAQuoteAndACutCompanyNameAreFoundInBulk() {
        long quoted = IDS.incrementAndGet();
        long cut = IDS.incrementAndGet();
        String email = "o'brien-" + quoted + "@example.com";
        String lead = vtiger.seed("Leads", Map.of("lastname", "O'Brien", "email", email));
        // Accounts accountname holds 100 characters: Vtiger has the company only cut, and the lookup compares that.
        String company = "Keller Design " + cut + " " + "x".repeat(120);
        String org = vtiger.seed("Accounts", Map.of("accountname", company.substring(0, 100)));
        enqueue(quoted, Samples.customer(SAMPLE, quoted, email));
        enqueue(cut, Samples.customer(SAMPLE, cut, "batch-cut-" + cut + "@example.com")
                .replace("Keller Design " + cut, company));

        assertThat(drain(1).succeeded()).isEqualTo(2);

        assertThat(link(quoted).idOf("Leads")).isEqualTo(lead);
        assertThat(link(cut).idOf("Accounts")).isEqualTo(org);
        assertThat(recordsWith("Leads", "email", email)).isEqualTo(1);
        assertThat(vtiger.calls("create", "Accounts")).as("only the quoted one's company is new").isEqualTo(1);
        assertThat(List.of("Leads", "Accounts", "Contacts")).allSatisfy(module ->
                assertThat(vtiger.calls("query", module)).as("%s looked up by the batch only", module).isEqualTo(1));
    }
}
