package com.mvsync.poll;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One run's poll of one Vtiger module (two-way sync), as the Vtiger poll function answers it and {@code GET /admin/poll}
 * shows it (kept with the module's cursor).
 *
 * @param status      as {@link PollRun#status()} ({@code running} while between two pages); {@code off} when no row of the module flows back to Magento (no
 *                    call made), {@code started} on the first run, which only sets the cursor to Vtiger's latest
 *                    {@code modifiedtime} (nothing changed before it is sent back)
 * @param requests    Vtiger calls made (one per page of 100)
 * @param found       record versions read that were not read before
 * @param queued      of those, queued for the drain (records linked to a Magento entity)
 * @param skipped     versions read again (the overlap margin, a page boundary inside one second)
 * @param unlinked    of those found, records no Magento entity is linked to: not created in Magento
 * @param unlinkedIds the first of them (at most {@link VtigerPoller#UNLINKED_LISTED})
 */
@RegisterForReflection
public record VtigerPollRun(String module, String startedAt, String status, int requests, int found, int queued,
        int skipped, int unlinked, List<String> unlinkedIds, String cursor, String error) {

    public VtigerPollRun {
        unlinkedIds = unlinkedIds == null ? List.of() : List.copyOf(unlinkedIds);
    }

    public static final String OFF = "off";
    public static final String STARTED = "started";
}
