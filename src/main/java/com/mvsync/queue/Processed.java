package com.mvsync.queue;

import com.mvsync.store.Outcome;
import com.mvsync.store.Written;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How processing a queued event ended, with what the drain needs to settle the item and write its log line: the
 * Vtiger ids, notes and what was written of a sync, the reason of a skip, the error of a failure, and for a pause when to go on.
 */
public record Processed(Outcome outcome, Map<String, String> vtigerIds, List<String> notes, String error,
        Instant resumeAt, Written written, String logKey) {

    /**
     * @param logKey the entity whose history the drain's log entry of the item belongs to ({@code customer#42}), when
     *     it is not the queue item's own key (a Vtiger change is queued under its record's key); null: the item's
     */
    public Processed {
        vtigerIds = vtigerIds == null ? Map.of() : Map.copyOf(vtigerIds);
        notes = notes == null ? List.of() : List.copyOf(notes);
        written = written == null ? Written.NONE : written;
    }

    public Processed(Outcome outcome, Map<String, String> vtigerIds, List<String> notes, String error,
            Instant resumeAt, Written written) {
        this(outcome, vtigerIds, notes, error, resumeAt, written, null);
    }

    /** This outcome, logged in the history of {@code entityKey} (see {@code logKey}). */
    public Processed about(String entityKey) {
        return new Processed(outcome, vtigerIds, notes, error, resumeAt, written, entityKey);
    }

    public Processed(Outcome outcome, Map<String, String> vtigerIds, List<String> notes, String error) {
        this(outcome, vtigerIds, notes, error, null, Written.NONE);
    }

    public Processed(Outcome outcome, Map<String, String> vtigerIds, List<String> notes, String error,
            Instant resumeAt) {
        this(outcome, vtigerIds, notes, error, resumeAt, Written.NONE);
    }

    /** Written to Vtiger: the item is done (unless a newer event arrived meanwhile); what was written is logged. */
    public static Processed synced(Map<String, String> vtigerIds, List<String> notes, Written written) {
        return new Processed(Outcome.SYNCED, vtigerIds, notes, null, null, written);
    }

    public static Processed synced(Map<String, String> vtigerIds, List<String> notes) {
        return synced(vtigerIds, notes, Written.NONE);
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

    /**
     * Vtiger calls are paused (its HTTP 429) or the call budget is spent until {@code resumeAt}: pending again from
     * then, without an attempt counted, since nothing about the item failed.
     */
    public static Processed paused(String error, Instant resumeAt) {
        return new Processed(Outcome.QUEUED, Map.of(), List.of(), error, resumeAt);
    }

    /** Will not work by retrying (invalid data, Vtiger refuses): parked as DEAD for the admin. */
    public static Processed dead(String error) {
        return new Processed(Outcome.DEAD, Map.of(), List.of(), error);
    }
}
