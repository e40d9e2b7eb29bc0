package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An order or invoice with its amounts in Magento's base currency. Magento keeps two sets: {@code grand_total},
 * {@code price}, ... in the currency the customer paid in, and {@code base_grand_total}, {@code base_price}, ... in the
 * website's base currency. In the copy every numeric {@code base_X} (of the entity and of each item) replaces {@code
 * X}, so that line items, shipping, the adjustment and the total check all read base amounts alike, and a mapping row
 * reading {@code price} does too.
 */
final class BaseAmounts {

    private static final String PREFIX = "base_";
    private static final Pattern DECIMAL = Pattern.compile("\\s*-?\\d+(\\.\\d+)?\\s*");

    private BaseAmounts() {
    }

    static JsonNode of(JsonNode entity) {
        ObjectNode copy = entity.deepCopy();
        useBase(copy);
        for (JsonNode item : copy.path("items")) {
            if (item instanceof ObjectNode line) {
                useBase(line);
            }
        }
        return copy;
    }

    /** Whether the entity carries base amounts at all (a subscribed-field payload may not). */
    static boolean present(JsonNode entity) {
        return isAmount(entity.path(PREFIX + "grand_total"));
    }

    private static void useBase(ObjectNode node) {
        List<Map.Entry<String, JsonNode>> base = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith(PREFIX) && isAmount(e.getValue())) {
                base.add(e);
            }
        });
        base.forEach(e -> node.set(e.getKey().substring(PREFIX.length()), e.getValue()));
    }

    /** A number, or a decimal in a string (I/O Events send some amounts as "148.000000"). */
    private static boolean isAmount(JsonNode value) {
        return value.isNumber() || (value.isTextual() && DECIMAL.matcher(value.asText()).matches());
    }
}
