package com.mvsync.mapping;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "mvsync.mapping")
public interface MappingConfig {

    /**
     * How long a container reuses the mapping rows it read for a type. An admin change reaches every warm container
     * within this bound (the container that made the change sees it at once). Zero reads DynamoDB on every sync.
     */
    @WithDefault("PT10S")
    Duration cacheTtl();
}
