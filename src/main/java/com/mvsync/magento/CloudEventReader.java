package com.mvsync.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Adobe I/O Events webhook delivery: a CloudEvent whose {@code type} is
 * {@code com.adobe.commerce.observer.<event>} and whose {@code data.value} holds the subscribed fields.
 */
final class CloudEventReader implements EnvelopeReader {

    @Override
    public boolean matches(ObjectNode body, EntityType expected) {
        return body.has("specversion"); // a CloudEvent without a type is reported as such, not as an unknown shape
    }

    @Override
    public Unwrapped unwrap(ObjectNode body, EntityType expected) {
        String type = EnvelopeReader.requiredText(body, "type", "type",
                "a CloudEvents type such as \"com.adobe.commerce.observer.customer_save_commit_after\"");
        String eventName = EventNames.normaliseObserverName(type);
        EventNames.Route route = EventNames.observerRoute(eventName, expected);
        ObjectNode data = EnvelopeReader.requiredObject(body, "data", "data",
                "an object with the event's entity in data.value");
        ObjectNode value = EnvelopeReader.requiredObject(data, "value", "data.value",
                "the " + expected.label() + " fields the event subscription lists");
        return new Unwrapped(EnvelopeKind.ADOBE_IO_EVENTS, eventId(body), eventName, route.actionHint(),
                value.deepCopy());
    }

    /** I/O Events adds event_id (older deliveries: eventid); plain CloudEvents only have id. */
    private static String eventId(ObjectNode body) {
        for (String field : new String[] {"event_id", "eventid", "id"}) {
            String id = Json.scalarText(body, field);
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return null;
    }
}
