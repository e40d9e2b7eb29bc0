package com.mvsync.drain;

import static com.mvsync.magento.EntityType.CUSTOMER;
import static com.mvsync.magento.EntityType.INVOICE;
import static com.mvsync.magento.EntityType.ORDER;
import static com.mvsync.magento.EntityType.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.magento.EntityType;
import com.mvsync.queue.Processed;
import com.mvsync.queue.QueueConfig;
import com.mvsync.queue.QueueFixture;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent.Arrival;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The drain against moto: order, concurrency, crashes, failures and the time budget. */
class DrainerTest {

    static final Duration AMPLE = Duration.ofSeconds(60);

    QueueFixture fx;
    QueueConfig queueConfig = QueueFixture.config();
    DrainConfig config = config(Duration.ofMillis(20));
    QueueStore queue;

    @BeforeEach
    void fresh() {
        fx = new QueueFixture();
        queue = fx.queue(queueConfig);
    }

    @Test
    void coalescedEventsAreProcessedOnceWithTheLatestBody() {
        for (int v = 1; v <= 3; v++) {
            queue.enqueue(new Arrival(CUSTOMER, "customer#42", "customersUpdated", "e" + v, "{\"v\":" + v + "}"));
        }
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        DrainReport report = drainer(queue, config, e -> {
            bodies.add(e.body());
            return Processed.synced(Map.of("Contacts", "12x42"));
        }).drain(request(AMPLE, 2));

        assertThat(bodies).containsExactly("{\"v\":3}");
        assertThat(report).isEqualTo(new DrainReport(1, 1, 0, 0, 0, 0));
        assertThat(queue.get("customer#42")).isEmpty();
    }

    @Test
    void customersBeforeOrdersBeforeInvoices() {
        queue.enqueue(new Arrival(INVOICE, "invoice#3", "invoicesCreated", "i", "{}"));
        fx.clock.advance(Duration.ofSeconds(1));
        queue.enqueue(new Arrival(ORDER, "order#2", "ordersPlaced", "o", "{}"));
        fx.clock.advance(Duration.ofSeconds(1));
        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c", "{}"));
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        drainer(queue, config, e -> {
            order.add(e.entityKey());
            return Processed.synced(Map.of());
        }).drain(request(AMPLE, 4));
        assertThat(order).containsExactly("customer#1", "order#2", "invoice#3");
    }

    @Test
    void twoConcurrentDrainsProcessEveryItemExactlyOnce() throws Exception {
        int items = 200;
        for (int i = 0; i < items; i++) {
            EntityType type = i % 4 == 0 ? ORDER : i % 4 == 1 ? PRODUCT : i % 4 == 2 ? INVOICE : CUSTOMER;
            queue.enqueue(new Arrival(type, type.key(String.valueOf(i)), "x", "e" + i, "{}"));
        }
        Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        Function<QueuedEvent, Processed> processor = e -> {
            processed.computeIfAbsent(e.entityKey(), k -> new AtomicInteger()).incrementAndGet();
            return Processed.synced(Map.of());
        };
        Drainer a = drainer(fx.queue(queueConfig), config, processor);
        Drainer b = drainer(fx.queue(queueConfig), config, processor);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<DrainReport> ra = threads.submit(() -> {
                start.await();
                return a.drain(request(AMPLE, 4));
            });
            Future<DrainReport> rb = threads.submit(() -> {
                start.await();
                return b.drain(request(AMPLE, 4));
            });
            start.countDown();
            DrainReport one = ra.get();
            DrainReport two = rb.get();

            assertThat(processed).hasSize(items);
            assertThat(processed.values()).allMatch(n -> n.get() == 1);
            assertThat(one.claimed() + two.claimed()).isEqualTo(items);
            assertThat(one.succeeded() + two.succeeded()).isEqualTo(items);
            assertThat(one.remaining() + two.remaining()).isZero();
            assertThat(queue.depth().values()).allMatch(n -> n == 0);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anItemLeftByACrashedDrainIsTakenOverAfterItsLease() {
        QueuedEvent e = queue.enqueue(new Arrival(PRODUCT, "product#SKU", "productsSaved", "p", "{}"));
        assertThat(fx.queue(queueConfig).claim(e, config.lease())).as("the crashed drain's claim").isPresent();
        AtomicInteger calls = new AtomicInteger();
        Drainer drainer = drainer(queue, config, ev -> {
            calls.incrementAndGet();
            return Processed.synced(Map.of("Products", "14x1"));
        });

        fx.clock.advance(config.lease().minusSeconds(1));
        assertThat(drainer.drain(request(AMPLE, 2)).claimed()).as("held: not yet").isZero();

        fx.clock.advance(Duration.ofSeconds(2));
        DrainReport report = drainer.drain(request(AMPLE, 2));
        assertThat(report.claimed()).isEqualTo(1);
        assertThat(report.succeeded()).isEqualTo(1);
        assertThat(calls).hasValue(1);
        assertThat(queue.get("product#SKU")).isEmpty();
    }

    @Test
    void retriesBackOffAndEndDeadWithTheLastError() {
        QueueStore q = fx.queue(QueueFixture.config(3, Duration.ofSeconds(1), Duration.ofSeconds(10)), bound -> bound);
        DrainConfig small = config(Duration.ZERO);
        q.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c", "{}"));
        AtomicInteger calls = new AtomicInteger();
        Drainer drainer = drainer(q, small, e -> Processed.retry("Vtiger down " + calls.incrementAndGet()));

        assertThat(drainer.drain(request(AMPLE, 1))).isEqualTo(new DrainReport(1, 0, 1, 0, 0, 0));
        assertThat(drainer.drain(request(AMPLE, 1)).claimed()).as("in backoff").isZero();
        fx.clock.advance(Duration.ofSeconds(1));
        assertThat(drainer.drain(request(AMPLE, 1)).retried()).isEqualTo(1);
        assertThat(q.get("customer#1").orElseThrow().dueAt()).isEqualTo(fx.clock.instant().plusSeconds(2));
        fx.clock.advance(Duration.ofSeconds(2));
        assertThat(drainer.drain(request(AMPLE, 1))).isEqualTo(new DrainReport(1, 0, 0, 1, 0, 0));

        QueuedEvent dead = q.get("customer#1").orElseThrow();
        assertThat(dead.status()).isEqualTo(QueueStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).isEqualTo("Vtiger down 3");
        fx.clock.advance(Duration.ofHours(1));
        assertThat(drainer.drain(request(AMPLE, 1)).claimed()).as("dead letters wait for the admin").isZero();
    }

    @Test
    void aPermanentOutcomeIsDeadAtOnceAndAnExceptionIsARetry() {
        queue.enqueue(new Arrival(ORDER, "order#1", "ordersPlaced", "o", "{}"));
        queue.enqueue(new Arrival(INVOICE, "invoice#1", "invoicesCreated", "i", "{}"));
        DrainReport report = drainer(queue, config, e -> {
            if (e.entityType() == ORDER) {
                return Processed.dead("SalesOrder: subject is mandatory");
            }
            throw new IllegalStateException("boom");
        }).drain(request(AMPLE, 2));

        assertThat(report).isEqualTo(new DrainReport(2, 0, 1, 1, 0, 0));
        assertThat(queue.get("order#1").orElseThrow().status()).isEqualTo(QueueStatus.DEAD);
        QueuedEvent invoice = queue.get("invoice#1").orElseThrow();
        assertThat(invoice.status()).isEqualTo(QueueStatus.PENDING);
        assertThat(invoice.lastError()).isEqualTo("IllegalStateException: boom");
    }

    @Test
    void aRetriedDeadLetterIsDrainedAgain() {
        queue.enqueue(new Arrival(ORDER, "order#1", "ordersPlaced", "o", "{}"));
        AtomicInteger calls = new AtomicInteger();
        Drainer drainer = drainer(queue, config, e -> calls.incrementAndGet() == 1
                ? Processed.dead("bad") : Processed.synced(Map.of("SalesOrder", "6x1")));
        assertThat(drainer.drain(request(AMPLE, 1)).dead()).isEqualTo(1);
        assertThat(queue.retry("order#1")).isPresent();
        assertThat(drainer.drain(request(AMPLE, 1)).succeeded()).isEqualTo(1);
        assertThat(queue.get("order#1")).isEmpty();
    }

    @Test
    void anEventEnqueuedDuringProcessingIsLeftPendingForTheNextRun() {
        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c1", "{\"v\":1}"));
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        Drainer drainer = drainer(queue, config, e -> {
            bodies.add(e.body());
            if (e.version() == 1) {
                queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersUpdated", "c2", "{\"v\":2}"));
            }
            return Processed.synced(Map.of());
        });
        drainer.drain(request(AMPLE, 1));
        assertThat(queue.get("customer#1").orElseThrow().body()).isEqualTo("{\"v\":2}");

        fx.clock.advance(Duration.ofSeconds(1));
        drainer.drain(request(AMPLE, 1));
        assertThat(bodies).containsExactly("{\"v\":1}", "{\"v\":2}");
        assertThat(queue.get("customer#1")).isEmpty();
    }

    @Test
    void aSmallBudgetLeavesItemsForTheNextRun() {
        for (int i = 0; i < 10; i++) {
            queue.enqueue(new Arrival(PRODUCT, "product#" + i, "productsSaved", "p" + i, "{}"));
        }
        Drainer drainer = drainer(queue, config, e -> {
            sleep(150);
            return Processed.synced(Map.of());
        });
        long started = System.nanoTime();
        DrainReport first = drainer.drain(request(Duration.ofMillis(500), 1));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(first.claimed()).isBetween(1, 4);
        assertThat(first.remaining()).isEqualTo(10 - first.claimed());
        assertThat(elapsedMs).as("stops claiming in time").isLessThan(1500);

        DrainReport second = drainer.drain(request(AMPLE, 4));
        assertThat(second.succeeded()).isEqualTo(first.remaining());
        assertThat(second.remaining()).isZero();
    }

    @Test
    void onlyTheRequestedEntityTypesAreDrained() {
        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c", "{}"));
        queue.enqueue(new Arrival(ORDER, "order#1", "ordersPlaced", "o", "{}"));
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        drainer(queue, config, e -> {
            seen.add(e.entityKey());
            return Processed.synced(Map.of());
        }).drain(new DrainRequest(AMPLE, 2, Set.of(ORDER), fx.clock.instant()));
        assertThat(seen).containsExactly("order#1");
        assertThat(queue.get("customer#1")).isPresent();
    }

    @Test
    void drainDueHonoursCronPeriodsAndRecordsTheDrain() {
        SettingsStore settings = fx.settings(Duration.ZERO);
        settings.update(SettingsUpdate.parse(json("{\"types\":{\"CONTACTS\":{\"mode\":\"cron\",\"periodMinutes\":10}}}")));
        PeriodTracker periods = new PeriodTracker(QueueFixture.dynamo(), fx.table);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Drainer drainer = new Drainer(queue, fx.log(), settings, periods, config, e -> {
            seen.add(e.entityKey());
            return Processed.synced(Map.of());
        }, fx.clock);
        Instant t0 = fx.clock.instant();

        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "c1", "{}"));
        assertThat(drainer.drainDue(AMPLE, 2).succeeded()).as("never drained: due").isEqualTo(1);
        assertThat(periods.lastDrains()).containsOnly(Map.entry(CUSTOMER, t0));

        fx.clock.advance(Duration.ofMinutes(5));
        queue.enqueue(new Arrival(CUSTOMER, "customer#2", "customersCreated", "c2", "{}"));
        queue.enqueue(new Arrival(PRODUCT, "product#1", "productsSaved", "p1", "{}"));
        drainer.drainDue(AMPLE, 2);
        assertThat(seen).as("product is immediate (a fallback): always due").containsExactly("customer#1",
                "product#1");

        fx.clock.advance(Duration.ofMinutes(5));
        drainer.drainDue(AMPLE, 2);
        assertThat(seen).containsExactly("customer#1", "product#1", "customer#2");
    }

    private Drainer drainer(QueueStore queue, DrainConfig config, Function<QueuedEvent, Processed> process) {
        return new Drainer(queue, fx.log(), fx.settings(Duration.ZERO), new PeriodTracker(QueueFixture.dynamo(),
                fx.table), config, process, fx.clock);
    }

    private DrainRequest request(Duration budget, int concurrency) {
        return new DrainRequest(budget, concurrency, Set.of(EntityType.values()), fx.clock.instant());
    }

    /** Drain settings with small numbers, so tests stay quick. */
    private static DrainConfig config(Duration reserve) {
        return new DrainConfig() {
            public Duration lease() {
                return Duration.ofMinutes(3);
            }

            public Duration drainReserve() {
                return reserve;
            }

            public Duration drainBudget() {
                return Duration.ofSeconds(10);
            }

            public int drainConcurrency() {
                return 4;
            }
        };
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
