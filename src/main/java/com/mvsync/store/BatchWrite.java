package com.mvsync.store;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Puts of at most 25 items in one BatchWriteItem, for what is best effort beside a write that counts (a log entry's
 * search copies, a queue item's search keys). DynamoDB may leave part of a batch unprocessed (throttling): that part
 * is sent once more; what is still left is answered, for the caller to log.
 */
public final class BatchWrite {

    /** BatchWriteItem's limit. */
    public static final int MAX = 25;

    private BatchWrite() {
    }

    /**
     * Puts the items (at most {@value #MAX}); answers how many are still unwritten after a second request.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException as DynamoDB throws it
     */
    public static int puts(DynamoDbClient dynamo, String tableName, List<Map<String, AttributeValue>> items) {
        if (items.isEmpty()) {
            return 0;
        }
        if (items.size() > MAX) {
            throw new IllegalArgumentException(items.size() + " items: a BatchWriteItem takes at most " + MAX);
        }
        List<WriteRequest> writes = items.stream()
                .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
        Map<String, List<WriteRequest>> left = dynamo.batchWriteItem(b -> b.requestItems(Map.of(tableName, writes)))
                .unprocessedItems();
        if (left != null && !left.isEmpty()) {
            Map<String, List<WriteRequest>> again = left;
            left = dynamo.batchWriteItem(b -> b.requestItems(again)).unprocessedItems();
        }
        return left == null ? 0 : left.getOrDefault(tableName, List.of()).size();
    }
}
