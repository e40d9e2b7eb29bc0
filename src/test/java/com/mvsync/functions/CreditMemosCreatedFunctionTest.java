package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.admin.AdminApi;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.magento.EntityType;

import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.testing.lambda.AdminCalls;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /webhooks/creditmemos/created}, through the Lambda mock event server. */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class CreditMemosCreatedFunctionTest {

    static final String PATH = "/webhooks/creditmemos/created";
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 40_000_000);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookFunctions webhooks;
    @Inject
    AdminApi adminApi;
    @Inject
    Drainer drainer;
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
        email = "cm" + customerId + "@example.com";
        vtiger.clearFaults();
        vtiger.resetCounts();
    }

    @AfterEach
    void immediate() {
        assertThat(new AdminCalls(adminApi).put("/admin/settings", "{\"types\":{\"CREDIT_MEMOS\":{\"enabled\":true,"
                + "\"mode\":\"immediate\"}}}").status()).isEqualTo(200);
    }

    private String sample(String resource) {
        return Samples.sales(resource, orderId, customerId, email);
    }

    /** Credit memo {@code memoId} of this test's order refunding {@code amount} (the sample refunds 24.50). */
    private String memo(String resource, long memoId, String amount) throws Exception {
        String text = sample(resource).replace("000005001", "7" + memoId).replaceAll("\\b5001\\b",
                Long.toString(memoId));
        ObjectNode root = (ObjectNode) JSON.readTree(text);
        ObjectNode memo = root.has("data") && root.path("data").has("creditmemo")
                ? (ObjectNode) root.path("data").path("creditmemo")
                : root.has("data") ? (ObjectNode) root.path("data").path("value") : root;
        memo.put("grand_total", Double.parseDouble(amount));
        memo.put("base_grand_total", Double.parseDouble(amount));
        if (root.has("event_id")) {
            root.put("event_id", "evt-cm-" + memoId);
        }
        return root.toString();
    }

    private String memo(long memoId, String amount) throws Exception {
        return memo("rest/creditmemo_get_5001.json", memoId, amount);
    }

    private String syncOrder() throws Exception {
        String event = HttpApiRequests.signedPost("/webhooks/orders/placed", sample("rest/order_get_3005.json"));
        HttpApiResponse response = webhooks.webhook(JSON.readValue(event, HttpApiEvent.class));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("vtiger").path("SalesOrder").asText();
    }

    private String syncInvoice() throws Exception {
        String event = HttpApiRequests.signedPost("/webhooks/invoices/created", sample("rest/invoice_get_2001.json"));
        HttpApiResponse response = webhooks.webhook(JSON.readValue(event, HttpApiEvent.class));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("vtiger").path("Invoice").asText();
    }

    private Map<String, Object> record(String id) {
        return vtiger.record(id).orElseThrow();
    }

    private static List<String> refundLines(Map<String, Object> salesOrder) {
        return String.valueOf(salesOrder.get("description")).lines().filter(l -> l.startsWith("Refund ")).toList();
    }

    private long cancellations(String salesOrder) {
        return vtiger.elements("revise").stream().filter(e -> salesOrder.equals(e.get("id"))
                && "Cancelled".equals(e.get("sostatus"))).count();
    }

    @Test
    void twoPartialRefundsAddTwoLinesAndOnlyTheFullRefundCancelsTheSalesOrder() throws Exception {
        String salesOrder = syncOrder();
        String invoice = syncInvoice();
        long first = ids.incrementAndGet();
        long second = ids.incrementAndGet();
        long third = ids.incrementAndGet();
        String placed = String.valueOf(record(salesOrder).get("description"));
        vtiger.resetCounts();

        JsonPath one = Invoke.signed(PATH, memo(first, "24.5"), 200);

        assertThat(one.getString("vtiger.SalesOrder")).isEqualTo(salesOrder);
        assertThat(one.getString("vtiger.Invoice")).isEqualTo(invoice);
        assertThat(record(invoice)).containsEntry("invoicestatus", "Credit Invoice");
        assertThat(record(salesOrder).get("description").toString()).startsWith(placed);
        assertThat(refundLines(record(salesOrder)))
                .containsExactly("Refund 24.5 USD on 2024-06-05 09:12:40 (credit memo 7" + first + ")");
        assertThat(record(salesOrder)).containsEntry("sostatus", "Approved");
        assertThat(one.getList("notes", String.class)).contains("order " + orderId + " refunded 24.50 of 148.00");

        Invoke.signed(PATH, memo(second, "50"), 200);

        assertThat(refundLines(record(salesOrder))).containsExactly(
                "Refund 24.5 USD on 2024-06-05 09:12:40 (credit memo 7" + first + ")",
                "Refund 50 USD on 2024-06-05 09:12:40 (credit memo 7" + second + ")");
        assertThat(record(salesOrder)).containsEntry("sostatus", "Approved");
        assertThat(cancellations(salesOrder)).isZero();

        JsonPath full = Invoke.signed(PATH, memo(third, "73.5"), 200);

        assertThat(refundLines(record(salesOrder))).hasSize(3).last().asString().contains("credit memo 7" + third);
        assertThat(record(salesOrder)).containsEntry("sostatus", "Cancelled");
        assertThat(cancellations(salesOrder)).isEqualTo(1);
        assertThat(full.getList("notes", String.class))
                .contains("order " + orderId + " refunded 148.00 of 148.00 (in full: Sales Order sostatus Cancelled)");
        assertThat(record(invoice)).containsEntry("invoicestatus", "Credit Invoice");
        assertThat(vtiger.calls("create")).as("a refund makes no record").isZero();
    }

    @Test
    void aRedeliveredOrReSavedCreditMemoMakesNoSecondChange() throws Exception {
        String salesOrder = syncOrder();
        syncInvoice();
        long memoId = ids.incrementAndGet();
        String body = memo(memoId, "24.5");
        Invoke.signed(PATH, body, 200);
        vtiger.resetCounts();

        JsonPath again = Invoke.signed(PATH, body, 200);
        assertThat(again.getBoolean("replayed")).isTrue();

        // The same credit memo saved again (a comment added): a new event, the same refund.
        ObjectNode resaved = (ObjectNode) JSON.readTree(body);
        resaved.put("updated_at", "2024-06-06 10:00:00");
        JsonPath later = Invoke.signed(PATH, resaved.toString(), 200);

        assertThat(later.getString("replayed")).isNull();
        assertThat(later.getList("records.action", String.class)).containsOnly("UNCHANGED");
        assertThat(vtiger.calls("revise")).isZero();
        assertThat(vtiger.totalCalls()).as("nothing read or written in Vtiger").isZero();
        assertThat(refundLines(record(salesOrder))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"adobe-io-events/06_sales_order_creditmemo_save_commit_after.json",
            "adobe-commerce-webhooks/06_observer.sales_order_creditmemo_save_commit_after.json",
            "mageplaza/new_creditmemo.json"})
    void everySendersCreditMemoIsRecorded(String resource) throws Exception {
        String salesOrder = syncOrder();
        String invoice = syncInvoice();
        long memoId = ids.incrementAndGet();
        String body = resource.startsWith("mageplaza") ? sample(resource).replace("000005001", "7" + memoId)
                .replaceAll("\\b5001\\b", Long.toString(memoId)) : memo(resource, memoId, "24.5");

        JsonPath result = Invoke.signed(PATH, body, 200);

        assertThat(result.getString("entityId")).isEqualTo(Long.toString(memoId));
        assertThat(refundLines(record(salesOrder))).singleElement().asString()
                .contains("24.5 USD").contains("credit memo 7" + memoId);
        assertThat(record(invoice)).containsEntry("invoicestatus", "Credit Invoice");
    }

    @Test
    void aCreditMemoOfAnInvoiceNeverSyncedFetchesAndSyncsTheInvoiceFirst() throws Exception {
        magento.putOrder((ObjectNode) JSON.readTree(sample("rest/order_get_3005.json")));
        magento.putInvoice((ObjectNode) JSON.readTree(sample("rest/invoice_get_2001.json")));
        long memoId = ids.incrementAndGet();

        JsonPath result = Invoke.signed(PATH, memo(memoId, "24.5"), 200);

        Map<String, Object> invoice = record(result.getString("vtiger.Invoice"));
        assertThat(invoice).containsEntry("subject", "Magento invoice #8" + orderId)
                .containsEntry("invoicestatus", "Credit Invoice");
        assertThat(record(result.getString("vtiger.SalesOrder"))).containsEntry("subject",
                "Magento order #9" + orderId);
        assertThat(refundLines(record(result.getString("vtiger.SalesOrder")))).hasSize(1);
        assertThat(result.getList("notes", String.class))
                .contains("invoice " + (orderId + 1) + " was never synced: fetched from Magento and synced first");
    }

    @Test
    void aCreditMemoOfAnInvoiceMagentoCannotSupplyIsADeadLetterNamingIt() throws Exception {
        long memoId = ids.incrementAndGet();

        JsonPath result = Invoke.signed(PATH, memo(memoId, "24.5"), 202);

        assertThat(result.getString("status")).isEqualTo("dead_letter");
        assertThat(result.getString("message")).startsWith("credit memo " + memoId + " refers to invoice "
                + (orderId + 1) + ", which was never synced").contains("POST /admin/backfill/invoices");
        assertThat(vtiger.calls("create")).isZero();
        assertThat(vtiger.calls("revise")).isZero();
        assertThat(queue.get("creditmemo#" + memoId)).hasValueSatisfying(q -> assertThat(q.lastError())
                .contains("refers to invoice " + (orderId + 1)));
    }

    @Test
    void aCreditMemoQueuedLikeABackfilledEntityIsSyncedByTheDrain() throws Exception {
        String salesOrder = syncOrder();
        String invoice = syncInvoice();
        long memoId = ids.incrementAndGet();
        String key = EntityType.CREDITMEMO.key(Long.toString(memoId));
        queue.enqueue(new QueuedEvent.Arrival(EntityType.CREDITMEMO, key,
                EntityType.CREDITMEMO.editRoute().export(), "backfill:" + key, memo(memoId, "148")));

        drainer.drain(new DrainRequest(Duration.ofSeconds(20), 2, Set.of(EntityType.values()),
                Instant.now().plusSeconds(1)));

        assertThat(queue.get(key)).as("synced, so no longer queued").isEmpty();
        assertThat(refundLines(record(salesOrder))).singleElement().asString().contains("credit memo 7" + memoId);
        assertThat(record(salesOrder)).containsEntry("sostatus", "Cancelled");
        assertThat(record(invoice)).containsEntry("invoicestatus", "Credit Invoice");
    }

    @Test
    void inCronModeACreditMemoIsOnlyQueued() throws Exception {
        syncOrder();
        syncInvoice();
        assertThat(new AdminCalls(adminApi).put("/admin/settings",
                "{\"types\":{\"CREDIT_MEMOS\":{\"mode\":\"cron\",\"periodMinutes\":5}}}").status()).isEqualTo(200);
        long memoId = ids.incrementAndGet();
        vtiger.resetCounts();

        assertThat(Invoke.signed(PATH, memo(memoId, "24.5"), 202).getString("status")).isEqualTo("queued");

        assertThat(vtiger.totalCalls()).isZero();
        assertThat(queue.get("creditmemo#" + memoId)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"entity_id\": 1, \"grand_total\": 5}",
            "{\"entity_id\": 1, \"order_id\": 2, \"grand_total\": \"lots\"}",
            "{\"entity_id\": 1, \"order_id\": 2, \"grand_total\": -5}",
            "{\"eventName\": \"observer.sales_order_invoice_save_commit_after\", \"data\": {\"invoice\": {\"entity_id\": 1, \"order_id\": 2}}}",
            "{\"event\": \"new_shipment\", \"order_id\": 2}"})
    void badPayloadsAreRefusedWithNothingStored(String body) {
        long memoId = ids.incrementAndGet();
        String text = body.replace("\"entity_id\": 1", "\"entity_id\": " + memoId);

        JsonPath result = Invoke.signed(PATH, text, 400);

        assertThat(result.getString("error")).isEqualTo("invalid_payload");
        assertThat(queue.get("creditmemo#" + memoId)).isEmpty();
        assertThat(vtiger.totalCalls()).isZero();
    }
}
