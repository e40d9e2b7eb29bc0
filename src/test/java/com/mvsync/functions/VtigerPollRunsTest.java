package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.magento.EntityType;
import com.mvsync.mapping.ConflictRule;
import com.mvsync.mapping.Direction;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.RecordType;
import com.mvsync.mapping.WriteRule;
import com.mvsync.poll.PollCursor;
import com.mvsync.poll.PollCursorStore;
import com.mvsync.poll.PollStatus;
import com.mvsync.poll.VtigerPollModules;
import com.mvsync.poll.VtigerPollRun;
import com.mvsync.store.SyncLedger;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Vtiger poll keeps each module's latest run with its cursor (what {@code GET /admin/poll} shows): the first run,
 * a run Vtiger failed (recorded, the cursor where it was) and the run after it that reads what the failed one could not.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class VtigerPollRunsTest {

    @Inject
    PollFunctions poll;
    @Inject
    PollCursorStore cursors;
    @Inject
    VtigerPollModules modules;
    @Inject
    MappingStore mappings;
    @Inject
    SyncLedger ledger;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;

    final FakeVtigerServer vtiger = FakeVtigerResource.server();

    @AfterEach
    void oneWayAgain() {
        vtiger.clearFaults();
        mappings.delete(RecordType.CONTACT, "phone");
    }

    private VtigerPollRun contactsPoll() {
        return poll.vtigerPoll().stream().filter(r -> r.module().equals("Contacts")).findFirst().orElseThrow();
    }

    private PollCursor stored() {
        return cursors.vtiger("Contacts", EntityType.CUSTOMER, false).orElseThrow();
    }

    @Test
    void eachRunIsKeptWithTheCursorAFailedOneWithoutMovingIt() {
        mappings.put(new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        contactsPoll(); // starts the cursor, or reads what the shared double holds
        vtiger.advanceClock(Duration.ofMinutes(5));
        long id = System.nanoTime() % 1_000_000;
        vtiger.seed("Contacts", Map.of("lastname", "Marker " + id, "assigned_user_id", "19x1"));
        VtigerPollRun marker = contactsPoll();
        assertThat(stored().vtigerRun()).as("kept as answered").isEqualTo(marker);
        assertThat(stored().cursor()).isEqualTo(marker.cursor());

        vtiger.advanceClock(Duration.ofMinutes(5));
        String contact = vtiger.seed("Contacts", Map.of("lastname", "Linked " + id, "phone", "+49 30 9",
                "assigned_user_id", "19x1"));
        assertThat(ledger.claimRecord(contact, "customer#runs-" + id)).isEmpty();
        vtiger.failNext("query", "Contacts", FakeVtigerServer.Fault.NON_JSON, 5);

        VtigerPollRun failed = contactsPoll();
        assertThat(failed.status()).isEqualTo("error");
        assertThat(failed.error()).isNotBlank();
        PollCursor afterFailure = stored();
        assertThat(afterFailure.vtigerRun().status()).isEqualTo("error");
        assertThat(afterFailure.vtigerRun().error()).isEqualTo(failed.error());
        assertThat(afterFailure.cursor()).as("not moved").isEqualTo(marker.cursor());
        PollStatus.ModuleStatus shown = modules.status().get("Contacts");
        assertThat(shown.polled()).isTrue();
        assertThat(shown.lastRun().status()).isEqualTo("error");

        vtiger.clearFaults();
        VtigerPollRun next = contactsPoll();
        assertThat(next.status()).isEqualTo("done");
        assertThat(next.queued()).as("the change the failed run could not read").isEqualTo(1);
        assertThat(stored().vtigerRun()).isEqualTo(next);
        assertThat(modules.status().get("Contacts").lastRun().queued()).isEqualTo(1);
        assertThat(modules.status().get("Contacts").cursor()).isEqualTo(next.cursor());
        // Its customer does not exist: removed, so no later drain spends its time on it.
        dynamo.deleteItem(b -> b.tableName(table.name()).key(Map.of(SyncTable.PK, AttributeValue.fromS(
                "QUEUE#vtiger#" + contact), SyncTable.SK, AttributeValue.fromS("QUEUE"))));
    }
}
