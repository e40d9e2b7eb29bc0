package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.drain.DrainReport;
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
import com.mvsync.store.EntityLink;
import com.mvsync.store.LogEntry;
import com.mvsync.store.SyncLedger;
import com.mvsync.store.SyncLog;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.Samples;
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
 * Two-way sync end to end (the poll functions' beans, the drain, moto, the Vtiger and Magento doubles): a customer
 * synced to Vtiger by the Magento poll, its Contact's phone (a row mapped both ways) changed in Vtiger by another
 * user. Counted at both doubles: the change reaches the Magento customer exactly once, the Magento → Vtiger sync of
 * the customer that write causes writes nothing to Vtiger, and the next polls are silent; a crash between the Magento
 * write and the commit and cursor makes no second write; a phone changed on both sides is decided by the row's rule
 * and the sync log keeps both values.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class TwoWaySyncFunctionTest {

    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 60_000_000);
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
    com.mvsync.queue.QueueStore queue;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    FakeMagentoServer magento = FakeMagentoResource.server();
    long id;
    String email;
    RawVtiger.Session colleague;

    @BeforeEach
    void customerSyncedToVtiger() {
        id = ids.incrementAndGet();
        email = "twoway" + id + "@example.com";
        vtiger.clearFaults();
        magento.reset();
        // Contacts only, so that every Vtiger write counted is one to the Contact (a Lead's and an Organization's
        // phone follow the customer's as usual when they are on).
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\""
                + Instant.now().minus(Duration.ofMinutes(10)) + "\"}},\"types\":{\"LEADS\":{\"enabled\":false},"
                + "\"ORGANIZATIONS\":{\"enabled\":false}}}")));
        mappings.put(phone(Direction.BOTH, ConflictRule.NEWEST_WINS));
        String user = "colleague" + id;
        vtiger.addUser(user, KEY);
        colleague = new RawVtiger(vtiger.endpoint()).session(user, KEY);

        ObjectNode customer = (ObjectNode) json(Samples.customer("rest/customer_get_42.json", id, email));
        customer.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(5)));
        magento.putCustomer(customer);
        poll.magentoPoll();
        drain();
        poll.vtigerPoll(); // the first run starts the cursor at Vtiger's latest modifiedtime
    }

    @AfterEach
    void oneWayAgain() {
        mappings.delete(RecordType.CONTACT, "phone");
        mappings.delete(RecordType.CONTACT, "mailingcity");
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"customer\":{\"source\":\"webhooks\"}},"
                + "\"types\":{\"LEADS\":{\"enabled\":true},\"ORGANIZATIONS\":{\"enabled\":true}}}")));
    }

    private static MappingRow phone(Direction direction, ConflictRule rule) {
        return new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, direction, rule);
    }

    private String contactId() {
        return vtiger.records("Contacts").stream().filter(c -> email.equals(c.get("email"))).findFirst()
                .orElseThrow().get("id").toString();
    }

    private int vtigerWrites() {
        return vtiger.calls("create") + vtiger.calls("revise") + vtiger.calls("update");
    }

    private List<FakeMagentoServer.Write> customerWrites() {
        return magento.writes().stream().filter(w -> w.path().equals("/V1/customers/" + id)).toList();
    }

    private String magentoPhone() {
        return LinkedCustomers.telephone(magento, id);
    }

    private DrainReport drain() {
        return drainer.drain(new DrainRequest(Duration.ofSeconds(20), 2, Set.of(EntityType.CUSTOMER,
                EntityType.PRODUCT, EntityType.ORDER), Instant.now().plusSeconds(120)));
    }

    /**
     * One drain taking one item at a time: the customer's Magento event and its Contact's change lock the same link,
     * so in parallel one of them would wait for a retry's backoff. Both are done after it.
     */
    private void settled() {
        drainer.drain(new DrainRequest(Duration.ofSeconds(20), 1, Set.of(EntityType.CUSTOMER, EntityType.PRODUCT,
                EntityType.ORDER), Instant.now().plusSeconds(120)));
        assertThat(queue.get(EntityType.CUSTOMER.key(Long.toString(id)))).as("the Magento event drained").isEmpty();
        assertThat(queue.get("vtiger#" + contactId())).as("the Vtiger change drained").isEmpty();
    }

    private VtigerPollRun vtigerPoll() {
        return poll.vtigerPoll().stream().filter(r -> r.module().equals("Contacts")).findFirst().orElseThrow();
    }

    @Test
    void aPhoneChangedInVtigerReachesMagentoOnceAndCausesNoWriteBackToVtiger() {
        String contact = contactId();
        int addresses = magento.entity("customers", Long.toString(id)).path("addresses").size();
        // The Contact the sync itself wrote is read by the next poll (within the overlap): its values are what the
        // sync wrote, so nothing goes to Magento.
        vtigerPoll();
        drain();
        assertThat(customerWrites()).isEmpty();

        vtiger.advanceClock(Duration.ofSeconds(2)); // Vtiger's modifiedtime is later than the customer's updated_at
        colleague.revise(Map.of("id", contact, "phone", "+49 30 555 0101"));
        vtiger.resetCounts();

        VtigerPollRun run = vtigerPoll();
        assertThat(run.queued()).isGreaterThanOrEqualTo(1);
        drain();

        assertThat(customerWrites()).hasSize(1);
        JsonNode sent = customerWrites().get(0).body().path("customer");
        assertThat(sent.path("addresses")).as("the whole customer, addresses kept").hasSize(addresses);
        assertThat(magentoPhone()).isEqualTo("+49 30 555 0101");
        assertThat(magento.entity("customers", Long.toString(id)).path("email").asText()).isEqualTo(email);
        assertThat(vtigerWrites()).as("nothing written back to Vtiger").isZero();

        // Magento's poll sees the customer it saved (a new updated_at): the values are the link's, no Vtiger write.
        poll.magentoPoll();
        drain();
        assertThat(vtigerWrites()).isZero();
        assertThat(customerWrites()).hasSize(1);

        // Silence: the next polls of both sides find nothing to write.
        vtigerPoll();
        poll.magentoPoll();
        drain();
        vtigerPoll();
        drain();
        assertThat(vtigerWrites()).isZero();
        assertThat(customerWrites()).hasSize(1);

        List<LogEntry> history = log.history(EntityType.CUSTOMER.key(Long.toString(id)), 20);
        // One entry for the write back, in the customer's history (not a second one under the Vtiger record's key).
        assertThat(history).filteredOn(e -> e.notes().stream().anyMatch(n -> n.startsWith("Vtiger → Magento")
                && n.contains("field(s) written to Magento"))).hasSize(1);
        assertThat(log.history("vtiger#" + contact, 20)).isEmpty();
        assertThat(history).anySatisfy(e -> {
            assertThat(e.notes()).anySatisfy(n -> assertThat(n).startsWith("Vtiger → Magento: Contacts " + contact));
            assertThat(e.changes()).anySatisfy(c -> {
                assertThat(c.field()).isEqualTo("default_billing.telephone");
                assertThat(c.after()).isEqualTo("+49 30 555 0101");
            });
        });
    }

    @Test
    void aCrashBetweenTheMagentoWriteAndTheCommitAndCursorMakesNoSecondWrite() {
        String contact = contactId();
        String entityKey = EntityType.CUSTOMER.key(Long.toString(id));
        EntityLink before = ledger.link(entityKey);
        PollCursor cursorBefore = cursors.vtiger("Contacts", EntityType.CUSTOMER, false).orElseThrow();
        vtiger.advanceClock(Duration.ofSeconds(2));
        colleague.revise(Map.of("id", contact, "phone", "+49 30 555 0202"));
        vtigerPoll();
        drain();
        assertThat(customerWrites()).hasSize(1);

        // As if the drain died after Magento's answer: neither the event, the link nor the cursor was saved.
        String eventKey = "vtiger:Contacts:" + contact + ":" + vtiger.records("Contacts").stream()
                .filter(c -> contact.equals(c.get("id"))).findFirst().orElseThrow().get("modifiedtime");
        dynamo.deleteItem(b -> b.tableName(table.name()).key(Map.of(SyncTable.PK,
                AttributeValue.fromS("EVENT#" + eventKey), SyncTable.SK, AttributeValue.fromS("EVENT"))));
        ledger.saveRelatedLink(before);
        PollCursor now = cursors.vtiger("Contacts", EntityType.CUSTOMER, false).orElseThrow();
        cursors.saveVtiger("Contacts", new PollCursor(EntityType.CUSTOMER, now.origin(),
                cursorBefore.cursor(), Map.of(), 0, null), now.version());
        vtiger.resetCounts();

        VtigerPollRun again = vtigerPoll();
        assertThat(again.queued()).isGreaterThanOrEqualTo(1);
        drain();

        assertThat(customerWrites()).as("Magento holds Vtiger's value already: no second write").hasSize(1);
        assertThat(magentoPhone()).isEqualTo("+49 30 555 0202");
        assertThat(ledger.link(entityKey).lastWrittenTo("Contacts")).containsEntry("phone", "+49 30 555 0202");
        poll.magentoPoll();
        drain();
        assertThat(vtigerWrites()).isZero();
    }

    @Test
    void aPhoneChangedOnBothSidesIsDecidedByTheRowsRuleAndTheLogKeepsBothValues() {
        mappings.put(phone(Direction.BOTH, ConflictRule.MAGENTO_WINS));
        String contact = contactId();
        // Magento's change is not synced yet (its poll has not run) when Vtiger's is read.
        ObjectNode customer = magento.entity("customers", Long.toString(id));
        String billing = customer.path("default_billing").asText();
        customer.withArray("addresses").forEach(a -> {
            if (a.path("id").asText().equals(billing)) {
                ((ObjectNode) a).put("telephone", "+1 415 555 0303");
            }
        });
        customer.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC)));
        magento.putCustomer(customer);
        vtiger.advanceClock(Duration.ofSeconds(2));
        colleague.revise(Map.of("id", contact, "phone", "+49 30 555 0303"));

        vtigerPoll();
        drain();

        assertThat(customerWrites()).as("Magento wins: nothing written to Magento").isEmpty();
        List<LogEntry> history = log.history(EntityType.CUSTOMER.key(Long.toString(id)), 20);
        assertThat(history).anySatisfy(e -> assertThat(e.notes()).anySatisfy(n -> assertThat(n)
                .contains("conflict on phone").contains("'+1 415 555 0303'").contains("'+49 30 555 0303'")
                .contains("Magento's value kept (magento-wins)")));
        // Magento's change then reaches Vtiger as usual, and the two agree.
        vtiger.resetCounts();
        poll.magentoPoll();
        drain();
        assertThat(vtiger.records("Contacts").stream().filter(c -> contact.equals(c.get("id"))).findFirst()
                .orElseThrow().get("phone")).isEqualTo("+1 415 555 0303");
        vtigerPoll();
        drain();
        assertThat(customerWrites()).isEmpty();
    }

    private static MappingRow city(ConflictRule rule) {
        return new MappingRow(RecordType.CONTACT, "mailingcity", "default_billing.city", true, "Mailing city",
                WriteRule.ALWAYS, false, false, Direction.BOTH, rule);
    }

    /** The customer's default billing city set in Magento, saved now (UTC, as Magento stamps it). */
    private void magentoCityEdited(String city) {
        ObjectNode customer = magento.entity("customers", Long.toString(id));
        String billing = customer.path("default_billing").asText();
        customer.withArray("addresses").forEach(a -> {
            if (a.path("id").asText().equals(billing)) {
                ((ObjectNode) a).put("city", city);
            }
        });
        customer.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC)));
        magento.putCustomer(customer);
    }

    private String magentoCity() {
        return LinkedCustomers.billing(magento, id, "city");
    }

    private Object vtigerCity(String contact) {
        return vtiger.records("Contacts").stream().filter(c -> contact.equals(c.get("id"))).findFirst()
                .orElseThrow().get("mailingcity");
    }

    /** The sync log's conflict notes of the customer's mailing city, newest first. */
    private List<String> cityConflicts() {
        return log.history(EntityType.CUSTOMER.key(Long.toString(id)), 50).stream()
                .flatMap(e -> e.notes().stream()).filter(n -> n.startsWith("conflict on mailingcity")).toList();
    }

    @Test
    void anAddressChangedOnBothSidesMagentoEventFirstNewestWinsKeepsVtigersNewerValueAndWritesItToMagento() {
        mappings.put(city(ConflictRule.NEWEST_WINS));
        settled();
        String contact = contactId();
        magentoCityEdited("Hamburg");
        vtiger.advanceClock(Duration.ofSeconds(2)); // Vtiger's edit is the newer one
        colleague.revise(Map.of("id", contact, "mailingcity", "Bremen"));
        vtiger.resetCounts();

        poll.magentoPoll(); // Magento's event first: the Contact is read, both changed since the link's city
        settled();

        assertThat(vtigerWrites()).as("the field Vtiger wins is not written to Vtiger").isZero();
        assertThat(vtigerCity(contact)).isEqualTo("Bremen");
        assertThat(customerWrites()).as("Vtiger's value written to Magento once").hasSize(1);
        assertThat(magentoCity()).isEqualTo("Bremen");
        assertThat(cityConflicts()).singleElement().satisfies(n -> assertThat(n).contains("'Hamburg'")
                .contains("'Bremen'").contains("Vtiger's value kept (newest-wins), the other was Magento's 'Hamburg'"));
        assertThat(ledger.link(EntityType.CUSTOMER.key(Long.toString(id))).lastWrittenTo("Contacts"))
                .as("the agreed value follows the winner").containsEntry("mailingcity", "Bremen");

        // Then silence: Vtiger's edit polled, Magento's save of it polled; no write either way, no second conflict.
        vtigerPoll();
        settled();
        poll.magentoPoll();
        settled();
        vtigerPoll();
        settled();
        assertThat(vtigerWrites()).isZero();
        assertThat(customerWrites()).hasSize(1);
        assertThat(cityConflicts()).hasSize(1);
    }

    @Test
    void anAddressChangedOnBothSidesMagentoEventFirstMagentoWinsWritesMagentosValueAndKeepsVtigersInTheLog() {
        mappings.put(city(ConflictRule.MAGENTO_WINS));
        settled();
        String contact = contactId();
        magentoCityEdited("Hamburg");
        vtiger.advanceClock(Duration.ofSeconds(2)); // newer, and loses all the same: the rule is magento-wins
        colleague.revise(Map.of("id", contact, "mailingcity", "Bremen"));

        poll.magentoPoll();
        settled();

        assertThat(vtigerCity(contact)).isEqualTo("Hamburg");
        assertThat(customerWrites()).isEmpty();
        assertThat(cityConflicts()).singleElement().satisfies(n -> assertThat(n).contains("'Hamburg'")
                .contains("'Bremen'").contains("Magento's value kept (magento-wins), the other was Vtiger's 'Bremen'"));

        vtigerPoll();
        settled();
        poll.magentoPoll();
        settled();
        assertThat(customerWrites()).as("Vtiger's losing value never reaches Magento").isEmpty();
        assertThat(magentoCity()).isEqualTo("Hamburg");
        assertThat(cityConflicts()).hasSize(1);
    }

    @Test
    void anAddressChangedOnBothSidesVtigerPollFirstNewestWinsWritesVtigersNewerValueToMagentoOnce() {
        mappings.put(city(ConflictRule.NEWEST_WINS));
        settled();
        String contact = contactId();
        magentoCityEdited("Hamburg");
        vtiger.advanceClock(Duration.ofSeconds(2));
        colleague.revise(Map.of("id", contact, "mailingcity", "Bremen"));
        vtiger.resetCounts();

        vtigerPoll(); // Vtiger's change first: the write back reads the customer and finds Magento's edit
        settled();
        assertThat(customerWrites()).hasSize(1);
        assertThat(magentoCity()).isEqualTo("Bremen");

        poll.magentoPoll();
        settled();
        vtigerPoll();
        settled();
        assertThat(vtigerWrites()).isZero();
        assertThat(vtigerCity(contact)).isEqualTo("Bremen");
        assertThat(customerWrites()).hasSize(1);
        assertThat(cityConflicts()).singleElement().satisfies(n -> assertThat(n).contains("'Hamburg'")
                .contains("'Bremen'").contains("Vtiger's value kept (newest-wins)"));
    }

    @Test
    void anAddressChangedOnBothSidesVtigerPollFirstMagentoWinsIsDecidedOnceAndMagentosValueReachesVtiger() {
        mappings.put(city(ConflictRule.MAGENTO_WINS));
        settled();
        String contact = contactId();
        magentoCityEdited("Hamburg");
        vtiger.advanceClock(Duration.ofSeconds(2));
        colleague.revise(Map.of("id", contact, "mailingcity", "Bremen"));

        vtigerPoll();
        settled();
        assertThat(customerWrites()).isEmpty();
        poll.magentoPoll(); // the Magento side finds Vtiger's value lost already: a plain change, no second conflict
        settled();
        vtigerPoll();
        settled();

        assertThat(vtigerCity(contact)).isEqualTo("Hamburg");
        assertThat(customerWrites()).isEmpty();
        assertThat(cityConflicts()).singleElement().satisfies(n -> assertThat(n)
                .contains("Magento's value kept (magento-wins), the other was Vtiger's 'Bremen'"));
    }

    @Test
    void bothPollsBeforeOneDrainEndAlikeWhicheverChangeTheDrainTakesFirst() {
        mappings.put(city(ConflictRule.MAGENTO_WINS));
        settled();
        String contact = contactId();
        magentoCityEdited("Hamburg");
        vtiger.advanceClock(Duration.ofSeconds(2));
        colleague.revise(Map.of("id", contact, "mailingcity", "Bremen"));

        vtigerPoll(); // Vtiger's version queued with 'Bremen' ...
        poll.magentoPoll(); // ... and Magento's: a stale Vtiger version must not undo the decision
        settled();
        vtigerPoll();
        poll.magentoPoll();
        settled();

        assertThat(vtigerCity(contact)).isEqualTo("Hamburg");
        assertThat(magentoCity()).isEqualTo("Hamburg");
        assertThat(customerWrites()).isEmpty();
        assertThat(cityConflicts()).hasSize(1);
    }

    @Test
    void aProductPriceChangedInVtigerReachesMagentoOnce() {
        try {
            String sku = "TW-" + id;
            String productId = productSyncedWithPriceBothWays(sku, ConflictRule.NEWEST_WINS);
            assertThat(magento.writes()).noneMatch(w -> w.path().equals("/V1/products/" + sku));

            vtiger.advanceClock(Duration.ofSeconds(2));
            colleague.revise(Map.of("id", productId, "unit_price", "79.90"));
            vtiger.resetCounts();
            VtigerPollRun run = poll.vtigerPoll().stream().filter(r -> r.module().equals("Products")).findFirst()
                    .orElseThrow();
            assertThat(run.queued()).isGreaterThanOrEqualTo(1);
            drain();

            List<FakeMagentoServer.Write> writes = magento.writes().stream()
                    .filter(w -> w.path().equals("/V1/products/" + sku)).toList();
            assertThat(writes).hasSize(1);
            assertThat(writes.get(0).body().path("product").path("price").decimalValue()).isEqualByComparingTo("79.90");
            assertThat(writes.get(0).body().path("product").has("name")).as("only the changed field").isFalse();
            assertThat(magento.entity("products", sku).path("price").decimalValue()).isEqualByComparingTo("79.90");
            assertThat(vtigerWrites()).isZero();

            // Magento's poll of the saved product, then both polls again: nothing more either side.
            poll.magentoPoll();
            drain();
            poll.vtigerPoll();
            drain();
            assertThat(vtigerWrites()).isZero();
            assertThat(magento.writes().stream().filter(w -> w.path().equals("/V1/products/" + sku))).hasSize(1);
        } finally {
            productsOneWayAgain();
        }
    }

    /**
     * A product in Magento with its price mapped both ways under {@code rule}, synced to Vtiger by Magento's poll, and
     * the Products cursor started (or the sync's own write read: nothing to send); its Vtiger id.
     */
    private String productSyncedWithPriceBothWays(String sku, ConflictRule rule) {
        mappings.put(new MappingRow(RecordType.PRODUCT, "unit_price", "price", true, "Price", WriteRule.ALWAYS, false,
                false, Direction.BOTH, rule));
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"product\":{\"source\":\"poll\",\"startFrom\":\""
                + Instant.now().minus(Duration.ofMinutes(10)) + "\"}}}")));
        ObjectNode product = magento.addProduct(sku);
        product.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(5)));
        magento.putProduct(product);
        poll.magentoPoll();
        drain();
        String productId = vtiger.records("Products").stream().filter(p -> sku.equals(p.get("productcode")))
                .findFirst().orElseThrow().get("id").toString();
        poll.vtigerPoll();
        drain();
        return productId;
    }

    private void productsOneWayAgain() {
        mappings.delete(RecordType.PRODUCT, "unit_price");
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"product\":{\"source\":\"webhooks\"}}}")));
    }

    @Test
    void aPriceChangedOnBothSidesMagentoEventFirstVtigerWinsIsWrittenToMagentoAndNotToVtiger() {
        try {
            String sku = "TWC-" + id;
            String productId = productSyncedWithPriceBothWays(sku, ConflictRule.VTIGER_WINS);

            // Vtiger's edit first in time, yet it wins: the rule is vtiger-wins, whatever the times.
            colleague.revise(Map.of("id", productId, "unit_price", "79.90"));
            vtiger.advanceClock(Duration.ofSeconds(2));
            magento.save("products", sku, MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC).plusSeconds(1)), "price",
                    "55");
            vtiger.resetCounts();
            int before = magento.writes().size();
            poll.magentoPoll(); // the Magento event first
            drain();

            assertThat(vtigerWrites()).as("the price Vtiger wins is not written to Vtiger").isZero();
            assertThat(new java.math.BigDecimal(vtiger.records("Products").stream()
                    .filter(p -> productId.equals(p.get("id"))).findFirst().orElseThrow().get("unit_price")
                    .toString())).isEqualByComparingTo("79.90");
            List<FakeMagentoServer.Write> writes = magento.writes().subList(before, magento.writes().size()).stream()
                    .filter(w -> w.path().equals("/V1/products/" + sku)).toList();
            assertThat(writes).hasSize(1);
            assertThat(magento.entity("products", sku).path("price").decimalValue()).isEqualByComparingTo("79.90");
            assertThat(log.history(EntityType.PRODUCT.key(sku), 20).stream().flatMap(e -> e.notes().stream())
                    .filter(n -> n.startsWith("conflict on unit_price"))).singleElement().satisfies(n -> assertThat(n)
                            .contains("Magento '55'").contains("Vtiger's value kept (vtiger-wins)"));

            poll.vtigerPoll();
            drain();
            poll.magentoPoll();
            drain();
            assertThat(vtigerWrites()).isZero();
            assertThat(magento.writes().subList(before, magento.writes().size()).stream()
                    .filter(w -> w.path().equals("/V1/products/" + sku))).hasSize(1);
        } finally {
            productsOneWayAgain();
        }
    }

    @Test
    void aSalesOrderStatusSetInVtigerBecomesOneCommentOnTheMagentoOrder() {
        mappings.put(new MappingRow(RecordType.SALES_ORDER, "sostatus", "status", true, "Status", WriteRule.ALWAYS,
                false, false, Direction.TO_MAGENTO, ConflictRule.NEWEST_WINS));
        settings.update(SettingsUpdate.parse(json("{\"sources\":{\"order\":{\"source\":\"poll\",\"startFrom\":\""
                + Instant.now().minus(Duration.ofMinutes(10)) + "\"},\"product\":{\"source\":\"webhooks\"}}}")));
        try {
            ObjectNode order = (ObjectNode) json(Samples.sales("rest/order_get_3005.json", id, id, email));
            order.put("updated_at", MAGENTO.format(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(5)));
            magento.putOrder(order);
            poll.magentoPoll();
            drain();
            String subject = "Magento order #" + order.path("increment_id").asText();
            String salesOrder = vtiger.records("SalesOrder").stream().filter(o -> subject.equals(o.get("subject")))
                    .findFirst().orElseThrow().get("id").toString();
            poll.vtigerPoll(); // the SalesOrder cursor starts (or reads the sync's own write: nothing to send)
            drain();

            vtiger.advanceClock(Duration.ofSeconds(2));
            colleague.revise(Map.of("id", salesOrder, "sostatus", "Delivered"));
            vtiger.resetCounts();
            poll.vtigerPoll();
            drain();

            String path = "/V1/orders/" + id + "/comments";
            List<FakeMagentoServer.Write> comments = magento.writes().stream().filter(w -> w.path().equals(path))
                    .toList();
            assertThat(comments).hasSize(1);
            assertThat(comments.get(0).body().path("statusHistory").path("comment").asText())
                    .isEqualTo("Vtiger: Status set to Delivered");
            ObjectNode stored = magento.entity("orders", Long.toString(id));
            assertThat(stored.path("status").asText()).as("Magento's workflow keeps its status").isEqualTo("processing");
            assertThat(stored.path("status_histories").get(0).path("comment").asText())
                    .isEqualTo("Vtiger: Status set to Delivered");
            assertThat(vtigerWrites()).isZero();

            // Magento's poll of the commented order maps to what the sync wrote: the CRM user's status stays.
            poll.magentoPoll();
            drain();
            poll.vtigerPoll();
            drain();
            assertThat(vtigerWrites()).isZero();
            assertThat(vtiger.records("SalesOrder").stream().filter(o -> salesOrder.equals(o.get("id"))).findFirst()
                    .orElseThrow().get("sostatus")).isEqualTo("Delivered");
            assertThat(magento.writes().stream().filter(w -> w.path().equals(path))).hasSize(1);
        } finally {
            mappings.delete(RecordType.SALES_ORDER, "sostatus");
            settings.update(SettingsUpdate.parse(json("{\"sources\":{\"order\":{\"source\":\"webhooks\"}}}")));
        }
    }

    /**
     * What a poll costs in Vtiger calls: one when nothing changed, one per 100 changed records (keyset pages of one
     * second move on by offset), every linked one queued once; the overlap margin reads the latest records again,
     * which costs calls but queues nothing.
     */
    @Test
    void aPollCostsOneVtigerCallPer100ChangedRecordsAndQueuesEachLinkedOneOnce() {
        // Past the overlap: what the earlier tests wrote is not read. In a full run the doubles hold the records of
        // every test class, and the Magento poll of this test's setup may have made hundreds of Contacts just before
        // the cursor; a first poll of one newer (unlinked) Contact moves the cursor past them.
        vtiger.advanceClock(Duration.ofMinutes(5));
        vtiger.seed("Contacts", Map.of("lastname", "Marker " + id, "assigned_user_id", "19x1"));
        vtigerPoll();
        vtiger.advanceClock(Duration.ofMinutes(5));
        String one = vtiger.seed("Contacts", Map.of("lastname", "One " + id, "phone", "1", "assigned_user_id", "19x1"));
        link(one, "customer#poll-" + id + "-one");
        int before = vtiger.calls("query", "Contacts");
        VtigerPollRun oneChange = vtigerPoll();
        assertThat(vtiger.calls("query", "Contacts") - before).isEqualTo(1);
        assertThat(oneChange.requests()).isEqualTo(1);
        assertThat(oneChange.queued()).isEqualTo(1);

        before = vtiger.calls("query", "Contacts");
        VtigerPollRun noChange = vtigerPoll();
        assertThat(vtiger.calls("query", "Contacts") - before).isEqualTo(1);
        assertThat(noChange.found()).isZero();
        assertThat(noChange.skipped()).as("the record within the overlap, read again").isEqualTo(1);

        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String contact = vtiger.seed("Contacts", Map.of("lastname", "Many " + i, "phone", "2" + i,
                    "assigned_user_id", "19x1"));
            many.add(contact);
            if (i % 5 != 0) {
                link(contact, "customer#poll-" + id + "-" + i);
            }
        }
        before = vtiger.calls("query", "Contacts");
        VtigerPollRun run = vtigerPoll();
        int calls = vtiger.calls("query", "Contacts") - before;
        assertThat(calls).isEqualTo(run.requests()).isBetween(3, 4); // 4 when the 250 straddle a second
        assertThat(run.found()).isEqualTo(250);
        assertThat(run.queued()).isEqualTo(200);
        assertThat(run.unlinked()).isEqualTo(50);
        assertThat(run.unlinkedIds()).hasSize(20).contains(many.get(0));
        assertThat(queue.get("vtiger#" + many.get(0))).as("unlinked: not queued").isEmpty();
        assertThat(queue.get("vtiger#" + many.get(1)).orElseThrow().eventKey()).startsWith("vtiger:Contacts:"
                + many.get(1) + ":");
        assertThat(many.stream().filter(c -> queue.get("vtiger#" + c).isPresent())).hasSize(200);

        VtigerPollRun again = vtigerPoll();
        assertThat(again.found()).as("read again within the overlap, queued nothing").isZero();
        assertThat(again.queued()).isZero();
        // Their customers do not exist: removed, so no later drain spends its time on them.
        many.forEach(this::unqueue);
        unqueue(one);
    }

    private void unqueue(String vtigerId) {
        dynamo.deleteItem(b -> b.tableName(table.name()).key(Map.of(SyncTable.PK, AttributeValue.fromS(
                "QUEUE#vtiger#" + vtigerId), SyncTable.SK, AttributeValue.fromS("QUEUE"))));
    }

    private void link(String vtigerId, String entityKey) {
        dynamo.putItem(b -> b.tableName(table.name()).item(Map.of(SyncTable.PK, AttributeValue.fromS(
                "RECORD#" + vtigerId), SyncTable.SK, AttributeValue.fromS("RECORD"), "entity",
                AttributeValue.fromS(entityKey))));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
