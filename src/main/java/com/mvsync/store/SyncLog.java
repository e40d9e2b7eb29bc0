package com.mvsync.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the sync did, entity by entity, for the admin: items {@code pk = LOG#<yyyy-MM-dd>} (UTC day),
 * {@code sk = <instant>#<random>}, expiring after {@code mvsync.log.ttl}. One partition per day keeps "the latest
 * entries" a Query newest-first on today's partition (then yesterday's...), with no index; the random suffix keeps
 * two entries of one millisecond apart.
 */
@ApplicationScoped
public class SyncLog {

    static final String PK_PREFIX = "LOG#";

    private final DynamoDbClient dynamo;
    private final SyncTable table;
    private final SyncLogConfig config;
    private final Clock clock;

    public SyncLog(DynamoDbClient dynamo, SyncTable table, SyncLogConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.config = config;
        this.clock = clock;
    }

    /** Records one outcome (synced, failed, dead or skipped); {@code error} may be null. */
    public void record(Instant at, String entityType, String magentoId, Map<String, String> vtigerIds, Outcome result,
            String error) {
        record(at, entityType, magentoId, vtigerIds, result, error, List.of());
    }

    public void record(Instant at, String entityType, String magentoId, Map<String, String> vtigerIds, Outcome result,
            String error, List<String> notes) {
        Map<String, AttributeValue> item = item(at, new LogLine(entityType, magentoId, result, error, notes), vtigerIds);
        try {
            dynamo.putItem(b -> b.tableName(table.name()).item(item));
        } catch (SdkException e) {
            throw new StoreException("could not write the sync log", e);
        }
    }

    /** The item of an entry, for writers that put it in a transaction of their own (see SyncLedger#commit). */
    Map<String, AttributeValue> item(Instant at, LogLine line, Map<String, String> ids) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SyncTable.PK, AttributeValue.fromS(pk(day(at))));
        item.put(SyncTable.SK, AttributeValue.fromS(Timestamps.sortable(at) + "#"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16)));
        item.put("entity_type", AttributeValue.fromS(line.entityType()));
        item.put("magento_id", AttributeValue.fromS(line.magentoId() == null ? "" : line.magentoId()));
        item.put("vtiger_ids", AttributeValue.fromM(ids == null ? Map.of() : ids.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> AttributeValue.fromS(e.getValue())))));
        item.put("result", AttributeValue.fromS(line.result().wire()));
        if (line.error() != null) {
            item.put("error", AttributeValue.fromS(line.error()));
        }
        if (!line.notes().isEmpty()) {
            item.put("notes", AttributeValue.fromL(line.notes().stream().map(AttributeValue::fromS).toList()));
        }
        item.put(SyncTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(at.plus(config.ttl()).getEpochSecond())));
        return item;
    }

    /** The latest entries, newest first: today's partition, then the days before, back to the log's TTL. */
    public List<LogEntry> recent(int limit) {
        List<LogEntry> out = new ArrayList<>();
        LocalDate today = day(clock.instant());
        long days = Math.max(1, config.ttl().toDays() + 1);
        try {
            for (int back = 0; back < days && out.size() < limit; back++) {
                int wanted = limit - out.size();
                String pk = pk(today.minusDays(back));
                dynamo.queryPaginator(b -> b.tableName(table.name()).keyConditionExpression("pk = :pk")
                                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                                .scanIndexForward(false).limit(Math.min(wanted, 500)))
                        .items().stream().limit(wanted).forEach(item -> out.add(toEntry(item)));
            }
        } catch (SdkException e) {
            throw new StoreException("could not read the sync log", e);
        }
        return out;
    }

    /** Entries of one UTC day per result ("synced": 12, ...), for the console's chart; reads only the result. */
    public Map<String, Long> countsOn(LocalDate day) {
        Map<String, Long> out = new HashMap<>();
        try {
            dynamo.queryPaginator(b -> b.tableName(table.name()).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk(day))))
                            .projectionExpression("#r").expressionAttributeNames(Map.of("#r", "result")))
                    .items().forEach(item -> out.merge(item.get("result").s(), 1L, Long::sum));
        } catch (SdkException e) {
            throw new StoreException("could not read the sync log", e);
        }
        return out;
    }

    /** The day the log's TTL reaches back to, and today: the days {@link #countsOn} can have entries. */
    public List<LocalDate> days() {
        LocalDate today = day(clock.instant());
        long days = Math.max(1, config.ttl().toDays() + 1);
        List<LocalDate> out = new ArrayList<>();
        for (long back = days - 1; back >= 0; back--) {
            out.add(today.minusDays(back));
        }
        return out;
    }

    private static LogEntry toEntry(Map<String, AttributeValue> item) {
        String sk = item.get(SyncTable.SK).s();
        AttributeValue ids = item.get("vtiger_ids");
        AttributeValue error = item.get("error");
        AttributeValue notes = item.get("notes");
        return new LogEntry(sk.substring(0, sk.indexOf('#')), item.get("entity_type").s(),
                item.get("magento_id").s(),
                ids == null || !ids.hasM() ? Map.of() : ids.m().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s())),
                Outcome.parse(item.get("result").s()), error == null ? null : error.s(),
                notes == null || !notes.hasL() ? List.of() : notes.l().stream().map(AttributeValue::s).toList());
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    static String pk(LocalDate day) {
        return PK_PREFIX + day;
    }
}
