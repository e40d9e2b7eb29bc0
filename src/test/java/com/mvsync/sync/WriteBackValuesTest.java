package com.mvsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** How a write back compares the two systems' values and sets a Vtiger value on a Magento customer as read. */
class WriteBackValuesTest {

    private static ObjectNode customer() throws IOException {
        try (InputStream in = WriteBackValuesTest.class.getResourceAsStream("/magento/rest/customer_get_42.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        }
    }

    @Test
    void numbersCompareByValueTextAsItIsAndEmptyIsNoValue() {
        assertThat(AgreedValues.same("79.9", "79.90000000")).isTrue();
        assertThat(AgreedValues.same("100", "100.000")).isTrue();
        assertThat(AgreedValues.same("79.9", "79.91")).isFalse();
        assertThat(AgreedValues.same(" Keller ", "Keller")).isTrue();
        assertThat(AgreedValues.same("keller", "Keller")).as("a case change is a change").isFalse();
        assertThat(AgreedValues.same(null, "")).isTrue();
        assertThat(AgreedValues.same("+49 30 1", "+49 30 2")).isFalse();
    }

    @Test
    void aDefaultAddressFieldIsSetOnThatAddressOnlyAndAStreetSplitBackIntoItsLines() throws IOException {
        ObjectNode customer = customer();
        String billing = customer.path("default_billing").asText();
        int addresses = customer.path("addresses").size();

        assertThat(CustomerWriteBack.set(customer, "default_billing.telephone", "+49 30 1")).isTrue();
        assertThat(CustomerWriteBack.set(customer, "default_billing.street", "Torstr. 1, Hinterhaus")).isTrue();
        assertThat(CustomerWriteBack.set(customer, "firstname", "Mia")).isTrue();

        assertThat(customer.path("firstname").asText()).isEqualTo("Mia");
        assertThat(customer.path("addresses")).hasSize(addresses);
        customer.path("addresses").forEach(a -> {
            if (a.path("id").asText().equals(billing)) {
                assertThat(a.path("telephone").asText()).isEqualTo("+49 30 1");
                assertThat(a.path("street")).hasSize(2);
                assertThat(a.path("street").get(1).asText()).isEqualTo("Hinterhaus");
            } else {
                assertThat(a.path("telephone").asText()).isNotEqualTo("+49 30 1");
            }
        });
    }

    @Test
    void aCustomerWithoutTheAddressIsLeftAsItIs() throws IOException {
        ObjectNode customer = customer();
        customer.remove("default_shipping");
        customer.withArray("addresses").forEach(a -> ((ObjectNode) a).remove("default_shipping"));
        ObjectNode before = customer.deepCopy();
        assertThat(CustomerWriteBack.set(customer, "default_shipping.city", "Berlin")).isFalse();
        assertThat(customer).isEqualTo(before);
    }
}
