package com.mvsync.sync;

import com.mvsync.store.EntityLink;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The outcome of syncing one Magento entity: its records in Vtiger, notes for the sender (what was missing, totals
 * that differ), the entity's own link, and links made on the side (an order's new customer or products).
 */
@RegisterForReflection
public record SyncResult(String entityType, String entityId, List<RecordOutcome> records, List<String> notes,
        EntityLink link, List<EntityLink> relatedLinks) {

    public SyncResult(String entityType, String entityId, List<RecordOutcome> records, List<String> notes,
            EntityLink link) {
        this(entityType, entityId, records, notes, link, List.of());
    }

    /** Vtiger calls were made for writes; false when everything was unchanged. */
    public boolean wroteAnything() {
        return records.stream().anyMatch(r -> r.action() != RecordOutcome.Action.UNCHANGED);
    }
}
