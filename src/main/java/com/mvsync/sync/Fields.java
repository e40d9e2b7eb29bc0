package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.RecordType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Vtiger fields of one record: {@code all} for a create (fallbacks fill in what the payload lacks), and
 * {@code determined}, the ones the payload fully speaks for, which are all an update may change.
 */
public record Fields(Map<String, String> all, Map<String, String> determined) {

    public static Fields of(FieldMapper mapper, RecordType type, JsonNode entity) {
        return new Fields(new LinkedHashMap<>(mapper.map(type, entity)),
                new LinkedHashMap<>(mapper.mapDetermined(type, entity)));
    }

    /** A field the sync computes itself (a link to another record, a derived status): known for create and update. */
    public Fields with(String field, String value) {
        Map<String, String> a = new LinkedHashMap<>(all);
        Map<String, String> d = new LinkedHashMap<>(determined);
        a.put(field, value);
        d.put(field, value);
        return new Fields(a, d);
    }

    /** Like {@link #with}, unless a mapping row already sets the field. */
    public Fields withDefault(String field, String value) {
        return all.containsKey(field) ? this : with(field, value);
    }

    public String get(String field) {
        return all.get(field);
    }
}
