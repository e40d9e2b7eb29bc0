package com.mvsync.poll;

import com.mvsync.magento.EntityType;
import com.mvsync.settings.SourceSettings;
import com.mvsync.settings.SyncSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the poll stands ({@code GET /admin/poll}): per entity type Magento's poll (its source, whether it can be polled
 * at all, the cursor and what the latest run did), and per Vtiger module the poll of two-way sync.
 */
@RegisterForReflection
public record PollStatus(Map<String, TypeStatus> types, Map<String, ModuleStatus> modules, String overlap) {

    /** One entity type. {@code cursor} and {@code lastRun} are null until it was polled. */
    @RegisterForReflection
    public record TypeStatus(String source, boolean pollable, Instant startFrom, String cursor, PollRun lastRun) {
    }

    /**
     * One Vtiger module of two-way sync. {@code polled}: a row of its record type flows back to Magento ({@code fields}
     * are the Vtiger fields it reads); {@code cursor} (Vtiger's {@code modifiedtime}, the server's zone) and
     * {@code lastRun} are null until it was polled, and stay as they were while it is not. {@code unlinkedMeans}
     * says what the run's unlinked records are (for Accounts: no customer's personal Organization).
     */
    @RegisterForReflection
    public record ModuleStatus(String entityType, boolean polled, List<String> fields, String cursor,
            VtigerPollRun lastRun, String unlinkedMeans) {
    }

    public static PollStatus of(SyncSettings settings, Map<EntityType, PollCursor> cursors,
            Map<String, ModuleStatus> modules, Duration overlap) {
        Map<String, TypeStatus> types = new LinkedHashMap<>();
        for (EntityType type : EntityType.values()) {
            SourceSettings source = settings.source(type);
            PollCursor cursor = cursors.get(type);
            types.put(type.label(), new TypeStatus(source.source().wire(), type.polls(),
                    source.startFrom(), cursor == null ? null : cursor.cursor(),
                    cursor == null ? null : cursor.lastRun()));
        }
        return new PollStatus(types, modules, overlap.toString());
    }
}
