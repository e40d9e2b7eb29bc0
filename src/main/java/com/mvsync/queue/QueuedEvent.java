package com.mvsync.queue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * The queue item of one Magento entity: the latest webhook body received for it (earlier ones are coalesced into
 * it: {@code events} counts them, {@code version} grows with each), and its delivery state. {@code leaseUntil} is set
 * while a drain holds it.
 */
@RegisterForReflection
public record QueuedEvent(String entityKey, String entityType, String route, String eventKey, String body,
        long version, long events, int attempts, QueueStatus status, Instant dueAt, String lastError,
        Instant firstEnqueuedAt, Instant leaseUntil) {

    /** The Magento id part of the entity key ({@code 42} of {@code customer#42}). */
    public String magentoId() {
        int hash = entityKey.indexOf('#');
        return hash < 0 ? entityKey : entityKey.substring(hash + 1);
    }
}
