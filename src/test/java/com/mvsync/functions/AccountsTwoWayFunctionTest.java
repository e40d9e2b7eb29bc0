package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.ConflictRule;
import com.mvsync.mapping.Direction;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.RecordType;
import com.mvsync.mapping.WriteRule;
import com.mvsync.poll.PollCursorStore;
import com.mvsync.poll.VtigerPollRun;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.store.LogEntry;
import com.mvsync.store.SyncLedger;
import com.mvsync.store.SyncLog;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.twoway.LinkedCustomers;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.testing.vtiger.RawVtiger;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two-way sync of Organizations (the poll functions' beans, the drain, moto, the Vtiger and Magento doubles): a
 * customer's personal Organization (no company, named after the customer) has its billing city mapped both ways. A CRM
 * user's edit of it reaches the customer's default billing address once, the Contact follows through the ordinary
 * Magento → Vtiger sync, the Organization gets no echo, and the next polls are silent. A company's Organization,
 * shared by its members, never flows back (listed by the poll, nothing written, no conflict decided from the Magento
 * side), nor does a personal one a CRM user gave another Contact. Contacts and Accounts both feed customers and keep
 * a cursor each; a cursor kept per entity type by an earlier version carries over to Contacts.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class AccountsTwoWayFunctionTest {

    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 70_000_000);
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter MAGENTO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String KEY = "0a1b2c3d4e5f6789";

    @Inject
    PollFunctions poll;
    @Inject
    Drainer drainer;
    @Inject
    SettingsStore settings;
    @Inject
    MappingStore mappings;
    @Inject
    SyncLedger ledger;
    @Inject
    SyncLog log;
    @Inject
    PollCursorStore cursors;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    FakeMagentoServer magento = FakeMagentoResource.server();
    RawVtiger.Session colleague;

    @BeforeEach
    void twoWayOrganizations() {
        vtiger.clearFaults();
        magento.reset();
        // Leads off: every Vtiger write counted is one to an Organization or a Contact.
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\""
                + Instant.now().minus(Duration.ofMinutes(10)) + "\"}},\"types\":{\"LEADS\":{\"enabled\":false}}}")));
        mappings.put(new MappingRow(RecordType.ORGANIZATION, "bill_city", "default_billing.city", true,
                "Billing city", WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        String user = "crm" + ids.incrementAndGet();
        vtiger.addUser(user, KEY);
        colleague = new RawVtiger(vtiger.endpoint()).session(user, KEY);
    }

    @AfterEach
    void oneWayAgain() {
        mappings.delete(RecordType.ORGANIZATION, "bill_city");
        mappings.delete(RecordType.CONTACT, "phone");
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"webhooks\"}},"
                + "\"types\":{\"LEADS\":{\"enabled\":true}}}")));
    }

    /** A customer in Magento, with the company of its billing address or none, to be synced by Magento's poll. */
    private long customer(String company) {
        long id = ids.incrementAndGet();
        ObjectNode customer = LinkedCustomers.sample(id, "org" + id + "@example.com", company);
        customer.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(5)));
        magento.putCustomer(customer);
        return id;
    }

    private void synced() {
        poll.magentoPoll();
        drain();
    }

    private String organizationOf(long customer) {
        return ledger.link(EntityType.CUSTOMER.key(Long.toString(customer))).idOf("Accounts");
    }

    private String contactOf(long customer) {
        return ledger.link(EntityType.CUSTOMER.key(Long.toString(customer))).idOf("Contacts");
    }

    private void drain() {
        drainer.drain(new DrainRequest(Duration.ofSeconds(20), 1, Set.of(EntityType.CUSTOMER, EntityType.PRODUCT,
                EntityType.ORDER), Instant.now().plusSeconds(120)));
    }

    private VtigerPollRun vtigerPoll(String module) {
        return poll.vtigerPoll().stream().filter(r -> r.module().equals(module)).findFirst().orElseThrow();
    }

    private List<FakeMagentoServer.Write> customerWrites(long customer) {
        return magento.writes().stream().filter(w -> w.path().equals("/V1/customers/" + customer)).toList();
    }

    private int vtigerWrites() {
        return vtiger.calls("create") + vtiger.calls("revise") + vtiger.calls("update");
    }

    private String billingCity(long customer) {
        return LinkedCustomers.billing(magento, customer, "city");
    }

    private Object field(String vtigerId, String field) {
        return vtiger.record(vtigerId).orElseThrow().get(field);
    }

    private List<String> notes(long customer) {
        return log.history(EntityType.CUSTOMER.key(Long.toString(customer)), 30).stream()
                .flatMap(e -> e.notes().stream()).toList();
    }

    @Test
    void aPersonalOrganizationsBillingCityChangedInVtigerReachesTheCustomerOnceAndTheContactFollows() {
        long customer = customer(null);
        synced();
        String organization = organizationOf(customer);
        String contact = contactOf(customer);
        assertThat(ledger.holders(List.of(organization))).as("held by its one customer")
                .containsEntry(organization, EntityType.CUSTOMER.key(Long.toString(customer)));
        assertThat(vtigerPoll("Accounts").status()).as("the first run starts the cursor").isEqualTo("started");
        int addresses = magento.entity("customers", Long.toString(customer)).path("addresses").size();

        vtiger.advanceClock(Duration.ofSeconds(2));
        colleague.revise(Map.of("id", organization, "bill_city", "Hamburg"));
        vtiger.resetCounts();
        VtigerPollRun run = vtigerPoll("Accounts");
        assertThat(run.queued()).isEqualTo(1);
        assertThat(run.unlinked()).isZero();
        drain();

        assertThat(customerWrites(customer)).hasSize(1);
        assertThat(customerWrites(customer).get(0).body().at("/customer/addresses")).as("addresses kept")
                .hasSize(addresses);
        assertThat(billingCity(customer)).isEqualTo("Hamburg");
        assertThat(vtigerWrites()).as("nothing written back to Vtiger by the write back").isZero();

        // Magento's save of the customer is polled: the Contact's mailing city follows (one revise of the Contact),
        // the Organization holds the value already (no echo).
        synced();
        assertThat(vtiger.calls("revise")).isEqualTo(1);
        assertThat(field(contact, "mailingcity")).isEqualTo("Hamburg");
        assertThat(field(organization, "bill_city")).isEqualTo("Hamburg");

        // Silence: both polls again, nothing to write on either side.
        vtigerPoll("Accounts");
        synced();
        vtigerPoll("Accounts");
        drain();
        assertThat(customerWrites(customer)).hasSize(1);
        assertThat(vtiger.calls("revise")).isEqualTo(1);

        List<LogEntry> history = log.history(EntityType.CUSTOMER.key(Long.toString(customer)), 20);
        assertThat(history).filteredOn(e -> e.notes().stream().anyMatch(n -> n.startsWith("Vtiger → Magento: Accounts "
                + organization) && n.contains("1 field(s) written to Magento customer"))).hasSize(1);
        assertThat(history).anySatisfy(e -> assertThat(e.changes()).anySatisfy(c -> {
            assertThat(c.field()).isEqualTo("default_billing.city");
            assertThat(c.after()).isEqualTo("Hamburg");
        }));
        assertThat(history).as("the marker is bookkeeping, never a change in the log").allSatisfy(e ->
                assertThat(e.changes()).noneMatch(c -> c.module().startsWith("Held")));
    }

    @Test
    void aCompanysOrganizationIsNeverWrittenBackToItsMembersAndItsConflictsAreNotDecided() {
        String company = "Brandt Logistics " + ids.incrementAndGet();
        long first = customer(company);
        long second = customer(company);
        synced();
        String organization = organizationOf(first);
        assertThat(organizationOf(second)).as("shared by the company's members").isEqualTo(organization);
        assertThat(ledger.holders(List.of(organization))).as("held by no one customer").isEmpty();
        vtigerPoll("Accounts");

        vtiger.advanceClock(Duration.ofSeconds(2));
        colleague.revise(Map.of("id", organization, "bill_city", "Bremen"));
        VtigerPollRun run = vtigerPoll("Accounts");
        assertThat(run.queued()).isZero();
        assertThat(run.unlinked()).isEqualTo(1);
        assertThat(run.unlinkedIds()).containsExactly(organization);
        drain();
        assertThat(customerWrites(first)).isEmpty();
        assertThat(customerWrites(second)).isEmpty();

        // A member's own address edited in Magento afterwards: not a conflict with the company's record (its
        // Vtiger value is never written into a member's address book).
        ObjectNode edited = magento.entity("customers", Long.toString(first));
        edited.withArray("addresses").forEach(a -> ((ObjectNode) a).put("city", "Kiel"));
        edited.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC)));
        magento.putCustomer(edited);
        synced();
        assertThat(customerWrites(first)).isEmpty();
        assertThat(notes(first)).noneMatch(n -> n.startsWith("conflict on"));
        assertThat(billingCity(first)).isEqualTo("Kiel");
    }

    @Test
    void aPersonalOrganizationTurnedACompanysByTheCustomersNewCompanyNoLongerFlowsBack() {
        long customer = customer(null);
        synced();
        String organization = organizationOf(customer);
        assertThat(ledger.holders(List.of(organization))).containsKey(organization);
        vtigerPoll("Accounts");

        // The customer gives the billing address a company: the linked Organization becomes that company's.
        String company = "Keller Studio " + customer;
        ObjectNode edited = magento.entity("customers", Long.toString(customer));
        String billing = edited.path("default_billing").asText();
        edited.withArray("addresses").forEach(a -> {
            if (a.path("id").asText().equals(billing)) {
                ((ObjectNode) a).put("company", company);
            }
        });
        edited.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC)));
        magento.putCustomer(edited);
        synced();
        assertThat(organizationOf(customer)).isEqualTo(organization);
        assertThat(field(organization, "accountname")).isEqualTo(company);
        assertThat(ledger.holders(List.of(organization))).as("its holder let go by that commit").isEmpty();

        vtiger.advanceClock(Duration.ofSeconds(2));
        colleague.revise(Map.of("id", organization, "bill_city", "Rostock"));
        VtigerPollRun run = vtigerPoll("Accounts");
        assertThat(run.queued()).isZero();
        assertThat(run.unlinkedIds()).contains(organization);
        drain();
        assertThat(customerWrites(customer)).isEmpty();

        // A later sync of the customer (another edit) neither marks it again nor brings its holder back.
        magento.save("customers", Long.toString(customer), MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC)
                .plusSeconds(1)), "lastname", "Keller-Brandt " + customer);
        synced();
        assertThat(ledger.holders(List.of(organization))).isEmpty();
        assertThat(ledger.link(EntityType.CUSTOMER.key(Long.toString(customer))).heldAlone()).isEmpty();
    }

    @Test
    void aPersonalOrganizationACrmUserGaveAnotherContactIsNotWrittenBackAndTheLogSaysWhy() {
        long customer = customer(null);
        synced();
        String organization = organizationOf(customer);
        vtigerPoll("Accounts");
        String before = billingCity(customer);

        colleague.create("Contacts", Map.of("lastname", "Colleague", "account_id", organization,
                "assigned_user_id", "19x1"));
        vtiger.advanceClock(Duration.ofSeconds(2));
        colleague.revise(Map.of("id", organization, "bill_city", "Leipzig"));
        assertThat(vtigerPoll("Accounts").queued()).isEqualTo(1);
        drain();

        assertThat(customerWrites(customer)).isEmpty();
        assertThat(billingCity(customer)).isEqualTo(before);
        assertThat(notes(customer)).anySatisfy(n -> assertThat(n).isEqualTo("Accounts " + organization
                + " has Contacts in Vtiger besides this customer's: it is no longer personal, and its change is not"
                + " written back to Magento"));
    }

    @Test
    void contactsAndAccountsKeepACursorEachAndTheFormerPerTypeCursorCarriesOverToContacts() {
        mappings.put(new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        long customer = customer(null);
        synced();
        poll.vtigerPoll(); // both cursors start
        String contacts = cursors.vtiger("Contacts", EntityType.CUSTOMER, false).orElseThrow().cursor();

        // An earlier version kept the Contacts cursor under the customer type's key: put it back there alone.
        Map<String, AttributeValue> former = dynamo.getItem(b -> b.tableName(table.name()).key(Map.of(SyncTable.PK,
                AttributeValue.fromS("POLL"), SyncTable.SK, AttributeValue.fromS("vtiger#Contacts")))).item();
        java.util.HashMap<String, AttributeValue> legacy = new java.util.HashMap<>(former);
        legacy.put(SyncTable.SK, AttributeValue.fromS("vtiger#customer"));
        dynamo.putItem(b -> b.tableName(table.name()).item(legacy));
        dynamo.deleteItem(b -> b.tableName(table.name()).key(Map.of(SyncTable.PK, AttributeValue.fromS("POLL"),
                SyncTable.SK, AttributeValue.fromS("vtiger#Contacts"))));
        assertThat(cursors.vtiger("Contacts", EntityType.CUSTOMER, true).orElseThrow().cursor()).isEqualTo(contacts);
        assertThat(cursors.vtiger("Contacts", EntityType.CUSTOMER, false)).isEmpty();

        // Both records edited before the next poll: the Contact's change is found from the carried-over cursor (not
        // skipped by a fresh start), the Organization's from its own.
        vtiger.advanceClock(Duration.ofSeconds(2));
        colleague.revise(Map.of("id", contactOf(customer), "phone", "+49 40 555 0199"));
        colleague.revise(Map.of("id", organizationOf(customer), "bill_city", "Bonn"));
        List<VtigerPollRun> runs = poll.vtigerPoll();
        // (Other tests' records saved within the overlap are read again too: queued, and found unchanged.)
        assertThat(runs).filteredOn(r -> r.module().equals("Contacts")).singleElement().satisfies(r -> {
            assertThat(r.status()).as("not a fresh start").isEqualTo("done");
            assertThat(r.queued()).isPositive();
        });
        assertThat(runs).filteredOn(r -> r.module().equals("Accounts")).singleElement()
                .satisfies(r -> assertThat(r.queued()).isPositive());
        drain();
        assertThat(customerWrites(customer)).hasSize(2);
        assertThat(billingCity(customer)).isEqualTo("Bonn");
        ObjectNode saved = magento.entity("customers", Long.toString(customer));
        assertThat(saved.path("addresses").findValuesAsText("telephone")).contains("+49 40 555 0199");
        assertThat(cursors.vtiger("Contacts", EntityType.CUSTOMER, false)).as("saved under the module now")
                .isPresent();
        assertThat(cursors.vtiger("Accounts", EntityType.CUSTOMER, false)).isPresent();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
