package com.mvsync.queue;

import java.util.List;

/**
 * Syncs one queued event (the webhook layer implements it by replaying {@link QueuedEvent#body()} through the
 * handler of {@link QueuedEvent#route()}). Called by the drain from several threads at once, for distinct entities.
 * An exception counts as a {@link Processed#retry}.
 */
@FunctionalInterface
public interface QueuedEventProcessor {
    Processed process(QueuedEvent event);

    /**
     * Called by the drain before it processes a batch of due items (some of which another drain may claim first), so
     * work the items share can be done once (the sync looks up their Vtiger records in bulk). Only an optimisation:
     * processing must give the same result without it. The drain runs the answer when the batch's items are settled.
     */
    default Runnable prepare(List<QueuedEvent> batch) {
        return () -> { };
    }
}
