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
import com.mvsync.poll.PollCursor;
import com.mvsync.poll.PollCursorStore;
import com.mvsync.poll.VtigerPollRun;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.store.LogEntry;
import com.mvsync.store.Outcome;
import com.mvsync.store.SyncLedger;
import com.mvsync.store.SyncLog;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
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
 * Customers from unlinked Contacts (two-way sync, {@code records.contactsCreateCustomers}) against the doubles: off,
 * a Contact made in Vtiger is only listed; on, it becomes one Magento customer ({@code POST /V1/customers}) linked to
 * it, once, also when the drain dies before its commit, and the customer's next Magento event revises that Contact;
 * an e-mail Magento has already is linked, not created; a Contact without e-mail is listed and noted.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class ContactCustomersFunctionTest {

    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 90_000_000);
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter MAGENTO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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

    final FakeVtigerServer vtiger = FakeVtigerResource.server();
    final FakeMagentoServer magento = FakeMagentoResource.server();
    String email;

    @BeforeEach
    void contactsPolled() {
        email = "made" + ids.incrementAndGet() + "@example.com";
        magento.reset();
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\""
                + Instant.now().minus(Duration.ofMinutes(10)) + "\"}},\"types\":{\"LEADS\":{\"enabled\":false},"
                + "\"ORGANIZATIONS\":{\"enabled\":false}},\"records\":{\"contactsCreateCustomers\":false}}")));
        // A Contact row flowing back: the Vtiger poll reads Contacts.
        mappings.put(new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        poll.magentoPoll();
        drain();
        contactsPoll(); // the first run starts the cursor; later runs read what changed since
        vtiger.advanceClock(Duration.ofSeconds(2));
    }

    @AfterEach
    void oneWayAgain() {
        mappings.delete(RecordType.CONTACT, "phone");
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"webhooks\"}},"
                + "\"types\":{\"LEADS\":{\"enabled\":true},\"ORGANIZATIONS\":{\"enabled\":true}},"
                + "\"records\":{\"contactsCreateCustomers\":false}}")));
    }

    private void on() {
        settings.update(SettingsUpdate.parse(json("{\"records\":{\"contactsCreateCustomers\":true}}")));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void drain() {
        drainer.drain(new DrainRequest(Duration.ofSeconds(20), 1, Set.of(EntityType.CUSTOMER),
                Instant.now().plusSeconds(120)));
    }

    private VtigerPollRun contactsPoll() {
        return poll.vtigerPoll().stream().filter(r -> r.module().equals("Contacts")).findFirst().orElseThrow();
    }

    private List<FakeMagentoServer.Write> creations() {
        return magento.writes().stream().filter(w -> w.method().equals("POST") && w.path().equals("/V1/customers"))
                .toList();
    }

    private List<ObjectNode> customersWith(String address) {
        return magento.customers().stream().filter(c -> c.path("email").asText().equalsIgnoreCase(address)).toList();
    }

    private String contact(Map<String, Object> fields) {
        return vtiger.seed("Contacts", fields);
    }

    private long contactsWith(String address) {
        return vtiger.records("Contacts").stream().filter(c -> address.equals(c.get("email"))).count();
    }

    private String field(String contact, String name) {
        return String.valueOf(vtiger.records("Contacts").stream().filter(c -> contact.equals(c.get("id")))
                .findFirst().orElseThrow().get(name));
    }

    @Test
    void offAContactMadeInVtigerIsOnlyListed() {
        String contact = contact(Map.of("firstname", "Off", "lastname", "Contact", "email", email,
                "assigned_user_id", "19x1"));

        VtigerPollRun run = contactsPoll();
        drain();

        assertThat(run.unlinkedIds()).contains(contact);
        assertThat(run.queued()).isZero();
        assertThat(creations()).isEmpty();
        assertThat(customersWith(email)).isEmpty();
        assertThat(ledger.holders(List.of(contact))).isEmpty();
    }

    @Test
    void onAContactBecomesOneCustomerLinkedOnceEvenAfterACrashAndItsMagentoEventRevisesThatContact() {
        on();
        String contact = contact(Map.of("firstname", "Vera", "lastname", "Vtiger", "email", email,
                "assigned_user_id", "19x1"));
        PollCursor before = cursors.vtiger("Contacts", EntityType.CUSTOMER, false).orElseThrow();

        VtigerPollRun run = contactsPoll();
        assertThat(run.queued()).isEqualTo(1);
        assertThat(run.unlinkedIds()).doesNotContain(contact);
        drain();

        assertThat(creations()).hasSize(1);
        JsonNode sent = creations().get(0).body().path("customer");
        assertThat(sent.path("email").asText()).isEqualTo(email);
        assertThat(sent.path("firstname").asText()).isEqualTo("Vera");
        assertThat(sent.path("lastname").asText()).isEqualTo("Vtiger");
        assertThat(sent.path("website_id").asInt()).as("the one website's").isEqualTo(1);
        List<ObjectNode> made = customersWith(email);
        assertThat(made).hasSize(1);
        String customerId = made.get(0).path("id").asText();
        String entityKey = EntityType.CUSTOMER.key(customerId);
        assertThat(ledger.holders(List.of(contact))).containsEntry(contact, entityKey);
        assertThat(ledger.link(entityKey).idOf("Contacts")).isEqualTo(contact);
        List<LogEntry> history = log.history(entityKey, 10);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).result()).isEqualTo(Outcome.SYNCED);
        assertThat(history.get(0).notes()).containsExactly("Vtiger → Magento: Contacts " + contact
                + " made in Vtiger: created Magento customer " + customerId + " (" + email + ") and linked it");

        // The next poll re-reads the Contact (the overlap): nothing more happens.
        contactsPoll();
        drain();
        assertThat(creations()).hasSize(1);

        // As if the drain had died after Magento's answer: no event, no link, no holder, the cursor back.
        String eventKey = "vtiger:Contacts:" + contact + ":" + field(contact, "modifiedtime");
        for (Map<String, AttributeValue> key : List.of(
                Map.of(SyncTable.PK, AttributeValue.fromS("EVENT#" + eventKey), SyncTable.SK,
                        AttributeValue.fromS("EVENT")),
                Map.of(SyncTable.PK, AttributeValue.fromS("LINK#" + entityKey), SyncTable.SK,
                        AttributeValue.fromS("LINK")),
                Map.of(SyncTable.PK, AttributeValue.fromS("RECORD#" + contact), SyncTable.SK,
                        AttributeValue.fromS("RECORD")))) {
            dynamo.deleteItem(b -> b.tableName(table.name()).key(key));
        }
        assertThat(ledger.holders(List.of(contact))).isEmpty();
        PollCursor now = cursors.vtiger("Contacts", EntityType.CUSTOMER, false).orElseThrow();
        // The cursor as before that page: this Contact's version unread (other classes' records in the shared double
        // stay remembered, so only this one is queued again).
        Map<String, String> recent = new java.util.HashMap<>(now.recent());
        recent.remove(contact);
        cursors.saveVtiger("Contacts", new PollCursor(EntityType.CUSTOMER, now.origin(), before.cursor(),
                recent, 0, null), now.version());

        assertThat(contactsPoll().queued()).isEqualTo(1);
        drain();
        assertThat(creations()).as("found by its e-mail, not made again").hasSize(1);
        assertThat(customersWith(email)).hasSize(1);
        assertThat(ledger.holders(List.of(contact))).containsEntry(contact, entityKey);
        assertThat(log.history(entityKey, 10).get(0).notes()).containsExactly("Vtiger → Magento: Contacts "
                + contact + " made in Vtiger: linked to Magento customer " + customerId + ", found by its e-mail "
                + email + " (nothing written to Magento)");

        // The customer's next Magento event revises the same Contact: no second one.
        magento.save("customers", customerId, MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC).plusSeconds(5)),
                "lastname", "Vtiger-Meyer");
        poll.magentoPoll();
        drain();
        assertThat(contactsWith(email)).isEqualTo(1);
        assertThat(field(contact, "lastname")).isEqualTo("Vtiger-Meyer");
        assertThat(creations()).hasSize(1);
    }

    @Test
    void anEmailMagentoHasAlreadyIsLinkedNotCreated() throws Exception {
        long id = ids.incrementAndGet();
        magento.putCustomer((ObjectNode) JSON.readTree(Samples.customer("rest/customer_get_42.json", id, email)));
        on();
        String contact = contact(Map.of("firstname", "Known", "lastname", "Customer",
                "email", email.toUpperCase(java.util.Locale.ROOT), "assigned_user_id", "19x1"));

        assertThat(contactsPoll().queued()).isEqualTo(1);
        drain();

        assertThat(creations()).isEmpty();
        assertThat(magento.writes()).as("nothing written to Magento").isEmpty();
        String entityKey = EntityType.CUSTOMER.key(Long.toString(id));
        assertThat(ledger.holders(List.of(contact))).containsEntry(contact, entityKey);
        List<LogEntry> history = log.history(entityKey, 10);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).notes()).containsExactly("Vtiger → Magento: Contacts " + contact
                + " made in Vtiger: linked to Magento customer " + id + ", found by its e-mail "
                + email.toUpperCase(java.util.Locale.ROOT) + " (nothing written to Magento)");
    }

    @Test
    void aCustomerLinkedToAnotherContactKeepsItsLinkAndTheNewContactIsNoted() throws Exception {
        long id = ids.incrementAndGet();
        magento.putCustomer((ObjectNode) JSON.readTree(Samples.customer("rest/customer_get_42.json", id, email)));
        String entityKey = EntityType.CUSTOMER.key(Long.toString(id));
        String first = contact(Map.of("lastname", "First " + id, "email", email, "assigned_user_id", "19x1"));
        ledger.saveRelatedLink(new com.mvsync.store.EntityLink(entityKey, Map.of("Contacts", first), Map.of()));
        contactsPoll(); // read while the setting is off: listed, and not read as a change again
        vtiger.advanceClock(Duration.ofSeconds(2));
        on();
        String second = contact(Map.of("firstname", "Second", "lastname", "Contact", "email", email,
                "assigned_user_id", "19x1"));

        contactsPoll();
        drain();

        assertThat(creations()).isEmpty();
        assertThat(ledger.link(entityKey).idOf("Contacts")).as("the customer keeps its Contact").isEqualTo(first);
        assertThat(ledger.holders(List.of(second))).isEmpty();
        assertThat(log.history(entityKey, 10)).singleElement().satisfies(e -> {
            assertThat(e.result()).isEqualTo(Outcome.SKIPPED);
            assertThat(e.error()).as("a skip's reason, as every skip has it").isEqualTo("Vtiger → Magento: Contacts "
                    + second + " not linked: Magento"
                    + " customer " + id + " with the e-mail " + email + " is linked to Contacts " + first
                    + " already (two records are never merged on an e-mail)");
        });
    }

    @Test
    void aContactWithoutEmailIsListedAndNotedNotCreated() {
        on();
        String contact = contact(Map.of("firstname", "No", "lastname", "Mail " + email, "assigned_user_id", "19x1"));

        VtigerPollRun run = contactsPoll();
        drain();

        assertThat(run.unlinkedIds()).contains(contact);
        assertThat(creations()).isEmpty();
        assertThat(ledger.holders(List.of(contact))).isEmpty();
        List<LogEntry> noted = log.history("vtiger#" + contact, 10);
        assertThat(noted).hasSize(1);
        assertThat(noted.get(0).result()).isEqualTo(Outcome.SKIPPED);
        assertThat(noted.get(0).error()).isEqualTo("Contacts " + contact
                + " has no e-mail: no Magento customer is made of it; it stays unlinked");
    }
}
