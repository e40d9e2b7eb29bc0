package com.mvsync.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A bare entity as Magento's REST API returns it; recognised by the keys every such entity has. */
final class RestReader implements EnvelopeReader {

    @Override
    public boolean matches(ObjectNode body, EntityType expected) {
        return expected.isBareRest(body);
    }

    @Override
    public Unwrapped unwrap(ObjectNode body, EntityType expected) {
        return new Unwrapped(EnvelopeKind.REST, null, null, EventAction.UNKNOWN, body.deepCopy());
    }
}
