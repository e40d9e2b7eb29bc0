package com.mvsync.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What the sync did, entity by entity, for the admin: items {@code pk = LOG#<yyyy-MM-dd>} (UTC day),
 * {@code sk = <instant>#<random>}, expiring after {@code mvsync.log.ttl}. One partition per day keeps "the latest
 * entries" a Query newest-first on today's partition (then yesterday's...), with no index; the random suffix keeps
 * two entries of one millisecond apart. Each entry is also in index {@code gsi2} under {@code HIST#<entity key>}
 * (sorted by the same sk), so an entity's history is one Query too; and its entity is findable by the words of its
 * label and its ids: items {@code FIND#<term>} / {@code <entity key>} (see {@link #search}).
 */
@ApplicationScoped
public class SyncLog {

    static final String PK_PREFIX = "LOG#";
    static final String HISTORY_PREFIX = "HIST#";
    static final String FIND_PREFIX = "FIND#";
    /** The most entities one search reads the entries of (a common surname finds many). */
    static final int SEARCHED_ENTITIES = 50;
    private static final Logger LOG = Logger.getLogger(SyncLog.class);

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

    /** Records one outcome (synced, failed, dead or skipped) of the entity {@code entityType#magentoId}. */
    public void record(Instant at, String entityType, String magentoId, Map<String, String> vtigerIds, Outcome result,
            String error) {
        record(at, new LogLine(entityType + "#" + magentoId, entityType, magentoId, null, result, error, List.of(),
                Written.NONE), vtigerIds);
    }

    /** Records one line on its own (the drain's, written once it knows the queue item's fate). */
    public void record(Instant at, LogLine line, Map<String, String> vtigerIds) {
        Map<String, AttributeValue> item = item(at, line, vtigerIds);
        try {
            dynamo.putItem(b -> b.tableName(table.name()).item(item));
        } catch (SdkException e) {
            throw new StoreException("could not write the sync log", e);
        }
        index(at, line, vtigerIds);
    }

    /**
     * Makes the entry's entity findable by its {@link SearchTerms}: one item {@code FIND#<term>} / {@code <entity key>}
     * per term, expiring with the entry, in one BatchWriteItem. Written after the entry, not in its transaction: a
     * term shared by two entities (a surname) must not make two syncs conflict. Best effort: an entity not indexed
     * is still in the log and in its history; its next sync indexes it again.
     */
    void index(Instant at, LogLine line, Map<String, String> vtigerIds) {
        List<WriteRequest> writes = SearchTerms.of(line, vtigerIds)
                .stream().map(term -> {
                    Map<String, AttributeValue> item = new HashMap<>();
                    item.put(SyncTable.PK, AttributeValue.fromS(FIND_PREFIX + term));
                    item.put(SyncTable.SK, AttributeValue.fromS(line.entityKey()));
                    item.put(SyncTable.EXPIRES_AT,
                            AttributeValue.fromN(Long.toString(at.plus(config.ttl()).getEpochSecond())));
                    return WriteRequest.builder()
                            .putRequest(p -> p.item(item)).build();
                }).toList();
        if (writes.isEmpty()) {
            return;
        }
        try {
            var left = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table.name(), writes))).unprocessedItems();
            if (left != null && !left.isEmpty()) {
                dynamo.batchWriteItem(b -> b.requestItems(left)); // once more; throttled twice: left to the next sync
            }
        } catch (SdkException e) {
            LOG.warnf("could not index %s for search: %s", line.entityKey(), e.getMessage());
        }
    }

    /**
     * The entries of every entity a search term finds ({@link SearchTerms}: an e-mail, a name or one word of it, a SKU,
     * an order or invoice number, a Magento or Vtiger id), newest first: one Query of {@code FIND#<term>} for the
     * entity keys, then each entity's latest entries from {@code gsi2}. No scan.
     */
    public List<LogEntry> search(String query, int limit) {
        String term = SearchTerms.normalise(query);
        if (term.isEmpty()) {
            return List.of();
        }
        List<String> keys;
        try {
            keys = dynamo.query(b -> b.tableName(table.name()).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(FIND_PREFIX + term)))
                            .limit(SEARCHED_ENTITIES))
                    .items().stream().map(i -> i.get(SyncTable.SK).s()).toList();
        } catch (SdkException e) {
            throw new StoreException("could not search the sync log", e);
        }
        return keys.stream().flatMap(key -> history(key, limit).stream())
                .sorted(Comparator.comparing(LogEntry::at).reversed()).limit(limit).toList();
    }

    /** The item of an entry, for writers that put it in a transaction of their own (see SyncLedger#commit). */
    Map<String, AttributeValue> item(Instant at, LogLine line, Map<String, String> ids) {
        Map<String, AttributeValue> item = new HashMap<>();
        String sk = Timestamps.sortable(at) + "#" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        item.put(SyncTable.PK, AttributeValue.fromS(pk(day(at))));
        item.put(SyncTable.SK, AttributeValue.fromS(sk));
        item.put(SyncTable.GSI2PK, AttributeValue.fromS(HISTORY_PREFIX + line.entityKey()));
        item.put(SyncTable.GSI2SK, AttributeValue.fromS(sk));
        item.put("entity_key", AttributeValue.fromS(line.entityKey()));
        item.put("entity_type", AttributeValue.fromS(line.entityType()));
        item.put("magento_id", AttributeValue.fromS(line.magentoId() == null ? "" : line.magentoId()));
        if (line.label() != null) {
            item.put("label", AttributeValue.fromS(line.label()));
        }
        item.put("vtiger_ids", stringMap(ids));
        if (!line.written().recordNames().isEmpty()) {
            item.put("vtiger_names", stringMap(line.written().recordNames()));
        }
        item.put("result", AttributeValue.fromS(line.result().wire()));
        if (line.error() != null) {
            item.put("error", AttributeValue.fromS(line.error()));
        }
        if (!line.notes().isEmpty()) {
            item.put("notes", AttributeValue.fromL(line.notes().stream().map(AttributeValue::fromS).toList()));
        }
        if (!line.written().changes().isEmpty()) {
            item.put("changes", AttributeValue.fromL(line.written().changes().stream().map(SyncLog::change).toList()));
        }
        item.put(SyncTable.EXPIRES_AT, AttributeValue.fromN(Long.toString(at.plus(config.ttl()).getEpochSecond())));
        return item;
    }

    private static AttributeValue stringMap(Map<String, String> values) {
        return AttributeValue.fromM(values == null ? Map.of() : values.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> AttributeValue.fromS(e.getValue()))));
    }

    /** A change as a map {m, f, b, a, cut}; a null value is left out. */
    private static AttributeValue change(Written.Change c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("m", AttributeValue.fromS(c.module()));
        m.put("f", AttributeValue.fromS(c.field()));
        if (c.before() != null) {
            m.put("b", AttributeValue.fromS(c.before()));
        }
        if (c.after() != null) {
            m.put("a", AttributeValue.fromS(c.after()));
        }
        if (c.cut()) {
            m.put("cut", AttributeValue.fromBool(true));
        }
        return AttributeValue.fromM(m);
    }

    /** Every entry of one entity ({@code customer#42}), newest first, from the {@code gsi2} index. */
    public List<LogEntry> history(String entityKey, int limit) {
        try {
            return dynamo.queryPaginator(b -> b.tableName(table.name()).indexName(SyncTable.GSI2)
                            .keyConditionExpression("#pk = :pk")
                            .expressionAttributeNames(Map.of("#pk", SyncTable.GSI2PK))
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(HISTORY_PREFIX + entityKey)))
                            .scanIndexForward(false).limit(Math.min(limit, 500)))
                    .items().stream().limit(limit).map(SyncLog::toEntry).toList();
        } catch (SdkException e) {
            throw new StoreException("could not read the history of " + entityKey, e);
        }
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
        AttributeValue notes = item.get("notes");
        AttributeValue changes = item.get("changes");
        String type = item.get("entity_type").s();
        String magentoId = item.get("magento_id").s();
        // Entries written before the entity key was stored: the key is made as EntityType#key makes it.
        String entityKey = str(item, "entity_key") != null ? str(item, "entity_key") : type + "#" + magentoId;
        return new LogEntry(sk.substring(0, sk.indexOf('#')), entityKey, type, magentoId, str(item, "label"),
                strings(item.get("vtiger_ids")), strings(item.get("vtiger_names")),
                Outcome.parse(item.get("result").s()), str(item, "error"),
                notes == null || !notes.hasL() ? List.of() : notes.l().stream().map(AttributeValue::s).toList(),
                changes == null || !changes.hasL() ? List.of() : changes.l().stream().map(c -> c.m())
                        .map(c -> new Written.Change(str(c, "m"), str(c, "f"), str(c, "b"), str(c, "a"),
                                c.containsKey("cut") && Boolean.TRUE.equals(c.get("cut").bool())))
                        .toList());
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static Map<String, String> strings(AttributeValue map) {
        return map == null || !map.hasM() ? Map.of() : map.m().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()));
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    static String pk(LocalDate day) {
        return PK_PREFIX + day;
    }
}
