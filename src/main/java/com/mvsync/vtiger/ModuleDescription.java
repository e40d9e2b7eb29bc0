package com.mvsync.vtiger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What describe says about a module: its id prefix (differs per install) and its fields. */
public record ModuleDescription(String name, String idPrefix, boolean createable, boolean updateable,
        Map<String, Field> fields) {

    /**
     * @param unique describe's isunique flag: Duplicate Prevention refuses a second record with this value
     * @param picklistValues the values of a picklist (type {@code picklist} or {@code multipicklist}), else empty.
     *        Vtiger 8.2.0 stores any text in a picklist field without a word; only these show in its lists and
     *        filters
     */
    public record Field(String name, String label, String type, boolean mandatory, boolean editable,
            List<String> refersTo, boolean unique, List<String> picklistValues) {

        public boolean isPicklist() {
            return type.equals("picklist") || type.equals("multipicklist");
        }
    }

    public static ModuleDescription from(JsonNode result) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (JsonNode f : result.path("fields")) {
            List<String> refersTo = new ArrayList<>();
            f.path("type").path("refersTo").forEach(r -> refersTo.add(r.asText()));
            List<String> picklist = new ArrayList<>();
            f.path("type").path("picklistValues").forEach(p -> picklist.add(p.path("value").asText()));
            fields.put(f.path("name").asText(), new Field(f.path("name").asText(), f.path("label").asText(),
                    f.path("type").path("name").asText(), f.path("mandatory").asBoolean(), f.path("editable").asBoolean(),
                    List.copyOf(refersTo), f.path("isunique").asBoolean(false), List.copyOf(picklist)));
        }
        return new ModuleDescription(result.path("name").asText(), result.path("idPrefix").asText(),
                result.path("createable").asBoolean(), result.path("updateable").asBoolean(),
                Collections.unmodifiableMap(fields));
    }

    /** Fields Vtiger refuses a create without (MANDATORY_FIELDS_MISSING). */
    public List<String> mandatoryFields() {
        return fields.values().stream().filter(Field::mandatory).map(Field::name).toList();
    }

    /** Fields Duplicate Prevention keeps unique (stock 8.2.0: Accounts accountname). */
    public List<String> uniqueFields() {
        return fields.values().stream().filter(Field::unique).map(Field::name).toList();
    }

    /** Whether an id such as {@code 12x34} belongs to this module. */
    public boolean owns(String id) {
        return id != null && id.startsWith(idPrefix + "x");
    }
}
