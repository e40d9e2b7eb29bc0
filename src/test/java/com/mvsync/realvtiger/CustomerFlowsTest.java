package com.mvsync.realvtiger;

import static com.mvsync.realvtiger.Stored.notes;
import static com.mvsync.realvtiger.Stored.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.admin.AdminApi;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.functions.WebhookFunctions;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueStore;
import com.mvsync.testing.lambda.AdminCalls;
import com.mvsync.testing.lambda.FunctionEvents;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.realvtiger.RealVtigerProfile;
import com.mvsync.testing.realvtiger.RealVtigerRecords;
import com.mvsync.testing.realvtiger.RealVtigerTier;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Customers and products through the product's own functions into a real Vtiger 8.2.0, checked by what Vtiger stored
 * (VTQL and retrieve with a session of the test's own).
 */
@RealVtigerTier
@QuarkusTest
@TestProfile(RealVtigerProfile.class)
class CustomerFlowsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CREATED = "/webhooks/customers/created";
    static final String UPDATED = "/webhooks/customers/updated";

    @Inject
    WebhookFunctions webhooks;
    @Inject
    AdminApi adminApi;
    @Inject
    Drainer drainer;
    @Inject
    QueueStore queue;

    RealVtigerRecords vtiger;
    long id;
    String email;

    @BeforeEach
    void unique() {
        vtiger = new RealVtigerRecords();
        id = vtiger.nextId();
        email = vtiger.email("rv", id);
    }

    @AfterEach
    void leaveTheServerAsFound() {
        settings("{\"types\":{\"LEADS\":{\"mode\":\"immediate\",\"onDelete\":\"mark\"},"
                + "\"ORGANIZATIONS\":{\"mode\":\"immediate\",\"onDelete\":\"mark\"},"
                + "\"CONTACTS\":{\"mode\":\"immediate\",\"onDelete\":\"mark\"},\"PRODUCTS\":{\"onDelete\":\"mark\"}},"
                + "\"records\":{\"unstorableCharacter\":\"\\ufffd\"}}");
        assertThat(vtiger.deleteAll()).as("records of the run still live in Vtiger").isEmpty();
    }

    @Test
    void aNewCustomerBecomesALeadAnOrganizationAndAContactLinkedToItWithTheAddresses() {
        JsonNode answer = call(webhooks::webhook, CREATED, rest(), 200);

        assertThat(answer.path("status").asText()).isEqualTo("synced");
        assertThat(actions(answer)).containsExactly("CREATED", "CREATED", "CREATED");
        JsonNode lead = vtiger.retrieve(answer.path("vtiger").path("Leads").asText());
        JsonNode organization = vtiger.retrieve(answer.path("vtiger").path("Accounts").asText());
        JsonNode contact = vtiger.retrieve(answer.path("vtiger").path("Contacts").asText());
        assertThat(text(lead, "firstname", "lastname", "email", "company", "city", "code", "state", "country"))
                .containsExactly("Maria", Samples.surname(id), email, "Keller Design " + id, "San Francisco", "94105",
                        "California", "US");
        assertThat(text(organization, "accountname", "email1", "bill_city", "bill_code", "ship_city", "ship_code"))
                .containsExactly("Keller Design " + id, email, "San Francisco", "94105", "Chicago", "60610");
        assertThat(organization.path("bill_street").asText()).contains("500 Market St");
        assertThat(text(contact, "firstname", "lastname", "email", "account_id", "phone", "birthday", "mailingcity",
                "mailingzip", "mailingstate")).containsExactly("Maria", Samples.surname(id), email,
                        organization.path("id").asText(), "415-555-0134", "1988-03-21", "San Francisco", "94105",
                        "California");
        assertThat(contact.path("mailingstreet").asText()).contains("500 Market St");
        assertThat(vtiger.query("Contacts", "email = '" + email + "'")).hasSize(1);
        assertThat(vtiger.query("Leads", "email = '" + email + "'")).hasSize(1);
    }

    @Test
    void anEditRevisesOnlyTheChangedFieldAndLeavesTheOrganizationUntouched() {
        JsonNode first = call(webhooks::webhook, CREATED, rest(), 200);
        String lead = first.path("vtiger").path("Leads").asText();
        String contact = first.path("vtiger").path("Contacts").asText();
        JsonNode organizationBefore = vtiger.retrieve(first.path("vtiger").path("Accounts").asText());
        JsonNode leadBefore = vtiger.retrieve(lead);

        JsonNode edited = call(webhooks::webhook, UPDATED,
                Samples.customer("adobe-io-events/02_customer_save_commit_after_edited.json", id, email), 200);

        assertThat(edited.path("vtiger")).isEqualTo(first.path("vtiger"));
        assertThat(actions(edited)).containsExactly("UPDATED", "UNCHANGED", "UPDATED");
        JsonNode leadAfter = vtiger.retrieve(lead);
        assertThat(leadAfter.path("lastname").asText()).isEqualTo(Samples.editedSurname(id));
        // The I/O event carries no addresses: what it does not mention stays as it was.
        assertThat(text(leadAfter, "firstname", "email", "phone", "city", "company", "lane"))
                .isEqualTo(text(leadBefore, "firstname", "email", "phone", "city", "company", "lane"));
        assertThat(vtiger.retrieve(contact).path("lastname").asText()).isEqualTo(Samples.editedSurname(id));
        assertThat(vtiger.retrieve(organizationBefore.path("id").asText())).as("the Organization is not written")
                .isEqualTo(organizationBefore);
    }

    @Test
    void anEmailChangeRevisesTheLinkedRecordsAndMakesNoNewOnes() throws IOException {
        JsonNode first = call(webhooks::webhook, CREATED, rest(), 200);
        String changed = vtiger.email("rv-new", id);
        ObjectNode customer = (ObjectNode) JSON.readTree(rest());
        customer.put("email", changed).put("updated_at", "2024-08-01 10:00:00");

        JsonNode answer = call(webhooks::webhook, UPDATED, customer.toString(), 200);

        assertThat(answer.path("vtiger")).isEqualTo(first.path("vtiger"));
        assertThat(vtiger.retrieve(first.path("vtiger").path("Leads").asText()).path("email").asText())
                .isEqualTo(changed);
        assertThat(vtiger.retrieve(first.path("vtiger").path("Contacts").asText()).path("email").asText())
                .isEqualTo(changed);
        for (String module : List.of("Leads", "Contacts")) {
            assertThat(vtiger.query(module, "email = '" + changed + "'")).as(module + " with the new email")
                    .hasSize(1);
            assertThat(vtiger.query(module, "email = '" + email + "'")).as(module + " with the old email").isEmpty();
        }
    }

    @Test
    void threeCustomersOfOneNameSyncedByTheDrainGetThreeOrganizationsNamedApart() throws IOException {
        settings("{\"types\":{\"LEADS\":{\"mode\":\"cron\",\"periodMinutes\":1},\"ORGANIZATIONS\":{\"mode\":"
                + "\"cron\",\"periodMinutes\":1},\"CONTACTS\":{\"mode\":\"cron\",\"periodMinutes\":1}}}");
        String lastname = "Garcia " + vtiger.marker() + "-" + id;
        List<Long> ids = List.of(id, vtiger.nextId(), vtiger.nextId());
        List<String> emails = ids.stream().map(i -> vtiger.email("rv", i)).toList();
        for (int i = 0; i < 3; i++) {
            JsonNode queued = call(webhooks::webhook, CREATED, personal(ids.get(i), emails.get(i), lastname),
                    202);
            assertThat(queued.path("status").asText()).isEqualTo("queued");
        }
        assertThat(vtiger.query("Contacts", "lastname = '" + lastname + "'")).as("nothing before the drain").isEmpty();

        drainer.drain(new DrainRequest(Duration.ofSeconds(60), 1, Set.of(EntityType.CUSTOMER), Instant.now()));

        for (long i : ids) {
            assertThat(queue.get("customer#" + i)).as("customer#" + i + " synced, no longer queued").isEmpty();
        }
        List<JsonNode> organizations = vtiger.query("Accounts", "accountname LIKE 'Maria " + lastname + "%'");
        assertThat(organizations).hasSize(3);
        List<JsonNode> contacts = vtiger.query("Contacts", "lastname = '" + lastname + "'");
        assertThat(contacts).hasSize(3);
        assertThat(contacts).extracting(c -> c.path("account_id").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(organizations.stream().map(o -> o.path("id").asText()).toList());
        // The first synced holds the plain name, the two others the policy's name with their email.
        for (JsonNode contact : contacts) {
            String name = organizations.stream().filter(o -> o.path("id").equals(contact.path("account_id")))
                    .findFirst().orElseThrow().path("accountname").asText();
            assertThat(name).isIn("Maria " + lastname, "Maria " + lastname + " (" + contact.path("email").asText()
                    + ")");
        }
        assertThat(organizations).extracting(o -> o.path("accountname").asText()).contains("Maria " + lastname);
    }

    @Test
    void aStreetLongerThanItsColumnIsStoredCutTo250WithItsNote() throws IOException {
        String street = "Long Street " + "x".repeat(243); // 255 characters
        ObjectNode customer = (ObjectNode) JSON.readTree(rest());
        ((ObjectNode) customer.path("addresses").get(0)).putArray("street").add(street);

        JsonNode answer = call(webhooks::webhook, CREATED, customer.toString(), 200);

        JsonNode contact = vtiger.retrieve(answer.path("vtiger").path("Contacts").asText());
        assertThat(contact.path("mailingstreet").asText()).isEqualTo(street.substring(0, 250));
        JsonNode organization = vtiger.retrieve(answer.path("vtiger").path("Accounts").asText());
        assertThat(organization.path("bill_street").asText()).isEqualTo(street.substring(0, 250));
        assertThat(notes(answer)).contains(
                "Contacts.mailingstreet cut from 255 to 250 characters (Vtiger's column holds 250)",
                "Accounts.bill_street cut from 255 to 250 characters (Vtiger's column holds 250)")
                .as("nothing else altered").allSatisfy(n -> assertThat(n).contains(" cut from 255 to "));
    }

    @Test
    void anEmojiIsStoredAsTheReplacementCharacterWithItsNoteNotAsQuestionMarks() {
        String sku = vtiger.sku("EMOJI");
        String body = Samples.product("rest/product_get_MB-TRAVEL-01.json", sku)
                .replace("Trailhead Travel Backpack", "Gift Box 🎁 Deluxe");

        JsonNode answer = call(webhooks::webhook, "/webhooks/products/saved", body, 200);

        JsonNode product = vtiger.retrieve(answer.path("vtiger").path("Products").asText());
        assertThat(product.path("productname").asText()).isEqualTo("Gift Box \uFFFD Deluxe");
        assertThat(product.path("productcode").asText()).isEqualTo(sku);
        assertThat(notes(answer)).containsExactly(
                "Products.productname: 1 character Vtiger cannot store (emoji or another 4-byte character) replaced");
    }

    @Test
    void aDeletedCustomerIsMarkedKeptOrDeletedPerTypeAndADeletedProductIsMarkedInactive() {
        JsonNode made = call(webhooks::webhook, CREATED, rest(), 200);
        String lead = made.path("vtiger").path("Leads").asText();
        String organization = made.path("vtiger").path("Accounts").asText();
        String contact = made.path("vtiger").path("Contacts").asText();
        settings("{\"types\":{\"CONTACTS\":{\"onDelete\":\"delete\"},\"LEADS\":{\"onDelete\":\"ignore\"}}}");

        JsonNode deleted = call(webhooks::webhook, "/webhooks/customers/deleted",
                Samples.customer("adobe-io-events/08_customer_delete_commit_after.json", id, email), 200);

        assertThat(vtiger.exists(contact)).as("the Contact is deleted").isFalse();
        assertThat(vtiger.query("Contacts", "email = '" + email + "'")).isEmpty();
        assertThat(vtiger.retrieve(lead).path("description").asText()).doesNotContain("deleted in Magento");
        assertThat(vtiger.retrieve(organization).path("description").asText().lines().toList()).last()
                .isEqualTo("Magento customer #" + id + " (" + email + ") was deleted in Magento");
        assertThat(deleted.path("vtiger").has("Contacts")).isFalse();

        String sku = vtiger.sku("DEL");
        String product = call(webhooks::webhook, "/webhooks/products/saved",
                Samples.product("rest/product_get_MB-TRAVEL-01.json", sku), 200).path("vtiger").path("Products")
                .asText();
        assertThat(vtiger.retrieve(product).path("discontinued").asText()).isEqualTo("1");

        call(webhooks::webhook, "/webhooks/products/deleted",
                Samples.product("adobe-io-events/07_catalog_product_delete_commit_after.json", sku), 200);

        assertThat(vtiger.retrieve(product).path("discontinued").asText()).as("Product Active unticked")
                .isEqualTo("0");
        assertThat(vtiger.query("Products", "productcode = '" + sku + "'")).hasSize(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private String rest() {
        return Samples.customer("rest/customer_get_42.json", id, email);
    }

    /** A customer without a company: the Organization is named after the person. */
    private static String personal(long customerId, String customerEmail, String lastname) throws IOException {
        ObjectNode customer = (ObjectNode) JSON.readTree(Samples.customer("rest/customer_get_42.json", customerId,
                customerEmail));
        customer.put("lastname", lastname);
        customer.path("addresses").forEach(a -> ((ObjectNode) a).remove("company"));
        return customer.toString();
    }

    private JsonNode call(Function<HttpApiEvent, HttpApiResponse> function, String path, String body, int status) {
        HttpApiResponse response = vtiger.deliver(function, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return FunctionEvents.body(response);
    }

    private void settings(String patch) {
        assertThat(new AdminCalls(adminApi).put("/admin/settings", patch).status()).isEqualTo(200);
    }

    private static List<String> actions(JsonNode answer) {
        return answer.path("records").findValuesAsText("action");
    }
}
