package com.mvsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mvsync.testing.MutableClock;
import com.mvsync.testing.moto.DynamoDbTestClients.RequestCounter;
import com.mvsync.testing.moto.DynamoDbTestClients;
import com.mvsync.testing.moto.TestStoreConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The idempotency and link records, against a real DynamoDB-compatible server (moto). */
class SyncLedgerTest {

    static final RequestCounter requests = new RequestCounter();
    static DynamoDbClient dynamo;
    static SyncTable table;
    static final StoreConfig config = new TestStoreConfig("ledger-test");

    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    SyncLedger ledger;
    String event;
    String entity;

    @BeforeAll
    static void createTable() {
        dynamo = DynamoDbTestClients.create(requests);
        table = new SyncTable(dynamo, config);
        table.createIfMissing();
    }

    @BeforeEach
    void fresh() {
        ledger = new SyncLedger(dynamo, table, config, clock, null);
        event = "evt-" + UUID.randomUUID();
        entity = "customer#" + UUID.randomUUID();
        requests.reset();
    }

    @Test
    void aNewEventIsClaimedOnceAndThenAnsweredFromItsRecord() {
        assertThat(ledger.claimEvent(event, entity)).isInstanceOf(EventClaim.Claimed.class);
        assertThat(ledger.claimEvent(event, entity)).as("held by the first invocation")
                .isInstanceOf(EventClaim.InProgress.class);

        EntityLink link = ledger.lockEntity(entity).with("Contacts", "12x1", Map.of("lastname", "Keller"));
        ledger.commit(event, link, "{\"status\":\"synced\"}");

        requests.reset();
        EventClaim again = ledger.claimEvent(event, entity);
        assertThat(again).isEqualTo(new EventClaim.AlreadyDone(event, "{\"status\":\"synced\"}"));
        assertThat(requests.total()).as("a redelivery costs one request").isEqualTo(1);
    }

    @Test
    void aSyncCostsThreeRequests() {
        ledger.claimEvent(event, entity);
        EntityLink link = ledger.lockEntity(entity);
        ledger.commit(event, link.with("Leads", "10x1", Map.of()), "{}");
        assertThat(requests.total()).isEqualTo(3);
        assertThat(requests.of("TransactWriteItems")).isEqualTo(1);
    }

    @Test
    void aFailedEventCanBeClaimedAgainAndKeepsWhatWasMade() {
        ledger.claimEvent(event, entity);
        EntityLink partial = ledger.lockEntity(entity).with("Leads", "10x5", Map.of("lastname", "K"));
        ledger.abandon(event, partial, "Vtiger create of Accounts failed");

        assertThat(ledger.claimEvent(event, entity)).isInstanceOf(EventClaim.Claimed.class);
        EntityLink reread = ledger.lockEntity(entity);
        assertThat(reread.vtigerIds()).containsExactly(Map.entry("Leads", "10x5"));
        assertThat(reread.lastWrittenTo("Leads")).containsEntry("lastname", "K");
    }

    @Test
    void aClaimLeftByACrashedInvocationLapsesAfterTheLease() {
        ledger.claimEvent(event, entity);
        clock.advance(Duration.ofMinutes(1));
        assertThat(ledger.claimEvent(event, entity)).isInstanceOf(EventClaim.InProgress.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(ledger.claimEvent(event, entity)).isInstanceOf(EventClaim.Claimed.class);
    }

    @Test
    void anEntityIsLockedAgainstOtherContainersUntilCommitOrLeaseEnd() {
        SyncLedger otherContainer = new SyncLedger(dynamo, table, config, clock, null);
        ledger.claimEvent(event, entity);
        ledger.lockEntity(entity);

        assertThatThrownBy(() -> otherContainer.lockEntity(entity)).isInstanceOf(EntityBusyException.class)
                .hasMessageContaining(entity);

        ledger.commit(event, EntityLink.empty(entity).with("Contacts", "12x9", Map.of()), "{}");
        assertThat(otherContainer.lockEntity(entity).idOf("Contacts")).isEqualTo("12x9");
    }

    @Test
    void onlyAnEntitysVeryFirstLockIsFirstAndABusyLockNamesTheEventItIsHeldFor() {
        SyncLedger otherContainer = new SyncLedger(dynamo, table, config, clock, null);
        SyncLedger.Locked first = (SyncLedger.Locked) ledger.lock(entity, event);
        assertThat(first.first()).as("never locked before").isTrue();
        assertThat(first.link().vtigerIds()).isEmpty();

        assertThatThrownBy(() -> otherContainer.lock(entity, "evt-copy")).isInstanceOfSatisfying(
                EntityBusyException.class, busy -> assertThat(busy.heldFor()).contains(event));

        ledger.abandon(event, EntityLink.empty(entity), "failed before any record was made");
        assertThat(((SyncLedger.Locked) otherContainer.lock(entity, "evt-retry")).first()).as("a retry after a failure")
                .isFalse();

        // A crash leaves its lapsed lock behind: the next lock is not first either, and reads what was linked.
        String crashed = "customer#" + UUID.randomUUID();
        ledger.lockEntity(crashed);
        clock.advance(Duration.ofMinutes(3));
        assertThat(((SyncLedger.Locked) otherContainer.lock(crashed, event)).first()).isFalse();
        assertThatThrownBy(() -> ledger.lock(crashed, "evt-other")).isInstanceOfSatisfying(
                EntityBusyException.class, busy -> assertThat(busy.heldFor()).contains(event));
    }

    @Test
    void theLastEventCommittedIsRefusedByTheLockAndAnsweredFromTheLinkInOneRequest() {
        ledger.claimEvent(event, entity);
        ledger.lock(entity, event);
        ledger.commit(event, EntityLink.empty(entity).with("Contacts", "12x3", Map.of()), "{\"status\":\"synced\"}");

        requests.reset();
        assertThat(ledger.lock(entity, event)).isEqualTo(new SyncLedger.LastDone("{\"status\":\"synced\"}"));
        assertThat(requests.total()).as("a redelivery of the last event").isEqualTo(1);

        // Another event locks as usual, and lets go again without touching the link.
        SyncLedger.Locked next = (SyncLedger.Locked) ledger.lock(entity, "evt-next");
        assertThat(next.link().idOf("Contacts")).isEqualTo("12x3");
        ledger.unlock(entity);
        assertThat(((SyncLedger.Locked) new SyncLedger(dynamo, table, config, clock, null).lock(entity, "evt-other"))
                .link().idOf("Contacts")).as("unlocked, link kept").isEqualTo("12x3");
    }

    @Test
    void threadsOfOneContainerExcludeEachOtherToo() throws Exception {
        ledger.lockEntity(entity);
        var other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var attempt = other.submit(() -> ledger.lockEntity(entity));
            assertThatThrownBy(attempt::get).hasCauseInstanceOf(EntityBusyException.class);
        } finally {
            other.shutdown();
        }
    }

    @Test
    void aLockLeftByACrashedContainerLapses() {
        SyncLedger otherContainer = new SyncLedger(dynamo, table, config, clock, null);
        ledger.lockEntity(entity);
        clock.advance(Duration.ofMinutes(3));
        assertThat(otherContainer.lockEntity(entity).vtigerIds()).isEmpty();
    }

    @Test
    void aCommitAfterLosingTheLockFailsInsteadOfOverwriting() {
        SyncLedger otherContainer = new SyncLedger(dynamo, table, config, clock, null);
        ledger.claimEvent(event, entity);
        ledger.lockEntity(entity);
        clock.advance(Duration.ofMinutes(3));
        otherContainer.lockEntity(entity);

        assertThatThrownBy(() -> ledger.commit(event, EntityLink.empty(entity), "{}"))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void eventRecordsExpireByTtl() {
        ledger.claimEvent(event, entity);
        var item = dynamo.getItem(b -> b.tableName(config.table())
                .key(SyncLedger.key(SyncLedger.eventPk(event), "EVENT"))).item();
        assertThat(Long.parseLong(item.get(SyncTable.EXPIRES_AT).n()))
                .isEqualTo(clock.instant().plus(Duration.ofDays(7)).getEpochSecond());
    }


    @Test
    void aCommitRecordsWhichEntityHoldsItsOwnRecordAndOnlyThatForTheVtigerPoll() {
        String contact = "12x" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000);
        String salesOrder = "6x" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000);
        ledger.claimEvent(event, entity);
        ledger.commit(event, ledger.lockEntity(entity).with("Leads", "10x7", Map.of()).with("Contacts", contact,
                Map.of()), "{}");
        assertThat(ledger.holders(List.of(contact, "10x7"))).isEqualTo(Map.of(contact, entity));

        // An order's link names its buyer's Contact too: that Contact stays the customer's.
        String order = "order#" + UUID.randomUUID();
        String orderEvent = "evt-" + UUID.randomUUID();
        ledger.claimEvent(orderEvent, order);
        ledger.commit(orderEvent, ledger.lockEntity(order).with("SalesOrder", salesOrder, Map.of())
                .with("Contacts", contact, Map.of()), "{}");
        requests.reset();
        assertThat(ledger.holders(List.of(contact, salesOrder))).isEqualTo(Map.of(contact, entity, salesOrder, order));
        assertThat(requests.total()).as("one request for a page of ids").isEqualTo(1);
        assertThat(ledger.holders(List.of())).isEmpty();
    }
}
