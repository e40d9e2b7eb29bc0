package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.admin.AdminApi;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.testing.lambda.AdminCalls;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.testing.lambda.Invoke;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /webhooks/products/deleted} through the Lambda mock event server, and
 * {@code POST /webhooks/customers/deleted} through its function bean: each type's delete policy (ignore, mark,
 * delete), and the entity made again afterwards.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class DeletesFunctionTest {

    static final String PATH = "/webhooks/products/deleted";
    static final String IO_DELETE = "adobe-io-events/07_catalog_product_delete_commit_after.json";
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 30_000_000);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookFunctions webhooks;
    @Inject
    AdminApi adminApi;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    String sku;

    @BeforeEach
    void unique() {
        sku = "DEL-" + ids.incrementAndGet();
        vtiger.clearFaults();
        vtiger.resetCounts();
    }

    @AfterEach
    void defaults() {
        policy("PRODUCTS", "mark");
        for (String type : List.of("LEADS", "ORGANIZATIONS", "CONTACTS")) {
            policy(type, "mark");
        }
    }

    private void policy(String type, String onDelete) {
        assertThat(new AdminCalls(adminApi).put("/admin/settings", "{\"types\":{\"" + type + "\":{\"onDelete\":\""
                + onDelete + "\"}}}").status()).isEqualTo(200);
    }

    private static JsonNode call(Function<HttpApiEvent, HttpApiResponse> function, String path, String body, int status)
            throws Exception {
        HttpApiResponse response = function.apply(JSON.readValue(HttpApiRequests.signedPost(path, body),
                HttpApiEvent.class));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** The product saved in Magento (REST shape, status enabled) at {@code updatedAt}; answers its Product id. */
    private String save(String updatedAt) throws Exception {
        ObjectNode product = (ObjectNode) JSON.readTree(Samples.product("rest/product_get_MB-TRAVEL-01.json", sku));
        product.put("updated_at", updatedAt);
        return call(webhooks::webhook, "/webhooks/products/saved", product.toString(), 200)
                .path("vtiger").path("Products").asText();
    }

    private List<Map<String, Object>> liveProducts() {
        return vtiger.records("Products").stream().filter(r -> sku.equals(r.get("productcode"))).toList();
    }

    @Test
    void ignoreLeavesTheProductAndItsLinkAsTheyAre() throws Exception {
        policy("PRODUCTS", "ignore");
        String product = save("2024-05-30 16:02:41");
        vtiger.resetCounts();

        JsonPath result = Invoke.signed(PATH, Samples.product(IO_DELETE, sku), 200);

        assertThat(result.getString("action")).isEqualTo("deleted");
        assertThat(result.getList("records.action", String.class)).containsExactly("UNCHANGED");
        assertThat(vtiger.calls("revise") + vtiger.calls("delete")).isZero();
        assertThat(vtiger.record(product).orElseThrow()).containsEntry("discontinued", "1");
        assertThat(save("2024-08-01 10:00:00")).as("made again: the same Product").isEqualTo(product);
        assertThat(liveProducts()).hasSize(1);
    }

    @Test
    void markMakesTheProductInactiveOnceAndTheProductMadeAgainIsTheSameRecordActiveAgain() throws Exception {
        String product = save("2024-05-30 16:02:41");
        vtiger.resetCounts();

        JsonPath result = Invoke.signed(PATH, Samples.product(IO_DELETE, sku), 200);

        assertThat(result.getString("vtiger.Products")).isEqualTo(product);
        assertThat(vtiger.record(product).orElseThrow()).containsEntry("discontinued", "0");
        assertThat(vtiger.calls("revise")).isEqualTo(1);
        assertThat(vtiger.calls("delete")).isZero();

        // The same delete from another sender (Mageplaza): a second event, nothing more to write.
        vtiger.resetCounts();
        String mageplaza = Samples.product("mageplaza/delete_product.json", sku);
        Invoke.signed(PATH, mageplaza, 200);
        assertThat(vtiger.calls("revise") + vtiger.calls("delete") + vtiger.calls("create")).isZero();

        assertThat(save("2024-08-01 10:00:00")).as("made again: the same Product").isEqualTo(product);
        assertThat(liveProducts()).singleElement().satisfies(p -> assertThat(p).containsEntry("discontinued", "1"));
    }

    @Test
    void deleteRemovesTheProductFromVtigerAndTheProductMadeAgainIsCreatedOnce() throws Exception {
        policy("PRODUCTS", "delete");
        String product = save("2024-05-30 16:02:41");
        vtiger.resetCounts();

        JsonPath result = Invoke.signed(PATH, Samples.product(IO_DELETE, sku), 200);

        assertThat(result.getList("records.action", String.class)).containsExactly("DELETED");
        assertThat(vtiger.calls("delete")).isEqualTo(1);
        assertThat(vtiger.record(product)).isEmpty();
        assertThat(liveProducts()).isEmpty();

        // Delivered again by another sender: nothing left to delete, no call.
        vtiger.resetCounts();
        Invoke.signed(PATH, Samples.product("mageplaza/delete_product.json", sku), 200);
        assertThat(vtiger.calls("delete")).isZero();

        String again = save("2024-08-01 10:00:00");
        assertThat(again).as("a new Product, not a revise of the deleted id").isNotEqualTo(product);
        assertThat(liveProducts()).singleElement().satisfies(p -> assertThat(p).containsEntry("id", again));
        assertThat(save("2024-08-02 10:00:00")).isEqualTo(again);
        assertThat(liveProducts()).hasSize(1);
    }

    @Test
    void aDeletedCustomerIsNotedOnItsRecordsOrTheyAreDeletedPerType() throws Exception {
        long id = ids.incrementAndGet();
        String email = "del" + id + "@example.com";
        JsonNode made = call(webhooks::webhook, "/webhooks/customers/created",
                Samples.customer("rest/customer_get_42.json", id, email), 200);
        String lead = made.path("vtiger").path("Leads").asText();
        String contact = made.path("vtiger").path("Contacts").asText();
        String organization = made.path("vtiger").path("Accounts").asText();
        policy("CONTACTS", "delete");
        policy("LEADS", "ignore");

        JsonNode result = call(webhooks::webhook, "/webhooks/customers/deleted",
                Samples.customer("adobe-io-events/08_customer_delete_commit_after.json", id, email), 200);

        assertThat(vtiger.record(contact)).as("deleted").isEmpty();
        assertThat(vtiger.record(lead).orElseThrow().get("description").toString())
                .doesNotContain("deleted in Magento");
        assertThat(vtiger.record(organization).orElseThrow().get("description").toString().lines().toList())
                .last().isEqualTo("Magento customer #" + id + " (" + email + ") was deleted in Magento");
        assertThat(result.path("vtiger").has("Contacts")).isFalse();
        assertThat(result.path("vtiger").path("Accounts").asText()).isEqualTo(organization);
    }

    @Test
    void aDeleteSentToTheSaveRouteAndASaveSentToTheDeleteRouteAreRefusedWithNothingStored() throws Exception {
        JsonNode wrongRoute = call(webhooks::webhook, "/webhooks/products/saved",
                Samples.product(IO_DELETE, sku), 400);
        assertThat(wrongRoute.path("message").asText()).contains("(a delete)").contains("/webhooks/products/deleted");

        JsonPath save = Invoke.signed(PATH, Samples.product("adobe-io-events/05_catalog_product_save_commit_after.json",
                sku), 400);
        assertThat(save.getString("message")).contains("takes deleted product events")
                .contains("observer.catalog_product_save_commit_after");
        assertThat(vtiger.totalCalls()).isZero();
        assertThat(liveProducts()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"onDelete\":\"erase\"}", "{\"onDelete\":1}"})
    void anUnknownDeletePolicyIsRefused(String patch) {
        AdminCalls.Answer answer = new AdminCalls(adminApi).put("/admin/settings", "{\"types\":{\"PRODUCTS\":" + patch
                + "}}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().getString("message")).contains("PRODUCTS.onDelete must be one of [ignore, mark, delete]");
    }

    @Test
    void aDeletePolicyOnATypeMagentoNeverDeletesIsRefused() {
        AdminCalls.Answer answer = new AdminCalls(adminApi).put("/admin/settings",
                "{\"types\":{\"INVOICES\":{\"onDelete\":\"delete\"}}}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().getString("message")).contains("INVOICES.onDelete");
    }
}
