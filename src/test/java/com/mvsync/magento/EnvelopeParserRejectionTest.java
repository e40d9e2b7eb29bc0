package com.mvsync.magento;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeParserRejectionTest {

    private static final String IO_CUSTOMER = "adobe-io-events/01_customer_save_commit_after_created.json";
    private static final String WH_CUSTOMER = "adobe-commerce-webhooks/01_observer.customer_save_commit_after_created.json";

    private final EnvelopeParser parser = new EnvelopeParser(Samples.MAPPER);

    private String rejected(byte[] body, EntityType type) {
        return assertThrows(InvalidPayloadException.class, () -> parser.parse(body, type)).getMessage();
    }

    private String rejected(String json, EntityType type) {
        return rejected(json.getBytes(StandardCharsets.UTF_8), type);
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
        }
    }

    @Test
    void eventForAnotherEntityIsRejectedWithTheRightRoute() {
        assertContains(rejected(Samples.bytes("adobe-commerce-webhooks/05_observer.catalog_product_save_commit_after.json"),
                EntityType.CUSTOMER),
                "this endpoint takes customer events; got observer.catalog_product_save_commit_after", "product endpoint");
        assertContains(rejected(Samples.bytes("adobe-io-events/03_sales_order_save_commit_after.json"), EntityType.INVOICE),
                "this endpoint takes invoice events; got observer.sales_order_save_commit_after");
        assertContains(rejected(Samples.bytes("mageplaza/new_product.json"), EntityType.CUSTOMER),
                "this endpoint takes customer events; got new_product");
    }

    @Test
    void unknownEventNamesAreRejected() {
        byte[] login = Samples.edited(IO_CUSTOMER,
                b -> b.put("type", "com.adobe.commerce.observer.customer_login"));
        assertContains(rejected(login, EntityType.CUSTOMER),
                "unsupported event 'observer.customer_login'", "observer.customer_save_commit_after",
                "observer.customer_delete_commit_after");
        assertContains(rejected(Samples.edited("mageplaza/order.json", b -> b.put("event", "new_order_comment")),
                EntityType.ORDER), "unsupported event 'new_order_comment'", "Mageplaza order");
        assertContains(rejected(Samples.edited("mageplaza/order.json", b -> b.put("event", "new_shipment")),
                EntityType.ORDER), "this endpoint takes order events; got new_shipment", "shipment endpoint");
    }

    @Test
    void unknownShapeNamesTheFourAcceptedShapes() {
        assertContains(rejected("{\"hello\": \"world\"}", EntityType.CUSTOMER), "unrecognised customer payload",
                "Adobe I/O Events CloudEvent", "Adobe Commerce webhook", "\"data\": {\"customer\"", "Mageplaza",
                "new_customer", "REST customer", "/V1/customers/{id}");
        assertContains(rejected(Samples.bytes("rest/customers_search_page1.json"), EntityType.CUSTOMER),
                "REST search result", "one customer per request");
        // a REST product is not a REST order
        assertContains(rejected(Samples.bytes("rest/product_get_MB-TRAVEL-01.json"), EntityType.ORDER),
                "unrecognised order payload");
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        assertContains(rejected("{\n  \"event\": \"new_customer\",\n  \"firstname\": \"Ma\"ria\"\n}", EntityType.CUSTOMER),
                "malformed JSON at line 3, column", "expected a JSON object");
        assertContains(rejected("{\"a\": 1}{\"b\": 2}", EntityType.CUSTOMER), "unexpected content after the JSON object");
        assertContains(rejected("{\"group_id\": ,}", EntityType.CUSTOMER), "malformed JSON at line 1");
    }

    @Test
    void nonObjectJsonIsRejected() {
        assertContains(rejected("[{\"id\": 42}]", EntityType.CUSTOMER), "body is a JSON array; expected a JSON object");
        assertContains(rejected("\"text\"", EntityType.CUSTOMER), "body is a JSON string");
        assertContains(rejected("null", EntityType.CUSTOMER), "body is a JSON null");
        assertContains(rejected(new byte[0], EntityType.CUSTOMER), "empty body");
        assertContains(rejected("   ", EntityType.CUSTOMER), "no JSON value");
    }

    @Test
    void nonUtf8BytesAreRejected() {
        // "Müller" in ISO-8859-1: 0xFC is not valid UTF-8
        byte[] latin1 = "{\"id\": 42, \"email\": \"a@example.com\", \"lastname\": \"Müller\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertContains(rejected(latin1, EntityType.CUSTOMER), "not valid UTF-8", "expected a UTF-8 encoded JSON object");
    }

    @Test
    void oversizedBodyIsRejectedBeforeParsing() {
        byte[] big = new byte[JsonBodyReader.MAX_BODY_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        assertContains(rejected(big, EntityType.CUSTOMER), "body too large", "1048577 bytes", "1 MiB");
    }

    @Test
    void customerWithoutUsableEmailIsRejected() {
        assertContains(rejected(Samples.edited(IO_CUSTOMER, b -> ((ObjectNode) b.at("/data/value")).remove("email")),
                EntityType.CUSTOMER), "customer payload has no 'email'");
        assertContains(rejected(Samples.edited(IO_CUSTOMER,
                b -> ((ObjectNode) b.at("/data/value")).put("email", "maria.keller@")), EntityType.CUSTOMER),
                "field 'email' is not a valid email address: \"maria.keller@\"");
        assertContains(rejected(Samples.edited("mageplaza/new_customer.json", b -> b.put("email", "maria keller@example.com")),
                EntityType.CUSTOMER), "not a valid email address");
        assertContains(rejected(Samples.edited(WH_CUSTOMER, b -> ((ObjectNode) b.at("/data/customer")).remove("entity_id")),
                EntityType.CUSTOMER), "customer payload has no 'id'");
    }

    @Test
    void wrongJsonTypesNameTheFieldAndTheExpectedType() {
        assertContains(rejected(Samples.edited(IO_CUSTOMER,
                b -> ((ObjectNode) b.at("/data/value")).putObject("email").put("address", "x@example.com")),
                EntityType.CUSTOMER), "field 'email' must be a string; got an object");
        assertContains(rejected(Samples.edited(IO_CUSTOMER, b -> ((ObjectNode) b.at("/data/value")).putArray("id").add(42)),
                EntityType.CUSTOMER), "field 'id' must be an integer; got an array");
        assertContains(rejected(Samples.edited("mageplaza/new_customer.json", b -> b.put("customer_id", "abc")),
                EntityType.CUSTOMER), "field 'id' must be an integer; got a string (\"abc\")");
        assertContains(rejected(Samples.edited("rest/order_get_3005.json", b -> b.put("items", "none")),
                EntityType.ORDER), "field 'items' must be an array; got a string");
        assertContains(rejected(Samples.edited("rest/order_get_3005.json", b -> b.withArray("items").insert(0, 5)),
                EntityType.ORDER), "field 'items[0]' must be an object; got a number");
        assertContains(rejected(Samples.edited("rest/order_get_3005.json",
                b -> ((ObjectNode) b.at("/items/1")).put("price", "cheap")), EntityType.ORDER),
                "field 'items[1].price' must be a number; got a string (\"cheap\")");
        assertContains(rejected(Samples.edited("rest/product_get_MB-TRAVEL-01.json", b -> b.putObject("sku")),
                EntityType.PRODUCT), "field 'sku' must be a string; got an object");
        assertContains(rejected(Samples.edited(IO_CUSTOMER, b -> ((ObjectNode) b.get("data")).put("value", "x")),
                EntityType.CUSTOMER), "field 'data.value' must be an object; got a string");
        assertContains(rejected(Samples.edited(IO_CUSTOMER, b -> b.put("type", 7)), EntityType.CUSTOMER),
                "field 'type' must be a non-empty string; got a number");
        assertContains(rejected(Samples.edited("adobe-commerce-webhooks/03_observer.sales_order_save_commit_after.json",
                b -> ((ObjectNode) b.at("/data/order")).put("addresses", "x")), EntityType.ORDER),
                "field 'addresses' must be an array");
    }

    @Test
    void missingEnvelopeParts() {
        assertContains(rejected(Samples.edited(WH_CUSTOMER, b -> ((ObjectNode) b.get("data")).remove("customer")),
                EntityType.CUSTOMER), "missing 'data.customer' (or 'data.data_object')");
        assertContains(rejected(Samples.edited(IO_CUSTOMER, b -> b.remove("data")), EntityType.CUSTOMER),
                "missing 'data'");
        assertContains(rejected(Samples.edited(IO_CUSTOMER, b -> b.remove("type")), EntityType.CUSTOMER),
                "missing 'type'", "com.adobe.commerce.observer.customer_save_commit_after");
    }

    @Test
    void entitiesWithoutTheirKeysAreRejected() {
        assertContains(rejected(Samples.edited("adobe-commerce-webhooks/03_observer.sales_order_save_commit_after.json",
                b -> ((ObjectNode) b.at("/data/order")).remove(java.util.List.of("entity_id", "increment_id"))),
                EntityType.ORDER), "order payload has neither 'entity_id'", "nor 'increment_id'");
        assertContains(rejected(Samples.edited("adobe-io-events/04_sales_order_invoice_save_commit_after.json",
                b -> ((ObjectNode) b.at("/data/value")).remove("order_id")), EntityType.INVOICE),
                "invoice payload has no 'order_id'");
        assertContains(rejected(Samples.edited("mageplaza/new_invoice.json", b -> b.remove("invoice_id")),
                EntityType.INVOICE), "invoice payload has no 'entity_id'");
        assertContains(rejected(Samples.edited("adobe-commerce-webhooks/05_observer.catalog_product_save_commit_after.json",
                b -> ((ObjectNode) b.at("/data/product")).put("sku", "")), EntityType.PRODUCT),
                "product payload has no 'sku'");
    }
}
