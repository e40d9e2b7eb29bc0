package com.mvsync.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** When a webhook's entity is written to Vtiger: during the webhook call, or by the next scheduled drain. */
public enum Mode {
    IMMEDIATE, CRON;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Mode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        return t.equals("IMMEDIATE") ? Optional.of(IMMEDIATE) : t.equals("CRON") ? Optional.of(CRON) : Optional.empty();
    }
}
