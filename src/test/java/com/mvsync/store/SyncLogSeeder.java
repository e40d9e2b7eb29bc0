package com.mvsync.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Seeds a large sync log fast, for the benchmark: each entry is the item {@link SyncLog#item} makes and its copies
 * under its search terms ({@link SyncLog#findItems}), the same items the product writes, 25 to a BatchWriteItem
 * instead of one PutItem (and one BatchWriteItem) each; the days' counters are added once per day and result at the
 * end instead of once per entry.
 */
public final class SyncLogSeeder {

    /** One entry to seed. */
    public record Entry(Instant at, LogLine line, Map<String, String> vtigerIds) {
    }

    private final SyncLog log;
    private final DynamoDbClient dynamo;
    private final String table;
    private final Counters counters;
    private final Map<String, Map<String, Long>> perDay = new java.util.TreeMap<>();
    private final Map<String, java.time.Instant> dayExpires = new java.util.HashMap<>();
    /** The earliest entry seeded: the product's copies by result begin with it (as if it had always made them). */
    private Instant earliest;

    public SyncLogSeeder(SyncLog log, DynamoDbClient dynamo, SyncTable table) {
        this.log = log;
        this.dynamo = dynamo;
        this.table = table.name();
        this.counters = new Counters(dynamo, table);
    }

    /** Writes the entries in batches of 25 (unprocessed items sent again until none is left). */
    public void entries(List<Entry> entries) {
        List<WriteRequest> batch = new ArrayList<>(25);
        for (Entry e : entries) {
            Map<String, AttributeValue> item = log.item(e.at(), e.line(), e.vtigerIds());
            earliest = earliest == null || e.at().isBefore(earliest) ? e.at() : earliest;
            List<Map<String, AttributeValue>> items = new ArrayList<>(List.of(item));
            items.addAll(log.findItems(item, e.line(), e.vtigerIds()));
            for (Map<String, AttributeValue> one : items) {
                batch.add(WriteRequest.builder().putRequest(p -> p.item(one)).build());
                if (batch.size() == 25) {
                    write(batch);
                    batch = new ArrayList<>(25);
                }
            }
            perDay.computeIfAbsent(SyncLog.dayCounter(item), d -> new java.util.HashMap<>())
                    .merge(e.line().result().wire(), 1L, Long::sum);
            dayExpires.merge(SyncLog.dayCounter(item), SyncLog.expiresAt(item), (a, b) -> a.isAfter(b) ? a : b);
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    /** The days' counters of every entry seeded so far, as the product's one ADD per entry would have left them. */
    public void counters() {
        perDay.forEach((day, counts) -> counters.add(day, counts, dayExpires.get(day)));
        perDay.clear();
        if (earliest != null) {
            counters.first(SyncLog.MARKS, SyncLog.MARKS_SINCE, earliest.toEpochMilli());
        }
    }

    private void write(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of(table, batch);
        while (left != null && !left.isEmpty()) {
            Map<String, List<WriteRequest>> request = left;
            left = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }
}
