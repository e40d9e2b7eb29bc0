package com.mvsync.settings;

import com.mvsync.settings.InvalidSettingsException;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The settings of one {@link SyncType}. {@code onDelete} is what a customer or product deleted in Magento does to this
 * type's records (types fed by orders, invoices and credit memos keep the default: Magento does not delete those).
 */
@RegisterForReflection
public record TypeSettings(boolean enabled, Mode mode, int periodMinutes, DeletePolicy onDelete) {

    public static final int MIN_PERIOD = 1;
    public static final int MAX_PERIOD = 1440;
    /** Every field at its declared default ({@link TypeSetting}). */
    public static final TypeSettings DEFAULT = TypeSetting.settings(java.util.Map.of());

    public TypeSettings(boolean enabled, Mode mode, int periodMinutes) {
        this(enabled, mode, periodMinutes, (DeletePolicy) TypeSetting.ON_DELETE.defaultValue());
    }

    public TypeSettings {
        if (onDelete == null) {
            throw new InvalidSettingsException("onDelete must be one of " + DeletePolicy.wireNames());
        }
        if (mode == null) {
            throw new InvalidSettingsException("mode must be immediate or cron");
        }
        if (periodMinutes < MIN_PERIOD || periodMinutes > MAX_PERIOD) {
            throw new InvalidSettingsException("periodMinutes must be between " + MIN_PERIOD + " and " + MAX_PERIOD
                    + " (a day), not " + periodMinutes);
        }
    }
}
