package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sync rules of one Magento entity type ({@link #type()}): what an event of it writes to Vtiger, and what it would
 * write (the console's preview). Every implementation is found by {@link RulesByType}, so a new type's rules are one
 * class; deletions of any type are {@link DeletedEntitySync}'s.
 */
public interface EntityRules {

    EntityType type();

    /**
     * @param route what the event's route may do (a registration leaves linked records alone; a save revises them)
     * @param id    the entity's id ({@link EntityType#idOf})
     * @param types the record types switched on for the entity's type
     */
    SyncResult sync(EntityType.Webhook route, String id, JsonNode entity, EntityLink link, Set<RecordType> types);

    /**
     * What a sync of the entity would write, record by record, built by the sync's own field building without any
     * Vtiger call; ids of records the sync would find or make first are {@link SyncPreview#LINKED}.
     */
    List<Draft> draft(JsonNode entity);

    /** Rules whose sync needs only the entity's id, the entity and its link (orders, invoices, refunds, shipments). */
    interface ById extends EntityRules {

        SyncResult sync(String id, JsonNode entity, EntityLink link);

        @Override
        default SyncResult sync(EntityType.Webhook route, String id, JsonNode entity, EntityLink link,
                Set<RecordType> types) {
            return sync(id, entity, link);
        }
    }

    /** One record a sync would write: its type, header fields, and inventory lines (none for most). */
    record Draft(RecordType type, Map<String, String> fields, List<Map<String, String>> lines, List<String> notes) {

        public Draft(RecordType type, Map<String, String> fields, List<Map<String, String>> lines) {
            this(type, fields, lines, List.of());
        }

        public Draft(RecordType type, Fields fields) {
            this(type, fields.all(), List.of(), fields.notes());
        }
    }
}
