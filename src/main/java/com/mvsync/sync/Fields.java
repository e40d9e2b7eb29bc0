package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.RecordType;
import com.mvsync.mapping.WriteRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Vtiger fields of one record: {@code all} for a create (fallbacks fill in what the payload lacks), and
 * {@code determined}, the ones the payload fully speaks for, which are all an update may change; {@code rows} the
 * mapping rows that made them (their write rule and picklist flag apply when the record is written; a field the sync
 * computes itself has none: written always, picklist checked), {@code shared} whether the record is shared by several
 * Magento entities (a company's Organization); {@code notes} what the mapping could not write (an option label
 * Magento no longer has), noted with the record's write; {@code magentoChangedAt} the entity's {@code updated_at}
 * ("" when unknown), which a two-way row's conflict is decided by.
 */
public record Fields(Map<String, String> all, Map<String, String> determined, Map<String, MappingRow> rows,
        boolean shared, List<String> notes, String magentoChangedAt) {

    public Fields {
        notes = List.copyOf(notes);
        magentoChangedAt = magentoChangedAt == null ? "" : magentoChangedAt;
    }

    public Fields(Map<String, String> all, Map<String, String> determined, Map<String, MappingRow> rows,
            boolean shared, List<String> notes) {
        this(all, determined, rows, shared, notes, "");
    }

    public Fields(Map<String, String> all, Map<String, String> determined) {
        this(all, determined, Map.of(), false);
    }

    public Fields(Map<String, String> all, Map<String, String> determined, Map<String, MappingRow> rows,
            boolean shared) {
        this(all, determined, rows, shared, List.of());
    }

    public static Fields of(FieldMapper mapper, RecordType type, JsonNode entity) {
        FieldMapper.Mapped mapped = mapper.mapped(type, entity);
        return new Fields(new LinkedHashMap<>(mapped.all()), new LinkedHashMap<>(mapped.determined()),
                rows(mapper.effectiveRows(type, entity)), false, mapped.notes(), entity.path("updated_at").asText(""));
    }

    /** The rows by Vtiger field. */
    static Map<String, MappingRow> rows(List<MappingRow> rows) {
        Map<String, MappingRow> byField = new LinkedHashMap<>();
        rows.forEach(row -> byField.put(row.vtigerField(), row));
        return byField;
    }

    /** These fields, of a record shared by several Magento entities (or not). */
    public Fields sharedRecord(boolean isShared) {
        return new Fields(all, determined, rows, isShared, notes, magentoChangedAt);
    }

    /** When the field's value is written to a record that exists already. */
    public WriteRule writeRule(String field) {
        MappingRow row = rows.get(field);
        return row == null ? WriteRule.ALWAYS : row.write().on(shared);
    }

    /** Whether the field's row writes a value outside its picklist as it is. */
    public boolean freeText(String field) {
        MappingRow row = rows.get(field);
        return row != null && row.freeText();
    }

    /** These fields without {@code field} (a picklist value Vtiger does not have). */
    Fields without(String field) {
        Map<String, String> a = new LinkedHashMap<>(all);
        Map<String, String> d = new LinkedHashMap<>(determined);
        a.remove(field);
        d.remove(field);
        return new Fields(a, d, rows, shared, notes, magentoChangedAt);
    }

    /** A field the sync computes itself (a link to another record, a derived status): known for create and update. */
    public Fields with(String field, String value) {
        Map<String, String> a = new LinkedHashMap<>(all);
        Map<String, String> d = new LinkedHashMap<>(determined);
        a.put(field, value);
        d.put(field, value);
        return new Fields(a, d, rows, shared, notes, magentoChangedAt);
    }

    /** Like {@link #with}, unless a mapping row already sets the field. */
    public Fields withDefault(String field, String value) {
        return all.containsKey(field) ? this : with(field, value);
    }

    public String get(String field) {
        return all.get(field);
    }
}
