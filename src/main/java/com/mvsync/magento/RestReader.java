package com.mvsync.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A bare entity as Magento's REST API returns it; recognised by the keys every such entity has. */
final class RestReader implements EnvelopeReader {

    @Override
    public boolean matches(ObjectNode body, EntityType expected) {
        return switch (expected) {
            case CUSTOMER -> body.has("id") && body.has("email");
            case PRODUCT -> body.has("sku");
            case ORDER -> body.has("increment_id") && (body.has("items") || body.has("entity_id"));
            case INVOICE -> body.has("order_id") && (body.has("items") || body.has("entity_id"));
            case CREDITMEMO, SHIPMENT -> body.has("order_id") && body.has("entity_id");
        };
    }

    @Override
    public Unwrapped unwrap(ObjectNode body, EntityType expected) {
        return new Unwrapped(EnvelopeKind.REST, null, null, EventAction.UNKNOWN, body.deepCopy());
    }
}
