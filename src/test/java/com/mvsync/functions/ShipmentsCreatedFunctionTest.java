package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.queue.QueueStore;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.HttpApiRequests;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /webhooks/shipments/created}, through the Lambda mock event server. */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class ShipmentsCreatedFunctionTest {

    static final String PATH = "/webhooks/shipments/created";
    static final String REST = "rest/shipment_get_6001.json";
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 20_000_000);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String UPS = "1Z999AA10123456784";
    static final String USPS = "9400111899223197428490";

    @Inject
    WebhookFunctions webhooks;
    @Inject
    QueueStore queue;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    FakeMagentoServer magento = FakeMagentoResource.server();
    long orderId;
    long customerId;
    String email;

    @BeforeEach
    void unique() {
        orderId = ids.addAndGet(20);
        customerId = ids.incrementAndGet();
        email = "sh" + customerId + "@example.com";
        vtiger.clearFaults();
        vtiger.resetCounts();
    }

    private String sample(String resource) {
        return Samples.sales(resource, orderId, customerId, email);
    }

    /** Shipment {@code shipmentId} of this test's order, as the sample (everything, two tracks) or changed. */
    private ObjectNode shipment(String resource, long shipmentId) throws Exception {
        String text = sample(resource).replace("000006001", "7" + shipmentId)
                .replaceAll("\\b6001\\b", Long.toString(shipmentId));
        ObjectNode root = (ObjectNode) JSON.readTree(text);
        if (root.has("event_id")) {
            root.put("event_id", "evt-sh-" + shipmentId);
        }
        return root;
    }

    private String syncOrder() throws Exception {
        String event = HttpApiRequests.signedPost("/webhooks/orders/placed", sample("rest/order_get_3005.json"));
        HttpApiResponse response = webhooks.webhook(JSON.readValue(event, HttpApiEvent.class));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("vtiger").path("SalesOrder").asText();
    }

    private Map<String, Object> record(String id) {
        return vtiger.record(id).orElseThrow();
    }

    private static List<String> shipmentLines(Map<String, Object> salesOrder) {
        return String.valueOf(salesOrder.get("description")).lines().filter(l -> l.startsWith("Shipment ")).toList();
    }

    @Test
    void aShipmentWithTwoTrackingNumbersRecordsBothTheCarrierAndDeliveredWhenEverythingShipped() throws Exception {
        String salesOrder = syncOrder();
        long shipmentId = ids.incrementAndGet();
        vtiger.resetCounts();

        JsonPath result = Invoke.signed(PATH, shipment(REST, shipmentId).toString(), 200);

        assertThat(result.getString("vtiger.SalesOrder")).isEqualTo(salesOrder);
        Map<String, Object> record = record(salesOrder);
        assertThat(shipmentLines(record)).containsExactly("Shipment 7" + shipmentId + " on 2024-06-03 08:45:10, "
                + "tracking " + UPS + ", " + USPS);
        assertThat(record).containsEntry("carrier", "UPS").containsEntry("sostatus", "Delivered");
        assertThat(result.getList("notes", String.class)).contains("order " + orderId + " shipped 3 of 3 items (all)")
                .as("Magento's carrier code, written in Vtiger's picklist form, is noted")
                .contains("carrier ups written as Vtiger's picklist value UPS");
        assertThat(vtiger.calls("revise")).isEqualTo(1);
        assertThat(vtiger.calls("create")).isZero();
    }

    @Test
    void aPartialShipmentLeavesTheStatusAndTheLastOneSetsDelivered() throws Exception {
        String salesOrder = syncOrder();
        long first = ids.incrementAndGet();
        long second = ids.incrementAndGet();
        ObjectNode backpack = shipment(REST, first);
        ((ArrayNode) backpack.path("items")).remove(1);
        ((ArrayNode) backpack.path("tracks")).remove(1);
        ObjectNode bottles = shipment(REST, second);
        ((ArrayNode) bottles.path("items")).remove(0);
        ((ArrayNode) bottles.path("tracks")).remove(0);
        bottles.put("created_at", "2024-06-04 09:00:00");

        JsonPath partial = Invoke.signed(PATH, backpack.toString(), 200);

        assertThat(record(salesOrder)).containsEntry("sostatus", "Approved").containsEntry("carrier", "UPS");
        assertThat(partial.getList("notes", String.class)).contains("order " + orderId + " shipped 1 of 3 items");

        Invoke.signed(PATH, bottles.toString(), 200);

        Map<String, Object> record = record(salesOrder);
        assertThat(shipmentLines(record)).containsExactly(
                "Shipment 7" + first + " on 2024-06-03 08:45:10, tracking " + UPS,
                "Shipment 7" + second + " on 2024-06-04 09:00:00, tracking " + USPS);
        assertThat(record).containsEntry("sostatus", "Delivered").containsEntry("carrier", "USPS");
    }

    @Test
    void aRedeliveredOrReSavedShipmentMakesNoSecondChange() throws Exception {
        String salesOrder = syncOrder();
        long shipmentId = ids.incrementAndGet();
        ObjectNode body = shipment(REST, shipmentId);
        Invoke.signed(PATH, body.toString(), 200);
        vtiger.resetCounts();

        assertThat(Invoke.signed(PATH, body.toString(), 200).getBoolean("replayed")).isTrue();
        body.put("updated_at", "2024-06-05 12:00:00");
        JsonPath later = Invoke.signed(PATH, body.toString(), 200);

        assertThat(later.getList("records.action", String.class)).containsOnly("UNCHANGED");
        assertThat(vtiger.totalCalls()).isZero();
        assertThat(shipmentLines(record(salesOrder))).hasSize(1);
    }

    @Test
    void aCarrierOutsideVtigersPicklistIsLeftOutWithANote() throws Exception {
        String salesOrder = syncOrder();
        String carrierBefore = String.valueOf(record(salesOrder).get("carrier"));
        long shipmentId = ids.incrementAndGet();
        ObjectNode body = shipment(REST, shipmentId);
        ((ObjectNode) body.path("tracks").path(0)).put("carrier_code", "custom").put("title", "Acme Post");

        JsonPath result = Invoke.signed(PATH, body.toString(), 200);

        assertThat(record(salesOrder).get("carrier").toString()).isEqualTo(carrierBefore);
        assertThat(result.getList("notes", String.class)).anySatisfy(n -> assertThat(n)
                .startsWith("carrier custom is none of Vtiger's carrier picklist values"));
        assertThat(shipmentLines(record(salesOrder))).singleElement().asString().contains(UPS).contains(USPS);
    }

    @Test
    void everySendersShipmentIsRecordedAndATemplateWithoutTracksIsCompletedFromMagento() throws Exception {
        String salesOrder = syncOrder();
        long io = ids.incrementAndGet();
        long webhook = ids.incrementAndGet();
        long mageplaza = ids.incrementAndGet();
        magento.putShipment(shipment(REST, mageplaza));

        Invoke.signed(PATH, shipment("adobe-io-events/09_sales_order_shipment_save_commit_after.json", io)
                .toString(), 200);
        Invoke.signed(PATH, shipment("adobe-commerce-webhooks/08_observer.sales_order_shipment_save_commit_after.json",
                webhook).toString(), 200);
        Invoke.signed(PATH, shipment("mageplaza/new_shipment.json", mageplaza).toString(), 200);

        assertThat(shipmentLines(record(salesOrder))).hasSize(3)
                .allSatisfy(l -> assertThat(l).endsWith("tracking " + UPS + ", " + USPS));
        assertThat(magento.requestCount("/V1/shipment/" + mageplaza)).isEqualTo(1);
    }

    @Test
    void aShipmentOfAnOrderMagentoCannotSupplyIsADeadLetterNamingIt() throws Exception {
        long shipmentId = ids.incrementAndGet();

        JsonPath result = Invoke.signed(PATH, shipment(REST, shipmentId).toString(), 202);

        assertThat(result.getString("status")).isEqualTo("dead_letter");
        assertThat(result.getString("message")).startsWith("shipment " + shipmentId + " refers to order " + orderId
                + ", which was never synced").contains("POST /admin/backfill/orders");
        assertThat(vtiger.calls("create") + vtiger.calls("revise")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"entity_id\": 1, \"order_id\": 2, \"tracks\": \"1Z999\"}",
            "{\"entity_id\": 1, \"order_id\": 2, \"tracks\": [5]}",
            "{\"entity_id\": 1, \"order_id\": 2, \"tracks\": [{\"track_number\": {\"n\": 1}}]}",
            "{\"eventName\": \"observer.sales_order_shipment_save_commit_after\", \"data\": {\"shipment\": {\"entity_id\": 1}}}",
            "{\"event\": \"new_creditmemo\", \"creditmemo_id\": 1, \"order_id\": 2}"})
    void badPayloadsAreRefusedWithNothingStored(String body) {
        long shipmentId = ids.incrementAndGet();
        String text = body.replace("\"entity_id\": 1", "\"entity_id\": " + shipmentId);

        JsonPath result = Invoke.signed(PATH, text, 400);

        assertThat(result.getString("error")).isEqualTo("invalid_payload");
        assertThat(queue.get("shipment#" + shipmentId)).isEmpty();
        assertThat(vtiger.totalCalls()).isZero();
    }
}
