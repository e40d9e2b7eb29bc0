package com.mvsync.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Seeds a large sync log fast, for the benchmark: each entry is the item {@link SyncLog#item} makes (the same item
 * the product writes), 25 to a BatchWriteItem instead of one PutItem each; an entity's search terms are written once,
 * by {@link SyncLog#index}, not once per entry (they are the same items every time).
 */
public final class SyncLogSeeder {

    /** One entry to seed. */
    public record Entry(Instant at, LogLine line, Map<String, String> vtigerIds) {
    }

    private final SyncLog log;
    private final DynamoDbClient dynamo;
    private final String table;

    public SyncLogSeeder(SyncLog log, DynamoDbClient dynamo, SyncTable table) {
        this.log = log;
        this.dynamo = dynamo;
        this.table = table.name();
    }

    /** Writes the entries in batches of 25 (unprocessed items sent again until none is left). */
    public void entries(List<Entry> entries) {
        List<WriteRequest> batch = new ArrayList<>(25);
        for (Entry e : entries) {
            Map<String, AttributeValue> item = log.item(e.at(), e.line(), e.vtigerIds());
            batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            if (batch.size() == 25) {
                write(batch);
                batch = new ArrayList<>(25);
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    /** Makes the entity of this entry findable, as the product does after writing an entry. */
    public void index(Entry e) {
        log.index(e.at(), e.line(), e.vtigerIds());
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of(table, batch);
        while (left != null && !left.isEmpty()) {
            Map<String, List<WriteRequest>> request = left;
            left = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }
}
