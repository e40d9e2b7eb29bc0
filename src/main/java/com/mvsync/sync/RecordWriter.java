package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.store.EntityLink;
import com.mvsync.sync.RecordOutcome.Action;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes one Vtiger record for a Magento entity without ever making it twice: a linked record is revised with the
 * fields that changed since the last write (or left alone), an unlinked one is first looked up in Vtiger (a record
 * made by hand or by a sync whose link was lost), and only created when the lookup finds nothing.
 */
@ApplicationScoped
public class RecordWriter {

    private final VtigerClient vtiger;

    public RecordWriter(VtigerClient vtiger) {
        this.vtiger = vtiger;
    }

    /** The outcome, the link with this record's id and written values, and the record Vtiger answered a create with. */
    public record Written(RecordOutcome outcome, EntityLink link, Optional<JsonNode> created) {
        public Written(RecordOutcome outcome, EntityLink link) {
            this(outcome, link, Optional.empty());
        }
    }

    /**
     * @param lookup a VTQL query for an existing record (selecting {@code id}), or empty to skip the lookup
     * @param updateLinked whether a linked record gets the changed fields (an edit) or is left as it is (a
     *        registration delivered again)
     */
    public Written write(EntityLink link, String module, Fields fields, Supplier<Optional<String>> lookup,
            boolean updateLinked) {
        String linkedId = link.idOf(module);
        try {
            if (linkedId != null) {
                return updateLinked ? revise(link, module, linkedId, fields.determined())
                        : new Written(new RecordOutcome(module, linkedId, Action.UNCHANGED), link);
            }
            Optional<String> found = lookup.get().flatMap(this::firstId);
            if (found.isPresent()) {
                // An existing record is linked, not overwritten: it may hold what sales people typed in.
                // Its current values are unknown, so nothing counts as written yet; the next edit revises it.
                return new Written(new RecordOutcome(module, found.get(), Action.LINKED),
                        link.with(module, found.get(), Map.of()));
            }
            return create(link, module, new LinkedHashMap<String, Object>(fields.all()), fields.all());
        } catch (VtigerException e) {
            throw new SyncFailedException(module, link, e);
        }
    }

    /**
     * Creates an inventory record (Sales Order, Invoice) with its line items unless it is found by the lookup. Only
     * {@code header} counts as written: line items are never compared or sent again.
     */
    public Written writeInventory(EntityLink link, String module, Map<String, Object> element,
            Map<String, String> header, Supplier<Optional<String>> lookup) {
        if (link.idOf(module) != null) {
            throw new IllegalStateException(module + " is linked already; revise its header instead");
        }
        try {
            Optional<String> found = lookup.get().flatMap(this::firstId);
            if (found.isPresent()) {
                return new Written(new RecordOutcome(module, found.get(), Action.LINKED),
                        link.with(module, found.get(), Map.of()));
            }
            return create(link, module, new LinkedHashMap<>(element), header);
        } catch (VtigerException e) {
            throw new SyncFailedException(module, link, e);
        }
    }

    private Written create(EntityLink link, String module, Map<String, Object> element, Map<String, String> written) {
        element.put("assigned_user_id", vtiger.assignedUserId());
        JsonNode created = vtiger.create(module, element);
        String id = created.path("id").asText();
        return new Written(new RecordOutcome(module, id, Action.CREATED), link.with(module, id, written),
                Optional.of(created));
    }

    /**
     * Revises only the fields whose value differs from what was last written there; nothing at all when none does.
     * A field the payload does not mention is left as it is in Vtiger (a partial payload is not a deletion).
     */
    private Written revise(EntityLink link, String module, String id, Map<String, String> fields) {
        Map<String, String> previous = link.lastWrittenTo(module);
        Map<String, String> changed = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (!value.equals(previous.get(field))) {
                changed.put(field, value);
            }
        });
        if (changed.isEmpty()) {
            return new Written(new RecordOutcome(module, id, Action.UNCHANGED), link);
        }
        Map<String, Object> element = new LinkedHashMap<>(changed);
        element.put("id", id);
        vtiger.revise(element);
        Map<String, String> written = new LinkedHashMap<>(previous);
        written.putAll(changed);
        return new Written(new RecordOutcome(module, id, Action.UPDATED), link.with(module, id, written));
    }

    private Optional<String> firstId(String vtql) {
        return vtiger.queryOne(vtql).map(row -> row.path("id").asText());
    }

    /** {@code SELECT id FROM <module> WHERE f1='v1' AND ... LIMIT 1;}, or empty when a criterion has no value. */
    public static Optional<String> lookupQuery(String module, Map<String, String> criteria) {
        if (criteria.isEmpty() || criteria.values().stream().anyMatch(v -> v == null || v.isBlank())) {
            return Optional.empty();
        }
        StringBuilder q = new StringBuilder("SELECT id FROM ").append(module).append(" WHERE ");
        String sep = "";
        for (var c : criteria.entrySet()) {
            q.append(sep).append(c.getKey()).append(" = ").append(VtigerClient.quote(c.getValue()));
            sep = " AND ";
        }
        return Optional.of(q.append(" LIMIT 1;").toString());
    }
}
