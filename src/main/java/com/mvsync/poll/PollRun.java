package com.mvsync.poll;

import com.mvsync.magento.EntityType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One run's poll of one entity type, as answered by the poll function and shown by {@code GET /admin/poll}.
 *
 * @param status   {@code done} (read up to now), {@code partial} (the budget ran out; the next run continues),
 *                 {@code running} (between two pages; left so by a run that died there),
 *                 {@code error} (Magento failed; the cursor stays at the last queued page) or {@code concurrent}
 *                 (another run moved the cursor meanwhile and continues)
 * @param requests Magento requests made: one per page, one when nothing changed
 * @param found    changed entities read (versions not queued before)
 * @param queued   of those, queued for the drain
 * @param skipped  re-read entities (the overlap margin, a page boundary inside one second) already queued
 */
@RegisterForReflection
public record PollRun(EntityType type, String startedAt, String status, int requests, int found, int queued,
        int skipped, String cursor, String error) {

    public static final String DONE = "done";
    public static final String PARTIAL = "partial";
    public static final String RUNNING = "running";
    public static final String ERROR = "error";
    public static final String CONCURRENT = "concurrent";
}
