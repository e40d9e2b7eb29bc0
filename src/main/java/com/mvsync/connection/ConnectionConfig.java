package com.mvsync.connection;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "mvsync.connection")
public interface ConnectionConfig {

    /**
     * How long a container trusts the connection settings it read. A change made through the admin API reaches
     * every warm container within it (the admin function's own container at once). Zero reads SSM on every call.
     */
    @WithDefault("PT30S")
    Duration cacheTtl();

    /** SSM Parameter Store path the settings live under; the template sets {@code /<stack name>/}. */
    @WithDefault("/magento-vtiger-sync/")
    String parameterPrefix();

    Ssm ssm();

    /** The SSM client: region and credentials from the Lambda environment; the overrides are for tests and local runs. */
    interface Ssm {
        @WithDefault("${AWS_REGION:us-east-1}")
        String region();

        /** e.g. the moto server of the tests or of the local run. */
        Optional<URI> endpointOverride();

        /** Static credentials (tests, local run); unset, the SDK's default chain (the Lambda role) is used. */
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();
    }
}
