package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /webhooks/products/saved}: a product payload lacking mapped fields is completed by SKU. */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class ProductsCompletedFunctionTest {

    static final String PATH = "/webhooks/products/saved";
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);
    static final ObjectMapper JSON = new ObjectMapper();

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    FakeMagentoServer magento = FakeMagentoResource.server();
    String sku;

    @BeforeEach
    void unique() {
        sku = "SKU-C" + ids.incrementAndGet();
        magento.reset();
    }

    private void magentoHasTheProduct() throws Exception {
        magento.putProduct((ObjectNode) JSON.readTree(Samples.product("rest/product_get_MB-TRAVEL-01.json", sku)));
    }

    private Map<String, Object> product(JsonPath result) {
        return vtiger.record(result.getString("vtiger.Products")).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = { "adobe-io-events/05_catalog_product_save_commit_after.json",
            "mageplaza/new_product.json" })
    void aProductLackingMappedFieldsIsCompletedFromOneGetBySku(String sample) throws Exception {
        magentoHasTheProduct();

        JsonPath result = Invoke.signed(PATH, Samples.product(sample, sku), 200);

        assertThat(product(result)).containsEntry("unit_price", "89.00000000").containsEntry("qtyinstock", "57.000")
                .containsEntry("productcode", sku).containsEntry("discontinued", "1");
        assertThat(String.valueOf(product(result).get("description"))).contains("28-litre carry-on backpack");
        assertThat(result.getList("notes")).isNullOrEmpty();
        assertThat(magento.requestCount("/V1/products/" + sku)).isEqualTo(1);
        assertThat(magento.totalRequests()).isEqualTo(1);
    }

    @Test
    void aCompleteProductIsNotFetched() {
        JsonPath result = Invoke.signed(PATH, Samples.product("rest/product_get_MB-TRAVEL-01.json", sku), 200);

        assertThat(product(result)).containsEntry("unit_price", "89.00000000");
        assertThat(magento.totalRequests()).isZero();
    }

    @Test
    void aProductMagentoDoesNotKnowIsSyncedFromThePayloadWithANote() {
        JsonPath result = Invoke.signed(PATH,
                Samples.product("adobe-io-events/05_catalog_product_save_commit_after.json", sku), 200);

        assertThat(result.getList("notes", String.class)).containsExactly("Product fields unit_price, qtyinstock not"
                + " filled: the payload has no price, no extension_attributes and Magento could not supply product "
                + sku + ": HTTP 404: The product that was requested doesn't exist. Verify the product and try again.");
        assertThat(product(result)).containsEntry("productname", "Trailhead Travel Backpack");
    }
}
