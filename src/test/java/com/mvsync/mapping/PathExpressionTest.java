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
}
