package com.mvsync.store;

import java.time.Instant;

/**
 * What a page of the sync log is limited to; null: any. {@code from} and {@code to} (exclusive) become the key
 * condition on the days' sort keys, the others a filter of what each Query reads.
 */
public record LogFilter(String entityType, Outcome result, String magentoId, Instant from, Instant to) {

    public static final LogFilter NONE = new LogFilter(null, null, null, null, null);

    boolean filters() {
        return entityType != null || result != null || magentoId != null;
    }
}
