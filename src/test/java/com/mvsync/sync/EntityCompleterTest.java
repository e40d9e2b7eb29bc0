package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.EnvelopeParser;
import com.mvsync.magento.MagentoEvent;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.mapping.AddressResolver;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.RecordType;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.magento.MagentoConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Completing payloads against the Magento REST double, through the real client and fetcher. */
class EntityCompleterTest {

    static final String TOKEN = "completer-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<RecordType> CUSTOMER_TYPES = Set.of(RecordType.LEAD, RecordType.ORGANIZATION, RecordType.CONTACT);
    static final AtomicLong ids = new AtomicLong(500);

    static FakeMagentoServer magento;
    static MagentoRestClient configured;
    static MagentoRestClient notConfigured;

    final EnvelopeParser parser = new EnvelopeParser(JSON);
    long id;
    String email;

    @BeforeAll
    static void start() {
        magento = FakeMagentoServer.start(0, 0, 0, 0).acceptBearer(TOKEN);
        configured = new MagentoRestClient(MagentoConfigs.bearer(magento.baseUrl(), TOKEN), JSON);
        MagentoConfigs none = MagentoConfigs.bearer(magento.baseUrl(), TOKEN);
        notConfigured = new MagentoRestClient(new MagentoConfigs(Optional.empty(), none.storeCode(),
                none.accessToken(), none.authMode(), none.consumerKey(), none.consumerSecret(), none.token(),
                none.tokenSecret(), none.signatureMethod(), Duration.ofSeconds(1), Duration.ofSeconds(1), 100), JSON);
    }

    @AfterAll
    static void stop() {
        configured.close();
        notConfigured.close();
        magento.close();
    }

    @BeforeEach
    void unique() {
        id = ids.incrementAndGet();
        email = "complete" + id + "@example.com";
        magento.reset();
    }

    private static EntityCompleter completer(MagentoRestClient client, MappingRow... rows) {
        List<MappingRow> configuredRows = List.of(rows);
        FieldMapper mapper = new FieldMapper(type -> configuredRows.stream().filter(r -> r.type() == type).toList());
        return new EntityCompleter(mapper, new MagentoEntityFetcher(client));
    }

    private MagentoEvent customer(String sample) {
        return parser.parse(Samples.customer(sample, id, email).getBytes(StandardCharsets.UTF_8), EntityType.CUSTOMER);
    }

    private ObjectNode restCustomer() throws Exception {
        return (ObjectNode) JSON.readTree(Samples.customer("rest/customer_get_42.json", id, email));
    }

    private int customerGets() {
        return magento.requestCount("/V1/customers/" + id);
    }

    @Test
    void aPayloadWithEverythingMappedIsNotFetched() {
        MagentoEvent event = customer("rest/customer_get_42.json");

        EntityCompleter.Completed completed = completer(configured).complete(event, CUSTOMER_TYPES, false);

        assertThat(completed.entity()).isSameAs(event.entity());
        assertThat(completed.notes()).isEmpty();
        assertThat(magento.totalRequests()).isZero();
    }

    @Test
    void addressIdsWithoutAddressesAreCompletedWithOneGet() throws Exception {
        magento.putCustomer(restCustomer());

        EntityCompleter.Completed completed = completer(configured).complete(
                customer("adobe-commerce-webhooks/01_observer.customer_save_commit_after_created.json"),
                CUSTOMER_TYPES, false);

        assertThat(AddressResolver.REST.billing(completed.entity()).path("city").asText()).isEqualTo("San Francisco");
        assertThat(AddressResolver.REST.shipping(completed.entity()).path("city").asText()).isEqualTo("Chicago");
        assertThat(completed.entity().path("created_in").asText()).as("a payload-only field stays")
                .isEqualTo("Default Store View");
        assertThat(completed.notes()).isEmpty();
        assertThat(customerGets()).isEqualTo(1);
        assertThat(magento.totalRequests()).isEqualTo(1);
    }

    @Test
    void alwaysFetchFetchesEvenACompletePayload() throws Exception {
        magento.putCustomer(restCustomer());

        completer(configured).complete(customer("rest/customer_get_42.json"), CUSTOMER_TYPES, true);

        assertThat(customerGets()).isEqualTo(1);
    }

    @Test
    void theFetchedEntityWinsUnlessThePayloadIsNewer() throws Exception {
        ObjectNode fetched = restCustomer().put("lastname", "Keller-Brandt").put("updated_at", "2024-07-10 08:00:00");
        magento.putCustomer(fetched);
        EntityCompleter completer = completer(configured);

        MagentoEvent older = customer("adobe-io-events/01_customer_save_commit_after_created.json");
        assertThat(completer.complete(older, CUSTOMER_TYPES, false).entity().path("lastname").asText())
                .isEqualTo("Keller-Brandt");

        ObjectNode newerBody = (ObjectNode) JSON.readTree(
                Samples.customer("adobe-io-events/01_customer_save_commit_after_created.json", id, email));
        ((ObjectNode) newerBody.path("data").path("value")).put("lastname", "Keller-Okafor")
                .put("updated_at", "2024-08-01T10:00:00Z");
        MagentoEvent newer = parser.parse(newerBody.toString().getBytes(StandardCharsets.UTF_8), EntityType.CUSTOMER);
        ObjectNode merged = completer.complete(newer, CUSTOMER_TYPES, false).entity();
        assertThat(merged.path("lastname").asText()).isEqualTo("Keller-Okafor");
        assertThat(merged.path("addresses")).as("what only Magento had").hasSize(2);
        assertThat(customerGets()).isEqualTo(2);
    }

    @Test
    void onlyTheEnabledRecordTypesRowsCount() throws Exception {
        magento.putCustomer(restCustomer());
        MappingRow leadOnly = MappingRow.of(RecordType.LEAD, "designation", "taxvat", "tax number");
        MagentoEvent event = customer("rest/customer_get_42.json"); // has no taxvat

        completer(configured, leadOnly).complete(event, Set.of(RecordType.ORGANIZATION, RecordType.CONTACT), false);
        assertThat(customerGets()).as("Leads switched off").isZero();

        EntityCompleter.Completed completed = completer(configured, leadOnly).complete(event, CUSTOMER_TYPES, false);
        assertThat(customerGets()).isEqualTo(1);
        assertThat(completed.notes()).containsExactly(
                "Lead fields designation not filled: Magento's customer " + id + " has no taxvat");
    }

    @Test
    void withoutRestTheNotesSayWhatCouldNotBeFilledPerRecordType() {
        EntityCompleter.Completed completed = completer(notConfigured).complete(
                customer("adobe-commerce-webhooks/01_observer.customer_save_commit_after_created.json"),
                CUSTOMER_TYPES, false);

        String why = "the payload has no addresses (default_billing 101 and default_shipping 102 are address ids)"
                + " and Magento's REST API is not configured";
        assertThat(completed.notes()).containsExactly(
                "Lead fields phone, company, lane, city, state, code, country not filled: the payload has no addresses"
                        + " (default_billing 101 is an address id) and Magento's REST API is not configured",
                "Organization fields phone, bill_street, bill_city, bill_state, bill_code, bill_country, ship_street,"
                        + " ship_city, ship_state, ship_code, ship_country not filled: " + why,
                "Contact fields phone, mailingstreet, mailingcity, mailingstate, mailingzip, mailingcountry,"
                        + " otherstreet, othercity, otherstate, otherzip, othercountry not filled: " + why);
        assertThat(magento.totalRequests()).isZero();
    }

    @Test
    void eachGapIsNamedInOrderOfFirstMention() {
        EntityCompleter.Completed completed = completer(notConfigured).complete(
                customer("adobe-io-events/01_customer_save_commit_after_created.json"), Set.of(RecordType.CONTACT),
                false);

        assertThat(completed.notes()).containsExactly("Contact fields phone, birthday, mailingstreet, mailingcity,"
                + " mailingstate, mailingzip, mailingcountry, otherstreet, othercity, otherstate, otherzip,"
                + " othercountry not filled: the payload has no addresses, no dob and Magento's REST API is not configured");
    }

    @Test
    void anAddressIdNotAmongTheAddressesIsNamed() throws Exception {
        ObjectNode body = restCustomer().put("default_billing", "999");
        ((ObjectNode) body.path("addresses").path(0)).remove("default_billing"); // the flag would find it
        MagentoEvent event = parser.parse(body.toString().getBytes(StandardCharsets.UTF_8), EntityType.CUSTOMER);

        assertThat(completer(notConfigured).complete(event, Set.of(RecordType.LEAD), false).notes())
                .containsExactly("Lead fields phone, company, lane, city, state, code, country not filled: the payload"
                        + " has no default_billing address 999 among its addresses and Magento's REST API is not"
                        + " configured");
    }

    @Test
    void aCustomerMagentoDoesNotHaveIsSyncedFromThePayloadWithANote() {
        EntityCompleter.Completed completed = completer(configured).complete(
                customer("mageplaza/new_customer.json"), Set.of(RecordType.LEAD), false);

        assertThat(completed.notes()).containsExactly("Lead fields phone, company, lane, city, state, code, country"
                + " not filled: the payload has no addresses and Magento could not supply customer " + id
                + ": HTTP 404: No such entity with customerId = " + id);
        assertThat(completed.entity().path("email").asText()).isEqualTo(email);
    }

    @Test
    void magentoRefusingTheCredentialsIsTheConnectionsFailureNotTheEntitys() {
        magento.failNext(1, 401);
        MagentoEvent event = customer("mageplaza/new_customer.json");

        // Not a note and a half-filled record, not a dead letter: the sync pauses until the connection is fixed.
        assertThatThrownBy(() -> completer(configured).complete(event, CUSTOMER_TYPES, false))
                .isInstanceOf(SourceConnectionException.class).hasMessageContaining("refused the credentials")
                .hasMessageContaining("401");
    }

    @Test
    void magentoFailingTransientlyStaysRetryable() {
        magento.failNext(1, 503);
        MagentoEvent event = customer("mageplaza/new_customer.json");

        assertThatThrownBy(() -> completer(configured).complete(event, CUSTOMER_TYPES, false))
                .isInstanceOf(SourceUnavailableException.class);
    }

    @Test
    void anOrderWithoutItemsMagentoCannotSupplyIsIncomplete() {
        String body = Samples.sales("mageplaza/order.json", 7_700 + id, id, email);
        MagentoEvent event = parser.parse(body.getBytes(StandardCharsets.UTF_8), EntityType.ORDER);

        assertThatThrownBy(() -> completer(notConfigured).complete(event, Set.of(RecordType.SALES_ORDER), false))
                .isInstanceOf(IncompleteEntityException.class)
                .hasMessage("order " + (7_700 + id) + " lacks [items] and could not be fetched from Magento (is the"
                        + " Magento REST API configured?)")
                .satisfies(e -> assertThat(((IncompleteEntityException) e).missing()).containsExactly("items"));
        assertThatThrownBy(() -> completer(configured).complete(event, Set.of(RecordType.SALES_ORDER), false))
                .isInstanceOf(IncompleteEntityException.class).hasMessageContaining("HTTP 404");
    }

    @Test
    void anOrderWithItsRequiredPartsButAMappedFieldAbsentIsFetchedToo() throws Exception {
        long orderId = 7_700 + id;
        ObjectNode rest = (ObjectNode) JSON.readTree(Samples.sales("rest/order_get_3005.json", orderId, id, email));
        magento.putOrder(rest.deepCopy());
        rest.remove("shipping_description");
        MagentoEvent event = parser.parse(rest.toString().getBytes(StandardCharsets.UTF_8), EntityType.ORDER);

        EntityCompleter.Completed completed = completer(configured).complete(event, Set.of(RecordType.SALES_ORDER),
                false);

        assertThat(completed.entity().path("shipping_description").asText()).isNotBlank();
        assertThat(magento.requestCount("/V1/orders/" + orderId)).isEqualTo(1);
    }

    @Test
    void aProductLackingItsPriceIsCompletedBySku() throws Exception {
        String sku = "CMP-" + id;
        ObjectNode rest = (ObjectNode) JSON.readTree(Samples.product("rest/product_get_MB-TRAVEL-01.json", sku));
        magento.putProduct(rest);
        MagentoEvent event = parser.parse(Samples.product("adobe-io-events/05_catalog_product_save_commit_after.json",
                sku).getBytes(StandardCharsets.UTF_8), EntityType.PRODUCT);
        assertThat(event.entity().has("price")).isFalse();

        EntityCompleter.Completed completed = completer(configured).complete(event, Set.of(RecordType.PRODUCT), false);

        assertThat(completed.entity().path("price").decimalValue()).isEqualByComparingTo("89");
        assertThat(magento.requestCount("/V1/products/" + sku)).isEqualTo(1);
        assertThat(completed.notes()).isEmpty();
    }

    @Test
    void fetchWholeNeedsMagento() {
        assertThatThrownBy(() -> completer(notConfigured).fetchWhole(EntityType.ORDER, "1"))
                .isInstanceOf(IncompleteEntityException.class)
                .hasMessage("order 1 could not be fetched from Magento (is the Magento REST API configured?)");
    }
}
