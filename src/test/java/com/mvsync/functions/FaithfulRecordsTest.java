package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.settings.FirstLink;
import com.mvsync.settings.Mode;
import com.mvsync.settings.RecordPolicy;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.settings.SyncType;
import com.mvsync.store.LogEntry;
import com.mvsync.store.SyncLog;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.Policies;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 9, "nothing altered silently at Vtiger's limits", end to end through the function beans against the Vtiger
 * double, which stores what a stock 8.2.0 stores (values cut at its columns, 4-byte characters as "????", duplicate
 * Organization names refused). Every alteration is a note in the answer and in the sync log.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class FaithfulRecordsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 70_000_000L);

    @Inject
    WebhookFunctions webhooks;
    @Inject
    Policies policies;
    @Inject
    SettingsStore settings;
    @Inject
    Drainer drainer;
    @Inject
    QueueStore queue;
    @Inject
    SyncLog log;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    long id;
    String email;

    @BeforeEach
    void unique() {
        id = ids.incrementAndGet();
        email = "faithful" + id + "@example.com";
        vtiger.clearFaults();
        vtiger.resetCounts();
    }

    @AfterEach
    void reset() {
        policies.reset();
        customerMode(Mode.IMMEDIATE);
    }

    // ---- cut values ------------------------------------------------------------------------------------------

    @Test
    void aStreetLongerThanItsColumnIsCutTo250WithANoteInTheAnswerAndTheSyncLog() {
        String street = "Long Street " + "x".repeat(243); // 255 characters
        ObjectNode customer = restCustomer();
        ((ObjectNode) customer.path("addresses").get(0)).putArray("street").add(street);

        JsonNode answer = body(webhooks.webhook(signed("/webhooks/customers/created", customer.toString())));

        assertThat(answer.path("status").asText()).isEqualTo("synced");
        Map<String, Object> contact = record(answer.path("vtiger").path("Contacts").asText());
        assertThat((String) contact.get("mailingstreet")).hasSize(250).isEqualTo(street.substring(0, 250));
        assertThat(notes(answer)).contains(
                "Contacts.mailingstreet cut from 255 to 250 characters (Vtiger's column holds 250)",
                "Accounts.bill_street cut from 255 to 250 characters (Vtiger's column holds 250)");
        assertThat(logged(String.valueOf(id))).anySatisfy(entry -> assertThat(entry.notes())
                .contains("Contacts.mailingstreet cut from 255 to 250 characters (Vtiger's column holds 250)"));
        // Nothing else differs without a note: what was stored is what the notes say.
        assertThat(notes(answer)).allSatisfy(n -> assertThat(n).contains(" cut from 255 to "));
    }

    @Test
    void aPartialIoEventsCustomerCompletedFromMagentoGetsTheSameCutAndNote() {
        String street = "Completed Street " + "z".repeat(238); // 255 characters
        ObjectNode stored = restCustomer();
        ((ObjectNode) stored.path("addresses").get(0)).putArray("street").add(street);
        FakeMagentoResource.server().putCustomer(stored);
        String partial = Samples.customer("adobe-io-events/01_customer_save_commit_after_created.json", id, email);

        JsonNode answer = body(webhooks.webhook(signed("/webhooks/customers/created", partial)));

        Map<String, Object> contact = record(answer.path("vtiger").path("Contacts").asText());
        assertThat((String) contact.get("mailingstreet")).isEqualTo(street.substring(0, 250));
        assertThat(notes(answer)).contains(
                "Contacts.mailingstreet cut from 255 to 250 characters (Vtiger's column holds 250)");
    }

    @Test
    void anUnchangedLongValueIsNotRevisedAgainOnTheNextSave() {
        ObjectNode customer = restCustomer();
        ((ObjectNode) customer.path("addresses").get(0)).putArray("street").add("y".repeat(300));
        webhooks.webhook(signed("/webhooks/customers/created", customer.toString()));
        vtiger.resetCounts();

        customer.put("updated_at", "2030-01-01 00:00:00");
        JsonNode again = body(webhooks.webhook(signed("/webhooks/customers/updated", customer.toString())));

        assertThat(again.path("records").findValuesAsText("action")).containsOnly("UNCHANGED");
        assertThat(vtiger.calls("revise") + vtiger.calls("update") + vtiger.calls("create")).isZero();
    }

    // ---- 4-byte characters -----------------------------------------------------------------------------------

    @Test
    void anEmojiInAProductNameIsReplacedAndNotedInsteadOfStoredAsQuestionMarks() {
        String sku = "EMOJI-" + id;
        String body = Samples.product("rest/product_get_MB-TRAVEL-01.json", sku)
                .replace("Trailhead Travel Backpack", "Gift Box 🎁 Deluxe");

        JsonNode answer = body(webhooks.webhook(signed("/webhooks/products/saved", body)));

        Map<String, Object> product = record(answer.path("vtiger").path("Products").asText());
        assertThat(product.get("productname")).isEqualTo("Gift Box \uFFFD Deluxe");
        assertThat(notes(answer)).containsExactly(
                "Products.productname: 1 character Vtiger cannot store (emoji or another 4-byte character) replaced");
    }

    @Test
    void theSubstituteIsTheAdminsChoice() {
        policies.set(RecordPolicy.DEFAULT.withUnstorableCharacter(""));
        String sku = "EMOJI-" + id;
        String body = Samples.product("rest/product_get_MB-TRAVEL-01.json", sku)
                .replace("Trailhead Travel Backpack", "Gift Box 🎁 Deluxe");

        JsonNode answer = body(webhooks.webhook(signed("/webhooks/products/saved", body)));

        assertThat(record(answer.path("vtiger").path("Products").asText()).get("productname"))
                .isEqualTo("Gift Box  Deluxe");
    }

    // ---- identities at the limit -----------------------------------------------------------------------------

    @Test
    void aLongSkuSyncedTwiceAndThenByAFreshDeploymentMakesExactlyOneProduct() {
        String sku = ("LONG-SKU-" + id + "-").concat("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").substring(0, 53);
        JsonNode first = body(webhooks.webhook(signed("/webhooks/products/saved",
                Samples.product("rest/product_get_MB-TRAVEL-01.json", sku))));
        String productId = first.path("vtiger").path("Products").asText();
        assertThat(notes(first)).contains("Products.productcode cut from 53 to 40 characters (Vtiger's column holds 40)");
        assertThat(record(productId).get("productcode")).isEqualTo(sku.substring(0, 40));

        // Other events for the same SKU (Mageplaza's product hook, an order line): linked, no second Product.
        body(webhooks.webhook(signed("/webhooks/products/saved",
                Samples.product("mageplaza/update_product.json", sku))));
        JsonNode order = body(webhooks.webhook(signed("/webhooks/orders/placed",
                Samples.sales("rest/order_get_3005.json", id, id, email).replace("MB-TRAVEL-01", sku))));
        assertThat(order.path("status").asText()).as(order.toString()).isEqualTo("synced");
        // A fresh deployment: nothing remembered; the lookup compares the cut form and finds it.
        forget("LINK#product#" + sku, "LINK");
        forget("RECORD#" + productId, "RECORD");
        JsonNode fresh = body(webhooks.webhook(signed("/webhooks/products/saved",
                Samples.product("rest/product_get_MB-TRAVEL-01.json", sku).replace("\"price\": 89", "\"price\": 91"))));

        assertThat(fresh.path("vtiger").path("Products").asText()).isEqualTo(productId);
        assertThat(vtiger.records("Products").stream().filter(p -> sku.startsWith((String) p.get("productcode"))))
                .hasSize(1);
    }

    @Test
    void twoSkusEqualInTheirFirst40CharactersAreNeverMergedTheSecondIsADeadLetter() {
        String stem = ("TWIN-" + id + "-").concat("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").substring(0, 40);
        String first = stem + "-RED";
        String second = stem + "-BLUE";
        JsonNode made = body(webhooks.webhook(signed("/webhooks/products/saved",
                Samples.product("rest/product_get_MB-TRAVEL-01.json", first))));

        HttpApiResponse refused = webhooks.webhook(signed("/webhooks/products/saved",
                Samples.product("rest/product_get_MB-TRAVEL-01.json", second)));

        assertThat(refused.statusCode()).isEqualTo(202);
        JsonNode answer = body(refused);
        assertThat(answer.path("status").asText()).isEqualTo("dead_letter");
        String productId = made.path("vtiger").path("Products").asText();
        assertThat(answer.toString()).contains("product#" + second + " cannot be synced: Vtiger holds its productcode"
                + " only cut to 40 characters, and Products " + productId + " with that value belongs to product#"
                + first);
        assertThat(vtiger.records("Products").stream().filter(p -> stem.equals(p.get("productcode")))).hasSize(1);
        assertThat(queue.list(QueueStatus.DEAD, 500)).anySatisfy(item -> assertThat(item.entityKey())
                .isEqualTo("product#" + second));
    }

    // ---- existing records, first link --------------------------------------------------------------------------

    @Test
    void aLeadMadeByHandIsRevisedToMagentosValuesOnFirstLinkAndACompanysOrganizationFilledWhereEmpty() {
        String lead = vtiger.seed("Leads", Map.of("firstname", "Zoe", "lastname", "Angstrom", "email", email,
                "assigned_user_id", "19x1"));
        ObjectNode customer = restCustomer().put("firstname", "Zoë").put("lastname", "Ångström");
        String company = "Keller Design " + id;
        String organization = vtiger.seed("Accounts", Map.of("accountname", company, "bill_city", "Old Town",
                "assigned_user_id", "19x1"));

        JsonNode answer = body(webhooks.webhook(signed("/webhooks/customers/created", customer.toString())));

        assertThat(answer.path("vtiger").path("Leads").asText()).isEqualTo(lead);
        assertThat(answer.path("vtiger").path("Accounts").asText()).isEqualTo(organization);
        assertThat(record(lead)).containsEntry("firstname", "Zoë").containsEntry("lastname", "Ångström");
        // A company's Organization is shared by its members (write rule when-empty-if-shared): what it holds is
        // kept, what it lacks is filled from Magento.
        assertThat(record(organization)).containsEntry("bill_city", "Old Town").containsEntry("email1", email);
        assertThat(notes(answer)).anySatisfy(n -> assertThat(n).startsWith("Leads " + lead + " found in Vtiger and"
                + " linked; ").contains("firstname", "lastname").endsWith(" revised to Magento's values"));
        assertThat(notes(answer)).anySatisfy(n -> assertThat(n).startsWith("Accounts " + organization
                + " found in Vtiger and linked; ").contains("email1").doesNotContain("bill_city"));
        assertThat(notes(answer)).contains("Accounts " + organization
                + ": Vtiger's value kept for bill_city (write rule when-empty)");
    }

    @Test
    void underVtigerWinsALeadMadeByHandIsLeftAsItIs() {
        policies.set(RecordPolicy.DEFAULT.withFirstLink(FirstLink.VTIGER_WINS));
        String lead = vtiger.seed("Leads", Map.of("firstname", "Zoe", "lastname", "Angstrom", "email", email,
                "assigned_user_id", "19x1"));
        vtiger.resetCounts();

        JsonNode answer = body(webhooks.webhook(signed("/webhooks/customers/created",
                restCustomer().put("firstname", "Zoë").put("lastname", "Ångström").toString())));

        assertThat(record(lead)).containsEntry("firstname", "Zoe").containsEntry("lastname", "Angstrom");
        assertThat(vtiger.calls("revise", "Leads") + vtiger.calls("update")).isZero();
        assertThat(notes(answer)).anySatisfy(n -> assertThat(n).startsWith("Leads " + lead + " found in Vtiger and"
                + " linked; Vtiger's values kept for firstname, lastname").endsWith(" (first link: Vtiger wins)")
                .doesNotContain("email"));
    }

    // ---- unique Organization names ---------------------------------------------------------------------------

    enum SyncMode { IMMEDIATE, CRON }

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void twoCustomersOfTheSameNameEachGetTheirOwnOrganizationAndContact(SyncMode mode) {
        customerMode(mode == SyncMode.CRON ? Mode.CRON : Mode.IMMEDIATE);
        String name = "Garcia" + id;
        long secondId = ids.incrementAndGet();
        String secondEmail = "faithful" + secondId + "@example.com";
        String first = personal(id, email, name).toString();
        String second = personal(secondId, secondEmail, name).toString();

        HttpApiResponse a = webhooks.webhook(signed("/webhooks/customers/created", first));
        HttpApiResponse b = webhooks.webhook(signed("/webhooks/customers/created", second));
        if (mode == SyncMode.CRON) {
            assertThat(List.of(a.statusCode(), b.statusCode())).containsOnly(202);
            drainer.drain(new DrainRequest(Duration.ofSeconds(20), 1, Set.of(EntityType.CUSTOMER), Instant.now()));
        }

        List<Map<String, Object>> organizations = vtiger.records("Accounts").stream()
                .filter(o -> String.valueOf(o.get("accountname")).startsWith("Maria " + name)).toList();
        assertThat(organizations).hasSize(2);
        List<Map<String, Object>> contacts = vtiger.records("Contacts").stream()
                .filter(c -> email.equals(c.get("email")) || secondEmail.equals(c.get("email"))).toList();
        assertThat(contacts).hasSize(2);
        assertThat(contacts).extracting(c -> c.get("account_id")).doesNotHaveDuplicates();
        // Whoever was synced second (the drain takes items in any order) has the disambiguated name.
        assertThat(contacts).allSatisfy(c -> assertThat(organizations).filteredOn(o -> o.get("id")
                .equals(c.get("account_id"))).singleElement().extracting(o -> o.get("accountname"))
                .isIn("Maria " + name, "Maria " + name + " (" + c.get("email") + ")"));
        assertThat(queue.list(QueueStatus.DEAD, 500)).noneSatisfy(item -> assertThat(item.entityKey())
                .isIn("customer#" + id, "customer#" + secondId));
        if (mode == SyncMode.IMMEDIATE) {
            assertThat(notes(body(b))).contains("Accounts.accountname \"Maria " + name + "\" is taken by another"
                    + " record (" + organizations.stream().filter(o -> o.get("accountname").equals("Maria " + name))
                            .findFirst().orElseThrow().get("id")
                    + ", Duplicate Prevention): this one is named \"Maria " + name + " (" + secondEmail + ")\"");
        }
        // A redelivery of the second customer's registration finds its own Organization: nothing made twice.
        vtiger.resetCounts();
        webhooks.webhook(signed("/webhooks/customers/updated", personal(secondId, secondEmail, name)
                .put("updated_at", "2030-01-01 00:00:00").toString()));
        assertThat(vtiger.calls("create")).isZero();
    }

    @Test
    void tenColleaguesOfOneCompanyRegisteringAtOnceShareOneOrganizationWithoutADeadLetter() throws Exception {
        // Every colleague's lookup must miss before the first create lands, as on a real server under a burst: each
        // call takes 150 ms, and all ten start together.
        String company = "Race Design " + id + " LLC";
        List<Long> colleagues = java.util.stream.LongStream.range(0, 10).map(i -> i == 0 ? id : ids.incrementAndGet())
                .boxed().toList();
        vtiger.setLatency(Duration.ofMillis(150));
        List<HttpApiResponse> answers;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpApiResponse>> running = colleagues.stream().map(c -> pool.submit(
                    () -> {
                        start.await();
                        return webhooks.webhook(signed("/webhooks/customers/created",
                                colleague(c, company).toString()));
                    })).toList();
            start.countDown();
            answers = new java.util.ArrayList<>();
            for (var r : running) {
                answers.add(r.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            vtiger.setLatency(Duration.ZERO);
        }

        assertThat(answers).allSatisfy(a -> assertThat(body(a).path("status").asText()).as(a.body())
                .isEqualTo("synced"));
        List<Map<String, Object>> organizations = vtiger.records("Accounts").stream()
                .filter(o -> company.equalsIgnoreCase(String.valueOf(o.get("accountname")))).toList();
        assertThat(organizations).hasSize(1);
        Object organization = organizations.get(0).get("id");
        List<Map<String, Object>> contacts = vtiger.records("Contacts").stream()
                .filter(c -> colleagues.stream().anyMatch(c2 -> ("race" + c2 + "@example.com").equals(c.get("email"))))
                .toList();
        assertThat(contacts).hasSize(10).allSatisfy(c -> assertThat(c.get("account_id")).isEqualTo(organization));
        assertThat(answers).allSatisfy(a -> assertThat(body(a).path("vtiger").path("Accounts").asText())
                .isEqualTo(organization));
        assertThat(queue.list(QueueStatus.DEAD, 500)).noneSatisfy(item -> assertThat(item.entityKey())
                .isIn(colleagues.stream().map(c -> "customer#" + c).toList()));
        // The race did happen (more than one colleague tried to create the Organization; Duplicate Prevention refused
        // all but one), and the losers linked the winner's record.
        assertThat(vtiger.calls("create", "Accounts")).isGreaterThan(1);
    }

    /** A customer of {@code company}: the Organization is the company's, matched by name alone. */
    private ObjectNode colleague(long customerId, String company) {
        ObjectNode customer = restCustomer().put("id", customerId).put("email", "race" + customerId + "@example.com")
                .put("lastname", "Colleague" + customerId);
        customer.path("addresses").forEach(a -> ((ObjectNode) a).put("company", company));
        return customer;
    }

    @Test
    void aTakenUniqueValueWithoutAnAlternativeIsADeadLetterNamingTheFieldAndTheHolder() {
        // The admin's name expression gives nothing new: the person's name is taken and there is no other.
        policies.set(RecordPolicy.DEFAULT.withOrganizationNameWhenTaken("firstname + ' ' + lastname"));
        String name = "Garcia" + id;
        String holder = vtiger.seed("Accounts", Map.of("accountname", "Maria " + name, "email1", "other@example.com",
                "assigned_user_id", "19x1"));

        HttpApiResponse response = webhooks.webhook(signed("/webhooks/customers/created",
                personal(id, email, name).toString()));

        JsonNode answer = body(response);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(answer.path("status").asText()).isEqualTo("dead_letter");
        assertThat(answer.toString()).contains("Vtiger refuses a second Accounts record with the same accountname"
                + " (Duplicate Prevention): Accounts " + holder + " holds the value");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private ObjectNode restCustomer() {
        try {
            return (ObjectNode) JSON.readTree(Samples.customer("rest/customer_get_42.json", id, email));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A customer without a company: the Organization is named after the person. */
    private ObjectNode personal(long customerId, String customerEmail, String lastname) {
        ObjectNode customer = restCustomer().put("id", customerId).put("email", customerEmail)
                .put("lastname", lastname);
        customer.path("addresses").forEach(a -> ((ObjectNode) a).remove("company"));
        return customer;
    }

    private void customerMode(Mode mode) {
        settings.update(SettingsUpdate.parse(JSON.valueToTree(Map.of("types", Map.of(
                SyncType.LEADS.name(), Map.of("mode", mode.name().toLowerCase()),
                SyncType.ORGANIZATIONS.name(), Map.of("mode", mode.name().toLowerCase()),
                SyncType.CONTACTS.name(), Map.of("mode", mode.name().toLowerCase()))))));
    }

    private static HttpApiEvent signed(String path, String body) {
        try {
            return JSON.readValue(HttpApiRequests.signedPost(path, body), HttpApiEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode body(HttpApiResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> notes(JsonNode answer) {
        return JSON.convertValue(answer.path("notes"), JSON.getTypeFactory().constructCollectionType(List.class,
                String.class));
    }

    private Map<String, Object> record(String vtigerId) {
        return vtiger.record(vtigerId).orElseThrow(() -> new AssertionError("no Vtiger record " + vtigerId));
    }

    private List<LogEntry> logged(String magentoId) {
        return log.recent(200).stream().filter(e -> magentoId.equals(e.magentoId())).toList();
    }

    private void forget(String pk, String sk) {
        dynamo.deleteItem(b -> b.tableName(table.name()).key(Map.of("pk", AttributeValue.fromS(pk), "sk",
                AttributeValue.fromS(sk))));
    }
}
