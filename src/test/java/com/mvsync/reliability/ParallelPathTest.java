package com.mvsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.functions.WebhookFunctions;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.testing.vtiger.FakeVtigerServer.Fault;
import com.mvsync.testing.vtiger.FakeVtigerServer.Served;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The parallel critical path keeps the order the records depend on and the exactly-once rules: a new customer's
 * Contact is created only once its Organization's id is known, and an order's Sales Order only once its buyer and its
 * products exist; when one of two parallel creates fails, the other's record is linked, and the retry completes the
 * customer without making anything twice. The Vtiger double records when it served each call (inside the session's
 * lock, as PHP serves it) and what it answered.
 */
@QuarkusTest
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class ParallelPathTest {

    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000 + 700_000_000L);

    @Inject
    WebhookFunctions webhooks;
    @Inject
    DynamoDbClient dynamo;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    long id;
    String email;
    String body;

    @BeforeEach
    void newCustomer() {
        id = ids.incrementAndGet();
        email = "parallel" + id + "@example.com";
        body = Samples.customer("adobe-io-events/01_customer_save_commit_after_created.json", id, email);
        vtiger.clearFaults();
        vtiger.resetCounts();
        vtiger.setLatency(Duration.ofMillis(20)); // calls made at once overlap in the double
    }

    @AfterEach
    void fast() {
        vtiger.clearFaults();
        vtiger.setLatency(Duration.ZERO);
    }

    @Test
    void theContactIsCreatedOnlyAfterItsOrganizationWasAnsweredAndCarriesItsId() {
        HttpApiResponse response = deliver();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Served account = onlyCreate("Accounts");
        Served contact = onlyCreate("Contacts");
        assertThat(contact.startedNanos()).as("the Contact's create is served after the Organization's answer")
                .isGreaterThanOrEqualTo(account.answeredNanos());
        assertThat(contact.request().get("element")).contains("\"account_id\":\"" + account.answeredId() + "\"");
        assertThat(only("Contacts", "email").get("account_id")).isEqualTo(account.answeredId());
        // The same calls as one after another: three lookups and three creates.
        assertThat(vtiger.calls("query")).isEqualTo(3);
        assertThat(vtiger.calls("create")).isEqualTo(3);
        assertThat(vtiger.calls("create", "Leads")).isEqualTo(1);
        List<Served> creates = vtiger.served().stream().filter(s -> s.operation().equals("create")).toList();
        for (Served lookup : vtiger.served().stream().filter(s -> s.operation().equals("query")).toList()) {
            assertThat(creates).allSatisfy(create -> assertThat(create.startedNanos())
                    .as("every lookup is answered before any create").isGreaterThanOrEqualTo(lookup.answeredNanos()));
        }
        JsonNode result = Deliveries.body(response);
        assertThat(result.path("records").findValuesAsText("module")).containsExactly("Leads", "Accounts", "Contacts");
        assertThat(result.path("records").findValuesAsText("action")).containsExactly("CREATED", "CREATED", "CREATED");
    }

    @Test
    void aRegistrationsLookupsStartAtTheEntitysFirstLockAndARetryLooksUpAfterItsLockAsAlways() {
        vtiger.failNext("create", "Leads", Fault.HTTP_500_EMPTY, 1);

        assertThat(deliver().statusCode()).isEqualTo(202);
        assertThat(queries()).as("looked up ahead, while the event was claimed: one query per module")
                .hasSize(3).allSatisfy(q -> assertThat(q).contains(" IN ("));

        retryUntilSynced();

        // The entity was locked before (by the failed attempt): no looking ahead, the sync's own two lookups.
        assertThat(queries()).hasSize(2).allSatisfy(q -> assertThat(q).contains(" = '").doesNotContain(" IN ("));
        assertThat(vtiger.calls("create")).as("the Lead and the Contact; the Organization was linked")
                .isEqualTo(2);
        assertThat(only("Contacts", "email").get("account_id")).isEqualTo(only("Accounts", "email1").get("id"));

        vtiger.resetCounts();
        assertThat(Deliveries.body(deliver()).path("replayed").asBoolean()).isTrue();
        assertThat(vtiger.totalCalls()).as("a redelivery of the synced event").isZero();
    }

    private List<String> queries() {
        return vtiger.served().stream().filter(s -> s.operation().equals("query"))
                .map(s -> s.request().get("query")).toList();
    }

    @Test
    void aFailedLeadCreateKeepsTheOrganizationAndTheRetryMakesNothingTwice() {
        vtiger.failNext("create", "Leads", Fault.HTTP_500_EMPTY, 1);

        HttpApiResponse failed = deliver();

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(202);
        assertThat(vtiger.calls("create", "Leads")).isEqualTo(1);
        assertThat(vtiger.calls("create", "Accounts")).as("made at the same time as the Lead").isEqualTo(1);
        assertThat(vtiger.calls("create", "Contacts")).as("not without the Organization's write settled").isZero();
        assertThat(records("Leads", "email")).isEmpty();
        String account = only("Accounts", "email1").get("id").toString();
        assertThat(linkedIds()).as("the Organization made beside the failed Lead is linked")
                .containsOnlyKeys("Accounts");
        assertThat(linkedIds().get("Accounts").s()).isEqualTo(account);

        retryUntilSynced();

        assertThat(vtiger.calls("create", "Accounts")).as("the linked Organization is not made again").isZero();
        assertThat(only("Leads", "email")).isNotNull();
        assertThat(only("Accounts", "email1").get("id")).isEqualTo(account);
        assertThat(only("Contacts", "email").get("account_id")).isEqualTo(account);
        assertThat(linkedIds()).containsOnlyKeys("Leads", "Accounts", "Contacts");
    }

    @Test
    void aFailedOrganizationCreateKeepsTheLeadAndTheContactWaitsForTheRetry() {
        vtiger.failNext("create", "Accounts", Fault.HTTP_500_EMPTY, 1);

        HttpApiResponse failed = deliver();

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(202);
        assertThat(vtiger.calls("create", "Contacts")).as("no Contact without its Organization").isZero();
        String lead = only("Leads", "email").get("id").toString();
        assertThat(records("Accounts", "email1")).isEmpty();
        assertThat(linkedIds()).containsOnlyKeys("Leads");

        retryUntilSynced();

        assertThat(vtiger.calls("create", "Leads")).as("the linked Lead is not made again").isZero();
        assertThat(only("Leads", "email").get("id")).isEqualTo(lead);
        String account = only("Accounts", "email1").get("id").toString();
        assertThat(only("Contacts", "email").get("account_id")).isEqualTo(account);
        assertThat(linkedIds()).containsOnlyKeys("Leads", "Accounts", "Contacts");
    }

    @Test
    void theSalesOrderIsCreatedAfterItsNewBuyerAndNewProductsWithTheirIds() {
        String order = Samples.sales("rest/order_get_3005.json", id, id, email)
                .replace("MB-TRAVEL-01", "PARALLEL-A-" + id).replace("WB-STEEL-750", "PARALLEL-B-" + id);

        HttpApiResponse response = webhooks.webhook(Deliveries.signed("/webhooks/orders/placed", order));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Served> products = creates("Products");
        assertThat(products).as("one create per new product").hasSize(2);
        Served account = onlyCreate("Accounts");
        Served contact = onlyCreate("Contacts");
        Served salesOrder = onlyCreate("SalesOrder");
        assertThat(contact.startedNanos()).isGreaterThanOrEqualTo(account.answeredNanos());
        assertThat(salesOrder.startedNanos()).as("after the buyer exists").isGreaterThanOrEqualTo(contact.answeredNanos());
        String element = salesOrder.request().get("element");
        assertThat(element).contains("\"account_id\":\"" + account.answeredId() + "\"")
                .contains("\"contact_id\":\"" + contact.answeredId() + "\"");
        for (Served product : products) {
            assertThat(salesOrder.startedNanos()).as("after each product exists")
                    .isGreaterThanOrEqualTo(product.answeredNanos());
            assertThat(element).contains("\"productid\":\"" + product.answeredId() + "\"");
        }
        assertThat(vtiger.calls("create")).isEqualTo(6); // Lead, Organization, Contact, two Products, Sales Order
    }

    private HttpApiResponse deliver() {
        return webhooks.webhook(Deliveries.signed("/webhooks/customers/created", body));
    }

    /** Redelivers the event until it is synced (the failed attempt queued it); counts the retry's calls only. */
    private void retryUntilSynced() {
        vtiger.resetCounts();
        HttpApiResponse response = deliver();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Deliveries.body(response).path("status").asText()).isEqualTo("synced");
    }

    private Map<String, AttributeValue> linkedIds() {
        Map<String, AttributeValue> link = Deliveries.item(dynamo, "LINK#customer#" + id, "LINK");
        return link == null || !link.containsKey("ids") ? Map.of() : link.get("ids").m();
    }

    private List<Served> creates(String module) {
        return vtiger.served().stream().filter(s -> s.operation().equals("create") && module.equals(s.module()))
                .toList();
    }

    private Served onlyCreate(String module) {
        List<Served> creates = creates(module);
        assertThat(creates).as("creates of " + module).hasSize(1);
        return creates.get(0);
    }

    private List<Map<String, Object>> records(String module, String field) {
        return vtiger.records(module).stream().filter(r -> email.equals(r.get(field))).toList();
    }

    private Map<String, Object> only(String module, String field) {
        List<Map<String, Object>> records = records(module, field);
        assertThat(records).as(module + " of " + email).hasSize(1);
        return records.get(0);
    }
}
