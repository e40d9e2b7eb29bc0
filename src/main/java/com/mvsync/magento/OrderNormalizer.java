package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Order → {@code GET /V1/orders/{id}} shape. */
final class OrderNormalizer implements EntityNormalizer {

    static final String SHIPPING_ADDRESS_PATH = "extension_attributes.shipping_assignments[0].shipping.address";

    private static final List<String> NEEDED = List.of("entity_id", "increment_id", "status", "created_at",
            "customer_email", "customer_firstname", "customer_lastname", "order_currency_code", "subtotal",
            "grand_total", "billing_address", "items");

    private static final List<String> NEEDED_PER_ITEM = List.of("item_id", "sku", "name", "product_id",
            "qty_ordered", "price", "row_total");

    private static final FieldRules RULES = new FieldRules()
            .expect(FieldRules.Kind.INTEGER, "entity_id", "customer_id", "store_id", "quote_id",
                    "billing_address_id", "customer_group_id")
            .expect(FieldRules.Kind.STRING, "increment_id", "state", "status", "customer_email",
                    "customer_firstname", "customer_lastname", "order_currency_code", "created_at", "updated_at")
            .expect(FieldRules.Kind.NUMBER, "grand_total", "base_grand_total", "subtotal", "shipping_amount",
                    "tax_amount", "discount_amount", "total_qty_ordered")
            .expect(FieldRules.Kind.BOOLEAN, "customer_is_guest", "is_virtual")
            .expect(FieldRules.Kind.ARRAY, "items", "status_histories")
            .expect(FieldRules.Kind.OBJECT, "billing_address", "payment", "extension_attributes");

    @Override
    public void normalize(ObjectNode order) {
        Json.rename(order, "id", "entity_id"); // I/O Events subscriptions name the order id "id"
        SalesFields.numbers(order);
        SalesFields.normaliseItems(Json.array(order, "items"));
        SalesFields.numbers(Json.object(order, "payment"));
        splitAddresses(order);
        SalesFields.normaliseAddress(Json.object(order, "billing_address"));
        SalesFields.normaliseAddress(shippingAddress(order));
    }

    /**
     * Model data (webhooks, I/O Events, Mageplaza) lists addresses[] with address_type; REST puts the billing
     * one in billing_address and the shipping one in the first shipping assignment.
     */
    private static void splitAddresses(ObjectNode order) {
        JsonNode addresses = order.get("addresses");
        if (addresses == null || addresses.isNull()) {
            return;
        }
        if (!addresses.isArray()) {
            throw new InvalidPayloadException("field 'addresses' must be an array; got " + Json.withArticle(addresses));
        }
        order.remove("addresses");
        for (JsonNode address : addresses) {
            if (!(address instanceof ObjectNode a)) {
                throw new InvalidPayloadException("field 'addresses[]' must hold objects; got " + Json.withArticle(address));
            }
            String type = Json.scalarText(a, "address_type");
            if ("billing".equals(type) && !Json.has(order, "billing_address")) {
                order.set("billing_address", a);
            } else if ("shipping".equals(type) && shippingAddress(order) == null) {
                shippingOf(order).set("address", a);
            }
        }
        JsonNode method = order.get("shipping_method");
        if (method != null && method.isTextual() && shippingAddress(order) != null) {
            ObjectNode shipping = shippingOf(order);
            if (!shipping.has("method")) {
                shipping.set("method", method);
            }
        }
    }

    private static ObjectNode shippingOf(ObjectNode order) {
        ObjectNode extension = Json.object(order, "extension_attributes");
        if (extension == null) {
            extension = order.putObject("extension_attributes");
        }
        ArrayNode assignments = Json.array(extension, "shipping_assignments");
        if (assignments == null) {
            assignments = extension.putArray("shipping_assignments");
        }
        if (assignments.isEmpty() || !(assignments.get(0) instanceof ObjectNode)) {
            assignments.insertObject(0);
        }
        ObjectNode assignment = (ObjectNode) assignments.get(0);
        ObjectNode shipping = Json.object(assignment, "shipping");
        return shipping != null ? shipping : assignment.putObject("shipping");
    }

    static ObjectNode shippingAddress(ObjectNode order) {
        ArrayNode assignments = Json.array(Json.object(order, "extension_attributes"), "shipping_assignments");
        if (assignments == null || assignments.isEmpty()) {
            return null;
        }
        return Json.object(Json.object(assignments.get(0), "shipping"), "address");
    }

    @Override
    public void validate(ObjectNode order) {
        RULES.check(order, "");
        if (!Json.has(order, "entity_id") && !Json.has(order, "increment_id")) {
            throw new InvalidPayloadException("order payload has neither 'entity_id' (I/O Events: 'id', "
                    + "Mageplaza: 'order_id') nor 'increment_id'; the sync needs one of them to find the order");
        }
        SalesFields.validateItems(order);
        ObjectNode billing = Json.object(order, "billing_address");
        if (billing != null) {
            SalesFields.ADDRESS_RULES.check(billing, "billing_address.");
        }
        ObjectNode shipping = shippingAddress(order);
        if (shipping != null) {
            SalesFields.ADDRESS_RULES.check(shipping, SHIPPING_ADDRESS_PATH + ".");
        }
    }

    @Override
    public List<String> missing(ObjectNode order) {
        List<String> missing = SalesFields.missing(order, NEEDED, NEEDED_PER_ITEM);
        JsonNode virtual = order.get("is_virtual");
        boolean isVirtual = virtual != null && (virtual.asInt() == 1 || virtual.asBoolean());
        if (!isVirtual && shippingAddress(order) == null) {
            missing.add(SHIPPING_ADDRESS_PATH);
        }
        return missing;
    }

    @Override
    public String entityId(ObjectNode order) {
        JsonNode id = order.get("entity_id");
        return id == null || id.isNull() ? null : Json.numberText(id);
    }
}
