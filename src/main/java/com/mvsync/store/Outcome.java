package com.mvsync.store;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * How a sync attempt, a webhook or a queued event ended, and so what its sync log line says. The {@link #wire()} name
 * is what the log stores, JSON shows and log lines print; the {@link #metric()} is the CloudWatch count it adds to.
 */
public enum Outcome {
    /** Written to Vtiger. */
    SYNCED("synced", "Synced"),
    /** Answered from the record of an earlier attempt at the same event. */
    REPLAYED("replayed", "Synced"),
    /** Nothing to do: switched off, or a newer version was synced already. */
    SKIPPED("skipped", "Synced"),
    /** Left to the drain (cron mode, or a transient failure of an immediate sync). */
    QUEUED("queued", "Queued"),
    /** May work later (Vtiger or Magento unavailable, entity busy): retried. */
    FAILED("failed", "Failed"),
    /** The event is being handled by another invocation right now: retried, like a failure. */
    IN_PROGRESS("in_progress", "Failed"),
    /** Will not work by retrying (Vtiger refuses the data): parked as a dead letter for the admin. */
    DEAD("dead", "DeadLettered"),
    /** The request itself was refused (unauthenticated, unreadable, missing what the sync needs). */
    REJECTED("rejected", "Rejected");

    private final String wire;
    private final String metric;

    Outcome(String wire, String metric) {
        this.wire = wire;
        this.metric = metric;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public String metric() {
        return metric;
    }

    /** Whether the drain retries an event that ended so (not done, and not hopeless). */
    public boolean retryable() {
        return this == FAILED || this == IN_PROGRESS || this == QUEUED;
    }

    /** @throws IllegalArgumentException for a text no outcome has as its {@link #wire()} name */
    public static Outcome parse(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown outcome '" + wire + "'"));
    }
}
