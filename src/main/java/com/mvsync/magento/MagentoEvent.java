package com.mvsync.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One webhook delivery, unwrapped from its envelope.
 *
 * @param envelope   how the sender wrapped the entity
 * @param entityType the entity the payload describes (always the route's expected type)
 * @param action     created / updated, as far as the payload tells
 * @param eventId    the sender's event id (I/O Events {@code event_id}, else the CloudEvents {@code id}); null when the sender has none
 * @param eventName  normalised event name, e.g. {@code observer.customer_save_commit_after} or {@code new_customer}; null for REST bodies
 * @param entityId   Magento entity id as a string (orders/invoices: {@code entity_id}, not the increment id); null if the payload only has an increment id
 * @param entity     the entity in Magento REST API shape
 * @param missing    REST fields the sync usually needs that this (partial) payload lacks, e.g. {@code items[].price}
 */
public record MagentoEvent(
        EnvelopeKind envelope,
        EntityType entityType,
        EventAction action,
        String eventId,
        String eventName,
        String entityId,
        ObjectNode entity,
        List<String> missing) {

    public MagentoEvent {
        missing = List.copyOf(missing);
    }

    public boolean isComplete() {
        return missing.isEmpty();
    }
}
