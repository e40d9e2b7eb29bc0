package com.mvsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.testing.MutableClock;
import com.mvsync.testing.moto.DynamoDbTestClients;
import com.mvsync.testing.moto.TestStoreConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync log: day partitions, newest first across days, TTL. */
class SyncLogTest {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    SyncTable table;
    SyncLog log;
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo;

    @BeforeEach
    void fresh() {
        dynamo = DynamoDbTestClients.create(new DynamoDbTestClients.RequestCounter());
        String name = "log-test-" + UUID.randomUUID();
        table = new SyncTable(dynamo, new TestStoreConfig(name));
        table.createIfMissing();
        log = new SyncLog(dynamo, table, () -> Duration.ofDays(30), clock, new Counters(dynamo, table));
    }

    @Test
    void recentReadsNewestFirstAcrossDays() {
        Instant dayBefore = Instant.parse("2026-11-25T23:59:59.999Z");
        log.record(dayBefore, "customer", "1", Map.of("Contacts", "12x1"), Outcome.SYNCED, null);
        log.record(Instant.parse("2026-11-27T09:00:00Z"), "order", "100", Map.of(), Outcome.FAILED, "Vtiger down");
        log.record(Instant.parse("2026-11-27T09:00:00Z"), "order", "101", Map.of(), Outcome.DEAD, "invalid");
        log.record(Instant.parse("2026-11-27T09:30:00Z"), "invoice", "7", Map.of("Invoice", "7x1"),
                Outcome.SYNCED, null);

        // 100 and 101 share a millisecond: both are kept, in either order.
        assertThat(log.recent(10)).extracting(LogEntry::magentoId).hasSize(4).startsWith("7").endsWith("1")
                .contains("100", "101");
        LogEntry first = log.recent(1).get(0);
        assertThat(first).isEqualTo(new LogEntry("2026-11-27T09:30:00.000Z", "invoice#7", "invoice", "7", null,
                Map.of("Invoice", "7x1"), Map.of(), Outcome.SYNCED, null, List.of(), List.of()));
        assertThat(log.recent(4).get(3)).isEqualTo(new LogEntry("2026-11-25T23:59:59.999Z", "customer#1", "customer",
                "1", null, Map.of("Contacts", "12x1"), Map.of(), Outcome.SYNCED, null, List.of(), List.of()));
        assertThat(log.recent(10)).filteredOn(e -> e.magentoId().equals("100")).singleElement()
                .extracting(LogEntry::error).isEqualTo("Vtiger down");
    }

    /**
     * A filter on a rare result reads the copies made for it, then (for entries written before such copies began, as
     * after an upgrade) the days before: newest first across both, each entry once, paged by cursor through the seam,
     * with the other filters and the date range applied on both sides.
     */
    @Test
    void aFilterOnARareResultReadsItsCopiesThenTheDaysBefore() {
        Instant now = clock.instant();
        for (int i = 0; i < 3; i++) { // before the copies by result: no copy, no "since"
            log.record(now.minus(Duration.ofDays(3 - i)), "order", "old" + i, Map.of(), Outcome.FAILED, "down");
            log.record(now.minus(Duration.ofDays(3 - i)).plusSeconds(1), "order", "ok" + i, Map.of(), Outcome.SYNCED,
                    null);
        }
        var items = dynamo.scan(b -> b.tableName(table.name())).items().stream()
                .filter(i -> i.get(SyncTable.PK).s().equals("FIND##failed")
                        || i.get(SyncTable.PK).s().equals("COUNT#" + SyncLog.MARKS)).toList();
        assertThat(items).as("copies and the moment they began, to be removed").hasSize(4);
        items.forEach(i -> dynamo.deleteItem(b -> b.tableName(table.name()).key(Map.of(SyncTable.PK,
                i.get(SyncTable.PK), SyncTable.SK, i.get(SyncTable.SK)))));
        log = new SyncLog(dynamo, table, () -> Duration.ofDays(30), clock, new Counters(dynamo, table));
        for (int i = 0; i < 3; i++) {
            log.record(now.minus(Duration.ofHours(3 - i)), "order", "new" + i, Map.of(), Outcome.FAILED, "down");
            log.record(now.minus(Duration.ofHours(3 - i)).plusSeconds(1), "customer", "c" + i, Map.of(),
                    Outcome.FAILED, "down");
            log.record(now.minus(Duration.ofHours(3 - i)).plusSeconds(2), "order", "fine" + i, Map.of(),
                    Outcome.SYNCED, null);
        }
        LogFilter failedOrders = new LogFilter("order", Outcome.FAILED, null, null, null);

        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<LogEntry> page = log.page(failedOrders, 2, cursor);
            page.items().forEach(e -> seen.add(e.magentoId()));
            cursor = page.next();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactly("new2", "new1", "new0", "old2", "old1", "old0");

        assertThat(log.page(failedOrders, 10, null).items()).extracting(LogEntry::magentoId)
                .containsExactly("new2", "new1", "new0", "old2", "old1", "old0");
        LogFilter lastTwoDays = new LogFilter("order", Outcome.FAILED, null, now.minus(Duration.ofDays(2)),
                now.minus(Duration.ofHours(2)));
        assertThat(log.page(lastTwoDays, 10, null).items()).extracting(LogEntry::magentoId)
                .containsExactly("new0", "old2", "old1");
        assertThat(log.page(new LogFilter(null, Outcome.FAILED, null, now.minus(Duration.ofHours(4)), null), 10,
                null).items()).extracting(LogEntry::magentoId).containsExactly("c2", "new2", "c1", "new1", "c0",
                "new0");
    }

    @Test
    void entriesExpireAfterTheTtl() {
        Instant at = clock.instant();
        log.record(at, "product", "SKU-1", Map.of(), Outcome.SKIPPED, "disabled");
        var items = DynamoDbTestClients.create(new DynamoDbTestClients.RequestCounter())
                .query(b -> b.tableName(table.name()).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("LOG#2026-11-27"))))
                .items();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get(SyncTable.SK).s()).startsWith("2026-11-27T10:00:00.000Z#");
        assertThat(Long.parseLong(items.get(0).get(SyncTable.EXPIRES_AT).n()))
                .isEqualTo(at.plus(Duration.ofDays(30)).getEpochSecond());
    }
}
