package com.mvsync.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** One line of the sync log: what happened to one Magento entity, and the Vtiger records it has. */
@RegisterForReflection
public record LogEntry(String at, String entityType, String magentoId, Map<String, String> vtigerIds, String result,
        String error) {

    public static final String SYNCED = "synced";
    public static final String FAILED = "failed";
    public static final String DEAD = "dead";
    public static final String SKIPPED = "skipped";

    public LogEntry {
        vtigerIds = vtigerIds == null ? Map.of() : Map.copyOf(vtigerIds);
    }
}
