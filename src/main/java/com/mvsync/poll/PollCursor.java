package com.mvsync.poll;

import com.mvsync.magento.EntityType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * Where the poll of one entity type stands (item {@code POLL} / {@code <type>}).
 *
 * @param origin  the {@code startFrom} setting the cursor began from; a different setting restarts it
 * @param cursor  the latest {@code updated_at} of a fully queued page (Magento's form); the next run reads from it
 *                minus the overlap margin
 * @param recent  the versions queued within the margin below the cursor, entity key to {@code <updated_at>:<digest>},
 *                so a re-read of an unchanged entity is not queued again
 * @param version grows with every write; each write is conditional on it, so two runs never interleave their cursors
 * @param lastRun what the latest run did
 */
@RegisterForReflection
public record PollCursor(EntityType type, Instant origin, String cursor, Map<String, String> recent, long version,
        PollRun lastRun) {

    public PollCursor {
        recent = recent == null ? Map.of() : Map.copyOf(recent);
    }
}
