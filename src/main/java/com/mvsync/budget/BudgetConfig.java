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
     * Slices of the window counted apart, each allowed {@code callsPerMinute / (slices + 1)}: then no window of that
     * length, wherever it starts, holds more than the limit (it overlaps at most slices + 1 of them), so a Vtiger
     * that counts its minute from another second, or sliding, is never exceeded either. The price: a budget of
     * slices / (slices + 1) of the limit (4: 80%). 1 counts whole fixed windows: the full limit, but up to twice
     * it within a minute that straddles two of them.
     */
    @WithDefault("4")
    int slices();

    /**
     * Calls a container reserves with one conditional write: more makes fewer DynamoDB writes per Vtiger call, fewer
     * strands fewer unused calls in a container when the window ends (they count as used; the budget is never
     * exceeded, only under-used). Capped at a quarter of what a slice allows.
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

    /**
     * While a failure of the connection pauses the calls, how often it is checked again (the drain's run makes the
     * check, one container at a time): a minute, a login and one Magento read at most.
     */
    @WithDefault("PT1M")
    Duration connectionRecheck();
}
