package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Recognises one sender's envelope and takes the raw entity out of it. */
interface EnvelopeReader {

    /** Cheap structural test on the top-level keys; the first matching reader wins. */
    boolean matches(ObjectNode body, EntityType expected);

    /** Unwraps the entity, checking the event is for {@code expected}; throws InvalidPayloadException otherwise. */
    Unwrapped unwrap(ObjectNode body, EntityType expected);

    static String requiredText(ObjectNode node, String field, String path, String expectation) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidPayloadException("missing '" + path + "'; expected " + expectation);
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidPayloadException("field '" + path + "' must be a non-empty string; got "
                    + Json.withArticle(value));
        }
        return value.asText().trim();
    }

    static ObjectNode requiredObject(ObjectNode node, String field, String path, String expectation) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidPayloadException("missing '" + path + "'; expected " + expectation);
        }
        if (!(value instanceof ObjectNode object)) {
            throw new InvalidPayloadException("field '" + path + "' must be an object; got " + Json.withArticle(value));
        }
        return object;
    }
}
