package com.mvsync.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PathExpressionTest {

    static JsonNode customer;
    static JsonNode order;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (InputStream c = PathExpressionTest.class.getResourceAsStream("/magento/rest/customer_get_42.json");
                InputStream o = PathExpressionTest.class.getResourceAsStream("/magento/rest/order_get_3005.json")) {
            customer = mapper.readTree(c);
            order = mapper.readTree(o);
        }
    }

    private static String eval(String expression, JsonNode entity) {
        return PathExpression.parse(expression).evaluate(entity, AddressResolver.REST);
    }

    @Test
    void plainAndNestedFields() {
        assertThat(eval("email", customer)).isEqualTo("maria.keller@example.com");
        assertThat(eval("extension_attributes.is_subscribed", customer)).isEqualTo("1");
        assertThat(eval("addresses[1].city", customer)).isEqualTo("Chicago");
        assertThat(eval("addresses[0].region.region_code", customer)).isEqualTo("CA");
        assertThat(eval("id", customer)).isEqualTo("42");
    }

    @Test
    void customAttributeByCode() {
        assertThat(eval("custom_attributes.loyalty_tier", customer)).isEqualTo("gold");
        assertThat(eval("custom_attributes.no_such_code", customer)).isNull();
    }

    @Test
    void defaultAddressesOfACustomerAreFoundById() {
        assertThat(eval("default_billing.company", customer)).isEqualTo("Keller Design LLC");
        assertThat(eval("default_billing.street", customer)).isEqualTo("500 Market St, Suite 200");
        assertThat(eval("default_shipping.city", customer)).isEqualTo("Chicago");
    }

    @Test
    void defaultAddressesOfAnOrderAreItsBillingAndShippingAddress() {
        assertThat(eval("default_billing.city", order)).isEqualTo(order.path("billing_address").path("city").asText());
        assertThat(eval("default_shipping.postcode", order)).isEqualTo(order.path("extension_attributes")
                .path("shipping_assignments").path(0).path("shipping").path("address").path("postcode").asText());
    }

    @Test
    void constantsConcatenationAndFallback() {
        assertThat(eval("'Web Site'", customer)).isEqualTo("Web Site");
        assertThat(eval("\"Magento\"", customer)).isEqualTo("Magento");
        assertThat(eval("firstname + ' ' + lastname", customer)).isEqualTo("Maria Keller");
        assertThat(eval("default_shipping.company ?? firstname + ' ' + lastname", customer)).isEqualTo("Maria Keller");
        assertThat(eval("default_billing.company ?? firstname", customer)).isEqualTo("Keller Design LLC");
        assertThat(eval("'Magento customer #' + id", customer)).isEqualTo("Magento customer #42");
        assertThat(PathExpression.parse("'x'").isConstant()).isTrue();
        assertThat(PathExpression.parse("email ?? 'x'").isConstant()).isFalse();
    }

    @Test
    void aConcatenationOfEmptyPathsIsEmptyNotItsSeparators() {
        assertThat(eval("middlename + ' ' + suffix", customer)).isNull();
        assertThat(eval("middlename + ' ' + suffix ?? 'none'", customer)).isEqualTo("none");
    }

    @Test
    void numbersAreWrittenPlainly() {
        assertThat(eval("grand_total", order)).isEqualTo("148");
        assertThat(eval("items[0].price", order)).isEqualTo("89");
    }

    @Test
    void missingPathsAndObjectsYieldNothing() {
        assertThat(eval("no.such.path", customer)).isNull();
        assertThat(eval("addresses[9].city", customer)).isNull();
        assertThat(eval("extension_attributes", customer)).as("an object is not a value").isNull();
    }

    @Test
    void invalidExpressionsAreRefusedWithAReadableMessage() {
        assertThatThrownBy(() -> PathExpression.parse("")).isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PathExpression.parse("first name")).isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("'first name' should be a field name");
        assertThatThrownBy(() -> PathExpression.parse("'open")).isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("unclosed quote");
        assertThatThrownBy(() -> PathExpression.parse("firstname + ")).isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("empty part");
        assertThatThrownBy(() -> PathExpression.parse("a..b")).isInstanceOf(InvalidMappingException.class);
    }

    private static java.util.List<String> missing(String expression, JsonNode entity) {
        return PathExpression.parse(expression).missingPaths(entity, AddressResolver.REST);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void pathsAreWhatTheExpressionReadsOnceEachAndNoConstants() {
        assertThat(PathExpression.parse("default_billing.company ?? firstname + ' ' + lastname").paths())
                .containsExactly("default_billing.company", "firstname", "lastname");
        assertThat(PathExpression.parse("default_billing.region.region ?? default_billing.region").paths())
                .containsExactly("default_billing.region.region", "default_billing.region");
        assertThat(PathExpression.parse("addresses[1].city + ', ' + addresses[1].city").paths())
                .containsExactly("addresses[1].city");
        assertThat(PathExpression.parse("'Web Site'").paths()).isEmpty();
    }

    @Test
    void aConstantIsNeverMissing() {
        assertThat(missing("'Web Site'", json("{}"))).isEmpty();
        assertThat(missing("'a' + \"b\"", json("{}"))).isEmpty();
    }

    @Test
    void aPlainPathIsMissingWhenItsFieldIsAbsentNotWhenItIsEmpty() {
        assertThat(missing("dob", json("{\"id\": 1}"))).containsExactly("dob");
        assertThat(missing("dob", json("{\"dob\": null}"))).as("the sender said it is empty").isEmpty();
        assertThat(missing("'Magento customer #' + id", json("{\"id\": 1}"))).isEmpty();
        assertThat(missing("'Magento customer #' + id", json("{}"))).containsExactly("id");
    }

    @Test
    void aNestedPathIsJudgedByTheFieldItStartsFrom() {
        // Magento leaves out empty fields inside what it sends (an address without company), so only a payload
        // without the whole object lacks it.
        assertThat(missing("extension_attributes.stock_item.qty", json("{\"extension_attributes\": {}}"))).isEmpty();
        assertThat(missing("extension_attributes.stock_item.qty", json("{\"sku\": \"A\"}")))
                .containsExactly("extension_attributes.stock_item.qty");
        assertThat(missing("custom_attributes.loyalty_tier", customer)).isEmpty();
        assertThat(missing("addresses[1].city", json("{}"))).containsExactly("addresses[1].city");
        assertThat(missing("default_billing.company", customer)).as("the address is there, without company")
                .isEmpty();
    }

    @Test
    void anAddressReferencedByIdIsMissingUntilTheAddressItselfIsThere() {
        JsonNode byId = json("{\"id\": 42, \"default_billing\": \"301\", \"default_shipping\": \"302\"}");
        assertThat(missing("default_billing.city", byId)).containsExactly("default_billing.city");
        assertThat(missing("default_shipping.street", byId)).containsExactly("default_shipping.street");
        JsonNode otherAddress = json("{\"default_billing\": \"301\", \"addresses\": [{\"id\": 300, \"city\": \"X\"}]}");
        assertThat(missing("default_billing.city", otherAddress)).containsExactly("default_billing.city");
        assertThat(missing("default_billing.city", customer)).isEmpty();
        assertThat(missing("default_shipping.city", order)).as("an order's shipping assignment").isEmpty();
        assertThat(missing("default_billing.city", json("{\"billing_address\": {}}"))).isEmpty();
    }

    @Test
    void anAlternativeIsMissingOnlyWhenNoAlternativeHasAllItsPaths() {
        String name = "default_billing.company ?? firstname + ' ' + lastname";
        assertThat(missing(name, json("{\"firstname\": \"M\", \"lastname\": \"K\"}"))).isEmpty();
        assertThat(missing(name, customer)).isEmpty();
        assertThat(missing(name, json("{\"firstname\": \"M\"}")))
                .as("a concatenation lacking a part is no alternative")
                .containsExactly("default_billing.company", "lastname");
        assertThat(missing(name, json("{}"))).containsExactly("default_billing.company", "firstname", "lastname");
        assertThat(missing("default_billing.region.region ?? default_billing.region", json("{}")))
                .containsExactly("default_billing.region.region", "default_billing.region");
    }

    @Test
    void aConstantAlternativeStandsInButDoesNotMakeThePathPresent() {
        assertThat(missing("default_billing.telephone ?? 'unknown'", json("{}")))
                .containsExactly("default_billing.telephone");
        assertThat(missing("default_billing.telephone ?? 'unknown'", customer)).isEmpty();
    }

    @Test
    void determinedMeansEveryPathPresent() {
        PathExpression name = PathExpression.parse("default_billing.company ?? firstname + ' ' + lastname");
        assertThat(name.isDeterminedBy(json("{\"firstname\": \"M\", \"lastname\": \"K\"}"),
                AddressResolver.REST)).isFalse();
        assertThat(name.isDeterminedBy(customer, AddressResolver.REST)).isTrue();
    }

    @Test
    void emptyBracketsReadEveryElementJoined() throws IOException {
        JsonNode shipment;
        try (InputStream in = PathExpressionTest.class.getResourceAsStream("/magento/rest/shipment_get_6001.json")) {
            shipment = new ObjectMapper().readTree(in);
        }
        assertThat(eval("tracks[].track_number", shipment)).isEqualTo("1Z999AA10123456784, 9400111899223197428490");
        assertThat(eval("'tracking ' + tracks[].carrier_code", shipment)).isEqualTo("tracking ups, usps");
        assertThat(eval("items[].qty", order)).as("no qty on order items").isNull();
        assertThat(eval("items[].sku", order)).startsWith("MB-TRAVEL-01, ");
        assertThat(eval("tracks[].track_number ?? 'none'", order)).isEqualTo("none");
        assertThat(PathExpression.parse("tracks[].track_number").paths()).containsExactly("tracks[].track_number");
        assertThatThrownBy(() -> PathExpression.parse("tracks[x].track_number"))
                .hasMessageContaining("tracks[x]");
    }
}
