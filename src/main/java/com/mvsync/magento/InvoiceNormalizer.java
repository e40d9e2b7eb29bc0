package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Invoice → {@code GET /V1/invoices/{id}} shape. */
final class InvoiceNormalizer implements EntityNormalizer {

    private static final List<String> NEEDED = List.of("increment_id", "order_id", "state", "created_at",
            "order_currency_code", "subtotal", "grand_total", "items");

    private static final List<String> NEEDED_PER_ITEM = List.of("order_item_id", "sku", "name", "product_id",
            "qty", "price", "row_total");

    private static final FieldRules RULES = new FieldRules()
            .expect(FieldRules.Kind.INTEGER, "entity_id", "order_id", "store_id", "billing_address_id",
                    "shipping_address_id", "state")
            .expect(FieldRules.Kind.STRING, "increment_id", "order_increment_id", "order_currency_code",
                    "created_at", "updated_at")
            .expect(FieldRules.Kind.NUMBER, "grand_total", "base_grand_total", "subtotal", "shipping_amount",
                    "tax_amount", "discount_amount", "total_qty")
            .expect(FieldRules.Kind.ARRAY, "items", "comments")
            .expect(FieldRules.Kind.OBJECT, "extension_attributes");

    @Override
    public void normalize(ObjectNode invoice) {
        Json.rename(invoice, "id", "entity_id"); // I/O Events subscriptions may name it "id"
        SalesFields.numbers(invoice);
        SalesFields.normaliseItems(Json.array(invoice, "items"));
    }

    @Override
    public void validate(ObjectNode invoice) {
        RULES.check(invoice, "");
        if (!Json.has(invoice, "entity_id")) {
            throw new InvalidPayloadException("invoice payload has no 'entity_id' (I/O Events: 'id', Mageplaza: "
                    + "'invoice_id'); the sync needs the Magento invoice id");
        }
        if (!Json.has(invoice, "order_id") && !Json.has(invoice, "order_increment_id")) {
            throw new InvalidPayloadException("invoice payload has no 'order_id' (nor 'order_increment_id'); "
                    + "the sync needs the order the invoice belongs to");
        }
        SalesFields.validateItems(invoice);
    }

    @Override
    public List<String> missing(ObjectNode invoice) {
        List<String> missing = SalesFields.missing(invoice, NEEDED, NEEDED_PER_ITEM);
        if (Json.has(invoice, "order_increment_id")) {
            missing.remove("order_id"); // the sync can look the order up by increment id
        }
        return missing;
    }

    @Override
    public String entityId(ObjectNode invoice) {
        JsonNode id = invoice.get("entity_id");
        return id == null || id.isNull() ? null : Json.numberText(id);
    }
}
