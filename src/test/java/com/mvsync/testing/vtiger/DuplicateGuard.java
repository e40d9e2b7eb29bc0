package com.mvsync.testing.vtiger;

import com.mvsync.testing.vtiger.ModuleCatalog.FieldMeta;
import com.mvsync.testing.vtiger.ModuleCatalog.ModuleMeta;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vtiger's Duplicate Prevention (Settings > Duplicate Prevention): a module whose describe says
 * {@code "allowDuplicates": false} refuses a second live record holding the same value in an {@code "isunique": true}
 * field. Stock 8.2.0 marks only Accounts.accountname, so two Organizations "Maria Garcia" cannot coexist while two
 * Contacts can (18_*.json). The comparison is MariaDB's: of the stored values, case-insensitive.
 */
final class DuplicateGuard {
    /** Modules whose admin turned the prevention off (the describe then says allowDuplicates true). */
    private final Set<String> turnedOff = ConcurrentHashMap.newKeySet();

    void setEnabled(String module, boolean on) {
        if (on) {
            turnedOff.remove(module);
        } else {
            turnedOff.add(module);
        }
    }

    boolean enabled(ModuleMeta m) {
        return !m.allowDuplicates() && !turnedOff.contains(m.name());
    }

    /**
     * @param self   the record being changed (it does not count), or null on create
     * @param stored the stored form of the values being written (only the fields they contain are checked)
     * @throws VtigerError "Duplicate(s) detected!" with code 0 (18_err_create_Accounts_duplicate_name*.json)
     */
    void check(ModuleMeta m, StoredRecord self, Map<String, Object> stored, Collection<StoredRecord> records) {
        if (!enabled(m)) {
            return;
        }
        for (FieldMeta f : m.fields()) {
            Object value = stored.get(f.name());
            if (!f.unique() || ValueFormat.isBlank(value)) {
                continue;
            }
            String v = value.toString();
            for (StoredRecord r : records) {
                if (r != self && !r.deleted && r.module.equals(m.name())
                        && r.fields.get(f.name()) != null && v.equalsIgnoreCase(r.fields.get(f.name()).toString())) {
                    throw VtigerError.duplicates();
                }
            }
        }
    }
}
