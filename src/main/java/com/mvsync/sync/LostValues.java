package com.mvsync.sync;

import com.mvsync.store.EntityLink;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vtiger values that lost a conflict to Magento's, kept in the link (under {@link #key}: the field's value, and the
 * record's {@code modifiedtime} under the field's name + {@link #MODIFIED}). Once decided, the same conflict is not
 * decided (and logged) again by the other direction: the Magento → Vtiger sync writes Magento's value over it as a
 * plain change, and a queued Vtiger version no later than the lost one is not written back to Magento.
 */
final class LostValues {

    static final String MODIFIED = " modified";

    private LostValues() {
    }

    /** The link's key of a module's lost values ("Contacts: Vtiger values that lost a conflict"). */
    static String key(String module) {
        return module + ": Vtiger values that lost a conflict";
    }

    static EntityLink record(EntityLink link, String module, String field, String vtigerValue, String modifiedtime) {
        Map<String, String> lost = new LinkedHashMap<>(link.lastWrittenTo(key(module)));
        lost.put(field, AgreedValues.normal(vtigerValue));
        lost.put(field + MODIFIED, AgreedValues.normal(modifiedtime));
        return link.withValues(key(module), lost);
    }

    /** Whether Vtiger's current value of the field is one that lost already (Magento's then flows as a change). */
    static boolean lostAlready(EntityLink link, String module, String field, String vtigerValue) {
        String lost = link.lastWrittenTo(key(module)).get(field);
        return lost != null && AgreedValues.same(lost, vtigerValue);
    }

    /**
     * Whether a Vtiger version of the record (its {@code modifiedtime}) is no later than the one whose value of the
     * field lost: a change the poll queued before the Magento side decided it.
     */
    static boolean decidedAlready(EntityLink link, String module, String field, String modifiedtime) {
        String at = link.lastWrittenTo(key(module)).get(field + MODIFIED);
        return at != null && !AgreedValues.normal(modifiedtime).isEmpty()
                && AgreedValues.normal(modifiedtime).compareTo(at) <= 0;
    }
}
