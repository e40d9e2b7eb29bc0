package com.mvsync.poll;

import com.mvsync.magento.EntityType;
import com.mvsync.settings.SourceSettings;
import com.mvsync.settings.SyncSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the poll stands per entity type ({@code GET /admin/poll}): its source, whether it can be polled at all, the
 * cursor and what the latest run did.
 */
@RegisterForReflection
public record PollStatus(Map<String, TypeStatus> types, String overlap) {

    /** One entity type. {@code cursor} and {@code lastRun} are null until it was polled. */
    @RegisterForReflection
    public record TypeStatus(String source, boolean pollable, Instant startFrom, String cursor, PollRun lastRun) {
    }

    public static PollStatus of(SyncSettings settings, Map<EntityType, PollCursor> cursors, Duration overlap) {
        Map<String, TypeStatus> types = new LinkedHashMap<>();
        for (EntityType type : EntityType.values()) {
            SourceSettings source = settings.source(type);
            PollCursor cursor = cursors.get(type);
            types.put(type.label(), new TypeStatus(source.source().wire(), type.polls(),
                    source.startFrom(), cursor == null ? null : cursor.cursor(),
                    cursor == null ? null : cursor.lastRun()));
        }
        return new PollStatus(types, overlap.toString());
    }
}
