package com.mvsync.queue;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Where a queued entity is: waiting (maybe in backoff), being synced by a drain, or parked for the admin. */
public enum QueueStatus {
    PENDING, IN_PROGRESS, DEAD;

    /** As the admin API writes and accepts it: pending, in_progress, dead. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts pending, in_progress (or in-progress) and dead, any case. */
    public static Optional<QueueStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (QueueStatus s : values()) {
            if (s.name().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
