package com.mvsync.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "mvsync.store")
public interface StoreConfig {

    /** The single DynamoDB table (see {@link SyncTable} for its item types). */
    @WithDefault("mvsync")
    String table();

    /** Create the table at start-up when missing: for the local run and tests; in AWS the template creates it. */
    @WithDefault("false")
    boolean createTable();

    /** How long a processed event is remembered, so that a redelivery within it is answered from the record. */
    @WithDefault("P7D")
    Duration idempotencyTtl();

    /**
     * How long an event or an entity stays claimed by one invocation. Longer than the Lambda timeout, so a crashed
     * invocation's claim lapses and a retry can take over, but never while the first one may still be running.
     */
    @WithDefault("PT2M")
    Duration lease();
}
