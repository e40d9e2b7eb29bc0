package com.mvsync.testing.moto;

import com.mvsync.store.StoreConfig;
import java.time.Duration;

/** The store settings of plain (non-Quarkus) tests: a table of their own, the production lease and TTL. */
public record TestStoreConfig(String table, boolean createTable) implements StoreConfig {

    public TestStoreConfig(String table) {
        this(table, true);
    }

    @Override
    public Duration idempotencyTtl() {
        return Duration.ofDays(7);
    }

    @Override
    public Duration lease() {
        return Duration.ofMinutes(2);
    }
}
