package com.mvsync.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.mvsync.settings.FirstLink;
import com.mvsync.settings.RecordPolicy;
import com.mvsync.testing.Policies;
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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /webhooks/products/saved}, invoked through the Lambda mock event server. */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class ProductsSavedFunctionTest {

    static final String PATH = "/webhooks/products/saved";
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);

    static final String REST = "rest/product_get_MB-TRAVEL-01.json";
    static final String IO = "adobe-io-events/05_catalog_product_save_commit_after.json";
    static final String WEBHOOK = "adobe-commerce-webhooks/05_observer.catalog_product_save_commit_after.json";
    static final String MAGEPLAZA_NEW = "mageplaza/new_product.json";
    static final String MAGEPLAZA_UPDATE = "mageplaza/update_product.json";

    static final String NAME = "Trailhead Travel Backpack";
    /** Magento's HTML description ({@code <p>…</p>}) as Vtiger's plain text (the row's html → text). */
    static final String DESCRIPTION = "A 28-litre carry-on backpack with a padded 16\" laptop sleeve, lockable zips"
            + " and a luggage pass-through.";

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    @Inject
    Policies policies;
    String sku;

    @BeforeEach
    void uniqueProduct() {
        sku = "SKU-T" + ids.incrementAndGet();
        vtiger.clearFaults();
        vtiger.resetCounts();
    }

    @AfterEach
    void clear() {
        policies.reset();
        vtiger.clearFaults();
    }

    private String sample(String resource) {
        return Samples.product(resource, sku);
    }

    private JsonPath send(String body) {
        return Invoke.signed(PATH, body, 200);
    }

    private List<Map<String, Object>> products() {
        return vtiger.records("Products").stream().filter(r -> sku.equals(r.get("productcode"))).toList();
    }

    private int writes() {
        return vtiger.calls("create") + vtiger.calls("revise") + vtiger.calls("update");
    }

    private static String replaced(String text, String from, String to) {
        assertThat(text).as("the sample holds " + from).contains(from);
        return text.replace(from, to);
    }

    /** The fields each sample speaks for, as they must reach Vtiger: plain numbers, no field Vtiger lacks. */
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(REST, Map.of("unit_price", "89", "qtyinstock", "57", "description", DESCRIPTION,
                        "discontinued", "1")),
                // I/O Events send only the subscribed fields: no price, stock or status.
                Arguments.of(IO, Map.of("description", DESCRIPTION)),
                // Model data: "89.000000", stock in quantity_and_stock_status / stock_data.
                Arguments.of(WEBHOOK, Map.of("unit_price", "89", "qtyinstock", "57", "description", DESCRIPTION,
                        "discontinued", "1")),
                Arguments.of(MAGEPLAZA_NEW, Map.of("unit_price", "89", "discontinued", "1")),
                Arguments.of(MAGEPLAZA_UPDATE, Map.of("unit_price", "89", "discontinued", "1")));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void eachSampleMakesOneVtigerProduct(String resource, Map<String, String> expected) {
        JsonPath result = send(sample(resource));

        assertThat(result.getString("status")).isEqualTo("synced");
        assertThat(result.getString("entityType")).isEqualTo("product");
        assertThat(result.getString("entityId")).isEqualTo(sku);
        assertThat(result.getList("records.action")).containsExactly("CREATED");
        String id = result.getString("vtiger.Products");

        Map<String, Object> element = new LinkedHashMap<>(Map.of("productname", NAME, "productcode", sku,
                "assigned_user_id", "19x1"));
        element.putAll(expected);
        assertThat(vtiger.elements("create")).containsExactly(element);

        assertThat(products()).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("id", id).containsEntry("productname", NAME).containsEntry("productcode", sku);
            if (expected.containsKey("unit_price")) {
                assertThat(p).containsEntry("unit_price", "89.00000000");
            }
            if (expected.containsKey("qtyinstock")) {
                assertThat(p).containsEntry("qtyinstock", "57.000");
            }
            if (expected.containsKey("discontinued")) {
                assertThat(p).containsEntry("discontinued", "1");
            }
        });
        assertThat(vtiger.calls("create", "Products")).isEqualTo(1);
        assertThat(vtiger.calls("query", "Products")).as("one lookup by productcode").isEqualTo(1);
        assertThat(vtiger.calls("revise") + vtiger.calls("update")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { REST, WEBHOOK, MAGEPLAZA_NEW })
    void aDisabledProductIsAnInactiveVtigerProduct(String resource) {
        String text = sample(resource);
        String disabled = text.contains("\"status\": \"1\"") ? replaced(text, "\"status\": \"1\"", "\"status\": \"2\"")
                : replaced(text, "\"status\": 1", "\"status\": 2");

        send(disabled);

        assertThat(vtiger.elements("create")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("discontinued", "0"));
        assertThat(products()).singleElement().satisfies(p -> assertThat(p).containsEntry("discontinued", "0"));
    }

    @Test
    void disablingAnEnabledProductRevisesTheActiveFlagOnly() {
        String enabled = sample(REST);
        String id = send(enabled).getString("vtiger.Products");
        vtiger.resetCounts();

        JsonPath result = send(replaced(enabled, "\"status\": 1", "\"status\": 2"));

        assertThat(result.getList("records.action")).containsExactly("UPDATED");
        assertThat(vtiger.elements("revise")).containsExactly(Map.of("id", id, "discontinued", "0"));
        assertThat(vtiger.record(id)).get().satisfies(p -> assertThat(p).containsEntry("discontinued", "0"));
    }

    static Stream<Arguments> priceEdits() {
        return Stream.of(Arguments.of(REST, "\"price\": 89,", "\"price\": 99.5,"),
                Arguments.of(WEBHOOK, "\"price\": \"89.000000\"", "\"price\": \"99.500000\""));
    }

    @ParameterizedTest
    @MethodSource("priceEdits")
    void aPriceEditRevisesTheUnitPriceOnly(String resource, String price, String newPrice) {
        String body = sample(resource);
        String id = send(body).getString("vtiger.Products");
        vtiger.resetCounts();

        JsonPath result = send(replaced(body, price, newPrice).replace("evt-" + sku, "evt-" + sku + "-price"));

        assertThat(result.getString("vtiger.Products")).isEqualTo(id);
        assertThat(result.getList("records.action")).containsExactly("UPDATED");
        assertThat(vtiger.elements("revise")).containsExactly(Map.of("id", id, "unit_price", "99.5"));
        assertThat(vtiger.calls("create") + vtiger.calls("update") + vtiger.calls("query")).isZero();
        assertThat(products()).singleElement().satisfies(p -> assertThat(p).containsEntry("id", id)
                .containsEntry("unit_price", "99.50000000").containsEntry("productname", NAME)
                .containsEntry("qtyinstock", "57.000"));
    }

    @Test
    void anUnchangedSaveMakesNoWrite() {
        String body = sample(REST);
        String id = send(body).getString("vtiger.Products");
        vtiger.resetCounts();

        JsonPath again = send(replaced(body, "\"updated_at\": \"2024-05-30 16:02:41\"",
                "\"updated_at\": \"2024-08-01 09:00:00\""));

        assertThat(again.getString("replayed")).as("a new event, not a redelivery").isNull();
        assertThat(again.getString("vtiger.Products")).isEqualTo(id);
        assertThat(again.getList("records.action")).containsExactly("UNCHANGED");
        assertThat(writes()).isZero();
        assertThat(vtiger.calls("query")).isZero();
    }

    static Stream<Arguments> sameProductTwice() {
        return Stream.of(Arguments.of(REST, WEBHOOK), Arguments.of(WEBHOOK, REST),
                Arguments.of(MAGEPLAZA_NEW, MAGEPLAZA_UPDATE));
    }

    /** The same values in another shape ("89.000000" and "1.200000" as model data, 89 and 1.2 in REST) are unchanged. */
    @ParameterizedTest
    @MethodSource("sameProductTwice")
    void theSameProductFromAnotherSenderMakesNoWrite(String first, String second) {
        send(sample(first));
        vtiger.resetCounts();

        JsonPath again = send(sample(second));

        assertThat(again.getList("records.action")).containsExactly("UNCHANGED");
        assertThat(writes()).isZero();
    }

    @Test
    void aProductMadeByHandWithTheSameProductCodeIsLinkedAndRevisedToMagentosValues() {
        String handMade = vtiger.seed("Products", Map.of("productname", "Backpack (typed in)", "productcode", sku,
                "unit_price", "80", "assigned_user_id", "19x1"));
        String body = sample(REST);

        JsonPath result = send(body);

        assertThat(result.getString("vtiger.Products")).isEqualTo(handMade);
        assertThat(result.getList("records.action")).containsExactly("LINKED");
        assertThat(vtiger.calls("create")).isZero();
        assertThat(vtiger.elements("revise")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("id", handMade).containsEntry("productname", NAME).containsEntry("unit_price", "89")
                .doesNotContainKey("productcode"));
        assertThat(result.getList("notes", String.class)).singleElement().asString()
                .startsWith("Products " + handMade + " found in Vtiger and linked; ")
                .contains("productname", "unit_price").endsWith(" revised to Magento's values");
        assertThat(products()).singleElement().satisfies(p -> assertThat(p).containsEntry("id", handMade)
                .containsEntry("productname", NAME).containsEntry("unit_price", "89.00000000"));
        vtiger.resetCounts();

        // What the first link wrote counts as written: the next save sends only the new price.
        send(replaced(body, "\"price\": 89,", "\"price\": 99.5,"));

        assertThat(vtiger.elements("revise")).containsExactly(Map.of("id", handMade, "unit_price", "99.5"));
        assertThat(products()).singleElement().satisfies(p -> assertThat(p).containsEntry("productname", NAME)
                .containsEntry("unit_price", "99.50000000"));
        assertThat(vtiger.calls("create")).isZero();
    }

    @Test
    void underVtigerWinsAProductMadeByHandKeepsItsValues() {
        policies.set(RecordPolicy.DEFAULT.withFirstLink(FirstLink.VTIGER_WINS));
        String handMade = vtiger.seed("Products", Map.of("productname", "Backpack (typed in)", "productcode", sku,
                "unit_price", "80", "assigned_user_id", "19x1"));

        JsonPath result = send(sample(REST));

        assertThat(result.getList("records.action")).containsExactly("LINKED");
        assertThat(writes()).isZero();
        assertThat(result.getList("notes", String.class)).singleElement().asString()
                .startsWith("Products " + handMade + " found in Vtiger and linked; Vtiger's values kept for ")
                .contains("productname", "unit_price");
        assertThat(products()).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("productname", "Backpack (typed in)").containsEntry("unit_price", "80.00000000"));
    }

    @Test
    void aRedeliveryCostsNoVtigerCall() {
        String body = sample(IO);
        JsonPath first = send(body);
        vtiger.resetCounts();

        JsonPath again = send(body);

        assertThat(again.getBoolean("replayed")).isTrue();
        assertThat(again.getString("vtiger.Products")).isEqualTo(first.getString("vtiger.Products"));
        assertThat(vtiger.totalCalls()).isZero();
        assertThat(products()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { REST, WEBHOOK, MAGEPLAZA_UPDATE })
    void aProductWithoutSkuIsA400NamingSku(String resource) {
        String body = replaced(sample(resource), "\"sku\": \"" + sku + "\",", "");

        JsonPath result = Invoke.signed(PATH, body, 400);

        assertThat(result.getString("error")).isEqualTo("invalid_payload");
        assertThat(result.getString("message")).contains("sku");
        assertThat(vtiger.totalCalls()).isZero();
    }

    @Test
    void aBadSignatureIsRefusedAndTouchesNothing() {
        byte[] body = sample(REST).getBytes(StandardCharsets.UTF_8);
        String event = HttpApiRequests.post(PATH, body, Map.of("x-mvsync-signature", "t=1,v1=00"));

        given().contentType("application/json").body(event).when().post().then().statusCode(200)
                .body("statusCode", equalTo(401)).body("body", containsString("unauthorized"));

        assertThat(vtiger.totalCalls()).isZero();
        assertThat(products()).isEmpty();
    }
}
