package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueStore;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.Invoke;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /webhooks/customers/created} with partial payloads and Magento's REST API configured (the Magento
 * double): the customer is fetched once and every mapped address field reaches Vtiger.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class CustomersCompletedFunctionTest {

    static final String PATH = "/webhooks/customers/created";
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 20_000_000);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String IO_EVENTS = "adobe-io-events/01_customer_save_commit_after_created.json";
    static final String COMMERCE_WEBHOOKS =
            "adobe-commerce-webhooks/01_observer.customer_save_commit_after_created.json";
    static final String REST_WITHOUT_ADDRESSES = "rest/customer_get_42.json without addresses";

    @Inject
    SettingsStore settings;
    @Inject
    Drainer drainer;
    @Inject
    QueueStore queue;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    FakeMagentoServer magento = FakeMagentoResource.server();
    long id;
    String email;

    @BeforeEach
    void unique() {
        id = ids.incrementAndGet();
        email = "completed" + id + "@example.com";
        vtiger.clearFaults();
        magento.reset();
    }

    @AfterEach
    void defaults() {
        settings.update(SettingsUpdate.parse(json("{\"types\":{\"LEADS\":{\"enabled\":true,\"mode\":\"immediate\"},"
                + "\"ORGANIZATIONS\":{\"enabled\":true,\"mode\":\"immediate\"},"
                + "\"CONTACTS\":{\"enabled\":true,\"mode\":\"immediate\"}},\"records\":{\"alwaysFetch\":false}}")));
        magento.reset();
    }

    /** The whole customer as Magento's REST API returns it. */
    private ObjectNode restCustomer() {
        return (ObjectNode) json(Samples.customer("rest/customer_get_42.json", id, email));
    }

    private String customer(String sample) {
        if (!sample.equals(REST_WITHOUT_ADDRESSES)) {
            return Samples.customer(sample, id, email);
        }
        ObjectNode rest = restCustomer();
        rest.remove("addresses");
        return rest.toString();
    }

    private int customerGets() {
        return magento.requestCount("/V1/customers/" + id);
    }

    private void assertAddressesFilled(JsonPath result) {
        assertThat(vtiger.record(result.getString("vtiger.Leads")).orElseThrow())
                .containsEntry("lane", "500 Market St, Suite 200").containsEntry("city", "San Francisco")
                .containsEntry("code", "94105").containsEntry("country", "US").containsEntry("state", "California");
        assertThat(vtiger.record(result.getString("vtiger.Accounts")).orElseThrow())
                .containsEntry("accountname", "Keller Design " + id)
                .containsEntry("bill_street", "500 Market St, Suite 200").containsEntry("bill_city", "San Francisco")
                .containsEntry("bill_country", "US").containsEntry("ship_street", "1200 N Lake Shore Dr, Apt 14B")
                .containsEntry("ship_city", "Chicago").containsEntry("ship_code", "60610");
        assertThat(vtiger.record(result.getString("vtiger.Contacts")).orElseThrow())
                .containsEntry("mailingstreet", "500 Market St, Suite 200")
                .containsEntry("mailingcity", "San Francisco")
                .containsEntry("mailingcountry", "US").containsEntry("mailingstate", "California")
                .containsEntry("otherstreet", "1200 N Lake Shore Dr, Apt 14B").containsEntry("othercity", "Chicago")
                .containsEntry("phone", "415-555-0134").containsEntry("birthday", "1988-03-21");
    }

    @ParameterizedTest
    @ValueSource(strings = { IO_EVENTS, COMMERCE_WEBHOOKS, "mageplaza/new_customer.json", REST_WITHOUT_ADDRESSES })
    void aPartialCustomerIsCompletedWithOneGetAndItsAddressFieldsAreFilled(String sample) {
        magento.putCustomer(restCustomer());

        JsonPath result = Invoke.signed(PATH, customer(sample), 200);

        assertThat(result.getString("status")).isEqualTo("synced");
        assertAddressesFilled(result);
        assertThat(result.getList("notes")).isNullOrEmpty();
        assertThat(customerGets()).isEqualTo(1);
        assertThat(magento.totalRequests()).isEqualTo(1);
    }

    @Test
    void aCompletePayloadIsNotFetched() {
        JsonPath result = Invoke.signed(PATH, customer("rest/customer_get_42.json"), 200);

        assertAddressesFilled(result);
        assertThat(magento.totalRequests()).isZero();
    }

    @Test
    void alwaysFetchFetchesEvenACompletePayload() {
        settings.update(SettingsUpdate.parse(json("{\"records\":{\"alwaysFetch\":true}}")));
        magento.putCustomer(restCustomer());

        Invoke.signed(PATH, customer("rest/customer_get_42.json"), 200);

        assertThat(customerGets()).isEqualTo(1);
        assertThat(magento.totalRequests()).isEqualTo(1);
    }

    @Test
    void aNewerPayloadsFieldsWinOverTheFetchedOnes() {
        magento.putCustomer(restCustomer()); // updated 2024-05-14 09:12:33
        ObjectNode body = (ObjectNode) json(customer(IO_EVENTS));
        ((ObjectNode) body.path("data").path("value")).put("lastname", "Keller-Brandt")
                .put("updated_at", "2024-07-10 08:00:00");

        JsonPath result = Invoke.signed(PATH, body.toString(), 200);

        assertThat(vtiger.record(result.getString("vtiger.Contacts")).orElseThrow())
                .containsEntry("lastname", "Keller-Brandt").containsEntry("mailingcity", "San Francisco");
        assertThat(vtiger.record(result.getString("vtiger.Leads")).orElseThrow())
                .containsEntry("lastname", "Keller-Brandt");
    }

    @Test
    void aNewerFetchedEntityWinsOverAnOlderPayload() {
        magento.putCustomer(restCustomer().put("lastname", "Keller-Brandt").put("updated_at", "2024-07-10 08:00:00"));

        JsonPath result = Invoke.signed(PATH, customer(IO_EVENTS), 200); // Keller, updated 2024-05-14

        assertThat(vtiger.record(result.getString("vtiger.Contacts")).orElseThrow())
                .containsEntry("lastname", "Keller-Brandt").containsEntry("othercity", "Chicago");
    }

    @Test
    void inCronModeTheDrainCompletesTheQueuedEvent() {
        settings.update(SettingsUpdate.parse(json(
                "{\"types\":{\"CONTACTS\":{\"mode\":\"cron\",\"periodMinutes\":1}}}")));
        magento.putCustomer(restCustomer());

        JsonPath accepted = Invoke.signed(PATH, customer(COMMERCE_WEBHOOKS), 202);
        assertThat(accepted.getString("status")).isEqualTo("queued");
        assertThat(magento.totalRequests()).as("the webhook only queues").isZero();

        drain();

        assertThat(queue.get("customer#" + id)).isEmpty();
        assertThat(customerGets()).isEqualTo(1);
        Map<String, Object> contact = vtiger.records("Contacts").stream().filter(c -> email.equals(c.get("email")))
                .findFirst().orElseThrow();
        assertThat(contact).containsEntry("mailingcity", "San Francisco").containsEntry("othercity", "Chicago");
        assertThat(vtiger.records("Leads").stream().filter(l -> email.equals(l.get("email"))).findFirst()
                .orElseThrow()).containsEntry("city", "San Francisco");
    }

    @Test
    void aCustomerMagentoDoesNotKnowIsSyncedFromThePayloadWithNotesSayingWhy() {
        JsonPath result = Invoke.signed(PATH, customer(COMMERCE_WEBHOOKS), 200);

        String why = " and Magento could not supply customer " + id + ": HTTP 404: No such entity with customerId = "
                + id;
        assertThat(result.getString("status")).isEqualTo("synced");
        assertThat(result.getList("notes", String.class)).containsExactly(
                "Lead fields phone, company, lane, city, state, code, country not filled: the payload has no addresses"
                        + " (default_billing 101 is an address id)" + why,
                "Organization fields phone, bill_street, bill_city, bill_state, bill_code, bill_country, ship_street,"
                        + " ship_city, ship_state, ship_code, ship_country not filled: the payload has no addresses"
                        + " (default_billing 101 and default_shipping 102 are address ids)" + why,
                "Contact fields phone, mailingstreet, mailingcity, mailingstate, mailingzip, mailingcountry,"
                        + " otherstreet, othercity, otherstate, otherzip, othercountry not filled: the payload has no"
                        + " addresses (default_billing 101 and default_shipping 102 are address ids)" + why);
        assertThat(vtiger.record(result.getString("vtiger.Contacts")).orElseThrow()).containsEntry("email", email);
        assertThat(customerGets()).isEqualTo(1);
    }

    @Test
    void magentoFailingTransientlyQueuesTheEventAndTheDrainCompletesIt() {
        magento.putCustomer(restCustomer());
        magento.failNext(1, 503);

        JsonPath accepted = Invoke.signed(PATH, customer(IO_EVENTS), 202);
        assertThat(accepted.getString("status")).isEqualTo("queued");
        assertThat(accepted.getString("message")).contains("Magento");
        assertThat(vtiger.records("Contacts").stream().filter(c -> email.equals(c.get("email")))).isEmpty();

        drain();

        assertThat(queue.get("customer#" + id)).isEmpty();
        assertThat(vtiger.records("Contacts").stream().filter(c -> email.equals(c.get("email"))).findFirst()
                .orElseThrow()).containsEntry("mailingcity", "San Francisco");
        assertThat(customerGets()).isEqualTo(2);
    }

    private void drain() {
        drainer.drain(new DrainRequest(Duration.ofSeconds(20), 2, Set.of(EntityType.values()), Instant.now().plusSeconds(120)));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
