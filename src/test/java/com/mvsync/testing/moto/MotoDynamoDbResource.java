package com.mvsync.testing.moto;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the Quarkus DynamoDB client and the SSM client of the connection settings at the JVM-wide
 * {@link MotoServer} and lets the application create its table.
 * Use with {@code @QuarkusTestResource(MotoDynamoDbResource.class)} (or {@code @WithTestResource}).
 * <p>
 * The server is shared by the test classes of one Quarkus application (one test profile) and stopped with it by
 * {@link #stop()}; the next application gets a fresh one.
 */
public class MotoDynamoDbResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        MotoServer moto = MotoServer.shared();
        return Map.ofEntries(
                Map.entry("quarkus.dynamodb.endpoint-override", moto.endpoint()),
                Map.entry("quarkus.dynamodb.aws.region", "us-east-1"),
                Map.entry("quarkus.dynamodb.aws.credentials.type", "static"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test"),
                Map.entry("mvsync.store.create-table", "true"),
                // The same moto process serves SSM (connection settings). Not quarkus.ssm.*: the SSM client is the
                // plain SDK one (the Quarkiverse SSM extension is not available to this build).
                Map.entry("mvsync.connection.ssm.endpoint-override", moto.endpoint()),
                Map.entry("mvsync.connection.ssm.region", "us-east-1"),
                Map.entry("mvsync.connection.ssm.access-key-id", "test"),
                Map.entry("mvsync.connection.ssm.secret-access-key", "test"));
    }

    @Override
    public void stop() {
        // This application's moto (see MotoServer#stopShared): plain tests outside Quarkus keep their own.
        MotoServer.stopShared();
    }
}
