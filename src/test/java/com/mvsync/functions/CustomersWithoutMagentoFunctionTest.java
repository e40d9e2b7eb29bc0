package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.Invoke;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST /webhooks/customers/created} with Magento's REST API not configured: a partial customer is synced with
 * what it has, and the answer's notes name, per record type, the mapped fields left empty and why.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.WebhookWithoutMagento.class)
class CustomersWithoutMagentoFunctionTest {

    static final String PATH = "/webhooks/customers/created";
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 30_000_000);
    static final ObjectMapper JSON = new ObjectMapper();

    static final String NOT_CONFIGURED = " and Magento's REST API is not configured";
    static final String LEAD = "Lead fields phone, company, lane, city, state, code, country not filled: ";
    static final String ORGANIZATION = "Organization fields phone, bill_street, bill_city, bill_state, bill_code,"
            + " bill_country, ship_street, ship_city, ship_state, ship_code, ship_country not filled: ";
    static final String CONTACT_ADDRESSES = "mailingstreet, mailingcity, mailingstate, mailingzip, mailingcountry,"
            + " otherstreet, othercity, otherstate, otherzip, othercountry not filled: ";
    static final String NO_ADDRESSES = "the payload has no addresses" + NOT_CONFIGURED;
    static final String BILLING_ID = "the payload has no addresses (default_billing 101 is an address id)"
            + NOT_CONFIGURED;
    static final String BOTH_IDS = "the payload has no addresses (default_billing 101 and default_shipping 102 are"
            + " address ids)" + NOT_CONFIGURED;
    static final String REST_WITHOUT_ADDRESSES = "rest/customer_get_42.json without addresses";

    @Inject
    SettingsStore settings;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    long id;
    String email;

    @BeforeEach
    void unique() {
        id = ids.incrementAndGet();
        email = "norest" + id + "@example.com";
        vtiger.clearFaults();
    }

    @AfterEach
    void allTypesOn() {
        settings.update(SettingsUpdate.parse(json("{\"types\":{\"LEADS\":{\"enabled\":true},"
                + "\"ORGANIZATIONS\":{\"enabled\":true},\"CONTACTS\":{\"enabled\":true}}}")));
    }

    static Stream<Arguments> partialCustomers() {
        return Stream.of(
                Arguments.of("adobe-io-events/01_customer_save_commit_after_created.json", List.of(
                        LEAD + NO_ADDRESSES, ORGANIZATION + NO_ADDRESSES,
                        "Contact fields phone, birthday, " + CONTACT_ADDRESSES + "the payload has no addresses, no dob"
                                + NOT_CONFIGURED)),
                Arguments.of("adobe-commerce-webhooks/01_observer.customer_save_commit_after_created.json", List.of(
                        LEAD + BILLING_ID, ORGANIZATION + BOTH_IDS,
                        "Contact fields phone, " + CONTACT_ADDRESSES + BOTH_IDS)),
                Arguments.of("mageplaza/new_customer.json", List.of(
                        LEAD + NO_ADDRESSES, ORGANIZATION + NO_ADDRESSES,
                        "Contact fields phone, " + CONTACT_ADDRESSES + NO_ADDRESSES)),
                Arguments.of(REST_WITHOUT_ADDRESSES, List.of(
                        LEAD + BILLING_ID, ORGANIZATION + BOTH_IDS,
                        "Contact fields phone, " + CONTACT_ADDRESSES + BOTH_IDS)));
    }

    /** A sample as this test's customer; the REST sample without its addresses stands for a partial bare REST body. */
    private String customer(String sample) {
        if (!sample.equals(REST_WITHOUT_ADDRESSES)) {
            return Samples.customer(sample, id, email);
        }
        ObjectNode rest = (ObjectNode) json(Samples.customer("rest/customer_get_42.json", id, email));
        rest.remove("addresses");
        return rest.toString();
    }

    @ParameterizedTest
    @MethodSource("partialCustomers")
    void aPartialCustomerIsSyncedWithWhatItHasAndTheNotesSayWhatWasNotFilled(String sample, List<String> notes) {
        JsonPath result = Invoke.signed(PATH, customer(sample), 200);

        assertThat(result.getString("status")).isEqualTo("synced");
        assertThat(result.getList("notes", String.class)).containsExactlyElementsOf(notes);
        Map<String, Object> lead = vtiger.record(result.getString("vtiger.Leads")).orElseThrow();
        assertThat(lead).containsEntry("lastname", Samples.surname(id)).containsEntry("email", email);
        assertThat(text(lead, "city")).isEmpty();
        Map<String, Object> account = vtiger.record(result.getString("vtiger.Accounts")).orElseThrow();
        assertThat(account).containsEntry("accountname", "Maria " + Samples.surname(id)).containsEntry("email1", email);
        assertThat(text(account, "bill_city")).isEmpty();
        Map<String, Object> contact = vtiger.record(result.getString("vtiger.Contacts")).orElseThrow();
        assertThat(contact).containsEntry("email", email).containsEntry("account_id", account.get("id"));
        assertThat(text(contact, "mailingcity")).isEmpty();
    }

    @Test
    void aSwitchedOffRecordTypeGetsNoNote() {
        settings.update(SettingsUpdate.parse(json("{\"types\":{\"LEADS\":{\"enabled\":false},"
                + "\"ORGANIZATIONS\":{\"enabled\":false}}}")));

        JsonPath result = Invoke.signed(PATH,
                customer("adobe-commerce-webhooks/01_observer.customer_save_commit_after_created.json"), 200);

        assertThat(result.getList("notes", String.class))
                .containsExactly("Contact fields phone, " + CONTACT_ADDRESSES + BOTH_IDS);
    }

    @Test
    void aCompletePayloadHasNoNotes() {
        JsonPath result = Invoke.signed(PATH, customer("rest/customer_get_42.json"), 200);

        assertThat(result.getList("notes")).isNullOrEmpty();
        assertThat(vtiger.record(result.getString("vtiger.Contacts")).orElseThrow())
                .containsEntry("mailingcity", "San Francisco");
    }

    private static String text(Map<String, Object> record, String field) {
        Object value = record.get(field);
        return value == null ? "" : value.toString();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
