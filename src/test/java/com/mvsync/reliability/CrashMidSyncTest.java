package com.mvsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.functions.WebhookFunctions;
import com.mvsync.settings.RecordPolicySource;
import com.mvsync.store.EntityBusyException;
import com.mvsync.store.EntityLink;
import com.mvsync.store.StoreConfig;
import com.mvsync.store.SyncLedger;
import com.mvsync.store.SyncLog;
import com.mvsync.store.SyncTable;
import com.mvsync.sync.Fields;
import com.mvsync.sync.KnownRecords;
import com.mvsync.sync.MagentoSideConflicts;
import com.mvsync.sync.PicklistValues;
import com.mvsync.sync.RecordWriter;
import com.mvsync.sync.StorableFields;
import com.mvsync.telemetry.SyncMetrics;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.http.HttpApiResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An invocation that dies in the middle of a customer's sync, after Vtiger made the Lead and before the Contact: the
 * Lambda runtime is killed (timeout, out of memory), so no code of ours runs after that point and nothing of the
 * attempt is recorded: its event claim and entity lock stay behind, and the Lead exists in Vtiger unlinked. The crash
 * is an {@link Error} thrown from a wrapped {@link RecordWriter} (the sync catches exceptions, never errors). Until
 * the lease lapses (here PT5S: longer than a cold first delivery on a loaded 2-core machine, which logs in one
 * session per parallel lookup) a redelivery is answered 409; after it, the redelivery completes the sync and finds
 * the Lead (and an Organization whose create did reach Vtiger) by its lookup instead of making it again.
 */
@QuarkusTest
@TestProfile(CrashMidSyncTest.ShortLease.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class CrashMidSyncTest {

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "webhook", "mvsync.store.lease", "PT5S");
        }
    }

    /** The runtime going away: not an exception the sync could catch and record. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String message) {
            super(message);
        }
    }

    /** Writes through the real writer; when armed, dies at the Organization, before or after Vtiger made it. */
    static final class CrashingWriter extends RecordWriter {
        volatile boolean armed;
        volatile boolean afterCreate;

        CrashingWriter(VtigerClient vtiger, StorableFields storable, RecordPolicySource policies, SyncLedger ledger,
                SyncMetrics metrics, KnownRecords known, PicklistValues picklists, MagentoSideConflicts conflicts) {
            super(vtiger, storable, policies, ledger, metrics, known, picklists, conflicts);
        }

        @Override
        public Written write(EntityLink link, String module, Fields fields, Lookup lookup, boolean updateLinked,
                Optional<WhenTaken> whenTaken) {
            if (armed && module.equals("Accounts")) {
                armed = false;
                if (afterCreate) {
                    super.write(link, module, fields, lookup, updateLinked, whenTaken);
                }
                throw new SimulatedCrash("killed while writing " + module);
            }
            return super.write(link, module, fields, lookup, updateLinked, whenTaken);
        }
    }

    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000 + 800_000_000L);

    @Inject
    WebhookFunctions webhooks;
    @Inject
    VtigerClient vtigerClient;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;
    @Inject
    StoreConfig storeConfig;
    @Inject
    SyncLog log;
    @Inject
    StorableFields storable;
    @Inject
    RecordPolicySource policies;
    @Inject
    SyncLedger ledger;
    @Inject
    SyncMetrics metrics;
    @Inject
    KnownRecords known;
    @Inject
    PicklistValues picklists;
    @Inject
    MagentoSideConflicts conflicts;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    CrashingWriter writer;
    long id;
    String email;
    String body;

    @BeforeEach
    void crashingWriter() {
        writer = new CrashingWriter(vtigerClient, storable, policies, ledger, metrics, known, picklists, conflicts);
        QuarkusMock.installMockForType(writer, RecordWriter.class);
        id = ids.incrementAndGet();
        email = "crash" + id + "@example.com";
        body = Samples.customer("adobe-io-events/01_customer_save_commit_after_created.json", id, email);
        vtiger.clearFaults();
    }

    @Test
    void aCrashBeforeTheOrganizationIsCompletedAfterTheLeaseWithoutASecondLead() throws Exception {
        crashThenRetry(false);
    }

    @Test
    void aCrashAfterVtigerMadeTheOrganizationFindsItInsteadOfMakingItAgain() throws Exception {
        crashThenRetry(true);
    }

    private void crashThenRetry(boolean afterCreate) throws Exception {
        writer.afterCreate = afterCreate;
        writer.armed = true;
        vtiger.resetCounts();

        // Before the crashed attempt takes its lease: the lease cannot lapse sooner than that after this.
        long crashedAt = System.nanoTime();
        assertThatThrownBy(this::deliver).isInstanceOf(SimulatedCrash.class);
        assertThat(vtiger.calls("create", "Leads")).isEqualTo(1);
        assertThat(vtiger.calls("create", "Accounts")).isEqualTo(afterCreate ? 1 : 0);
        assertThat(vtiger.calls("create", "Contacts")).isZero();
        String lead = only("Leads", "email").get("id").toString();

        // Nothing of the attempt was recorded: the claim and the lock are left as the crash left them.
        Map<String, AttributeValue> event = Deliveries.item(dynamo, "EVENT#ADOBE_IO_EVENTS:evt-" + id, "EVENT");
        assertThat(event.get("status").s()).isEqualTo("IN_PROGRESS");
        Map<String, AttributeValue> link = Deliveries.item(dynamo, "LINK#customer#" + id, "LINK");
        assertThat(link).containsKey("lock_until").doesNotContainKey("ids");
        // Another container cannot take the entity while the lease runs.
        SyncLedger otherContainer = new SyncLedger(dynamo, table, storeConfig, java.time.Clock.systemUTC(), log);
        assertThatThrownBy(() -> otherContainer.lockEntity("customer#" + id))
                .isInstanceOf(EntityBusyException.class);

        // The sender redelivers: 409 while the crashed invocation's lease runs, then the retry takes over.
        HttpApiResponse response = deliver();
        assertThat(response.statusCode()).as("redelivery within the lease").isEqualTo(409);
        assertThat(Deliveries.body(response).path("error").asText()).isEqualTo("in_progress");
        vtiger.resetCounts();
        while (response.statusCode() == 409 && System.nanoTime() - crashedAt < 30_000_000_000L) {
            Thread.sleep(250);
            response = deliver();
        }
        assertThat(response.statusCode()).as("redelivery after the lease: %s", response.body()).isEqualTo(200);
        assertThat((System.nanoTime() - crashedAt) / 1_000_000).as("not before the lease lapsed")
                .isGreaterThanOrEqualTo(4_000);

        JsonNode result = Deliveries.body(response);
        assertThat(result.path("status").asText()).isEqualTo("synced");
        assertThat(result.path("records").findValuesAsText("action")).containsExactly("LINKED",
                afterCreate ? "LINKED" : "CREATED", "CREATED");
        assertThat(vtiger.calls("create", "Leads")).as("the Lead is found by its lookup, not made again").isZero();
        assertThat(vtiger.calls("create", "Accounts")).isEqualTo(afterCreate ? 0 : 1);
        assertThat(vtiger.calls("create", "Contacts")).isEqualTo(1);

        Map<String, Object> account = only("Accounts", "email1");
        Map<String, Object> contact = only("Contacts", "email");
        assertThat(only("Leads", "email").get("id")).isEqualTo(lead);
        assertThat(contact.get("account_id")).as("the Contact is linked to the Organization")
                .isEqualTo(account.get("id"));
        assertThat(result.path("vtiger").path("Leads").asText()).isEqualTo(lead);
        assertThat(result.path("vtiger").path("Accounts").asText()).isEqualTo(account.get("id"));
        assertThat(result.path("vtiger").path("Contacts").asText()).isEqualTo(contact.get("id"));
        Map<String, AttributeValue> linked = Deliveries.item(dynamo, "LINK#customer#" + id, "LINK");
        assertThat(linked.get("ids").m()).containsOnlyKeys("Leads", "Accounts", "Contacts");

        // And the event is done: a further redelivery is answered from the record.
        vtiger.resetCounts();
        HttpApiResponse again = deliver();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Deliveries.body(again).path("replayed").asBoolean()).isTrue();
        assertThat(vtiger.totalCalls()).isZero();
    }

    private HttpApiResponse deliver() {
        return webhooks.webhook(Deliveries.signed("/webhooks/customers/created", body));
    }

    private Map<String, Object> only(String module, String field) {
        List<Map<String, Object>> records = vtiger.records(module).stream().filter(r -> email.equals(r.get(field)))
                .toList();
        assertThat(records).as(module + " of " + email).hasSize(1);
        return records.get(0);
    }
}
