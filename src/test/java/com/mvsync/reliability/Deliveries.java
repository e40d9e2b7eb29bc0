package com.mvsync.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.lambda.FunctionEvents;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Helpers of the reliability suite: API Gateway events for calling the function beans in-process (the code each
 * Lambda runs, without the mock event server's one-at-a-time loop), and reading the table directly.
 */
final class Deliveries {

    static final ObjectMapper JSON = new ObjectMapper();

    private Deliveries() {
    }

    /** A POST to {@code path} signed with the test HMAC secret, as the function receives it. */
    static HttpApiEvent signed(String path, String body) {
        return FunctionEvents.signed(path, body);
    }

    static HttpApiEvent signed(String path, byte[] body) {
        return FunctionEvents.signed(path, body);
    }

    static HttpApiEvent post(String path, byte[] body, Map<String, String> headers) {
        return FunctionEvents.event(HttpApiRequests.post(path, body, headers));
    }

    static HttpApiEvent event(String json) {
        return FunctionEvents.event(json);
    }

    static JsonNode body(HttpApiResponse response) {
        return FunctionEvents.body(response);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Items of the table whose {@code pk} starts with {@code prefix} (EVENT#, LINK#, QUEUE#, LOG#), counted by scan. */
    static long count(DynamoDbClient dynamo, String prefix) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":p", AttributeValue.fromS(prefix)));
        return dynamo.scanPaginator(b -> b.tableName("mvsync").select(Select.COUNT)
                .filterExpression("begins_with(#pk, :p)").expressionAttributeNames(Map.of("#pk", SyncTable.PK))
                .expressionAttributeValues(values)).stream().mapToLong(r -> r.count()).sum();
    }

    /** One item by key, or an empty map. */
    static Map<String, AttributeValue> item(DynamoDbClient dynamo, String pk, String sk) {
        var response = dynamo.getItem(b -> b.tableName("mvsync").consistentRead(true)
                .key(Map.of(SyncTable.PK, AttributeValue.fromS(pk), SyncTable.SK, AttributeValue.fromS(sk))));
        return response.hasItem() ? response.item() : Map.of();
    }
}
