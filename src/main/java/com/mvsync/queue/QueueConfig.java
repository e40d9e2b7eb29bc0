package com.mvsync.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The queue store's retry settings; the drain's own settings share the prefix ({@code drain/DrainConfig}). */
@ConfigMapping(prefix = "mvsync.queue")
public interface QueueConfig {

    /** Failed attempts after which an item is parked as DEAD for the admin. */
    @WithDefault("8")
    int maxAttempts();

    /** Backoff after the first failure; doubled each failure, then randomised ("full jitter") below that bound. */
    @WithDefault("PT30S")
    Duration backoffBase();

    /** Upper bound of the backoff. */
    @WithDefault("PT1H")
    Duration backoffCap();
}
