package com.mvsync.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * One line of the sync log: what happened to one Magento entity (and what a person calls it), the Vtiger records it
 * has and their names, the fields written (before and after), and every value altered on the way (cut, substituted,
 * changed by Vtiger) or mapped field left empty.
 */
@RegisterForReflection
public record LogEntry(String at, String entityKey, String entityType, String magentoId, String label,
        Map<String, String> vtigerIds, Map<String, String> vtigerNames, Outcome result, String error,
        List<String> notes, List<Written.Change> changes) {

    public LogEntry {
        vtigerIds = vtigerIds == null ? Map.of() : Map.copyOf(vtigerIds);
        vtigerNames = vtigerNames == null ? Map.of() : Map.copyOf(vtigerNames);
        notes = notes == null ? List.of() : List.copyOf(notes);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
