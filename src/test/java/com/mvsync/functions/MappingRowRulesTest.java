package com.mvsync.functions;

import static com.mvsync.testing.lambda.FunctionEvents.body;
import static com.mvsync.testing.lambda.FunctionEvents.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.RecordType;
import com.mvsync.mapping.WriteRule;
import com.mvsync.settings.Mode;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.settings.SyncType;
import com.mvsync.store.LogEntry;
import com.mvsync.store.SyncLog;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.Samples;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, the per-row rules of the field mapping, end to end through the function beans against the Vtiger double:
 * a company's shared Organization keeps its first member's e-mail and phone (write rule when-empty-if-shared), a
 * picklist value Vtiger does not have is left out with a note (or written as Vtiger spells it), and an HTML
 * description is stored as text.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class MappingRowRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 80_000_000L);

    @Inject
    WebhookFunctions webhooks;
    @Inject
    MappingStore mappings;
    @Inject
    SettingsStore settings;
    @Inject
    Drainer drainer;
    @Inject
    SyncLog log;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    long id;

    @BeforeEach
    void unique() {
        id = ids.incrementAndGet();
        vtiger.clearFaults();
    }

    @AfterEach
    void reset() {
        customerMode(Mode.IMMEDIATE);
        mappings.delete(RecordType.SALES_ORDER, "carrier");
        mappings.delete(RecordType.ORGANIZATION, "email1");
    }

    // ---- write rules -----------------------------------------------------------------------------------------

    @Test
    void aCompanysEmailAndPhoneStayTheFirstMembersThroughASecondWaveOfColleagues() {
        String company = "Rows Co " + id;
        List<Long> colleagues = new ArrayList<>();
        List<JsonNode> firstWave = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long customerId = ids.incrementAndGet();
            colleagues.add(customerId);
            firstWave.add(body(webhooks.webhook(signed("/webhooks/customers/created",
                    colleague(customerId, company).toString()))));
        }
        String organization = firstWave.get(0).path("vtiger").path("Accounts").asText();
        assertThat(firstWave).extracting(a -> a.path("vtiger").path("Accounts").asText()).containsOnly(organization);
        assertThat(notes(firstWave.get(1))).as(firstWave.get(1).toString()).contains("Accounts " + organization
                + ": Vtiger's value kept for email1, phone (write rule when-empty)");

        // The second wave arrives together and is drained in one batch (its lookups made in bulk).
        customerMode(Mode.CRON);
        for (int i = 0; i < 3; i++) {
            long customerId = ids.incrementAndGet();
            colleagues.add(customerId);
            webhooks.webhook(signed("/webhooks/customers/created", colleague(customerId, company).toString()));
        }
        drainer.drain(new DrainRequest(Duration.ofSeconds(20), 1, Set.of(EntityType.CUSTOMER), Instant.now()));
        // And a member of the first wave changes their phone.
        long edited = colleagues.get(2);
        customerMode(Mode.IMMEDIATE);
        ObjectNode edit = colleague(edited, company).put("updated_at", "2030-01-01 00:00:00");
        ((ObjectNode) edit.path("addresses").get(0)).put("telephone", "+1 555 0199");
        JsonNode editAnswer = body(webhooks.webhook(signed("/webhooks/customers/updated", edit.toString())));

        List<Map<String, Object>> companies = vtiger.records("Accounts").stream()
                .filter(o -> company.equals(o.get("accountname"))).toList();
        assertThat(companies).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("email1", email(colleagues.get(0))).containsEntry("phone", phone(colleagues.get(0))));
        assertThat(vtiger.records("Contacts").stream().filter(c -> colleagues.stream()
                .anyMatch(cid -> email(cid).equals(c.get("email"))))).hasSize(6)
                .allSatisfy(c -> assertThat(c).containsEntry("account_id", organization));
        assertThat(logged(colleagues.get(4))).anySatisfy(entry -> assertThat(entry.notes()).contains("Accounts "
                + organization + ": Vtiger's value kept for email1, phone (write rule when-empty)"));
        assertThat(notes(editAnswer)).contains("Accounts " + organization
                + ": Vtiger's value kept for phone (write rule when-empty)");
        assertThat(vtiger.records("Contacts").stream().filter(c -> email(edited).equals(c.get("email"))))
                .singleElement().satisfies(c -> assertThat(c).containsEntry("phone", "+1 555 0199"));
    }

    @Test
    void aPersonalOrganizationIsStillBroughtUpToMagentosValues() {
        long customerId = ids.incrementAndGet();
        ObjectNode customer = colleague(customerId, null);
        JsonNode created = body(webhooks.webhook(signed("/webhooks/customers/created",
                customer.toString())));
        String organization = created.path("vtiger").path("Accounts").asText();

        ((ObjectNode) customer.path("addresses").get(0)).put("telephone", "+1 555 0142");
        JsonNode edited = body(webhooks.webhook(signed("/webhooks/customers/updated",
                customer.put("updated_at", "2030-01-01 00:00:00").toString())));

        assertThat(vtiger.record(organization).orElseThrow()).containsEntry("phone", "+1 555 0142");
        assertThat(notes(edited)).noneSatisfy(n -> assertThat(n).contains("Vtiger's value kept"));
    }

    @Test
    void anOnCreateRowIsWrittenOnlyWhenTheSyncMakesTheRecord() {
        mappings.put(new MappingRow(RecordType.ORGANIZATION, "email1", "email", true, "Email", WriteRule.ON_CREATE,
                false, false));
        long customerId = ids.incrementAndGet();
        ObjectNode customer = colleague(customerId, null);
        JsonNode created = body(webhooks.webhook(signed("/webhooks/customers/created",
                customer.toString())));
        String organization = created.path("vtiger").path("Accounts").asText();
        assertThat(vtiger.record(organization).orElseThrow()).containsEntry("email1", email(customerId));

        JsonNode edited = body(webhooks.webhook(signed("/webhooks/customers/updated",
                customer.put("email", "changed" + customerId + "@example.com")
                        .put("updated_at", "2030-01-01 00:00:00").toString())));

        assertThat(vtiger.record(organization).orElseThrow()).containsEntry("email1", email(customerId));
        assertThat(notes(edited)).contains("Accounts " + organization
                + ": Vtiger's value kept for email1 (write rule on-create)");
    }

    // ---- picklists -------------------------------------------------------------------------------------------

    @Test
    void aShippingMethodThatIsNoCarrierIsLeftOutOfTheSalesOrderWithANote() {
        // order_get_3005 ships "Flat Rate - Fixed": no value of the carrier picklist (FedEx, UPS, USPS, DHL, BlueDart).
        JsonNode answer = placeOrder(Map.of());

        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("synced");
        Map<String, Object> salesOrder = vtiger.record(answer.path("vtiger").path("SalesOrder").asText()).orElseThrow();
        assertThat(salesOrder.get("carrier")).isIn("", null);
        assertThat(notes(answer)).contains("carrier Flat Rate - Fixed is none of Vtiger's carrier picklist values"
                + " (FedEx, UPS, USPS, DHL, BlueDart): SalesOrder.carrier left as it is; add the value to the picklist"
                + " in Vtiger, or mark the mapping row free text to write it as it is");
    }

    @Test
    void aCarrierTitleIsWrittenAsVtigerSpellsItAndAFreeTextRowWritesAnyValue() {
        JsonNode ups = placeOrder(Map.of("United Parcel Service - Ground", true));
        assertThat(vtiger.record(ups.path("vtiger").path("SalesOrder").asText()).orElseThrow())
                .containsEntry("carrier", "UPS");
        assertThat(notes(ups)).contains("carrier United Parcel Service - Ground written as Vtiger's picklist value UPS");

        mappings.put(new MappingRow(RecordType.SALES_ORDER, "carrier", "shipping_description", true,
                "Shipping method", WriteRule.ALWAYS, true, false));
        id = ids.incrementAndGet();
        JsonNode free = placeOrder(Map.of());
        assertThat(vtiger.record(free.path("vtiger").path("SalesOrder").asText()).orElseThrow())
                .containsEntry("carrier", "Flat Rate - Fixed");
        assertThat(notes(free)).noneSatisfy(n -> assertThat(n).startsWith("carrier "));
    }

    // ---- HTML to text ----------------------------------------------------------------------------------------

    @Test
    void anHtmlProductDescriptionIsStoredAsText() throws IOException {
        ObjectNode product = (ObjectNode) JSON.readTree(Samples.product("rest/product_get_MB-TRAVEL-01.json",
                "HTML-" + id));
        for (JsonNode attribute : product.path("custom_attributes")) {
            if (attribute.path("attribute_code").asText().equals("description")) {
                ((ObjectNode) attribute).put("value", "<p>Roomy &amp; light&nbsp;backpack.</p>\n<ul><li>28 L</li>"
                        + "<li>Laptop <b>sleeve</b></li></ul><p>Line one<br>Line two</p><script>alert(1)</script>");
            }
        }

        JsonNode answer = body(webhooks.webhook(signed("/webhooks/products/saved", product.toString())));

        assertThat(vtiger.record(answer.path("vtiger").path("Products").asText()).orElseThrow())
                .containsEntry("description", "Roomy & light backpack.\n- 28 L\n- Laptop sleeve\nLine one\nLine two");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A customer of {@code company} (none: a personal Organization), with their own e-mail and phone. */
    private ObjectNode colleague(long customerId, String company) {
        try {
            ObjectNode customer = (ObjectNode) JSON.readTree(Samples.customer("rest/customer_get_42.json", customerId,
                    email(customerId)));
            customer.put("lastname", "Member" + customerId);
            customer.path("addresses").forEach(a -> {
                ObjectNode address = (ObjectNode) a;
                if (company == null) {
                    address.remove("company");
                } else {
                    address.put("company", company);
                }
                address.put("telephone", phone(customerId));
            });
            return customer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Order 3005 of a new customer; the shipping description replaced when one is given. */
    private JsonNode placeOrder(Map<String, Boolean> shippingDescription) {
        String order = Samples.sales("rest/order_get_3005.json", id, id, "rows" + id + "@example.com");
        for (String description : shippingDescription.keySet()) {
            order = order.replace("\"Flat Rate - Fixed\"", "\"" + description + "\"");
        }
        return body(webhooks.webhook(signed("/webhooks/orders/placed", order)));
    }

    private static String email(long customerId) {
        return "member" + customerId + "@example.com";
    }

    private static String phone(long customerId) {
        return "+1 555 " + customerId;
    }

    private void customerMode(Mode mode) {
        settings.update(SettingsUpdate.parse(JSON.valueToTree(Map.of("types", Map.of(
                SyncType.LEADS.name(), Map.of("mode", mode.name().toLowerCase()),
                SyncType.ORGANIZATIONS.name(), Map.of("mode", mode.name().toLowerCase()),
                SyncType.CONTACTS.name(), Map.of("mode", mode.name().toLowerCase()))))));
    }

    /** The answer's notes (an answer without any has none). */
    private static List<String> notes(JsonNode answer) {
        if (!answer.has("notes")) {
            return List.of();
        }
        return JSON.convertValue(answer.path("notes"), JSON.getTypeFactory().constructCollectionType(List.class,
                String.class));
    }

    private List<LogEntry> logged(long magentoId) {
        return log.recent(500).stream().filter(e -> String.valueOf(magentoId).equals(e.magentoId())).toList();
    }
}
