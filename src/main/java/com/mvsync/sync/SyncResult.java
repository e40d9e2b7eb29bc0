package com.mvsync.sync;

import com.mvsync.store.EntityLink;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The outcome of syncing one Magento entity: its records in Vtiger, and the link to remember. */
@RegisterForReflection
public record SyncResult(String entityType, String entityId, List<RecordOutcome> records, List<String> notes,
        EntityLink link) {

    /** Vtiger calls were made for writes; false when everything was unchanged. */
    public boolean wroteAnything() {
        return records.stream().anyMatch(r -> r.action() != RecordOutcome.Action.UNCHANGED);
    }
}
