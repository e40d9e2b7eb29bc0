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

    @BeforeEach
    void fresh() {
        var dynamo = DynamoDbTestClients.create(new DynamoDbTestClients.RequestCounter());
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
