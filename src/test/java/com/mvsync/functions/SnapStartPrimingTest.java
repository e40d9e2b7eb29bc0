package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.store.SyncTable;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SnapStart priming runs the first-request code paths without reaching Vtiger or DynamoDB. */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class SnapStartPrimingTest {

    @Inject
    SnapStartPriming priming;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    @Test
    void primesEveryStepWithoutCallingVtigerOrDynamoDb() {
        int itemsBefore = items();
        vtiger.resetCounts();

        assertThat(priming.prime()).as("failed priming steps").isZero();
        assertThat(priming.prime()).as("priming twice (a second snapshot) also works").isZero();

        assertThat(vtiger.totalCalls()).as("Vtiger calls").isZero();
        assertThat(items()).as("items in the table").isEqualTo(itemsBefore);
    }

    private int items() {
        return dynamo.scan(b -> b.tableName(table.name()).select("COUNT")).count();
    }
}
