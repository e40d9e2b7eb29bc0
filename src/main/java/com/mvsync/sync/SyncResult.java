package com.mvsync.sync;

import com.mvsync.magento.EntityType;
import com.mvsync.store.EntityLink;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * The outcome of syncing one Magento entity: its records in Vtiger, notes for the sender (what was missing, totals
 * that differ), the entity's own link, and links made on the side (an order's new customer or products).
 */
@RegisterForReflection
public record SyncResult(EntityType entityType, String entityId, List<RecordOutcome> records, List<String> notes,
        EntityLink link, List<EntityLink> relatedLinks, Map<String, String> referencedNames) {

    public SyncResult(EntityType entityType, String entityId, List<RecordOutcome> records, List<String> notes,
            EntityLink link) {
        this(entityType, entityId, records, notes, link, List.of());
    }

    public SyncResult(EntityType entityType, String entityId, List<RecordOutcome> records, List<String> notes,
            EntityLink link, List<EntityLink> relatedLinks) {
        this(entityType, entityId, records, notes, link, relatedLinks, Map.of());
    }

    /**
     * @param referencedNames module to the name of a record this sync links to but did not write (an order's buyer):
     *     its link holds only the id, so the sync log would show the id where people look for a name
     */
    public SyncResult {
        records = List.copyOf(records);
        notes = List.copyOf(notes);
        relatedLinks = List.copyOf(relatedLinks);
        referencedNames = Map.copyOf(referencedNames);
    }

    /** This result naming records it links to without writing them (see {@code referencedNames}). */
    public SyncResult withReferencedNames(Map<String, String> names) {
        return new SyncResult(entityType, entityId, records, notes, link, relatedLinks, names);
    }

    /**
     * The Magento version ({@code updated_at}) of what was synced: a fetched entity newer than the event's payload is
     * what Vtiger now holds, so a late event older than it is stale.
     */
    public SyncResult withSourceVersion(String version) {
        return new SyncResult(entityType, entityId, records, notes, link.withSourceVersion(version), relatedLinks,
                referencedNames);
    }

    /** This result with more notes after its own (e.g. what completing the payload could not fill). */
    public SyncResult withNotes(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new SyncResult(entityType, entityId, records, all, link, relatedLinks, referencedNames);
    }

    /**
     * Runs an entity's sync so that a failure or refusal of a record made on the side (an order's buyer, an invoice's
     * order) is remembered against this entity's link (see {@link SyncFailedException#within}).
     */
    static SyncResult within(EntityLink link, java.util.function.Supplier<SyncResult> sync) {
        try {
            return sync.get();
        } catch (SyncFailedException e) {
            throw e.within(link);
        } catch (RecordRefusedException e) {
            throw e.within(link); // e.g. the invoice's order, synced first, was refused
        }
    }
}
