package com.mvsync.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Vtiger records made for one Magento entity: Vtiger module to record id (e.g. Contacts to 12x18), and per module
 * the field values last written there, so an unchanged save skips the write and a change revises only what changed.
 */
public record EntityLink(String entityKey, Map<String, String> vtigerIds, Map<String, Map<String, String>> lastWritten) {

    public EntityLink {
        vtigerIds = Map.copyOf(vtigerIds);
        lastWritten = Map.copyOf(lastWritten);
    }

    public static EntityLink empty(String entityKey) {
        return new EntityLink(entityKey, Map.of(), Map.of());
    }

    public String idOf(String module) {
        return vtigerIds.get(module);
    }

    public Map<String, String> lastWrittenTo(String module) {
        return lastWritten.getOrDefault(module, Map.of());
    }

    public EntityLink with(String module, String vtigerId, Map<String, String> written) {
        Map<String, String> ids = new LinkedHashMap<>(vtigerIds);
        ids.put(module, vtigerId);
        Map<String, Map<String, String>> values = new LinkedHashMap<>(lastWritten);
        values.put(module, Map.copyOf(written));
        return new EntityLink(entityKey, ids, values);
    }
}
