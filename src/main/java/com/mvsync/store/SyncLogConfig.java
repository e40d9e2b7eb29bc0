package com.mvsync.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "mvsync.log")
public interface SyncLogConfig {

    /** How long a sync log entry is kept (DynamoDB TTL), and how many days back {@link SyncLog#recent} looks. */
    @WithDefault("P30D")
    Duration ttl();
}
