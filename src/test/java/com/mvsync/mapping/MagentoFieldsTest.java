package com.mvsync.mapping;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mapping path is checked against the fields Magento's REST API gives the type's entity. */
class MagentoFieldsTest {

    private static JsonNode sample(String name) throws IOException {
        try (InputStream in = MagentoFieldsTest.class.getResourceAsStream("/magento/rest/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void aFieldNoMagentoCustomerHasIsRefusedNamingTheEntity() {
        assertThatThrownBy(() -> MappingValidator.path(RecordType.CONTACT, "nonexistent_field"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessage("'nonexistent_field' is not a field of a Magento customer in Magento's REST API (path"
                        + " 'nonexistent_field'); a custom attribute is written custom_attributes.nonexistent_field");
        assertThatThrownBy(() -> MappingValidator.path(RecordType.PRODUCT, "name ?? titel"))
                .hasMessageStartingWith("'titel' is not a field of a Magento product");
        assertThatThrownBy(() -> MappingValidator.path(RecordType.SALES_ORDER, "'#' + increment_id + grandtotal"))
                .hasMessageStartingWith("'grandtotal' is not a field of a Magento order");
        assertThatThrownBy(() -> MappingValidator.path(RecordType.LEAD, "default_billing.town"))
                .hasMessageStartingWith("'town' is not a field of a Magento address (path 'default_billing.town')");
    }

    @Test
    void customAndExtensionAttributesAndConstantsStayAllowed() {
        for (String path : new String[] {"custom_attributes.loyalty_tier", "extension_attributes.is_subscribed",
                "default_billing.custom_attributes.floor", "addresses[1].city", "'Web Site'",
                "default_billing.company ?? firstname + ' ' + lastname"}) {
            assertThatCode(() -> MappingValidator.path(RecordType.CONTACT, path)).as(path).doesNotThrowAnyException();
        }
        assertThatCode(() -> MappingValidator.path(RecordType.SHIPMENT, "tracks[].track_number"))
                .doesNotThrowAnyException();
    }

    @Test
    void everyBuiltInDefaultPathIsAccepted() {
        for (RecordType type : RecordType.values()) {
            for (MappingRow row : DefaultMappings.rowsFor(type)) {
                if (row.magentoField() != null) {
                    assertThatCode(() -> MappingValidator.path(type, row.magentoField()))
                            .as(type + " " + row.vtigerField()).doesNotThrowAnyException();
                }
            }
        }
    }

    @Test
    void everyFieldOfTheRecordedRestAnswersIsAccepted() throws IOException {
        Map<String, RecordType> samples = Map.of("customer_get_42.json", RecordType.CONTACT,
                "product_get_MB-TRAVEL-01.json", RecordType.PRODUCT, "order_get_3005.json", RecordType.SALES_ORDER,
                "invoice_get_2001.json", RecordType.INVOICE, "creditmemo_get_5001.json", RecordType.CREDIT_MEMO,
                "shipment_get_6001.json", RecordType.SHIPMENT);
        for (var sample : samples.entrySet()) {
            JsonNode entity = sample(sample.getKey());
            entity.fieldNames().forEachRemaining(field -> assertThatCode(() -> MappingValidator.path(sample.getValue(),
                    field)).as(sample.getKey() + " " + field).doesNotThrowAnyException());
            entity.path("items").forEach(item -> item.fieldNames().forEachRemaining(field -> assertThatCode(
                    () -> MappingValidator.path(RecordType.LINE_ITEM, field)).as(sample.getKey() + " item " + field)
                    .doesNotThrowAnyException()));
        }
        sample("order_get_3005.json").path("billing_address").fieldNames().forEachRemaining(field -> assertThatCode(
                () -> MappingValidator.path(RecordType.SALES_ORDER, "default_billing." + field)).as(field)
                .doesNotThrowAnyException());
        sample("customer_get_42.json").path("addresses").path(0).fieldNames().forEachRemaining(field -> assertThatCode(
                () -> MappingValidator.path(RecordType.CONTACT, "default_shipping." + field)).as(field)
                .doesNotThrowAnyException());
    }
}
