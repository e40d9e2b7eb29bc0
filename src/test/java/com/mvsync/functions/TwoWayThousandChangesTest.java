package com.mvsync.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.drain.DrainReport;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.ConflictRule;
import com.mvsync.mapping.Direction;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.RecordType;
import com.mvsync.mapping.WriteRule;
import com.mvsync.poll.VtigerPollRun;
import com.mvsync.queue.QueueStore;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.store.SyncLedger;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.twoway.LinkedCustomers;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 21's "1,000 Vtiger changes drained within the budget": 1,000 Contacts linked to Magento customers, their phone
 * (a row mapped both ways) changed in Vtiger within one second after the cursor. The Vtiger poll pages through them
 * (100 rows a page, keyset by modifiedtime then id; a page of one second moves on by offset) inside a shared call
 * budget small enough to make it wait (5 calls per 5 s window: one per 1.25 s slice), against a double that answers
 * 429 past the same limit; the drain writes each customer to the Magento double exactly once, writes nothing to Vtiger,
 * and reserves no Vtiger call; the next poll is silent. Seeded directly (records in the doubles, links in the table),
 * not through 1,000 syncs.
 */
@QuarkusTest
@TestProfile(TwoWayThousandChangesTest.Budgeted.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class TwoWayThousandChangesTest {

    static final int CHANGES = 1000;
    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofSeconds(5);
    /** The budget's slice: a quarter of the window, allowed a fifth of the limit, one call. */
    static final Duration SLICE = WINDOW.dividedBy(4);
    static final ObjectMapper JSON = new ObjectMapper();

    /** The webhook export on a table of its own, with a Vtiger call budget of 5 calls per 5 s. */
    public static class Budgeted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "webhook", "mvsync.store.table", "twoway-thousand-test",
                    "mvsync.budget.calls-per-minute", Integer.toString(LIMIT), "mvsync.budget.window",
                    WINDOW.toString(), "mvsync.budget.calls-per-day", "100000");
        }
    }

    @Inject
    PollFunctions poll;
    @Inject
    Drainer drainer;
    @Inject
    SettingsStore settings;
    @Inject
    MappingStore mappings;
    @Inject
    SyncLedger ledger;
    @Inject
    QueueStore queue;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;

    final FakeVtigerServer vtiger = FakeVtigerResource.server();
    final FakeMagentoServer magento = FakeMagentoResource.server();

    @AfterEach
    void oneWayAgain() {
        vtiger.resumeClock();
        vtiger.setRateLimit(0, null);
        mappings.delete(RecordType.CONTACT, "phone");
    }

    private VtigerPollRun contactsPoll() {
        return poll.vtigerPoll().stream().filter(r -> r.module().equals("Contacts")).findFirst().orElseThrow();
    }

    private int vtigerWrites() {
        return vtiger.calls("create") + vtiger.calls("revise") + vtiger.calls("update");
    }

    /** Calls reserved from the shared budget today (the day's counter, every container's reservations). */
    private long reservedToday() {
        var item = dynamo.getItem(b -> b.tableName(table.name()).consistentRead(true).key(Map.of(SyncTable.PK,
                AttributeValue.fromS("BUDGET#D#" + LocalDate.now(ZoneOffset.UTC)), SyncTable.SK,
                AttributeValue.fromS("BUDGET")))).item();
        AttributeValue used = item == null ? null : item.get("used");
        return used == null ? 0 : Long.parseLong(used.n());
    }

    @Test
    void aThousandVtigerChangesAreDrainedWithinTheBudgetEachWrittenToMagentoOnce() throws Exception {
        settings.update(SettingsUpdate.parse(JSON.readTree("{\"types\":{\"LEADS\":{\"enabled\":false},"
                + "\"ORGANIZATIONS\":{\"enabled\":false}}}")));
        magento.reset();
        mappings.put(new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        long base = System.currentTimeMillis() % 100_000 * 10_000 + 70_000_000_000L;

        // The cursor starts at Vtiger's latest; a marker 5 minutes on moves it past whatever the shared double holds.
        contactsPoll();
        vtiger.advanceClock(Duration.ofMinutes(5));
        vtiger.seed("Contacts", Map.of("lastname", "Marker " + base, "assigned_user_id", "19x1"));
        assertThat(contactsPoll().status()).isEqualTo("done");
        vtiger.advanceClock(Duration.ofMinutes(5));

        // 1,000 customers in Magento, their Contacts in Vtiger edited by a colleague within one second, each linked.
        Map<String, Long> customerOf = new HashMap<>();
        vtiger.holdClock();
        for (int i = 0; i < CHANGES; i++) {
            long id = base + i;
            customerOf.put(LinkedCustomers.make(magento, vtiger, id, "+49 30 " + id), id);
        }
        vtiger.resumeClock();
        LinkedCustomers.link(ledger, customerOf);
        vtiger.setRateLimit(LIMIT, WINDOW);
        vtiger.resetCounts();
        magento.reset();
        long reservedBefore = reservedToday();

        long started = System.nanoTime();
        VtigerPollRun run = contactsPoll();
        long pollMillis = (System.nanoTime() - started) / 1_000_000;

        // Page 1 reads the marker (re-read) and 99 of the second; from that second on, offsets 0 (1 new), 100, …, 900,
        // and 1000 (empty): 12 pages, no login (the session of the earlier polls).
        assertThat(run.status()).isEqualTo("done");
        assertThat(run.requests()).isEqualTo(12);
        assertThat(vtiger.calls("query", "Contacts")).isEqualTo(12);
        assertThat(vtiger.totalCalls()).as("every Vtiger call of the poll").isEqualTo(12);
        assertThat(run.found()).isEqualTo(CHANGES);
        assertThat(run.queued()).isEqualTo(CHANGES);
        assertThat(run.unlinked()).isZero();
        assertThat(run.skipped()).as("the marker, and the 99 read again on page 2").isEqualTo(100);
        assertThat(vtiger.rateLimited()).as("no 429: the budget held the poll back").isZero();
        assertThat(vtiger.maxCallsWithin(WINDOW)).isLessThanOrEqualTo(LIMIT);
        // One call per slice: 12 calls span at least 10 whole slices (the first may come at a slice's end).
        assertThat(pollMillis).as("paced by the budget").isGreaterThanOrEqualTo(SLICE.multipliedBy(10).toMillis());
        long reservedByPoll = reservedToday() - reservedBefore;
        assertThat(reservedByPoll).isGreaterThanOrEqualTo(12);

        started = System.nanoTime();
        int synced = 0;
        for (int round = 0; round < 10 && synced < CHANGES; round++) {
            DrainReport report = drainer.drain(new DrainRequest(Duration.ofSeconds(50), 4,
                    Set.of(EntityType.CUSTOMER), Instant.now().plusSeconds(120)));
            synced += report.succeeded();
        }
        long drainMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("1,000 Vtiger changes: poll %d ms (12 calls), drain %d ms%n", pollMillis, drainMillis);

        assertThat(synced).isEqualTo(CHANGES);
        Map<String, Long> writesPerPath = magento.writes().stream()
                .collect(Collectors.groupingBy(FakeMagentoServer.Write::path, Collectors.counting()));
        assertThat(writesPerPath).hasSize(CHANGES).allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
        assertThat(writesPerPath.keySet()).containsExactlyInAnyOrderElementsOf(customerOf.values().stream()
                .map(id -> "/V1/customers/" + id).toList());
        customerOf.forEach((contact, id) -> assertThat(LinkedCustomers.telephone(magento, id))
                .as("customer %d", id).isEqualTo("+49 30 " + id));
        assertThat(vtigerWrites()).as("no echo: nothing written back to Vtiger").isZero();
        assertThat(vtiger.totalCalls()).as("the drain of write backs makes no Vtiger call").isEqualTo(12);
        assertThat(reservedToday() - reservedBefore).as("nor reserves one from the budget").isEqualTo(reservedByPoll);
        assertThat(customerOf.keySet().stream().filter(c -> queue.get("vtiger#" + c).isPresent()))
                .as("queue drained").isEmpty();

        // Silence: the next poll reads the 1,000 again within the overlap and queues none; the drain writes nothing.
        started = System.nanoTime();
        VtigerPollRun again = contactsPoll();
        long againMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(againMillis).as("11 calls, one per slice").isGreaterThanOrEqualTo(SLICE.multipliedBy(9).toMillis());
        assertThat(again.found()).isZero();
        assertThat(again.queued()).isZero();
        assertThat(again.skipped()).isEqualTo(CHANGES);
        assertThat(again.requests()).as("offset 0 from the overlap, then 100 … 1000 within the second").isEqualTo(11);
        drainer.drain(new DrainRequest(Duration.ofSeconds(20), 4, Set.of(EntityType.CUSTOMER),
                Instant.now().plusSeconds(120)));
        assertThat(magento.writes()).hasSize(CHANGES);
        assertThat(vtigerWrites()).isZero();
        assertThat(vtiger.rateLimited()).isZero();
    }
}
