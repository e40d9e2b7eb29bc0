package com.mvsync.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the sync did, entity by entity, for the admin: items {@code pk = LOG#<yyyy-MM-dd>} (UTC day),
 * {@code sk = <instant>#<random>}, expiring after {@code mvsync.log.ttl}. One partition per day keeps a page of "the
 * latest entries" one Query newest-first on today's partition (continued in the days before, as far as the page
 * needs); the random suffix keeps two entries of one millisecond apart. Each entry is also in index {@code gsi2}
 * under {@code HIST#<entity key>} (sorted by the same sk), so a page of an entity's history is one Query too. After
 * each entry ({@link #index}): a copy of it under each of its search terms ({@code FIND#<term>} / the entry's sk),
 * so a page of a search is one Query of one partition; and its day's counter ({@link Counters}
 * {@code LOG#<day>}, per result), so the chart reads 14 numbers, not 14 days of entries.
 */
@ApplicationScoped
public class SyncLog {

    static final String PK_PREFIX = "LOG#";
    static final String HISTORY_PREFIX = "HIST#";
    static final String FIND_PREFIX = "FIND#";
    /** The counter set that holds when the copies by result began ({@link #index}). */
    static final String MARKS = "LOG#MARKS";
    static final String MARKS_SINCE = "since";
    /** Every entry's sk starts with a digit (a year): a FIND item of the older kind (sk = entity key) sorts above. */
    private static final String ENTRY_SK_BELOW = ":";
    private static final Set<String> TABLE_KEY = Set.of(SyncTable.PK, SyncTable.SK);
    private static final Set<String> HISTORY_KEY = Set.of(SyncTable.PK, SyncTable.SK, SyncTable.GSI2PK,
            SyncTable.GSI2SK);
    private static final Logger LOG = Logger.getLogger(SyncLog.class);

    private final DynamoDbClient dynamo;
    private final SyncTable table;
    private final SyncLogConfig config;
    private final Clock clock;
    private final Counters counters;
    /** Whether this container has noted when the copies by result began (one write per container, not per entry). */
    private volatile boolean marking;
    /** When the copies by result began, once read ({@link #marksSince}). */
    private volatile Instant marksSince;

    public SyncLog(DynamoDbClient dynamo, SyncTable table, SyncLogConfig config, Clock clock, Counters counters) {
        this.dynamo = dynamo;
        this.table = table;
        this.config = config;
        this.clock = clock;
        this.counters = counters;
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
        index(item, line, vtigerIds);
    }

    /**
     * What follows an entry once it is written: its copies under its {@link SearchTerms} (at most 25, one
     * BatchWriteItem, expiring with the entry) and its day's counter (one UpdateItem). Not in the entry's transaction:
     * a term or a day shared by two entries must not make two syncs conflict. Best effort: an entry not indexed is
     * still in the log and in its entity's history.
     */
    void index(Map<String, AttributeValue> entry, LogLine line, Map<String, String> vtigerIds) {
        if (SearchTerms.resultMark(line.result()).isPresent() && !marking) {
            try {
                // Before the first copy: every entry from this moment on has its result's copy (see page).
                counters.first(MARKS, MARKS_SINCE, Instant.parse(entryTime(entry)).toEpochMilli());
                marking = true;
            } catch (StoreException e) {
                LOG.warnf("could not note when result copies began: %s", e.getMessage());
            }
        }
        try {
            int left = BatchWrite.puts(dynamo, table.name(), findItems(entry, line, vtigerIds));
            if (left > 0) {
                LOG.warnf("%d search terms of %s not written (throttled twice)", left, line.entityKey());
            }
        } catch (SdkException e) {
            LOG.warnf("could not index %s for search: %s", line.entityKey(), e.getMessage());
        }
        counters.add(dayCounter(entry), Map.of(line.result().wire(), 1L), expiresAt(entry).plus(Duration.ofDays(1)));
    }

    /** The entry's copies, one per search term: {@code FIND#<term>} / the entry's sk, without its index keys. */
    List<Map<String, AttributeValue>> findItems(Map<String, AttributeValue> entry, LogLine line,
            Map<String, String> vtigerIds) {
        return SearchTerms.of(line, vtigerIds).stream().map(term -> {
            Map<String, AttributeValue> item = new HashMap<>(entry);
            item.put(SyncTable.PK, AttributeValue.fromS(FIND_PREFIX + term));
            item.remove(SyncTable.GSI2PK);
            item.remove(SyncTable.GSI2SK);
            return item;
        }).toList();
    }

    /** The entry's time, the sortable instant its sk starts with. */
    private static String entryTime(Map<String, AttributeValue> entry) {
        String sk = entry.get(SyncTable.SK).s();
        return sk.substring(0, sk.indexOf('#'));
    }

    /** The counter set of an entry's day: {@code LOG#<day>}. */
    static String dayCounter(Map<String, AttributeValue> entry) {
        return entry.get(SyncTable.PK).s();
    }

    static Instant expiresAt(Map<String, AttributeValue> entry) {
        return Instant.ofEpochSecond(Long.parseLong(entry.get(SyncTable.EXPIRES_AT).n()));
    }

    /**
     * A page of the entries a search term finds ({@link SearchTerms}: an e-mail, a name or one word of it, a SKU, an
     * order or invoice number, a Magento or Vtiger id), newest first: one Query of {@code FIND#<term>}. No scan.
     */
    public Page<LogEntry> search(String query, int limit, String cursor) {
        String term = SearchTerms.normalise(query);
        if (term.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        return found(term, limit, cursor);
    }

    /**
     * A page of the entries with a conflict (two-way sync: a field both systems changed, both values in the entry's
     * notes), newest first: one Query of their own search term's copies, as a search. No scan.
     */
    public Page<LogEntry> conflicts(int limit, String cursor) {
        return found(SearchTerms.CONFLICTS, limit, cursor);
    }

    private Page<LogEntry> found(String term, int limit, String cursor) {
        String pk = FIND_PREFIX + term;
        Map<String, AttributeValue> start = cursor == null ? null : exactly(
                PageCursor.decode(cursor, TABLE_KEY, SyncTable.PK, pk), SyncTable.PK, pk);
        try {
            var response = dynamo.query(b -> b.tableName(table.name())
                    .keyConditionExpression("#pk = :pk AND #sk < :below")
                    .expressionAttributeNames(Map.of("#pk", SyncTable.PK, "#sk", SyncTable.SK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                            ":below", AttributeValue.fromS(ENTRY_SK_BELOW)))
                    .scanIndexForward(false).limit(limit).exclusiveStartKey(start));
            return page(response.items(), response.lastEvaluatedKey(), TABLE_KEY);
        } catch (SdkException e) {
            throw new StoreException("could not search the sync log", e);
        }
    }

    /** The latest entries a search finds, as {@link #search(String, int, String)} pages them. */
    public List<LogEntry> search(String query, int limit) {
        return search(query, limit, null).items();
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

    /** A page of the entries of one entity ({@code customer#42}), newest first: one Query of index {@code gsi2}. */
    public Page<LogEntry> history(String entityKey, int limit, String cursor) {
        String pk = HISTORY_PREFIX + entityKey;
        Map<String, AttributeValue> start = cursor == null ? null : exactly(
                PageCursor.decode(cursor, HISTORY_KEY, SyncTable.GSI2PK, pk), SyncTable.GSI2PK, pk);
        try {
            var response = dynamo.query(b -> b.tableName(table.name()).indexName(SyncTable.GSI2)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", SyncTable.GSI2PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                    .scanIndexForward(false).limit(limit).exclusiveStartKey(start));
            return page(response.items(), response.lastEvaluatedKey(), HISTORY_KEY);
        } catch (SdkException e) {
            throw new StoreException("could not read the history of " + entityKey, e);
        }
    }

    /** Every entry of one entity, newest first, up to {@code limit}. */
    public List<LogEntry> history(String entityKey, int limit) {
        List<LogEntry> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<LogEntry> page = history(entityKey, Math.min(limit - out.size(), 500), cursor);
            out.addAll(page.items());
            cursor = page.next();
        } while (cursor != null && out.size() < limit);
        return out;
    }

    /** The latest entries, newest first, up to {@code limit}. */
    public List<LogEntry> recent(int limit) {
        List<LogEntry> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<LogEntry> page = page(LogFilter.NONE, Math.min(limit - out.size(), 500), cursor);
            out.addAll(page.items());
            cursor = page.next();
        } while (cursor != null && out.size() < limit);
        return out;
    }

    /**
     * A page of the log, newest first: a Query of the newest day in range (today, or the day of {@code to}), with
     * {@code from}/{@code to} as a key condition on the sort key and type, result and Magento id as a filter;
     * continued in the day before when the day ends before the page does, back to the log's TTL (or {@code from}).
     * Without a filter that is one Query per page (two where it spans midnight, more only across days with nothing).
     */
    public Page<LogEntry> page(LogFilter filter, int limit, String cursor) {
        Optional<String> mark = SearchTerms.resultMark(filter.result());
        Optional<Instant> since = mark.isEmpty() ? Optional.empty() : marksSince();
        if (since.isEmpty()) {
            return walk(filter, limit, cursor); // synced, any result, or no entry copied by result yet
        }
        // A filter on a rare result reads the copies of the entries with that result ({@link SearchTerms#resultMark})
        // from the moment they began, then the days before that moment as before: two ranges that never overlap.
        LogFilter before = new LogFilter(filter.entityType(), filter.result(), filter.magentoId(), filter.from(),
                filter.to() == null || filter.to().isAfter(since.get()) ? since.get() : filter.to());
        boolean anyBefore = filter.from() == null || filter.from().isBefore(before.to());
        if (cursor != null && PageCursor.decode(cursor, TABLE_KEY, SyncTable.PK, "").get(SyncTable.PK).s()
                .startsWith(PK_PREFIX)) {
            return anyBefore ? walk(before, limit, cursor) : new Page<>(List.of(), null);
        }
        Instant from = filter.from() == null || filter.from().isBefore(since.get()) ? since.get() : filter.from();
        Page<LogEntry> marked = filter.to() != null && !from.isBefore(filter.to()) ? new Page<>(List.of(), null)
                : copies(mark.get(), filter, from, limit, cursor);
        if (marked.next() != null || !anyBefore) {
            return marked;
        }
        // Where the copies end, the days before them: at once when the page has room, else from the next page on (a
        // cursor at the moment the copies began, in that day's partition).
        Map<String, AttributeValue> startOfCopies = Map.of(SyncTable.PK, AttributeValue.fromS(pk(day(since.get()))),
                SyncTable.SK, AttributeValue.fromS(Timestamps.sortable(since.get())));
        if (marked.items().size() == limit) {
            return new Page<>(marked.items(), PageCursor.encode(startOfCopies));
        }
        Page<LogEntry> rest = walk(before, limit - marked.items().size(), PageCursor.encode(startOfCopies));
        List<LogEntry> all = new ArrayList<>(marked.items());
        all.addAll(rest.items());
        return new Page<>(all, rest.next());
    }

    /**
     * When the copies by result began ({@link #index}); empty before the first entry that has one. Read until found,
     * then kept: the moment is written once ({@code if_not_exists}) and never moves.
     */
    private Optional<Instant> marksSince() {
        if (marksSince == null) {
            Long since = counters.get(List.of(MARKS)).getOrDefault(MARKS, Map.of()).get(MARKS_SINCE);
            marksSince = since == null ? null : Instant.ofEpochMilli(since);
        }
        return Optional.ofNullable(marksSince);
    }

    /**
     * A page of the copies under {@code term} from {@code from} (to the filter's {@code to}), type and Magento id as
     * a filter of what each Query reads, newest first.
     */
    private Page<LogEntry> copies(String term, LogFilter filter, Instant from, int limit, String cursor) {
        String pk = FIND_PREFIX + term;
        Map<String, AttributeValue> start = cursor == null ? null : exactly(
                PageCursor.decode(cursor, TABLE_KEY, SyncTable.PK, pk), SyncTable.PK, pk);
        Map<String, String> names = new HashMap<>(Map.of("#pk", SyncTable.PK, "#sk", SyncTable.SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(pk),
                ":lo", AttributeValue.fromS(Timestamps.sortable(from)), ":hi", AttributeValue.fromS(
                        filter.to() == null ? ENTRY_SK_BELOW : Timestamps.sortable(filter.to()))));
        String filterExpression = filterExpression(new LogFilter(filter.entityType(), null, filter.magentoId(), null,
                null), names, values);
        List<LogEntry> out = new ArrayList<>();
        Map<String, AttributeValue> lastKey;
        try {
            lastKey = fill("#pk = :pk AND #sk BETWEEN :lo AND :hi", filterExpression, names, values, start, limit, out);
        } catch (SdkException e) {
            throw new StoreException("could not read the sync log", e);
        }
        // A full page may have been the last: the next one is then empty (and only then goes on to the days before).
        boolean more = out.size() == limit && lastKey != null;
        return new Page<>(out, more ? PageCursor.encode(lastKey) : null);
    }

    /** The days' entries, newest first (see {@link #page}). */
    private Page<LogEntry> walk(LogFilter filter, int limit, String cursor) {
        LocalDate today = day(clock.instant());
        LocalDate oldest = today.minusDays(Math.max(0, config.ttl().toDays()));
        LocalDate newest = filter.to() == null ? today : min(today, day(filter.to().minusMillis(1)));
        LocalDate last = filter.from() == null ? oldest : max(oldest, day(filter.from()));
        Map<String, AttributeValue> start = null;
        LocalDate day = newest;
        if (cursor != null) {
            start = PageCursor.decode(cursor, TABLE_KEY, SyncTable.PK, PK_PREFIX);
            day = cursorDay(start.get(SyncTable.PK).s());
        }
        Map<String, String> names = new HashMap<>(Map.of("#pk", SyncTable.PK));
        Map<String, AttributeValue> values = new HashMap<>();
        String keyCondition = "#pk = :pk" + range(filter, names, values);
        String filterExpression = filterExpression(filter, names, values);
        List<LogEntry> out = new ArrayList<>();
        Map<String, AttributeValue> lastKey = null;
        try {
            for (; !day.isBefore(last) && out.size() < limit; day = day.minusDays(1), start = null) {
                values.put(":pk", AttributeValue.fromS(pk(day)));
                Map<String, AttributeValue> taken = fill(keyCondition, filterExpression, names, values, start, limit,
                        out);
                lastKey = taken == null ? lastKey : taken;
            }
        } catch (SdkException e) {
            throw new StoreException("could not read the sync log", e);
        }
        boolean more = out.size() == limit && lastKey != null;
        return new Page<>(out, more ? PageCursor.encode(lastKey) : null);
    }

    /**
     * Reads one partition newest first into {@code out} until it holds {@code limit} entries or the partition ends,
     * from {@code start} (exclusive; null: its newest). Unfiltered, a Query asks for what the page still needs;
     * filtered, a fuller page of candidates. Answers the key of the last entry taken, null when none was.
     *
     * @throws SdkException as DynamoDB throws it
     */
    private Map<String, AttributeValue> fill(String keyCondition, String filterExpression, Map<String, String> names,
            Map<String, AttributeValue> values, Map<String, AttributeValue> start, int limit, List<LogEntry> out) {
        Map<String, AttributeValue> lastKey = null;
        Map<String, AttributeValue> next = start;
        do {
            Map<String, AttributeValue> from = next;
            int read = filterExpression == null ? limit - out.size() : Math.max(limit - out.size(), 100);
            var response = dynamo.query(b -> b.tableName(table.name()).keyConditionExpression(keyCondition)
                    .filterExpression(filterExpression).expressionAttributeNames(names)
                    .expressionAttributeValues(values).scanIndexForward(false).limit(read).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : response.items()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(toEntry(item));
                lastKey = Map.of(SyncTable.PK, item.get(SyncTable.PK), SyncTable.SK, item.get(SyncTable.SK));
            }
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (next != null && out.size() < limit);
        return lastKey;
    }

    private static String range(LogFilter filter, Map<String, String> names, Map<String, AttributeValue> values) {
        // An entry's sk is "<instant>#<random>": from's text sorts before every entry at from, to's before one at to.
        if (filter.from() == null && filter.to() == null) {
            return "";
        }
        names.put("#sk", SyncTable.SK);
        if (filter.from() != null && filter.to() != null) {
            values.put(":lo", AttributeValue.fromS(Timestamps.sortable(filter.from())));
            values.put(":hi", AttributeValue.fromS(Timestamps.sortable(filter.to())));
            return " AND #sk BETWEEN :lo AND :hi";
        }
        if (filter.from() != null) {
            values.put(":lo", AttributeValue.fromS(Timestamps.sortable(filter.from())));
            return " AND #sk >= :lo";
        }
        values.put(":hi", AttributeValue.fromS(Timestamps.sortable(filter.to())));
        return " AND #sk < :hi";
    }

    private static String filterExpression(LogFilter filter, Map<String, String> names,
            Map<String, AttributeValue> values) {
        List<String> parts = new ArrayList<>();
        if (filter.entityType() != null) {
            names.put("#type", "entity_type");
            values.put(":type", AttributeValue.fromS(filter.entityType()));
            parts.add("#type = :type");
        }
        if (filter.result() != null) {
            names.put("#result", "result");
            values.put(":result", AttributeValue.fromS(filter.result().wire()));
            parts.add("#result = :result");
        }
        if (filter.magentoId() != null) {
            names.put("#mid", "magento_id");
            values.put(":mid", AttributeValue.fromS(filter.magentoId()));
            parts.add("#mid = :mid");
        }
        return parts.isEmpty() ? null : String.join(" AND ", parts);
    }

    private static LocalDate cursorDay(String pk) {
        try {
            return LocalDate.parse(pk.substring(PK_PREFIX.length()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new PageCursor.InvalidCursorException();
        }
    }

    private static Map<String, AttributeValue> exactly(Map<String, AttributeValue> key, String attribute,
            String value) {
        if (!key.get(attribute).s().equals(value)) {
            throw new PageCursor.InvalidCursorException();
        }
        return key;
    }

    private static Page<LogEntry> page(List<Map<String, AttributeValue>> items,
            Map<String, AttributeValue> lastEvaluated, Set<String> keyNames) {
        String next = null;
        if (lastEvaluated != null && !lastEvaluated.isEmpty() && !items.isEmpty()) {
            Map<String, AttributeValue> last = items.get(items.size() - 1);
            Map<String, AttributeValue> key = new HashMap<>();
            keyNames.forEach(name -> key.put(name, last.get(name)));
            next = PageCursor.encode(key);
        }
        return new Page<>(items.stream().map(SyncLog::toEntry).toList(), next);
    }

    /**
     * Entries per UTC day and result ("synced": 12, ...) of the days asked, from the days' counters: one
     * BatchGetItem. A day without a counter (no entry, or entries written before the counters were) counts none.
     */
    public Map<LocalDate, Map<String, Long>> countsOn(List<LocalDate> days) {
        Map<String, Map<String, Long>> counted = counters.get(days.stream().map(SyncLog::pk).toList());
        Map<LocalDate, Map<String, Long>> out = new LinkedHashMap<>();
        days.forEach(d -> out.put(d, counted.getOrDefault(pk(d), Map.of())));
        return out;
    }

    /** The day the log's TTL reaches back to, and today: the days that can have entries. */
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

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    static String pk(LocalDate day) {
        return PK_PREFIX + day;
    }
}
