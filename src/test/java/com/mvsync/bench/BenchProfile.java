package com.mvsync.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The benchmark's application: production logging (JSON lines) and CloudWatch metric lines on, as in Lambda, so their
 * cost is part of the measured own work; the DynamoDB interceptors are the product's timing interceptor plus
 * {@link StoreOperations}.
 */
public class BenchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.dynamodb.interceptors",
                "com.mvsync.timing.DynamoDbTimingInterceptor,com.mvsync.bench.StoreOperations",
                "mvsync.metrics.enabled", "true",
                "quarkus.log.console.json.enabled", "true");
    }
}
