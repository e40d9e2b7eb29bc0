package com.mvsync.drain;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The drain's settings; under the queue's prefix, beside the store's retry settings ({@code queue/QueueConfig}). */
@ConfigMapping(prefix = "mvsync.queue")
public interface DrainConfig {

    /**
     * How long a drain holds a claimed item. Longer than one item's sync can take (the entity lock is PT2M), so a
     * crashed drain's items are taken over by a later drain, never while the first may still be writing.
     */
    @WithDefault("PT3M")
    Duration lease();

    /** A drain stops claiming when less than this (or than its slowest item so far) is left of its budget. */
    @WithDefault("PT3S")
    Duration drainReserve();

    /** Time one scheduled drain may spend; below the drain function's Lambda timeout (60 s in the template). */
    @WithDefault("PT50S")
    Duration drainBudget();

    /** Queued events synced at once: bounds the load a drain puts on Vtiger. */
    @WithDefault("4")
    int drainConcurrency();
}
