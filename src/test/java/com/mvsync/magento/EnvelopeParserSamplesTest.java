package com.mvsync.magento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class EnvelopeParserSamplesTest {

    private final EnvelopeParser parser = new EnvelopeParser(Samples.MAPPER);

    private MagentoEvent parse(String path, EntityType type) {
        return parser.parse(Samples.bytes(path), type);
    }

    private static String customAttribute(ObjectNode entity, String code) {
        for (JsonNode attribute : entity.withArray("custom_attributes")) {
            if (code.equals(attribute.path("attribute_code").asText())) {
                return attribute.get("value").toString();
            }
        }
        return null;
    }

    // Every webhook/REST entity sample: type, envelope, action, entity id.
    @TestFactory
    Stream<DynamicTest> everySampleParses() {
        record Expect(EntityType type, EnvelopeKind kind, EventAction action, String id) {
        }
        Map<String, Expect> samples = Map.ofEntries(
                Map.entry("adobe-io-events/01_customer_save_commit_after_created.json",
                        new Expect(EntityType.CUSTOMER, EnvelopeKind.ADOBE_IO_EVENTS, EventAction.CREATED, "42")),
                Map.entry("adobe-io-events/02_customer_save_commit_after_edited.json",
                        new Expect(EntityType.CUSTOMER, EnvelopeKind.ADOBE_IO_EVENTS, EventAction.UPDATED, "42")),
                Map.entry("adobe-io-events/03_sales_order_save_commit_after.json",
                        new Expect(EntityType.ORDER, EnvelopeKind.ADOBE_IO_EVENTS, EventAction.CREATED, "3005")),
                Map.entry("adobe-io-events/04_sales_order_invoice_save_commit_after.json",
                        new Expect(EntityType.INVOICE, EnvelopeKind.ADOBE_IO_EVENTS, EventAction.CREATED, "2001")),
                Map.entry("adobe-io-events/05_catalog_product_save_commit_after.json",
                        new Expect(EntityType.PRODUCT, EnvelopeKind.ADOBE_IO_EVENTS, EventAction.UPDATED, "1041")),
                Map.entry("adobe-commerce-webhooks/01_observer.customer_save_commit_after_created.json",
                        new Expect(EntityType.CUSTOMER, EnvelopeKind.ADOBE_COMMERCE_WEBHOOK, EventAction.CREATED, "42")),
                Map.entry("adobe-commerce-webhooks/02_observer.customer_save_commit_after_edited.json",
                        new Expect(EntityType.CUSTOMER, EnvelopeKind.ADOBE_COMMERCE_WEBHOOK, EventAction.UPDATED, "42")),
                Map.entry("adobe-commerce-webhooks/03_observer.sales_order_save_commit_after.json",
                        new Expect(EntityType.ORDER, EnvelopeKind.ADOBE_COMMERCE_WEBHOOK, EventAction.UPDATED, "3005")),
                Map.entry("adobe-commerce-webhooks/04_observer.sales_order_invoice_save_commit_after.json",
                        new Expect(EntityType.INVOICE, EnvelopeKind.ADOBE_COMMERCE_WEBHOOK, EventAction.CREATED, "2001")),
                Map.entry("adobe-commerce-webhooks/05_observer.catalog_product_save_commit_after.json",
                        new Expect(EntityType.PRODUCT, EnvelopeKind.ADOBE_COMMERCE_WEBHOOK, EventAction.UPDATED, "1041")),
                Map.entry("mageplaza/new_customer.json",
                        new Expect(EntityType.CUSTOMER, EnvelopeKind.MAGEPLAZA, EventAction.CREATED, "42")),
                Map.entry("mageplaza/update_customer.json",
                        new Expect(EntityType.CUSTOMER, EnvelopeKind.MAGEPLAZA, EventAction.UPDATED, "42")),
                Map.entry("mageplaza/order.json",
                        new Expect(EntityType.ORDER, EnvelopeKind.MAGEPLAZA, EventAction.UNKNOWN, "3005")),
                Map.entry("mageplaza/new_invoice.json",
                        new Expect(EntityType.INVOICE, EnvelopeKind.MAGEPLAZA, EventAction.CREATED, "2001")),
                Map.entry("mageplaza/new_product.json",
                        new Expect(EntityType.PRODUCT, EnvelopeKind.MAGEPLAZA, EventAction.CREATED, "1041")),
                Map.entry("mageplaza/update_product.json",
                        new Expect(EntityType.PRODUCT, EnvelopeKind.MAGEPLAZA, EventAction.UPDATED, "1041")),
                Map.entry("rest/customer_get_42.json",
                        new Expect(EntityType.CUSTOMER, EnvelopeKind.REST, EventAction.UNKNOWN, "42")),
                Map.entry("rest/product_get_MB-TRAVEL-01.json",
                        new Expect(EntityType.PRODUCT, EnvelopeKind.REST, EventAction.UNKNOWN, "1041")),
                Map.entry("rest/order_get_3005.json",
                        new Expect(EntityType.ORDER, EnvelopeKind.REST, EventAction.UNKNOWN, "3005")),
                Map.entry("rest/invoice_get_2001.json",
                        new Expect(EntityType.INVOICE, EnvelopeKind.REST, EventAction.UNKNOWN, "2001")),
                Map.entry("adobe-io-events/06_sales_order_creditmemo_save_commit_after.json",
                        new Expect(EntityType.CREDITMEMO, EnvelopeKind.ADOBE_IO_EVENTS, EventAction.CREATED, "5001")),
                Map.entry("adobe-io-events/07_catalog_product_delete_commit_after.json",
                        new Expect(EntityType.PRODUCT, EnvelopeKind.ADOBE_IO_EVENTS, EventAction.DELETED, "1041")),
                Map.entry("adobe-io-events/08_customer_delete_commit_after.json",
                        new Expect(EntityType.CUSTOMER, EnvelopeKind.ADOBE_IO_EVENTS, EventAction.DELETED, "42")),
                Map.entry("adobe-io-events/09_sales_order_shipment_save_commit_after.json",
                        new Expect(EntityType.SHIPMENT, EnvelopeKind.ADOBE_IO_EVENTS, EventAction.CREATED, "6001")),
                Map.entry("adobe-commerce-webhooks/06_observer.sales_order_creditmemo_save_commit_after.json",
                        new Expect(EntityType.CREDITMEMO, EnvelopeKind.ADOBE_COMMERCE_WEBHOOK, EventAction.CREATED,
                                "5001")),
                Map.entry("adobe-commerce-webhooks/07_observer.catalog_product_delete_commit_after.json",
                        new Expect(EntityType.PRODUCT, EnvelopeKind.ADOBE_COMMERCE_WEBHOOK, EventAction.DELETED,
                                "1041")),
                Map.entry("adobe-commerce-webhooks/08_observer.sales_order_shipment_save_commit_after.json",
                        new Expect(EntityType.SHIPMENT, EnvelopeKind.ADOBE_COMMERCE_WEBHOOK, EventAction.CREATED,
                                "6001")),
                Map.entry("mageplaza/new_creditmemo.json",
                        new Expect(EntityType.CREDITMEMO, EnvelopeKind.MAGEPLAZA, EventAction.CREATED, "5001")),
                Map.entry("mageplaza/new_shipment.json",
                        new Expect(EntityType.SHIPMENT, EnvelopeKind.MAGEPLAZA, EventAction.CREATED, "6001")),
                Map.entry("mageplaza/delete_product.json",
                        new Expect(EntityType.PRODUCT, EnvelopeKind.MAGEPLAZA, EventAction.DELETED, "1041")),
                Map.entry("mageplaza/delete_customer.json",
                        new Expect(EntityType.CUSTOMER, EnvelopeKind.MAGEPLAZA, EventAction.DELETED, "42")),
                Map.entry("rest/creditmemo_get_5001.json",
                        new Expect(EntityType.CREDITMEMO, EnvelopeKind.REST, EventAction.UNKNOWN, "5001")),
                Map.entry("rest/shipment_get_6001.json",
                        new Expect(EntityType.SHIPMENT, EnvelopeKind.REST, EventAction.UNKNOWN, "6001")));
        return samples.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(
                e.getKey(), () -> {
                    Expect expect = e.getValue();
                    MagentoEvent event = parse(e.getKey(), expect.type());
                    assertEquals(expect.type(), event.entityType());
                    assertEquals(expect.kind(), event.envelope());
                    assertEquals(expect.action(), event.action());
                    assertEquals(expect.id(), event.entityId());
                    assertFalse(event.entity().has("_isNew"));
                    assertFalse(event.entity().has("_origData"));
                }));
    }

    @Test
    void restSamplesAreAlreadyInRestShape() {
        for (var sample : List.of(Map.entry("rest/customer_get_42.json", EntityType.CUSTOMER),
                Map.entry("rest/product_get_MB-TRAVEL-01.json", EntityType.PRODUCT),
                Map.entry("rest/order_get_3005.json", EntityType.ORDER),
                Map.entry("rest/invoice_get_2001.json", EntityType.INVOICE),
                Map.entry("rest/creditmemo_get_5001.json", EntityType.CREDITMEMO),
                Map.entry("rest/shipment_get_6001.json", EntityType.SHIPMENT))) {
            MagentoEvent event = parse(sample.getKey(), sample.getValue());
            assertEquals(Samples.json(sample.getKey()), event.entity(), sample.getKey());
            assertNull(event.eventId());
            assertNull(event.eventName());
            assertEquals(List.of(), event.missing(), sample.getKey());
        }
    }

    @Test
    void ioEventsCustomerCreated() {
        MagentoEvent event = parse("adobe-io-events/01_customer_save_commit_after_created.json", EntityType.CUSTOMER);
        assertEquals("a1d5e7c9-0b2f-4e6a-8c1d-3e5f7a9b1c01", event.eventId());
        assertEquals("observer.customer_save_commit_after", event.eventName());
        ObjectNode c = event.entity();
        assertEquals(42, c.get("id").intValue());
        assertEquals("maria.keller@example.com", c.get("email").asText());
        assertEquals("Maria", c.get("firstname").asText());
        assertEquals("Keller", c.get("lastname").asText());
        assertEquals(List.of("addresses"), event.missing());
    }

    @Test
    void ioEventsEditedCustomerIsUpdatedAndDropsOrigData() {
        MagentoEvent event = parse("adobe-io-events/02_customer_save_commit_after_edited.json", EntityType.CUSTOMER);
        assertEquals(EventAction.UPDATED, event.action());
        assertEquals("Keller-Brandt", event.entity().get("lastname").asText());
        assertEquals("a1d5e7c9-0b2f-4e6a-8c1d-3e5f7a9b1c02", event.eventId());
    }

    @Test
    void isNewWinsOverTimestamps() {
        byte[] body = Samples.edited("adobe-io-events/02_customer_save_commit_after_edited.json",
                b -> ((ObjectNode) b.at("/data/value")).put("_isNew", true));
        assertEquals(EventAction.CREATED, parser.parse(body, EntityType.CUSTOMER).action());
    }

    @Test
    void cloudEventIdIsUsedWhenThereIsNoEventId() {
        byte[] body = Samples.edited("adobe-io-events/01_customer_save_commit_after_created.json",
                b -> b.remove("event_id"));
        assertEquals("0f6c8d55-3a1e-4c7b-9d2e-5a4b3c2d1e01", parser.parse(body, EntityType.CUSTOMER).eventId());
    }

    @Test
    void ioEventsPartialOrderListsWhatIsMissing() {
        MagentoEvent event = parse("adobe-io-events/03_sales_order_save_commit_after.json", EntityType.ORDER);
        ObjectNode o = event.entity();
        assertEquals(3005, o.get("entity_id").intValue());
        assertFalse(o.has("id"));
        assertEquals("000003005", o.get("increment_id").asText());
        assertEquals(7001, o.at("/items/0/item_id").intValue());
        assertEquals(7002, o.at("/items/1/item_id").intValue());
        assertEquals(2, o.at("/items/1/qty_ordered").intValue());
        assertTrue(event.missing().containsAll(List.of("items[].price", "items[].name", "items[].row_total",
                "items[].product_id", "billing_address", OrderNormalizer.SHIPPING_ADDRESS_PATH, "customer_email",
                "grand_total", "subtotal", "status")), event.missing().toString());
        assertFalse(event.missing().contains("items"));
        assertFalse(event.missing().contains("items[].sku"));
        assertFalse(event.isComplete());
    }

    @Test
    void ioEventsInvoice() {
        MagentoEvent event = parse("adobe-io-events/04_sales_order_invoice_save_commit_after.json", EntityType.INVOICE);
        ObjectNode i = event.entity();
        assertEquals(2001, i.get("entity_id").intValue());
        assertEquals(3005, i.get("order_id").intValue());
        assertEquals(7001, i.at("/items/0/order_item_id").intValue());
        assertEquals(148, i.get("grand_total").intValue());
        assertTrue(event.missing().containsAll(List.of("items[].price", "items[].name", "subtotal")),
                event.missing().toString());
    }

    @Test
    void ioEventsProduct() {
        MagentoEvent event = parse("adobe-io-events/05_catalog_product_save_commit_after.json", EntityType.PRODUCT);
        ObjectNode p = event.entity();
        assertEquals("MB-TRAVEL-01", p.get("sku").asText());
        assertEquals(1041, p.get("id").intValue());
        assertFalse(p.has("description"));
        assertTrue(customAttribute(p, "description").contains("28-litre"));
        assertEquals(List.of("price", "status", "type_id"), event.missing());
    }

    @Test
    void webhookCustomerModelDataBecomesRestShape() {
        MagentoEvent event = parse("adobe-commerce-webhooks/01_observer.customer_save_commit_after_created.json",
                EntityType.CUSTOMER);
        ObjectNode c = event.entity();
        assertNull(event.eventId());
        assertEquals("observer.customer_save_commit_after", event.eventName());
        assertFalse(c.has("entity_id"));
        ObjectNode rest = Samples.json("rest/customer_get_42.json");
        for (String field : List.of("id", "group_id", "store_id", "website_id", "gender", "email", "firstname",
                "lastname", "dob", "default_billing", "default_shipping", "created_at", "created_in",
                "disable_auto_group_change")) {
            assertEquals(rest.get(field), c.get(field), field);
        }
        assertEquals("1", c.get("is_active").asText(), "unknown model keys are kept as they are");
    }

    @Test
    void webhookOrderAddressesMoveToRestPlaces() {
        MagentoEvent event = parse("adobe-commerce-webhooks/03_observer.sales_order_save_commit_after.json",
                EntityType.ORDER);
        ObjectNode o = event.entity();
        ObjectNode rest = Samples.json("rest/order_get_3005.json");
        assertFalse(o.has("addresses"));
        assertEquals(rest.get("billing_address"), o.get("billing_address"));
        assertEquals(rest.at("/extension_attributes/shipping_assignments/0/shipping/address"),
                o.at("/extension_attributes/shipping_assignments/0/shipping/address"));
        assertEquals("flatrate_flatrate", o.at("/extension_attributes/shipping_assignments/0/shipping/method").asText());
        assertEquals(rest.get("items"), o.get("items"));
        assertEquals(148.0, o.get("grand_total").doubleValue());
        assertEquals(List.of(), event.missing());
    }

    @Test
    void webhookInvoiceEqualsRestInvoice() {
        MagentoEvent event = parse("adobe-commerce-webhooks/04_observer.sales_order_invoice_save_commit_after.json",
                EntityType.INVOICE);
        assertEquals(Samples.json("rest/invoice_get_2001.json"), event.entity());
        assertEquals(List.of(), event.missing());
    }

    @Test
    void webhookProductModelDataBecomesRestShape() {
        MagentoEvent event = parse("adobe-commerce-webhooks/05_observer.catalog_product_save_commit_after.json",
                EntityType.PRODUCT);
        ObjectNode p = event.entity();
        ObjectNode rest = Samples.json("rest/product_get_MB-TRAVEL-01.json");
        assertEquals(89, p.get("price").intValue());
        assertTrue(p.get("price").isNumber());
        for (String field : List.of("id", "attribute_set_id", "status", "visibility", "type_id", "sku", "name")) {
            assertEquals(rest.get(field).asText(), p.get(field).asText(), field);
            assertEquals(rest.get(field).isNumber(), p.get(field).isNumber(), field);
        }
        assertEquals(1.2, p.get("weight").doubleValue());
        assertEquals(rest.at("/extension_attributes/website_ids"), p.at("/extension_attributes/website_ids"));
        assertEquals(57, p.at("/extension_attributes/stock_item/qty").intValue());
        assertTrue(p.at("/extension_attributes/stock_item/is_in_stock").booleanValue());
        assertEquals("[\"4\",\"7\"]", customAttribute(p, "category_ids"));
        assertEquals("\"2\"", customAttribute(p, "tax_class_id"));
        assertEquals("\"trailhead-travel-backpack\"", customAttribute(p, "url_key"));
        assertFalse(p.has("stock_data") || p.has("quantity_and_stock_status") || p.has("url_key"));
    }

    @Test
    void mageplazaCustomers() {
        MagentoEvent created = parse("mageplaza/new_customer.json", EntityType.CUSTOMER);
        assertEquals("new_customer", created.eventName());
        assertNull(created.eventId());
        assertEquals(42, created.entity().get("id").intValue());
        assertFalse(created.entity().has("customer_id"));
        assertFalse(created.entity().has("event"));
        MagentoEvent updated = parse("mageplaza/update_customer.json", EntityType.CUSTOMER);
        assertEquals(EventAction.UPDATED, updated.action());
        assertEquals("Keller-Brandt", updated.entity().get("lastname").asText());
    }

    @Test
    void mageplazaOrderFlatAddressesAndDecimals() {
        MagentoEvent event = parse("mageplaza/order.json", EntityType.ORDER);
        ObjectNode o = event.entity();
        assertEquals(3005, o.get("entity_id").intValue());
        assertFalse(o.has("order_id"));
        assertEquals(42, o.get("customer_id").intValue());
        assertEquals(148.0, o.get("grand_total").doubleValue());
        assertEquals("94105", o.at("/billing_address/postcode").asText());
        assertEquals("billing", o.at("/billing_address/address_type").asText());
        assertEquals("Chicago", o.at("/extension_attributes/shipping_assignments/0/shipping/address/city").asText());
        assertEquals("US", o.at("/extension_attributes/shipping_assignments/0/shipping/address/country_id").asText());
        assertFalse(o.has("shipping_city") || o.has("billing_postcode") || o.has("coupon_code"));
        assertTrue(event.missing().contains("items"), event.missing().toString());
    }

    @Test
    void mageplazaNestedAddressObjects() {
        byte[] body = Samples.edited("mageplaza/order.json", b -> {
            b.remove(List.of("shipping_city", "shipping_country", "billing_postcode"));
            b.putObject("billingAddress").put("city", "San Francisco").put("street", "500 Market St\nSuite 200");
        });
        ObjectNode o = parser.parse(body, EntityType.ORDER).entity();
        assertEquals("San Francisco", o.at("/billing_address/city").asText());
        assertEquals("Suite 200", o.at("/billing_address/street/1").asText());
    }

    @Test
    void mageplazaInvoiceAndProduct() {
        MagentoEvent invoice = parse("mageplaza/new_invoice.json", EntityType.INVOICE);
        assertEquals(3005, invoice.entity().get("order_id").intValue());
        assertEquals(138.0, invoice.entity().get("subtotal").doubleValue());
        assertEquals(List.of("items"), invoice.missing());
        MagentoEvent product = parse("mageplaza/update_product.json", EntityType.PRODUCT);
        assertEquals(89, product.entity().get("price").intValue());
        assertEquals(1041, product.entity().get("id").intValue());
        assertEquals("\"28 L carry-on backpack with laptop sleeve.\"",
                customAttribute(product.entity(), "short_description"));
    }

    @Test
    void registerSuccessPayloadNestedUnderCustomer() {
        byte[] body = Samples.edited("adobe-io-events/01_customer_save_commit_after_created.json", b -> {
            b.put("type", "com.adobe.commerce.observer.customer_register_success");
            ObjectNode data = (ObjectNode) b.get("data");
            ObjectNode value = (ObjectNode) data.remove("value");
            value.put("updated_at", "2024-06-01 00:00:00"); // name decides, not timestamps
            data.putObject("value").set("customer", value);
        });
        MagentoEvent event = parser.parse(body, EntityType.CUSTOMER);
        assertEquals(EventAction.CREATED, event.action());
        assertEquals("42", event.entityId());
        assertEquals("observer.customer_register_success", event.eventName());
    }

    @Test
    void webhookDataObjectIsAccepted() {
        byte[] body = Samples.edited("adobe-commerce-webhooks/01_observer.customer_save_commit_after_created.json",
                b -> {
                    ObjectNode data = (ObjectNode) b.get("data");
                    data.set("data_object", data.remove("customer"));
                });
        assertEquals("42", parser.parse(body, EntityType.CUSTOMER).entityId());
    }

    @Test
    void customerModelAddressesBecomeRestAddresses() {
        byte[] body = Samples.edited("adobe-commerce-webhooks/01_observer.customer_save_commit_after_created.json",
                b -> ((ObjectNode) b.at("/data/customer")).put("password_hash", "secret")
                        .putArray("addresses").addObject()
                        .put("entity_id", "101").put("parent_id", "42").put("region", "California")
                        .put("region_code", "CA").put("region_id", "12").put("street", "500 Market St\nSuite 200")
                        .put("postcode", "94105"));
        MagentoEvent event = parser.parse(body, EntityType.CUSTOMER);
        assertFalse(event.entity().has("password_hash"));
        ObjectNode expected = (ObjectNode) Samples.json("rest/customer_get_42.json").at("/addresses/0");
        JsonNode address = event.entity().at("/addresses/0");
        for (String field : List.of("id", "customer_id", "region", "region_id", "street", "postcode",
                "default_billing")) {
            assertEquals(expected.get(field), address.get(field), field);
        }
        assertEquals(List.of(), event.missing());
    }
}
