package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Expected JSON types of the fields the sync reads. Checked after normalisation, so numeric strings
 * have already become numbers; a field still of the wrong type is a sender error worth a 400.
 */
final class FieldRules {

    enum Kind {
        STRING("a string"),
        INTEGER("an integer"),
        NUMBER("a number"),
        BOOLEAN("a boolean or 0/1"),
        OBJECT("an object"),
        ARRAY("an array");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    FieldRules expect(Kind kind, String... fields) {
        for (String field : fields) {
            kinds.put(field, kind);
        }
        return this;
    }

    /**
     * Throws for the first field of the wrong type. String fields also accept numbers (turned into text)
     * because template-based senders often leave a numeric SKU or name unquoted.
     */
    void check(ObjectNode node, String path) {
        for (Map.Entry<String, Kind> rule : kinds.entrySet()) {
            String field = rule.getKey();
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            Kind kind = rule.getValue();
            if (kind == Kind.STRING && value.isNumber()) {
                node.put(field, Json.numberText(value));
                continue;
            }
            if (!matches(kind, value)) {
                throw new InvalidPayloadException("field '" + path + field + "' must be " + kind.description
                        + "; got " + Json.withArticle(value) + describe(value));
            }
        }
    }

    private static boolean matches(Kind kind, JsonNode value) {
        return switch (kind) {
            case STRING -> value.isTextual();
            case INTEGER -> value.isIntegralNumber()
                    || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean() || value.isNumber()
                    || (value.isTextual() && value.asText().matches("0|1|true|false"));
            case OBJECT -> value.isObject();
            case ARRAY -> value.isArray();
        };
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText();
            return " (\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\")";
        }
        return "";
    }
}
