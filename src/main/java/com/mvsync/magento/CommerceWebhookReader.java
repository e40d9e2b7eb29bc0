package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Adobe Commerce Webhooks module: {@code {"eventName": "observer.<event>", "data": {"<entity>": {...}}}}.
 * Unfiltered observer hooks also (or only) carry {@code data.data_object}, the same model again.
 */
final class CommerceWebhookReader implements EnvelopeReader {

    @Override
    public boolean matches(ObjectNode body, EntityType expected) {
        return body.has("eventName");
    }

    @Override
    public Unwrapped unwrap(ObjectNode body, EntityType expected) {
        String eventName = EventNames.normaliseObserverName(EnvelopeReader.requiredText(body, "eventName",
                "eventName", "an event name such as \"observer.customer_save_commit_after\""));
        EventNames.Route route = EventNames.observerRoute(eventName, expected);
        String key = expected.label();
        ObjectNode data = EnvelopeReader.requiredObject(body, "data", "data",
                "an object holding data." + key);
        JsonNode entity = data.get(key);
        String path = "data." + key;
        if (entity == null || entity.isNull()) {
            entity = data.get("data_object");
            path = "data.data_object";
        }
        if (entity == null || entity.isNull()) {
            throw new InvalidPayloadException("missing 'data." + key + "' (or 'data.data_object') in the "
                    + eventName + " webhook; expected the " + key + " object there");
        }
        if (!(entity instanceof ObjectNode object)) {
            throw new InvalidPayloadException("field '" + path + "' must be an object; got " + Json.withArticle(entity));
        }
        ObjectNode copy = object.deepCopy();
        mergeDataModel(copy);
        return new Unwrapped(EnvelopeKind.ADOBE_COMMERCE_WEBHOOK, null, eventName, route.actionHint(), copy);
    }

    /**
     * The webhooks reference documents customer_save_before as {@code customer.{data_model{…}, group_id, …}}
     * (getter-based); lift data_model's fields so both renderings normalise alike.
     */
    private static void mergeDataModel(ObjectNode entity) {
        JsonNode model = entity.remove("data_model");
        if (model instanceof ObjectNode fields) {
            fields.properties().forEach(e -> {
                if (!Json.has(entity, e.getKey())) {
                    entity.set(e.getKey(), e.getValue());
                }
            });
        }
    }
}
