package com.mvsync.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "mvsync.settings")
public interface SettingsConfig {

    /**
     * How long a container reuses the settings it read. A change reaches every warm container within this bound
     * (the container that made it sees it at once). Zero reads DynamoDB every time.
     */
    @WithDefault("PT10S")
    Duration cacheTtl();
}
