package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Credit memo (a refund) → {@code GET /V1/creditmemo/{id}} shape ({@code SalesDataCreditmemoInterface}). Its items are
 * not needed: the refund is recorded on the order's Sales Order and its invoice, never as line items.
 */
final class CreditMemoNormalizer implements EntityNormalizer {

    private static final List<String> NEEDED = List.of("increment_id", "order_id", "invoice_id", "grand_total",
            "order_currency_code", "created_at");

    private static final FieldRules RULES = new FieldRules()
            .expect(FieldRules.Kind.INTEGER, "entity_id", "order_id", "invoice_id", "store_id", "creditmemo_status",
                    "state", "billing_address_id", "shipping_address_id")
            .expect(FieldRules.Kind.STRING, "increment_id", "order_currency_code", "base_currency_code",
                    "created_at", "updated_at")
            .expect(FieldRules.Kind.NUMBER, "grand_total", "base_grand_total", "subtotal", "shipping_amount",
                    "tax_amount", "discount_amount", "adjustment", "adjustment_positive", "adjustment_negative")
            .expect(FieldRules.Kind.ARRAY, "items", "comments")
            .expect(FieldRules.Kind.OBJECT, "extension_attributes");

    @Override
    public void normalize(ObjectNode memo) {
        Json.rename(memo, "id", "entity_id"); // I/O Events subscriptions may name it "id"
        SalesFields.numbers(memo);
        SalesFields.normaliseItems(Json.array(memo, "items"));
    }

    @Override
    public void validate(ObjectNode memo) {
        RULES.check(memo, "");
        if (!Json.has(memo, "entity_id")) {
            throw new InvalidPayloadException("creditmemo payload has no 'entity_id' (I/O Events: 'id', Mageplaza: "
                    + "'creditmemo_id'); the sync needs the Magento credit memo id");
        }
        if (!Json.has(memo, "order_id")) {
            throw new InvalidPayloadException("creditmemo payload has no 'order_id'; the sync needs the order "
                    + "the refund belongs to");
        }
        JsonNode total = memo.get("grand_total");
        if (total != null && total.isNumber() && total.decimalValue().signum() < 0) {
            throw new InvalidPayloadException("field 'grand_total' of a creditmemo must not be negative; got "
                    + total.asText());
        }
        SalesFields.validateItems(memo);
    }

    @Override
    public List<String> missing(ObjectNode memo) {
        List<String> missing = new ArrayList<>();
        for (String field : NEEDED) {
            if (!Json.has(memo, field)) {
                missing.add(field);
            }
        }
        return missing;
    }

    @Override
    public String entityId(ObjectNode memo) {
        JsonNode id = memo.get("entity_id");
        return id == null || id.isNull() ? null : Json.numberText(id);
    }
}
