package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.RecordType;
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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mapping rows with {@code label(custom_attributes.code)}: a product's and a customer's select attributes reach Vtiger
 * as the option labels Magento's attribute metadata gives (asked once per attribute), not as option ids.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class OptionLabelsFunctionTest {

    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 70);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MANUFACTURER = "/V1/products/attributes/manufacturer";

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    FakeMagentoServer magento = FakeMagentoResource.server();

    @Inject
    MappingStore mappings;

    @BeforeEach
    void magentoDescribesItsAttributes() {
        magento.reset();
        ObjectNode manufacturer = JSON.createObjectNode().put("attribute_code", "manufacturer")
                .put("frontend_input", "select");
        ArrayNode options = manufacturer.putArray("options");
        options.addObject().put("label", " ").put("value", ""); // Magento lists an empty placeholder first
        options.addObject().put("label", "LexPon Inc.").put("value", "213");
        options.addObject().put("label", "Acme Outdoor").put("value", "214");
        magento.putAttribute("products", null, manufacturer);
        ObjectNode industry = JSON.createObjectNode().put("attribute_code", "industry")
                .put("frontend_input", "select");
        industry.putArray("options").addObject().put("label", "Banking").put("value", "12");
        magento.putAttribute("customers", null, industry);

        mappings.put(MappingRow.of(RecordType.PRODUCT, "manufacturer", "label(custom_attributes.manufacturer)",
                "the manufacturer's name"));
        mappings.put(MappingRow.of(RecordType.LEAD, "industry", "label(custom_attributes.industry)", "industry"));
    }

    @AfterEach
    void removeRows() {
        mappings.delete(RecordType.PRODUCT, "manufacturer");
        mappings.delete(RecordType.LEAD, "industry");
    }

    private static String product(String sku, String manufacturer) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(Samples.product("rest/product_get_MB-TRAVEL-01.json", sku));
        p.withArray("custom_attributes").addObject().put("attribute_code", "manufacturer").put("value", manufacturer);
        return JSON.writeValueAsString(p);
    }

    private JsonPath productSaved(String sku, String manufacturer) throws Exception {
        return Invoke.signed("/webhooks/products/saved", product(sku, manufacturer), 200);
    }

    @Test
    void aSelectAttributeIsWrittenAsItsLabelAskingMagentoOnce() throws Exception {
        JsonPath first = productSaved("SKU-L" + ids.incrementAndGet(), "213");
        JsonPath second = productSaved("SKU-L" + ids.incrementAndGet(), "213");

        assertThat(vtiger.record(first.getString("vtiger.Products")).orElseThrow())
                .containsEntry("manufacturer", "LexPon Inc.");
        assertThat(vtiger.record(second.getString("vtiger.Products")).orElseThrow())
                .containsEntry("manufacturer", "LexPon Inc.");
        assertThat(first.getList("notes")).isNullOrEmpty();
        assertThat(magento.requestCount(MANUFACTURER)).as("labels are cached per attribute").isLessThanOrEqualTo(1);
    }

    @Test
    void anOptionMagentoNoLongerHasIsNotedAndNotWrittenAsAnId() throws Exception {
        JsonPath result = productSaved("SKU-L" + ids.incrementAndGet(), "299");

        assertThat(vtiger.record(result.getString("vtiger.Products")).orElseThrow()).doesNotContainValue("299")
                .containsEntry("manufacturer", "");
        assertThat(result.getList("notes", String.class)).anySatisfy(note -> assertThat(note)
                .contains("Products.manufacturer", "no option 299", "left out"));
    }

    @Test
    void aLabelThatIsNoneOfVtigersPicklistValuesIsNoted() throws Exception {
        JsonPath result = productSaved("SKU-L" + ids.incrementAndGet(), "214");

        assertThat(vtiger.record(result.getString("vtiger.Products")).orElseThrow())
                .doesNotContainEntry("manufacturer", "214").doesNotContainEntry("manufacturer", "Acme Outdoor");
        assertThat(result.getList("notes", String.class)).anySatisfy(note -> assertThat(note)
                .contains("manufacturer Acme Outdoor is none of Vtiger's manufacturer picklist values"));
    }

    @Test
    void anAttributeTheIntegrationMayNotReadIsNotedNotPausingTheSync() throws Exception {
        magento.refuse("Magento_Catalog::attributes_attributes");
        long id = ids.incrementAndGet();
        String sku = "SKU-L" + id;
        // A code the cache has not seen, so the refusal is what Magento answers now.
        String body = product(sku, "213").replace("\"manufacturer\"", "\"manufacturer_" + id + "\"");
        mappings.put(MappingRow.of(RecordType.PRODUCT, "manufacturer", "label(custom_attributes.manufacturer_" + id
                + ")", "refused"));

        JsonPath result = Invoke.signed("/webhooks/products/saved", body, 200);

        assertThat(vtiger.record(result.getString("vtiger.Products")).orElseThrow())
                .containsEntry("productcode", sku);
        assertThat(result.getList("notes", String.class)).anySatisfy(note -> assertThat(note)
                .contains("Products.manufacturer left out", "Magento refused to describe it"));
    }

    @Test
    void aCustomersSelectAttributeIsWrittenAsItsLabel() throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode customer = (ObjectNode) JSON.readTree(Samples.customer("rest/customer_get_42.json", id,
                "labels" + id + "@example.com"));
        customer.withArray("custom_attributes").addObject().put("attribute_code", "industry").put("value", "12");

        JsonPath result = Invoke.signed("/webhooks/customers/created", JSON.writeValueAsString(customer), 200);

        assertThat(vtiger.record(result.getString("vtiger.Leads")).orElseThrow())
                .containsEntry("industry", "Banking");
        assertThat(magento.requestCount("/V1/customerMetadata/attribute/industry")).isLessThanOrEqualTo(1);
    }
}
