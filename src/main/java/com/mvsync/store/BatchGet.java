package com.mvsync.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Items by key, at most 100 in one BatchGetItem. DynamoDB may answer only part of a batch (throttling, 16 MB) and
 * name the rest as unprocessed keys: they are asked again, and an item still unread after that is a failure, never
 * taken as absent (a link or a Vtiger record's holder read as missing would be synced, or skipped, wrongly).
 */
public final class BatchGet {

    private static final int TRIES = 3;

    private BatchGet() {
    }

    /**
     * The items found for these keys, in no particular order; keys of no item are absent.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException as DynamoDB throws it
     * @throws StoreException when keys are still unprocessed after {@value #TRIES} requests
     */
    public static List<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String tableName,
            Collection<Map<String, AttributeValue>> keys, boolean consistentRead) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        if (keys.isEmpty()) {
            return out;
        }
        Map<String, KeysAndAttributes> request = Map.of(tableName, KeysAndAttributes.builder()
                .keys(List.copyOf(keys)).consistentRead(consistentRead).build());
        for (int tries = 0; tries < TRIES && !request.isEmpty(); tries++) {
            Map<String, KeysAndAttributes> asked = request;
            var response = dynamo.batchGetItem(b -> b.requestItems(asked));
            out.addAll(response.responses().getOrDefault(tableName, List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        if (!request.isEmpty()) {
            throw new StoreException("DynamoDB left " + request.get(tableName).keys().size() + " of " + keys.size()
                    + " keys unread after " + TRIES + " requests", null);
        }
        return out;
    }
}
