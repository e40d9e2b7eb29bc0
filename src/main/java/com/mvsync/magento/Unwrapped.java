package com.mvsync.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What an envelope reader extracts before the entity is normalised. The entity is a private copy. */
record Unwrapped(EnvelopeKind kind, String eventId, String eventName, EventAction actionHint, ObjectNode entity) {
}
