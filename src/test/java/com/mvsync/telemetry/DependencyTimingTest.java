package com.mvsync.telemetry;

import com.mvsync.timing.DependencyTimer;
import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.store.SyncLedger;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.vtiger.VtigerClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The DynamoDB interceptor and the Vtiger client both report into the invocation's timer. */
@QuarkusTest
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class DependencyTimingTest {

    @Inject
    SyncLedger ledger;
    @Inject
    VtigerClient vtiger;

    @Test
    void storeAndVtigerCallsAreTimed() {
        vtiger.session();
        DependencyTimer.reset();

        ledger.link("customer#timing");
        vtiger.query("SELECT id FROM Contacts LIMIT 1;");

        DependencyTimer.Totals totals = DependencyTimer.totals();
        assertThat(totals.calls(DependencyTimer.Dependency.DYNAMODB)).isEqualTo(1);
        assertThat(totals.calls(DependencyTimer.Dependency.VTIGER)).isEqualTo(1);
        assertThat(totals.nanos(DependencyTimer.Dependency.DYNAMODB)).isPositive();
    }
}
