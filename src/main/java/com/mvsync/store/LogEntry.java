package com.mvsync.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * One line of the sync log: what happened to one Magento entity, the Vtiger records it has, and every value altered on
 * the way (cut, substituted, changed by Vtiger) or mapped field left empty.
 */
@RegisterForReflection
public record LogEntry(String at, String entityType, String magentoId, Map<String, String> vtigerIds, Outcome result,
        String error, List<String> notes) {

    public LogEntry(String at, String entityType, String magentoId, Map<String, String> vtigerIds, Outcome result,
            String error) {
        this(at, entityType, magentoId, vtigerIds, result, error, List.of());
    }

    public LogEntry {
        vtigerIds = vtigerIds == null ? Map.of() : Map.copyOf(vtigerIds);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
