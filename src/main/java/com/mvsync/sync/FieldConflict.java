package com.mvsync.sync;

import com.mvsync.mapping.ConflictRule;
import com.mvsync.store.LogLine;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A field both systems changed since the last sync, and which value the row's rule kept. Both values are kept here
 * (and in the sync log) so the losing one is never dropped silently.
 *
 * @param magentoChangedAt Magento's {@code updated_at} of the entity as read
 * @param vtigerChangedAt  Vtiger's {@code modifiedtime} of the record version
 */
@RegisterForReflection
public record FieldConflict(String vtigerField, String magentoPath, String lastSynced, String magentoValue,
        String magentoChangedAt, String vtigerValue, String vtigerChangedAt, ConflictRule rule, boolean vtigerWon) {

    /** The sync log's note: both values, which one was kept and why. */
    public String note() {
        return LogLine.CONFLICT_NOTE + vtigerField + " / " + magentoPath + ": Magento '" + magentoValue + "' (updated "
                + magentoChangedAt + ") and Vtiger '" + vtigerValue + "' (modified " + vtigerChangedAt
                + ") both changed since '" + lastSynced + "'; " + (vtigerWon ? "Vtiger's" : "Magento's")
                + " value kept (" + rule.wire() + "), the other was " + (vtigerWon ? "Magento's '" + magentoValue
                        : "Vtiger's '" + vtigerValue) + "'";
    }
}
