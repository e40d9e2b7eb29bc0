package com.mvsync.queue;

import com.mvsync.settings.SettingsStore;
import com.mvsync.store.StoreConfig;
import com.mvsync.store.SyncLog;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.MutableClock;
import com.mvsync.testing.moto.DynamoDbTestClients.RequestCounter;
import com.mvsync.testing.moto.DynamoDbTestClients;
import com.mvsync.testing.moto.TestStoreConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.LongUnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A fresh table in moto per fixture (so due queries see only the test's items), with a clock the test moves. */
public final class QueueFixture {

    public static final RequestCounter REQUESTS = new RequestCounter();
    private static DynamoDbClient dynamo;

    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    public final SyncTable table;

    public QueueFixture() {
        String name = "queue-test-" + UUID.randomUUID();
        table = new SyncTable(dynamo(), storeConfig(name));
        table.createIfMissing();
    }

    public static synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = DynamoDbTestClients.create(REQUESTS);
        }
        return dynamo;
    }

    public QueueStore queue(QueueConfig config, LongUnaryOperator jitter) {
        return new QueueStore(dynamo(), table, config, clock, new com.mvsync.store.Counters(dynamo(), table), jitter);
    }

    public QueueStore queue(QueueConfig config) {
        return queue(config, bound -> bound / 2);
    }

    public SettingsStore settings(Duration cacheTtl) {
        return new SettingsStore(dynamo(), table, () -> cacheTtl, clock);
    }

    /** On the system clock (its own tests move time): entries are dated today, where {@code recent} looks. */
    public SyncLog log() {
        return new SyncLog(dynamo(), table, () -> Duration.ofDays(30), java.time.Clock.systemUTC(),
                new com.mvsync.store.Counters(dynamo(), table));
    }

    /** Queue settings with small numbers, so tests stay quick. */
    public static QueueConfig config(int maxAttempts, Duration base, Duration cap) {
        return new QueueConfig() {
            public int maxAttempts() {
                return maxAttempts;
            }

            public Duration backoffBase() {
                return base;
            }

            public Duration backoffCap() {
                return cap;
            }
        };
    }

    public static QueueConfig config() {
        return config(8, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    private static StoreConfig storeConfig(String name) {
        return new TestStoreConfig(name);
    }

}
