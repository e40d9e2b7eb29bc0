package com.mvsync.sync;

import static com.mvsync.sync.Modules.ACCOUNTS;
import static com.mvsync.sync.Modules.CONTACTS;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.RecordType;
import com.mvsync.settings.DeletePolicy;
import com.mvsync.settings.SyncSettings;
import com.mvsync.settings.SyncType;
import com.mvsync.store.EntityLink;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer or product deleted in Magento: each enabled type's records linked to it are left alone, marked (the
 * "Deleted …" mapping rows: a Product inactive, a note on a Lead, Organization or Contact) or deleted in Vtiger, by
 * the type's {@code onDelete} policy. The link is kept, so a customer or product made again is matched to the records
 * still there instead of duplicating them; a record deleted in Vtiger leaves the link (Vtiger answers any later
 * revise or retrieve of a deleted id with ACCESS_DENIED), so a later save makes a new one. Each record is marked once
 * per deleted version: a second delivery of the delete (another event, another sender) writes nothing.
 */
@ApplicationScoped
public class DeletedEntitySync {

    /** Key in the link's written values (not a Vtiger module): module to the Magento version whose delete it took. */
    static final String DELETED = "Deleted";

    private static final Map<RecordType, RecordType> MARK_ROWS = Map.of(
            RecordType.LEAD, RecordType.DELETED_LEAD,
            RecordType.ORGANIZATION, RecordType.DELETED_ORGANIZATION,
            RecordType.CONTACT, RecordType.DELETED_CONTACT,
            RecordType.PRODUCT, RecordType.DELETED_PRODUCT);

    // A customer's Contact goes first: its Organization is then shared only if other Contacts still belong to it.
    private static final List<SyncType> ORDER = List.of(SyncType.CONTACTS, SyncType.ORGANIZATIONS, SyncType.LEADS,
            SyncType.PRODUCTS);

    private final FieldMapper mapper;
    private final RecordWriter writer;
    private final VtigerClient vtiger;
    private final AddedLines lines;
    private final OrganizationMembers members;

    public DeletedEntitySync(FieldMapper mapper, RecordWriter writer, VtigerClient vtiger, AddedLines lines,
            OrganizationMembers members) {
        this.mapper = mapper;
        this.writer = writer;
        this.vtiger = vtiger;
        this.lines = lines;
        this.members = members;
    }

    public SyncResult sync(EntityType type, String entityId, JsonNode entity, EntityLink link, SyncSettings settings) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String version = entity.path("updated_at").asText("deleted");
        EntityLink current = link;
        for (SyncType syncType : ORDER) {
            if (syncType.entity() != type || !settings.of(syncType).enabled()) {
                continue;
            }
            String module = syncType.recordType().module();
            String id = current.idOf(module);
            if (id == null) {
                continue;
            }
            DeletePolicy policy = settings.of(syncType).onDelete();
            if (policy == DeletePolicy.IGNORE || version.equals(current.lastWrittenTo(DELETED).get(module))) {
                outcomes.add(new RecordOutcome(module, id, RecordOutcome.Action.UNCHANGED));
                if (policy == DeletePolicy.IGNORE) {
                    notes.add(module + " " + id + " left as it is (" + syncType.name() + " onDelete: ignore)");
                }
                continue;
            }
            try {
                if (policy == DeletePolicy.DELETE && !sharedOrganization(module, id, current, notes)) {
                    current = delete(module, id, current, version, outcomes, notes);
                } else {
                    current = mark(syncType, module, id, entity, current, version, outcomes, notes);
                }
            } catch (VtigerException e) {
                throw new SyncFailedException(module, current, e);
            }
        }
        if (current.vtigerIds().isEmpty() && outcomes.isEmpty()) {
            notes.add(type.label() + " " + entityId + " has no Vtiger records linked: nothing to mark or delete");
        }
        return new SyncResult(type, entityId, outcomes, notes, current);
    }

    private EntityLink mark(SyncType syncType, String module, String id, JsonNode entity, EntityLink link,
            String version, List<RecordOutcome> outcomes, List<String> notes) {
        RecordType rows = MARK_ROWS.get(syncType.recordType());
        Map<String, String> fields = lines.onto(module, id, mapper.map(rows, entity));
        RecordWriter.Written written = writer.write(link, module, new Fields(fields, fields,
                Fields.rows(mapper.effectiveRows(rows)), false), RecordWriter.Lookup.NONE, true);
        outcomes.add(written.outcome());
        notes.addAll(written.notes());
        notes.add(module + " " + id + " marked as deleted in Magento (" + String.join(", ", fields.keySet()) + ")");
        return marked(written.link(), module, version, false);
    }

    private EntityLink delete(String module, String id, EntityLink link, String version,
            List<RecordOutcome> outcomes, List<String> notes) {
        try {
            vtiger.delete(id);
            notes.add(module + " " + id + " deleted in Vtiger");
        } catch (VtigerException e) {
            if (!VtigerException.ACCESS_DENIED.equals(e.code())) {
                throw e;
            }
            // Vtiger 8.2.0 answers a delete of a record deleted already (by hand) with ACCESS_DENIED.
            notes.add(module + " " + id + " was not there to delete in Vtiger (ACCESS_DENIED: deleted already?)");
        }
        outcomes.add(new RecordOutcome(module, id, RecordOutcome.Action.DELETED));
        return marked(link, module, version, true);
    }

    /**
     * A company Organization is shared by everyone of that company (see CustomerSync): deleting it for one deleted
     * customer would take it from the others, so it is marked instead while other Contacts belong to it.
     */
    private boolean sharedOrganization(String module, String id, EntityLink link, List<String> notes) {
        if (!module.equals(ACCOUNTS)) {
            return false;
        }
        boolean shared = members.sharedBeyond(id, link.idOf(CONTACTS));
        if (shared) {
            notes.add(module + " " + id + " is shared with other Contacts: marked instead of deleted");
        }
        return shared;
    }

    /** The link with the delete remembered; a deleted record's id and values are dropped (a later save makes one). */
    private static EntityLink marked(EntityLink link, String module, String version, boolean deleted) {
        Map<String, String> ids = new LinkedHashMap<>(link.vtigerIds());
        Map<String, Map<String, String>> written = new LinkedHashMap<>(link.lastWritten());
        if (deleted) {
            ids.remove(module);
            written.remove(module);
        }
        Map<String, String> done = new LinkedHashMap<>(link.lastWrittenTo(DELETED));
        done.put(module, version);
        written.put(DELETED, done);
        return new EntityLink(link.entityKey(), ids, written, link.sourceVersion());
    }
}
