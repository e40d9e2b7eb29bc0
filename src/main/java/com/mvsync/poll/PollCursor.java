package com.mvsync.poll;

import com.mvsync.magento.EntityType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * Where the poll of one entity type (item {@code POLL} / {@code <type>}) or Vtiger module ({@code POLL} /
 * {@code vtiger#<module>}) stands.
 *
 * @param origin  the {@code startFrom} setting the cursor began from; a different setting restarts it
 * @param cursor  the latest {@code updated_at} of a fully queued page (Magento's form); the next run reads from it
 *                minus the overlap margin
 * @param recent  the versions queued within the margin below the cursor, entity key to {@code <updated_at>:<digest>},
 *                so a re-read of an unchanged entity is not queued again
 * @param version grows with every write; each write is conditional on it, so two runs never interleave their cursors
 * @param lastRun what the latest run of Magento's poll did
 * @param vtigerRun what the latest poll of a Vtiger module did (two-way sync; {@code type} is the entity type its
 *                records are linked to); its run has the unlinked records Magento's lacks
 */
@RegisterForReflection
public record PollCursor(EntityType type, Instant origin, String cursor, Map<String, String> recent, long version,
        PollRun lastRun, VtigerPollRun vtigerRun) {

    public PollCursor {
        recent = recent == null ? Map.of() : Map.copyOf(recent);
    }

    /** A cursor of Magento's poll, or of the Vtiger poll saved without its run. */
    public PollCursor(EntityType type, Instant origin, String cursor, Map<String, String> recent, long version,
            PollRun lastRun) {
        this(type, origin, cursor, recent, version, lastRun, null);
    }

    /** The same cursor as not stored yet (version 0): its next save creates the item. */
    PollCursor unsaved() {
        return new PollCursor(type, origin, cursor, recent, 0, lastRun, vtigerRun);
    }
}
