package com.mvsync.queue;

/**
 * A drain's hold on a queue item: the item as claimed (process this body, not the one the due query returned), and
 * the claim id that {@link QueueStore#complete} and {@link QueueStore#fail} check, so a drain whose lease lapsed and
 * was taken over cannot settle the item any more.
 */
public record Claim(QueuedEvent event, String claimId) {

    public long version() {
        return event.version();
    }
}
