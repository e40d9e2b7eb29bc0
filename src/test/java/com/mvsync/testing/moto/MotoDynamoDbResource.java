package com.mvsync.testing.moto;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the Quarkus DynamoDB client at the JVM-wide {@link MotoServer} and lets the application create its table.
 * Use with {@code @QuarkusTestResource(MotoDynamoDbResource.class)} (or {@code @WithTestResource}).
 * <p>
 * {@link #stop()} does nothing: the server is shared by every test class in the JVM and stops with it. Tests that
 * need an empty table call {@code MotoServer.shared().reset()} (and then create the table again).
 */
public class MotoDynamoDbResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        MotoServer moto = MotoServer.shared();
        return Map.of(
                "quarkus.dynamodb.endpoint-override", moto.endpoint(),
                "quarkus.dynamodb.aws.region", "us-east-1",
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test",
                "mvsync.store.create-table", "true");
    }

    @Override
    public void stop() {
        // Shared server: stopped by MotoServer's JVM shutdown hook.
    }
}
