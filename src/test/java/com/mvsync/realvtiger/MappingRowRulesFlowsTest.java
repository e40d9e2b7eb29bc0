package com.mvsync.realvtiger;

import static com.mvsync.testing.lambda.FunctionEvents.body;
import static com.mvsync.testing.lambda.FunctionEvents.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.settings.SyncType;
import com.mvsync.functions.WebhookFunctions;

import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.realvtiger.RealVtigerEnv;
import com.mvsync.testing.realvtiger.RealVtigerProfile;
import com.mvsync.testing.realvtiger.RealVtigerTier;
import com.mvsync.testing.vtiger.RawVtiger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-row rules of issue 18 against a real, stock Vtiger 8.2.0: a company's Organization keeps its first member's
 * e-mail, a shipping method that is no carrier is left out of the Sales Order's carrier picklist, an HTML product
 * description is stored as text.
 */
@RealVtigerTier
@QuarkusTest
@TestProfile(RealVtigerProfile.class)
class MappingRowRulesFlowsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 90_000_000L);

    @Inject
    WebhookFunctions webhooks;
    @Inject
    SettingsStore settings;

    RawVtiger.Session vtiger;
    long id;

    @BeforeEach
    void setUp() {
        vtiger = RealVtigerEnv.session();
        id = ids.incrementAndGet();
        settings.update(SettingsUpdate.parse(JSON.valueToTree(Map.of("types", Map.of(
                SyncType.LEADS.name(), Map.of("mode", "immediate"),
                SyncType.ORGANIZATIONS.name(), Map.of("mode", "immediate"),
                SyncType.CONTACTS.name(), Map.of("mode", "immediate"))))));
    }

    @Test
    void aCompanysEmailStaysTheFirstMembersWhenColleaguesRegister() {
        String company = "Rows Real Co " + id;
        List<Long> colleagues = new ArrayList<>();
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long customerId = ids.incrementAndGet();
            colleagues.add(customerId);
            answers.add(body(webhooks.webhook(signed("/webhooks/customers/created",
                    colleague(customerId, company).toString()))));
        }

        String organization = answers.get(0).path("vtiger").path("Accounts").asText();
        assertThat(answers).extracting(a -> a.path("vtiger").path("Accounts").asText()).containsOnly(organization);
        JsonNode stored = vtiger.retrieve(organization);
        assertThat(stored.path("email1").asText()).isEqualTo(email(colleagues.get(0)));
        assertThat(stored.path("phone").asText()).isEqualTo(phone(colleagues.get(0)));
        assertThat(notes(answers.get(2))).contains("Accounts " + organization
                + ": Vtiger's value kept for email1, phone (write rule when-empty)");
    }

    @Test
    void aShippingMethodThatIsNoCarrierIsLeftOutOfTheStoredSalesOrder() {
        String order = Samples.sales("rest/order_get_3005.json", id, id, "rowsreal" + id + "@example.com");
        JsonNode answer = body(webhooks.webhook(signed("/webhooks/orders/placed", order)));

        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("synced");
        JsonNode salesOrder = vtiger.retrieve(answer.path("vtiger").path("SalesOrder").asText());
        // Left out of the create: stock 8.2.0 stores "" (not describe's defaultValue FedEx), not "Flat Rate - Fixed".
        assertThat(salesOrder.path("carrier").asText()).isEmpty();
        assertThat(notes(answer)).anySatisfy(n -> assertThat(n)
                .startsWith("carrier Flat Rate - Fixed is none of Vtiger's carrier picklist values (FedEx, UPS, USPS,"
                        + " DHL, BlueDart)"));
    }

    @Test
    void anHtmlDescriptionIsStoredAsText() throws IOException {
        ObjectNode product = (ObjectNode) JSON.readTree(Samples.product("rest/product_get_MB-TRAVEL-01.json",
                "RHTML-" + id));
        for (JsonNode attribute : product.path("custom_attributes")) {
            if (attribute.path("attribute_code").asText().equals("description")) {
                ((ObjectNode) attribute).put("value", "<p>Roomy &amp; light.</p><ul><li>28 L</li><li>Laptop sleeve"
                        + "</li></ul>");
            }
        }

        JsonNode answer = body(webhooks.webhook(signed("/webhooks/products/saved", product.toString())));

        JsonNode stored = vtiger.retrieve(answer.path("vtiger").path("Products").asText());
        assertThat(stored.path("description").asText()).isEqualTo("Roomy & light.\n- 28 L\n- Laptop sleeve");
    }

    private ObjectNode colleague(long customerId, String company) {
        try {
            ObjectNode customer = (ObjectNode) JSON.readTree(Samples.customer("rest/customer_get_42.json", customerId,
                    email(customerId)));
            customer.put("lastname", "Member" + customerId);
            customer.path("addresses").forEach(a -> ((ObjectNode) a).put("company", company)
                    .put("telephone", phone(customerId)));
            return customer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String email(long customerId) {
        return "rowsreal" + customerId + "@example.com";
    }

    private static String phone(long customerId) {
        return "+1 555 " + customerId;
    }

    private static List<String> notes(JsonNode answer) {
        if (!answer.has("notes")) {
            return List.of();
        }
        return JSON.convertValue(answer.path("notes"), JSON.getTypeFactory().constructCollectionType(List.class,
                String.class));
    }
}
