package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Joins a webhook payload with the same entity fetched from Magento. The fetched entity is what Magento holds now, so
 * it wins wherever both have a field, unless the payload is the newer version ({@code updated_at} later than the
 * fetched one: Magento answered from a replica or a cache that lags). A field only one of them has is kept either
 * way. Objects are joined field by field, custom attributes by attribute code; other arrays (addresses, items) are
 * taken whole from the winner.
 */
final class NewerWins {

    private NewerWins() {
    }

    static ObjectNode merge(ObjectNode payload, ObjectNode fetched) {
        boolean payloadNewer = compare(payload.path("updated_at").asText(null),
                fetched.path("updated_at").asText(null)) > 0;
        return payloadNewer ? join(fetched, payload) : join(payload, fetched);
    }

    /** {@code over} laid on a copy of {@code under}. */
    private static ObjectNode join(ObjectNode under, ObjectNode over) {
        ObjectNode out = under.deepCopy();
        over.fields().forEachRemaining(e -> {
            JsonNode mine = out.get(e.getKey());
            JsonNode theirs = e.getValue();
            if (mine instanceof ObjectNode a && theirs instanceof ObjectNode b) {
                out.set(e.getKey(), join(a, b));
            } else if (e.getKey().equals("custom_attributes") && mine instanceof ArrayNode a
                    && theirs instanceof ArrayNode b) {
                out.set(e.getKey(), joinByCode(a, b));
            } else {
                out.set(e.getKey(), theirs.deepCopy());
            }
        });
        return out;
    }

    private static ArrayNode joinByCode(ArrayNode under, ArrayNode over) {
        Map<String, JsonNode> byCode = new LinkedHashMap<>();
        under.forEach(a -> byCode.put(a.path("attribute_code").asText(), a));
        over.forEach(a -> byCode.put(a.path("attribute_code").asText(), a));
        ArrayNode out = under.arrayNode();
        byCode.values().forEach(a -> out.add(a.deepCopy()));
        return out;
    }

    /**
     * Magento writes {@code 2024-05-14 09:12:33}; some senders ISO-8601 ({@code 2024-05-14T09:12:33Z}). Both compare
     * as text once written alike. A missing time is older than any.
     */
    static int compare(String a, String b) {
        if (a == null || a.isBlank()) {
            return b == null || b.isBlank() ? 0 : -1;
        }
        if (b == null || b.isBlank()) {
            return 1;
        }
        return comparable(a).compareTo(comparable(b));
    }

    private static String comparable(String time) {
        String t = time.strip().replace('T', ' ');
        return t.endsWith("Z") ? t.substring(0, t.length() - 1) : t;
    }
}
