package com.mvsync.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Jackson tree helpers shared by the envelope readers and entity normalisers. */
final class Json {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // No leading zeros: "000003005" is an increment id, not a number, and converting it would lose data.
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d*)\\.\\d+");

    private Json() {
    }

    static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing value";
        }
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
        };
    }

    static String withArticle(JsonNode node) {
        String type = typeName(node);
        return switch (type) {
            case "object", "array" -> "an " + type;
            case "null", "missing value" -> type;
            default -> "a " + type;
        };
    }

    /** Present and not JSON null. */
    static boolean has(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    static ObjectNode object(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        return value instanceof ObjectNode o ? o : null;
    }

    static ArrayNode array(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        return value instanceof ArrayNode a ? a : null;
    }

    /** Text of a scalar field (numbers as their JSON text); null when absent, JSON null or not a scalar. */
    static String scalarText(JsonNode parent, String field) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        return value.isNumber() ? numberText(value) : value.asText();
    }

    /** "3005" for 3005 and 3005.0 alike, so ids read the same whatever the sender's number type. */
    static String numberText(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.asText();
        }
        BigDecimal decimal = number.decimalValue().stripTrailingZeros();
        return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
    }

    /** Moves {@code from} to {@code to} unless {@code to} already has a value. */
    static void rename(ObjectNode node, String from, String to) {
        JsonNode value = node.remove(from);
        if (value != null && !has(node, to)) {
            node.set(to, value);
        }
    }

    /** Numeric string → number node when that loses nothing; anything else is returned unchanged. */
    static JsonNode numberIfNumeric(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return value;
        }
        String text = value.asText().trim();
        if (INTEGER.matcher(text).matches()) {
            long l = Long.parseLong(text);
            return l == (int) l ? IntNode.valueOf((int) l) : LongNode.valueOf(l);
        }
        if (DECIMAL.matcher(text).matches()) {
            BigDecimal decimal = new BigDecimal(text);
            double d = decimal.doubleValue();
            // A double is what Jackson yields for REST's "148.0"; keep BigDecimal only if a double would round.
            return new BigDecimal(Double.toString(d)).compareTo(decimal) == 0
                    ? DoubleNode.valueOf(d) : DecimalNode.valueOf(decimal);
        }
        return value;
    }

    /** Converts numeric strings in the fields whose names pass {@code numericField}. */
    static void numbersIn(ObjectNode node, Predicate<String> numericField) {
        if (node == null) {
            return;
        }
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (numericField.test(name)) {
                node.set(name, numberIfNumeric(node.get(name)));
            }
        }
    }

    /** Magento model data stores multi-line street as one "\n"-joined string; REST uses an array. */
    static void streetAsArray(ObjectNode address) {
        JsonNode street = address.get("street");
        if (street != null && street.isTextual()) {
            ArrayNode lines = NODES.arrayNode();
            for (String line : street.asText().split("\n")) {
                lines.add(line);
            }
            address.set("street", lines);
        }
    }

    /** Liquid renders a null attribute as "" (Mageplaza); REST leaves nulls out, so do we. */
    static void dropEmptyStrings(ObjectNode node) {
        node.properties().removeIf(e -> e.getValue().isTextual() && e.getValue().asText().isEmpty());
    }

    static TextNode text(String value) {
        return TextNode.valueOf(value);
    }
}
