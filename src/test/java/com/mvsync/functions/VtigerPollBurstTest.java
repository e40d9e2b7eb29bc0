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
import com.mvsync.poll.PollCursor;
import com.mvsync.poll.PollCursorStore;
import com.mvsync.poll.VtigerPollRun;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.store.SyncLedger;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Vtiger poll's re-read list is capped as Magento's poll caps its own ({@code mvsync.poll.recent-limit}, 2,000 in
 * production, so a burst within the overlap cannot grow the cursor item past DynamoDB's 400 KB): here 50, and a burst
 * of 120 linked Contacts changed within one second. The cursor moves past the burst, keeps the 50 newest versions,
 * every change is queued once; the next poll re-reads the burst and queues again only the 70 it forgot, which the
 * drain answers as already done: one Magento write per customer in all, nothing written to Vtiger.
 */
@QuarkusTest
@TestProfile(VtigerPollBurstTest.SmallCap.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class VtigerPollBurstTest {

    static final int CAP = 50;
    static final int BURST = 120;
    static final ObjectMapper JSON = new ObjectMapper();

    /** The webhook export on a table of its own, remembering 50 versions per cursor. */
    public static class SmallCap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "webhook", "mvsync.store.table", "twoway-burst-test",
                    "mvsync.poll.recent-limit", Integer.toString(CAP));
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
    PollCursorStore cursors;

    final FakeVtigerServer vtiger = FakeVtigerResource.server();
    final FakeMagentoServer magento = FakeMagentoResource.server();

    @AfterEach
    void oneWayAgain() {
        vtiger.resumeClock();
        mappings.delete(RecordType.CONTACT, "phone");
    }

    private VtigerPollRun contactsPoll() {
        return poll.vtigerPoll().stream().filter(r -> r.module().equals("Contacts")).findFirst().orElseThrow();
    }

    private PollCursor cursor() {
        return cursors.vtiger("Contacts", EntityType.CUSTOMER, false).orElseThrow();
    }

    private int drain() {
        int synced = 0;
        for (int round = 0; round < 5; round++) {
            DrainReport report = drainer.drain(new DrainRequest(Duration.ofSeconds(50), 4,
                    Set.of(EntityType.CUSTOMER), Instant.now().plusSeconds(120)));
            synced += report.succeeded();
            if (report.claimed() == 0) {
                break;
            }
        }
        return synced;
    }

    @Test
    void aBurstLargerThanTheCapMovesTheCursorAndQueuesEachChangeOnce() throws Exception {
        settings.update(SettingsUpdate.parse(JSON.readTree("{\"types\":{\"LEADS\":{\"enabled\":false},"
                + "\"ORGANIZATIONS\":{\"enabled\":false}}}")));
        magento.reset();
        mappings.put(new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        long base = System.currentTimeMillis() % 100_000 * 10_000 + 80_000_000_000L;

        contactsPoll(); // the first run starts the cursor at Vtiger's latest
        vtiger.advanceClock(Duration.ofMinutes(5));
        vtiger.seed("Contacts", Map.of("lastname", "Marker " + base, "assigned_user_id", "19x1"));
        assertThat(contactsPoll().status()).isEqualTo("done");
        String before = cursor().cursor();
        vtiger.advanceClock(Duration.ofMinutes(5));

        Map<String, Long> customerOf = new HashMap<>();
        vtiger.holdClock();
        for (int i = 0; i < BURST; i++) {
            long id = base + i;
            customerOf.put(LinkedCustomers.make(magento, vtiger, id, "+49 40 " + id), id);
        }
        vtiger.resumeClock();
        LinkedCustomers.link(ledger, customerOf);
        magento.reset();

        VtigerPollRun run = contactsPoll();
        assertThat(run.status()).isEqualTo("done");
        assertThat(run.error()).isNull();
        assertThat(run.found()).isEqualTo(BURST);
        assertThat(run.queued()).isEqualTo(BURST);
        PollCursor after = cursor();
        assertThat(after.cursor()).as("moved past the burst").isGreaterThan(before);
        assertThat(after.recent()).as("only the newest versions are remembered").hasSize(CAP);
        assertThat(after.recent().keySet()).isSubsetOf(customerOf.keySet());

        assertThat(drain()).isEqualTo(BURST);
        assertThat(magento.writes()).hasSize(BURST);

        // The next poll re-reads the burst within the overlap: the 50 remembered are skipped, the 70 forgotten
        // queued again under their event keys, and the drain answers them as already done (no Magento call).
        int vtigerCalls = vtiger.calls("create") + vtiger.calls("revise") + vtiger.calls("update");
        VtigerPollRun again = contactsPoll();
        assertThat(again.status()).isEqualTo("done");
        assertThat(again.skipped()).isEqualTo(CAP);
        assertThat(again.queued()).isEqualTo(BURST - CAP);
        assertThat(cursor().cursor()).isEqualTo(after.cursor());
        int magentoRequests = magento.totalRequests();
        assertThat(drain()).isEqualTo(BURST - CAP);
        assertThat(magento.totalRequests()).as("answered from the first run's record: not even a read")
                .isEqualTo(magentoRequests);

        Map<String, Long> writesPerPath = magento.writes().stream()
                .collect(Collectors.groupingBy(FakeMagentoServer.Write::path, Collectors.counting()));
        assertThat(writesPerPath).hasSize(BURST).allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
        customerOf.values().forEach(id -> assertThat(LinkedCustomers.telephone(magento, id)).as("customer %d", id)
                .isEqualTo("+49 40 " + id));
        assertThat(vtiger.calls("create") + vtiger.calls("revise") + vtiger.calls("update"))
                .as("no echo to Vtiger").isEqualTo(vtigerCalls);
    }
}
