package com.mvsync.reliability;

import static com.mvsync.magento.EntityType.CUSTOMER;
import static com.mvsync.magento.EntityType.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.drain.DrainReport;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent.Arrival;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.store.SyncLedger;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer.Fault;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fault storm: the Vtiger double fails 30% of all calls at random (PHP fatals with empty bodies, timeouts, lost
 * sessions, lost login races, rate limits) while queued customers, products and orders are drained. Afterwards every
 * event is synced or a dead letter with its reason, and no Vtiger record exists twice.
 */
@QuarkusTest
@TestProfile(FaultStormTest.Storm.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class FaultStormTest {

    public static class Storm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "queueDrain",
                    "mvsync.queue.backoff-base", "PT0.01S", "mvsync.queue.backoff-cap", "PT0.1S",
                    "mvsync.queue.max-attempts", "10");
        }
    }

    static final int CUSTOMERS = 30;
    static final int ORDERS = 15;

    @Inject
    QueueStore queue;
    @Inject
    Drainer drainer;
    @Inject
    SyncLedger ledger;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    @AfterEach
    void calm() {
        vtiger.clearFaults();
        vtiger.setTimeoutHold(Duration.ofSeconds(30));
    }

    @Test
    void everyEventEndsSyncedOrDeadWithItsReasonAndNothingIsMadeTwice() {
        long base = System.currentTimeMillis() % 1_000_000 * 1000 + 900_000_000L;
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            long id = base + i;
            String email = "storm" + id + "@example.com";
            queue.enqueue(new Arrival(CUSTOMER, "customer#" + id, "customersCreated", "storm:c:" + id,
                    Samples.customer("rest/customer_get_42.json", id, email)));
            keys.add("customer#" + id);
            if (i < ORDERS) {
                long orderId = base + 500 + i;
                String order = Samples.sales("rest/order_get_3005.json", orderId, id, email)
                        .replace("MB-TRAVEL-01", "STORM-A-" + base).replace("WB-STEEL-750", "STORM-B-" + (base + i % 3));
                queue.enqueue(new Arrival(ORDER, "order#" + orderId, "ordersPlaced", "storm:o:" + orderId, order));
                keys.add("order#" + orderId);
            }
        }

        vtiger.setTimeoutHold(Duration.ofMillis(2500));
        vtiger.setRandomFaults(0.30, 42, Fault.HTTP_500_EMPTY, Fault.TIMEOUT, Fault.INVALID_SESSIONID,
                Fault.LOGIN_RACE, Fault.HTTP_429);
        int rounds = 0;
        while (rounds++ < 60 && pendingOf(keys) > 0) {
            DrainReport report = drainer.drain(new DrainRequest(Duration.ofSeconds(30), 4, Set.of(EntityType.values()),
                    Instant.now().plusSeconds(5)));
            assertThat(report.claimed()).as("a drain with work pending claims something").isPositive();
        }
        vtiger.clearFaults();

        assertThat(pendingOf(keys)).as("nothing left pending after %d drains", rounds).isZero();
        int synced = 0;
        for (String key : keys) {
            var queued = queue.get(key);
            if (queued.isPresent()) {
                assertThat(queued.get().status()).isEqualTo(QueueStatus.DEAD);
                assertThat(queued.get().lastError()).as("a dead letter says why").isNotBlank();
            } else {
                assertThat(ledger.link(key).vtigerIds()).as(key + " synced").isNotEmpty();
                synced++;
            }
        }
        assertThat(synced).as("most events get through a 30% fault rate").isGreaterThan(keys.size() / 2);

        assertNoDuplicates("Leads", r -> r.get("email"));
        assertNoDuplicates("Contacts", r -> r.get("email"));
        assertNoDuplicates("Accounts", r -> r.get("accountname") + "|" + r.get("email1"));
        assertNoDuplicates("Products", r -> r.get("productcode"));
        assertNoDuplicates("SalesOrder", r -> r.get("subject"));
    }

    private long pendingOf(List<String> keys) {
        return keys.stream().map(queue::get).filter(q -> q.isPresent() && q.get().status() != QueueStatus.DEAD)
                .count();
    }

    /**
     * No identity of this storm's entities (e-mails, SKUs, names) is held twice. The double is shared with other test
     * classes, some of which seed duplicates on purpose (a Vtiger that holds one e-mail twice), so other identities
     * are not this test's to judge; Sales Order subjects are only ever made by syncs.
     */
    private void assertNoDuplicates(String module, Function<Map<String, Object>, Object> identity) {
        Map<Object, Long> counts = vtiger.records(module).stream().map(identity).filter(Objects::nonNull)
                .filter(k -> module.equals("SalesOrder") || k.toString().toLowerCase(java.util.Locale.ROOT)
                        .contains("storm"))
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as(module + " made twice").isEmpty();
    }

    static String describe(QueuedEvent e) {
        return e.entityKey() + " " + e.status() + " " + e.lastError();
    }
}
