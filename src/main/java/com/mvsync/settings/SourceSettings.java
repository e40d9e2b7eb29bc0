package com.mvsync.settings;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * Where the changes of one Magento entity type come from ({@code PUT /admin/settings}, part "sources").
 *
 * @param source    webhooks, poll or both
 * @param startFrom where the poll's first run starts (Magento's {@code updated_at} at or after it); set to the time
 *                  of the switch when the source starts polling without one, so switching never backfills by surprise.
 *                  A new value restarts the poll's cursor from it. Null while the type is not polled.
 */
@RegisterForReflection
public record SourceSettings(Source source, Instant startFrom) {

    public static final SourceSettings DEFAULT = new SourceSettings(Source.WEBHOOKS, null);

    public SourceSettings {
        if (source == null) {
            throw new InvalidSettingsException("source must be one of " + Source.wireNames());
        }
    }
}
