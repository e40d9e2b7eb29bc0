package com.mvsync.queue;

import com.mvsync.magento.EntityType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * The queue item of one Magento entity: the latest webhook body received for it (earlier ones are coalesced into
 * it: {@code events} counts them, {@code version} grows with each), and its delivery state. {@code leaseUntil} is set
 * while a drain holds it; {@code failedAt} is the time of the last failed attempt (for a dead letter, when it died),
 * null until one failed. {@code label} is what a person calls the entity ({@link EntityType#displayLabel}), taken from
 * the latest body; null when that body had none of it.
 */
@RegisterForReflection
public record QueuedEvent(String entityKey, EntityType entityType, String route, String eventKey, String body,
        long version, long events, int attempts, QueueStatus status, Instant dueAt, String lastError,
        Instant firstEnqueuedAt, Instant leaseUntil, Instant failedAt, String label) {

    /**
     * One event to queue: the entity it is about, the export that received it (the drain replays the body through
     * that export's handler), the event's idempotency key and its raw body, already authenticated and validated.
     *
     * @param entityKey e.g. {@code customer#42} ({@link EntityType#key})
     * @param route     the export, e.g. {@code customersUpdated}
     * @param label     {@link EntityType#displayLabel} of the body's entity, or null
     */
    public record Arrival(EntityType entityType, String entityKey, String route, String eventKey, String body,
            String label) {

        /** An arrival whose body names no one (tests, bodies read without their entity). */
        public Arrival(EntityType entityType, String entityKey, String route, String eventKey, String body) {
            this(entityType, entityKey, route, eventKey, body, null);
        }
    }

    /** The Magento id part of the entity key ({@code 42} of {@code customer#42}). */
    public String magentoId() {
        int hash = entityKey.indexOf('#');
        return hash < 0 ? entityKey : entityKey.substring(hash + 1);
    }
}
