package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.admin.AdminApi;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueStore;
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
import java.math.BigDecimal;
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

/** {@code POST /webhooks/invoices/created}, through the Lambda mock event server. */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class InvoicesCreatedFunctionTest {

    static final String PATH = "/webhooks/invoices/created";
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 70_000_000);
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
        orderId = ids.addAndGet(10);
        customerId = ids.incrementAndGet();
        email = "inv" + customerId + "@example.com";
        vtiger.clearFaults();
        vtiger.resetCounts();
    }

    @AfterEach
    void immediate() {
        assertThat(new AdminCalls(adminApi).put("/admin/settings", "{\"types\":{\"INVOICES\":{\"enabled\":true,"
                + "\"mode\":\"immediate\"}}}").status()).isEqualTo(200);
    }

    private String sample(String resource) {
        return Samples.sales(resource, orderId, customerId, email);
    }

    private ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    /** The order synced first, through the ordersPlaced function bean (the same code its own Lambda runs). */
    private String syncOrder() throws Exception {
        String event = HttpApiRequests.signedPost("/webhooks/orders/placed", sample("rest/order_get_3005.json"));
        HttpApiResponse response = webhooks.webhook(JSON.readValue(event, HttpApiEvent.class));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("vtiger").path("SalesOrder").asText();
    }

    private Map<String, Object> invoice(JsonPath result) {
        return vtiger.record(result.getString("vtiger.Invoice")).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> record) {
        return (List<Map<String, Object>>) record.get("LineItems");
    }

    @Test
    void anInvoiceOfASyncedOrderIsLinkedToItsSalesOrder() throws Exception {
        String salesOrder = syncOrder();
        vtiger.resetCounts();

        JsonPath result = Invoke.signed(PATH, sample("rest/invoice_get_2001.json"), 200);

        Map<String, Object> invoice = invoice(result);
        assertThat(invoice).containsEntry("salesorder_id", salesOrder)
                .containsEntry("subject", "Magento invoice #8" + orderId)
                .containsEntry("invoicestatus", "Paid") // Magento state 2
                .containsEntry("invoicedate", "2024-06-02")
                .containsEntry("bill_city", "San Francisco").containsEntry("ship_city", "Chicago");
        assertThat(new BigDecimal(invoice.get("hdnGrandTotal").toString())).isEqualByComparingTo("148");
        assertThat(lines(invoice)).hasSize(2);
        assertThat(vtiger.calls("create")).as("only the Invoice").isEqualTo(1);
        assertThat(magento.requestCount("/V1/orders/" + orderId)).isZero();
    }

    @Test
    void anInvoiceWhoseOrderWasNeverSyncedFetchesAndSyncsTheOrderFirst() throws Exception {
        magento.putOrder(json(sample("rest/order_get_3005.json")));

        JsonPath result = Invoke.signed(PATH, sample("rest/invoice_get_2001.json"), 200);

        String salesOrder = result.getList("records", Map.class).stream()
                .filter(r -> "SalesOrder".equals(r.get("module"))).map(r -> (String) r.get("id")).findFirst()
                .orElseThrow();
        assertThat(invoice(result)).containsEntry("salesorder_id", salesOrder);
        assertThat(vtiger.record(salesOrder).orElseThrow()).containsEntry("subject", "Magento order #9" + orderId);
        assertThat(magento.requestCount("/V1/orders/" + orderId)).isEqualTo(1);
    }

    @Test
    void anInvoiceWhoseOrderMagentoCannotSupplyIsA422() {
        JsonPath result = Invoke.signed(PATH, sample("rest/invoice_get_2001.json"), 422);
        assertThat(result.getString("message")).contains("order " + orderId).contains("never synced");
        assertThat(vtiger.calls("create")).isZero();
    }

    @Test
    void aPartialInvoiceCarriesOnlyTheInvoicedLinesAndQuantities() throws Exception {
        syncOrder();
        ObjectNode partial = json(sample("rest/invoice_get_2001.json"));
        ArrayNode items = (ArrayNode) partial.path("items");
        items.remove(1);
        partial.put("subtotal", 89).put("grand_total", 99);

        JsonPath result = Invoke.signed(PATH, partial.toString(), 200);

        Map<String, Object> invoice = invoice(result);
        assertThat(lines(invoice)).singleElement().satisfies(
                l -> assertThat(new BigDecimal(l.get("quantity").toString())).isEqualByComparingTo("1"));
        assertThat(new BigDecimal(invoice.get("hdnGrandTotal").toString())).isEqualByComparingTo("99");
    }

    @ParameterizedTest
    @ValueSource(strings = { "adobe-io-events/04_sales_order_invoice_save_commit_after.json",
            "adobe-commerce-webhooks/04_observer.sales_order_invoice_save_commit_after.json",
            "mageplaza/new_invoice.json" })
    void eachEnvelopeMakesOneInvoiceWithTheMagentoTotal(String resource) throws Exception {
        syncOrder();
        magento.putInvoice(json(sample("rest/invoice_get_2001.json"))); // Mageplaza sends no items

        JsonPath result = Invoke.signed(PATH, sample(resource), 200);

        Map<String, Object> invoice = invoice(result);
        assertThat(lines(invoice)).hasSize(2);
        assertThat(new BigDecimal(invoice.get("hdnGrandTotal").toString())).isEqualByComparingTo("148");
        assertThat(vtiger.records("Invoice").stream()
                .filter(i -> ("Magento invoice #8" + orderId).equals(i.get("subject")))).hasSize(1);
    }

    @Test
    void aRedeliveredInvoiceMakesNoSecondInvoice() throws Exception {
        syncOrder();
        String body = sample("rest/invoice_get_2001.json");
        JsonPath first = Invoke.signed(PATH, body, 200);
        vtiger.resetCounts();

        JsonPath again = Invoke.signed(PATH, body, 200);

        assertThat(again.getString("vtiger.Invoice")).isEqualTo(first.getString("vtiger.Invoice"));
        assertThat(vtiger.totalCalls()).isZero();
    }

    @Test
    void magentoBeingDownQueuesTheInvoiceForRetry() {
        magento.failNext(1, 503);
        JsonPath result = Invoke.signed(PATH, sample("rest/invoice_get_2001.json"), 202);
        assertThat(result.getString("status")).isEqualTo("queued");
        assertThat(result.getString("message")).contains("Magento");
        assertThat(vtiger.calls("create")).isZero();
    }

    // ---- currencies (the Vtiger double is shared by the JVM's test classes: each test adds a currency of its own)

    @Test
    void anInvoiceOfAnOrderInACurrencyVtigerLacksIsADeadLetterUntilTheCurrencyIsAddedAndTheItemRetried()
            throws Exception {
        refusedUntilTheCurrencyIsAdded("GBP", "0.8", "118.4", () -> {
            JsonPath refused = Invoke.signed(PATH, Samples.inCurrency(sample("rest/invoice_get_2001.json"), "GBP",
                    "0.8"), 202);
            assertThat(refused.getString("status")).isEqualTo("dead_letter");
            assertThat(refused.getString("message")).startsWith(OrdersPlacedFunctionTest.noCurrency("GBP"));
        });
    }

    @Test
    void inCronModeTheDrainDeadLettersAnInvoiceInACurrencyVtigerLacksAndCompletesItsRetry() throws Exception {
        AdminCalls admin = new AdminCalls(adminApi);
        assertThat(admin.put("/admin/settings", "{\"types\":{\"INVOICES\":{\"mode\":\"cron\",\"periodMinutes\":1}}}")
                .status()).isEqualTo(200);
        refusedUntilTheCurrencyIsAdded("AUD", "1.5", "222", () -> {
            assertThat(Invoke.signed(PATH, Samples.inCurrency(sample("rest/invoice_get_2001.json"), "AUD", "1.5"),
                    202).getString("status")).isEqualTo("queued");
            drain();
        });
    }

    /**
     * An invoice of an order never synced, both in {@code code}: {@code refuse} sends it, and it must end a dead
     * letter naming the fix, with no Invoice or Sales Order; once the currency is added, the queue's retry and a
     * drain write both in it, with Magento's grand totals.
     */
    private void refusedUntilTheCurrencyIsAdded(String code, String rate, String grandTotal, Runnable refuse)
            throws Exception {
        magento.putOrder(json(Samples.inCurrency(sample("rest/order_get_3005.json"), code, rate)));
        String invoiceKey = "invoice#" + (orderId + 1);
        AdminCalls admin = new AdminCalls(adminApi);

        refuse.run();

        AdminCalls.Answer dead = admin.get("/admin/queue", "status=dead&keys=" + invoiceKey.replace("#", "%23"));
        assertThat(dead.body().getList("items", Map.class)).filteredOn(i -> invoiceKey.equals(i.get("entityKey")))
                .singleElement().satisfies(i -> assertThat(i).containsEntry("lastError",
                        OrdersPlacedFunctionTest.noCurrency(code)));
        assertThat(invoices()).isEmpty();
        assertThat(vtiger.records("SalesOrder").stream()
                .filter(s -> ("Magento order #9" + orderId).equals(s.get("subject")))).isEmpty();

        String currencyId = vtiger.addCurrency(code);
        assertThat(admin.post("/admin/queue/invoice%23" + (orderId + 1) + "/retry").status()).isEqualTo(200);
        drain();

        assertThat(queue.get(invoiceKey)).as("synced, so no longer queued").isEmpty();
        assertThat(invoices()).singleElement().satisfies(invoice -> {
            assertThat(invoice).containsEntry("currency_id", currencyId);
            assertThat(new BigDecimal(invoice.get("hdnGrandTotal").toString())).isEqualByComparingTo(grandTotal);
            Map<String, Object> salesOrder = vtiger.record(invoice.get("salesorder_id").toString()).orElseThrow();
            assertThat(salesOrder).containsEntry("currency_id", currencyId);
            assertThat(new BigDecimal(salesOrder.get("hdnGrandTotal").toString())).isEqualByComparingTo(grandTotal);
        });
    }

    private List<Map<String, Object>> invoices() {
        return vtiger.records("Invoice").stream()
                .filter(i -> ("Magento invoice #8" + orderId).equals(i.get("subject"))).toList();
    }

    private void drain() {
        drainer.drain(new DrainRequest(Duration.ofSeconds(20), 2, Set.of(EntityType.values()), Instant.now().plusSeconds(1)));
    }
}
