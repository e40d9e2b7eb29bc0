package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.vtiger.ModuleDescription;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a later event (a refund, a deletion) writes to a record another sync made: a value for a text field (Vtiger
 * type {@code text}, e.g. description) is added as a new line after what the field holds in Vtiger now, so every such
 * event stays on record and nothing a person wrote there is lost; any other field (a picklist, a checkbox) is set.
 * The record is retrieved (one call) only when some field is added to.
 */
@ApplicationScoped
public class AddedLines {

    private final VtigerClient vtiger;

    public AddedLines(VtigerClient vtiger) {
        this.vtiger = vtiger;
    }

    /**
     * The fields to revise record {@code id} of {@code module} with.
     *
     * @throws VtigerException when Vtiger cannot describe the module or retrieve the record
     */
    public Map<String, String> onto(String module, String id, Map<String, String> mapped) {
        return build(module, mapped, () -> vtiger.retrieve(id));
    }

    /** Like {@link #onto(String, String, Map)}, onto a record the caller retrieved already. */
    public Map<String, String> onto(String module, JsonNode record, Map<String, String> mapped) {
        return build(module, mapped, () -> record);
    }

    private Map<String, String> build(String module, Map<String, String> mapped, Supplier<JsonNode> record) {
        ModuleDescription described = vtiger.describe(module);
        Map<String, String> fields = new LinkedHashMap<>();
        JsonNode current = null;
        for (Map.Entry<String, String> e : mapped.entrySet()) {
            ModuleDescription.Field field = described.fields().get(e.getKey());
            if (field != null && field.type().equals("text")) {
                if (current == null) {
                    current = record.get();
                }
                fields.put(e.getKey(), appended(current.path(e.getKey()).asText(""), e.getValue()));
            } else {
                fields.put(e.getKey(), e.getValue());
            }
        }
        return fields;
    }

    /**
     * The field's value with one more line; Vtiger keeps newlines in text fields. A line the field already holds is not
     * added again: each line names its event (credit memo, shipment), so when an attempt died after Vtiger took the
     * revise but before the link recorded it, the retry writes the same line and must not repeat it.
     */
    static String appended(String current, String line) {
        if (current == null || current.isBlank()) {
            return line;
        }
        boolean present = current.lines().map(String::strip).anyMatch(l -> l.equals(line.strip()));
        return present ? current : current.stripTrailing() + "\n" + line;
    }
}
