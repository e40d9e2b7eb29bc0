package com.mvsync.settings;

import com.mvsync.settings.InvalidSettingsException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The settings of one {@link SyncType}. */
@RegisterForReflection
public record TypeSettings(boolean enabled, Mode mode, int periodMinutes) {

    public static final int MIN_PERIOD = 1;
    public static final int MAX_PERIOD = 1440;
    public static final TypeSettings DEFAULT = new TypeSettings(true, Mode.IMMEDIATE, 5);

    public TypeSettings {
        if (mode == null) {
            throw new InvalidSettingsException("mode must be immediate or cron");
        }
        if (periodMinutes < MIN_PERIOD || periodMinutes > MAX_PERIOD) {
            throw new InvalidSettingsException("periodMinutes must be between " + MIN_PERIOD + " and " + MAX_PERIOD
                    + " (a day), not " + periodMinutes);
        }
    }
}
