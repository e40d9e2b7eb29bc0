package com.mvsync.poll;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The poll of Magento's REST API for stores without a webhook sender ({@code mvsync.poll.*}). */
@ConfigMapping(prefix = "mvsync.poll")
public interface PollConfig {

    /**
     * How far before its cursor each run reads again. Magento's {@code updated_at} has second resolution and its
     * transactions commit out of order: a save stamped 10:00:01 may become visible after one stamped 10:00:05 was
     * read. The margin covers such late commits (and clock skew on a first run); re-read entities of an unchanged
     * version are recognised and not queued again.
     */
    @WithDefault("PT2M")
    Duration overlap();

    /** Time one run may spend; pages left over are read by the next run (the function's timeout is 60 s). */
    @WithDefault("PT45S")
    Duration budget();

    /**
     * Versions each cursor remembers within the overlap at most (Magento's poll and the Vtiger poll): the cursor is one
     * DynamoDB item (400 KB at most); a burst beyond it forgets its oldest versions, which a re-read queues again under
     * the same event keys and the drain answers as already done.
     */
    @WithDefault("2000")
    int recentLimit();

    /** searchCriteria[pageSize]: entities per Magento request. */
    @WithDefault("100")
    int pageSize();
}
