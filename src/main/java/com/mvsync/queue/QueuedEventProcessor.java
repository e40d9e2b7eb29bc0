package com.mvsync.queue;

/**
 * Syncs one queued event (the webhook layer implements it by replaying {@link QueuedEvent#body()} through the
 * handler of {@link QueuedEvent#route()}). Called by the drain from several threads at once, for distinct entities.
 * An exception counts as a {@link Processed#retry}.
 */
@FunctionalInterface
public interface QueuedEventProcessor {
    Processed process(QueuedEvent event);
}
