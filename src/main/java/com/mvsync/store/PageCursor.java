package com.mvsync.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A page's cursor: the key of the last item a page answered (DynamoDB's ExclusiveStartKey for the next Query), as
 * base64url JSON of its string attributes. A cursor is checked before it is used: exactly the key's attributes, the
 * partition the caller expects, nothing long; anything else is {@link InvalidCursorException} (the API's 400).
 */
public final class PageCursor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CHARS = 2000;

    private PageCursor() {
    }

    public static String encode(Map<String, AttributeValue> key) {
        Map<String, String> values = new LinkedHashMap<>();
        key.forEach((name, value) -> values.put(name, value.s()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(values));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key of a cursor, whose attributes must be exactly {@code names} and whose {@code partition} attribute must
     * start with {@code partitionPrefix}.
     */
    public static Map<String, AttributeValue> decode(String cursor, Set<String> names, String partition,
            String partitionPrefix) {
        if (cursor == null || cursor.isBlank() || cursor.length() > MAX_CHARS) {
            throw new InvalidCursorException();
        }
        Map<String, String> values;
        try {
            values = JSON.readValue(Base64.getUrlDecoder().decode(cursor.strip()), new TypeReference<>() {
            });
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidCursorException();
        }
        if (values == null || !values.keySet().equals(names) || values.values().stream().anyMatch(v -> v == null
                || v.isEmpty()) || !values.get(partition).startsWith(partitionPrefix)) {
            throw new InvalidCursorException();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        values.forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
        return key;
    }

    /** A cursor that is not one this API gave out (or is for another list). */
    public static final class InvalidCursorException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidCursorException() {
            super("cursor is not one this list gave out; start from the first page (no cursor)");
        }
    }
}
