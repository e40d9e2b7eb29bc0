package com.mvsync.queue;

import com.mvsync.store.Outcome;
import java.util.List;
import java.util.Map;

/**
 * How processing a queued event ended, with what the drain needs to settle the item and write its log line: the
 * Vtiger ids and notes of a sync, the reason of a skip, the error of a failure.
 */
public record Processed(Outcome outcome, Map<String, String> vtigerIds, List<String> notes, String error) {

    public Processed {
        vtigerIds = vtigerIds == null ? Map.of() : Map.copyOf(vtigerIds);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Written to Vtiger: the item is done (unless a newer event arrived meanwhile). */
    public static Processed synced(Map<String, String> vtigerIds, List<String> notes) {
        return new Processed(Outcome.SYNCED, vtigerIds, notes, null);
    }

    public static Processed synced(Map<String, String> vtigerIds) {
        return synced(vtigerIds, List.of());
    }

    /** Nothing to do (e.g. every type of the entity is disabled): done, logged as skipped. */
    public static Processed skipped(String reason) {
        return new Processed(Outcome.SKIPPED, Map.of(), List.of(), reason);
    }

    /** May work later (Vtiger or Magento unavailable, entity busy): retried after a backoff. */
    public static Processed retry(String error) {
        return new Processed(Outcome.FAILED, Map.of(), List.of(), error);
    }

    /** Will not work by retrying (invalid data, Vtiger refuses): parked as DEAD for the admin. */
    public static Processed dead(String error) {
        return new Processed(Outcome.DEAD, Map.of(), List.of(), error);
    }
}
