package com.mvsync.reliability;

import static com.mvsync.magento.EntityType.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.drain.DrainReport;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent.Arrival;
import com.mvsync.store.SyncLedger;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Four drains at once (four scheduled invocations overlapping, each with its own {@link Drainer#drain} and four items
 * in flight) over 300 queued product saves, against the Vtiger double: every item is claimed by exactly one drain and
 * synced exactly once (one Vtiger create per SKU, 300 creates in all), and the queue is empty afterwards. Sized so that
 * four drains finish well within their budget on a loaded 2-core machine with moto (one Python process) as DynamoDB.
 *
 * <p>Runs in {@link FaultStormTest}'s profile, so Quarkus does not restart for it.
 */
@QuarkusTest
@TestProfile(FaultStormTest.Storm.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class ConcurrentDrainsTest {

    static final int ITEMS = 300;
    static final int DRAINS = 4;
    static final Set<EntityType> PRODUCTS = Set.of(EntityType.PRODUCT);

    @Inject
    QueueStore queue;
    @Inject
    Drainer drainer;
    @Inject
    SyncLedger ledger;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    @Test
    void fourDrainsSyncEveryItemExactlyOnce() throws Exception {
        vtiger.clearFaults();
        // Whatever earlier tests left due is drained first, so the counts below are this test's alone.
        drainer.drain(new DrainRequest(Duration.ofSeconds(30), 4, PRODUCTS, Instant.now().plusSeconds(1)));

        String run = Long.toString(System.currentTimeMillis() % 100_000_000, 36).toUpperCase();
        List<String> skus = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(8, DRAINS));
        try {
            List<Future<?>> enqueued = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                String sku = "DRAIN-" + run + "-" + i;
                skus.add(sku);
                enqueued.add(pool.submit(() -> queue.enqueue(new Arrival(PRODUCT, "product#" + sku, "productsSaved",
                        "drains:" + sku, Samples.product("rest/product_get_MB-TRAVEL-01.json", sku)))));
            }
            for (Future<?> f : enqueued) {
                f.get(60, TimeUnit.SECONDS);
            }
            vtiger.resetCounts();

            Instant now = Instant.now().plusSeconds(1);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<DrainReport>> drains = new ArrayList<>();
            for (int d = 0; d < DRAINS; d++) {
                drains.add(pool.submit(() -> {
                    start.await();
                    return drainer.drain(new DrainRequest(Duration.ofSeconds(240), 4, PRODUCTS, now));
                }));
            }
            start.countDown();
            List<DrainReport> reports = new ArrayList<>();
            for (Future<DrainReport> f : drains) {
                reports.add(f.get(200, TimeUnit.SECONDS));
            }
            System.out.println("concurrent drains: " + reports);

            assertThat(reports.stream().mapToInt(DrainReport::claimed).sum()).as("claimed once in all: %s", reports)
                    .isEqualTo(ITEMS);
            assertThat(reports.stream().mapToInt(DrainReport::succeeded).sum()).isEqualTo(ITEMS);
            assertThat(reports).allSatisfy(r -> {
                assertThat(r.retried()).isZero();
                assertThat(r.dead()).isZero();
                assertThat(r.remaining()).isZero();
            });
            assertThat(reports.stream().filter(r -> r.claimed() > 0).count()).as("the drains shared the work")
                    .isGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }

        assertThat(vtiger.calls("create", "Products")).as("one Vtiger create per item").isEqualTo(ITEMS);
        assertThat(vtiger.calls("create")).isEqualTo(ITEMS);
        assertThat(vtiger.calls("revise") + vtiger.calls("update")).isZero();
        Set<String> mine = Set.copyOf(skus);
        Map<Object, Long> bySku = vtiger.records("Products").stream().map(r -> r.get("productcode"))
                .filter(mine::contains).collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(bySku).hasSize(ITEMS).allSatisfy((sku, n) -> assertThat(n).as(sku.toString()).isEqualTo(1L));
        for (String sku : skus) {
            assertThat(queue.get("product#" + sku)).as(sku + " left the queue").isEmpty();
            assertThat(ledger.link("product#" + sku).idOf("Products")).as(sku + " linked").startsWith("14x");
        }
        assertThat(queue.countDue(Instant.now().plus(Duration.ofDays(1)), PRODUCTS)).as("queue empty").isZero();
    }
}
