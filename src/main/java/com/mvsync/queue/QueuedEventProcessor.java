package com.mvsync.queue;

/**
 * Syncs one queued event (the webhook layer implements it by replaying {@link QueuedEvent#body()} through the
 * handler of {@link QueuedEvent#route()}). Called by the drain from several threads at once, for distinct entities.
 * An exception counts as {@link Outcome.Retry}.
 */
@FunctionalInterface
public interface QueuedEventProcessor {
    Outcome process(QueuedEvent event);
}
