package com.mvsync.budget;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The Vtiger call budget every container shares (Vtiger Cloud allows 30, 60 or 90 calls a minute and 24k-120k a
 * day by edition, and answers HTTP 429 past that). Both limits unset: unlimited, as before; a 429 still pauses
 * every container.
 */
@ConfigMapping(prefix = "mvsync.budget")
public interface BudgetConfig {

    /** Vtiger calls allowed per window ({@link #window()}, a minute), over all containers; unset: unlimited. */
    Optional<Integer> callsPerMinute();

    /** Vtiger calls allowed per UTC day, over all containers; unset: unlimited. */
    Optional<Integer> callsPerDay();

    /** Length of the short window: a minute, as Vtiger counts; shorter only to test or benchmark quickly. */
    @WithDefault("PT1M")
    Duration window();

    /**
     * Calls a container reserves with one conditional write: more makes fewer DynamoDB writes per Vtiger call, fewer
     * strands fewer unused calls in a container when the window ends (they count as used; the budget is never
     * exceeded, only under-used). Capped at a twentieth of the per-minute limit.
     */
    @WithDefault("10")
    int block();

    /**
     * How long a call may wait for the next window or the end of a pause when its caller set no deadline (a
     * webhook: the sender is waiting); beyond that it fails as BUDGET_EXHAUSTED / RATE_LIMITED and is queued.
     */
    @WithDefault("PT2S")
    Duration maxWait();

    /** The pause after an HTTP 429 that names no Retry-After and no reset time. */
    @WithDefault("PT1M")
    Duration defaultPause();

    /** Without limits, how often a container re-reads the shared pause (with limits, every reservation checks it). */
    @WithDefault("PT10S")
    Duration pauseCheck();
}
