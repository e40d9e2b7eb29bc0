package com.mvsync.sync;

import com.mvsync.store.EntityLink;
import com.mvsync.store.Written;
import java.util.ArrayList;
import java.util.List;

/**
 * What writing one Vtiger change back to Magento did.
 *
 * @param link          the entity's link with the values now agreed on both sides (the baseline of the next change)
 * @param magentoWrites Magento write requests made (0 when nothing mapped had changed, or Magento held it already)
 * @param changes       the Magento fields written, before and after, for the sync log
 * @param conflicts     fields both sides changed, with both values
 * @param notes         what was left out and why
 */
public record WriteBackResult(EntityLink link, int magentoWrites, List<Written.Change> changes,
        List<FieldConflict> conflicts, List<String> notes) {

    public WriteBackResult {
        changes = List.copyOf(changes);
        conflicts = List.copyOf(conflicts);
        notes = List.copyOf(notes);
    }

    /** Nothing to write: the mapped fields hold what was synced last (a change the sync made itself, or unmapped). */
    public static WriteBackResult unchanged(EntityLink link) {
        return new WriteBackResult(link, 0, List.of(), List.of(), List.of());
    }

    /** The same result with a note added. */
    public WriteBackResult noted(String note) {
        List<String> all = new ArrayList<>(notes);
        all.add(note);
        return new WriteBackResult(link, magentoWrites, changes, conflicts, all);
    }
}
