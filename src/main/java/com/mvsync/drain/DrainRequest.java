package com.mvsync.drain;

import com.mvsync.magento.EntityType;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One drain run: at most {@code budget} of wall time (leave the caller's own margin out of it), at most
 * {@code concurrency} items in flight, items of {@code entityTypes} (see {@link PeriodTracker#typesDue}) due at
 * {@code now}.
 */
public record DrainRequest(Duration budget, int concurrency, Set<EntityType> entityTypes, Instant now) {

    public DrainRequest {
        if (budget == null || budget.isNegative()) {
            throw new IllegalArgumentException("budget must be zero or positive");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        entityTypes = Set.copyOf(entityTypes);
    }
}
