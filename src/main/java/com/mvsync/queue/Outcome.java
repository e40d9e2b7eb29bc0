package com.mvsync.queue;

import java.util.List;
import java.util.Map;

/** What processing a queued event came to; the drain settles the queue item and writes the sync log by it. */
public sealed interface Outcome {

    /** Written to Vtiger: the item is done (unless a newer event arrived meanwhile). */
    record Synced(Map<String, String> vtigerIds, List<String> notes) implements Outcome {
        public Synced(Map<String, String> vtigerIds) {
            this(vtigerIds, List.of());
        }

        public Synced {
            vtigerIds = vtigerIds == null ? Map.of() : Map.copyOf(vtigerIds);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }
    }

    /** Nothing to do (e.g. every type of the entity is disabled): done, logged as skipped. */
    record Skipped(String reason) implements Outcome {
    }

    /** May work later (Vtiger or Magento unavailable, entity busy): retried after a backoff. */
    record Retry(String error) implements Outcome {
    }

    /** Will not work by retrying (invalid data, Vtiger refuses): parked as DEAD for the admin. */
    record Permanent(String error) implements Outcome {
    }
}
