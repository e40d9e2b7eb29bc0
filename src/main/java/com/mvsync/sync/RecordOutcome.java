package com.mvsync.sync;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a sync did to one Vtiger record. */
@RegisterForReflection
public record RecordOutcome(String module, String id, Action action) {

    public enum Action {
        /** Made by this sync. */
        CREATED,
        /** Found in Vtiger (same email or name) and linked instead of duplicated. */
        LINKED,
        /** Changed fields revised. */
        UPDATED,
        /** Already linked and the mapped values equal what was last written: no write. */
        UNCHANGED,
        /** Deleted in Vtiger, because its Magento entity was deleted (delete policy "delete"). */
        DELETED
    }
}
