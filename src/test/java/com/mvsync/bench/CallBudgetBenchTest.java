package com.mvsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.budget.BudgetStore;
import com.mvsync.budget.CallBudget;
import com.mvsync.budget.BudgetConfig;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.backfill.Backfill;
import com.mvsync.drain.DrainReport;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent.Arrival;
import com.mvsync.store.SyncLedger;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.magento.MagentoConfigs;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.vtiger.VtigerPausedException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Vtiger call budget under load: a budget of {@code bench.budget.calls} per {@code bench.budget.window} (600 a
 * minute) with the Vtiger double answering 429 past the same rate. (1) Backfill {@code bench.budget.customers} new
 * customers (1,000) and drain them with drains run back to back: calls per window at most the budget (max over any
 * sliding window of the double's call times), 429s at most one per window, nothing lost or made twice. (2) Four
 * drains at once plus another container's calls under one budget: the combined rate within it.
 *
 * <p>Full size takes about 10 + 2 minutes; a quick check: {@code -Dbench.budget.customers=60
 * -Dbench.budget.products=60 -Dbench.budget.calls=60 -Dbench.budget.window=PT6S}.
 */
@Tag("bench")
@QuarkusTest
@TestProfile(CallBudgetBenchTest.Budget.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallBudgetBenchTest {

    static final int CUSTOMERS = Integer.getInteger("bench.budget.customers", 1000);
    static final int PRODUCTS = Integer.getInteger("bench.budget.products", 300);
    static final int CALLS = Integer.getInteger("bench.budget.calls", 600);
    static final Duration WINDOW = Duration.parse(System.getProperty("bench.budget.window", "PT1M"));
    static final Set<EntityType> ALL = Set.of(EntityType.values());
    static final String TOKEN = "budget-bench-token";
    static final String RUN = Long.toString(System.currentTimeMillis() % 100_000_000, 36);

    public static class Budget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "queueDrain",
                    "mvsync.budget.calls-per-minute", Integer.toString(CALLS),
                    "mvsync.budget.window", WINDOW.toString(),
                    "quarkus.dynamodb.interceptors",
                    "com.mvsync.timing.DynamoDbTimingInterceptor,com.mvsync.bench.StoreOperations");
        }
    }

    @Inject
    QueueStore queue;
    @Inject
    Drainer drainer;
    @Inject
    SyncLedger ledger;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;
    @Inject
    Clock clock;
    @Inject
    BudgetConfig budgetConfig;
    @Inject
    BudgetStore budgetStore;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    @Test
    @Order(1)
    void backfillAndDrainWithinTheBudget() throws Exception {
        long base = 700_000_000L + System.currentTimeMillis() % 1_000_000 * 100;
        ObjectMapper json = new ObjectMapper();
        ObjectNode sample;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("magento/rest/customer_get_42.json")) {
            sample = (ObjectNode) json.readTree(in);
        }
        List<String> emails = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (FakeMagentoServer magento = FakeMagentoServer.start(0, 0, 0, 0).acceptBearer(TOKEN)) {
            for (int i = 0; i < CUSTOMERS; i++) {
                long id = base + i;
                ObjectNode c = sample.deepCopy();
                String email = "budget-" + RUN + "-" + i + "@example.com";
                c.put("id", id);
                c.put("email", email);
                c.put("lastname", "Bench " + i);
                c.withArray("addresses").forEach(a -> ((ObjectNode) a).put("company", "Bench " + RUN + " " + id));
                magento.putCustomer(c);
                emails.add(email);
                keys.add("customer#" + id);
            }
            vtiger.setRateLimit(CALLS, WINDOW);
            vtiger.resetCounts();
            StoreOperations.reset();
            long started = System.nanoTime();

            Backfill backfill = new Backfill(new MagentoRestClient(MagentoConfigs.bearer(magento.baseUrl(), TOKEN),
                    json), queue, dynamo, table, 100, clock);
            Backfill.Progress progress;
            do {
                progress = backfill.run(EntityType.CUSTOMER, Duration.ofSeconds(20), false);
            } while (!progress.status().equals(Backfill.Progress.DONE));
            assertThat(progress.queued()).isEqualTo(CUSTOMERS);

            List<DrainReport> reports = drainUntilEmpty(Duration.ofMillis((long) (CUSTOMERS * 6.0 / CALLS
                    * WINDOW.toMillis() * 3) + 120_000));
            long seconds = (System.nanoTime() - started) / 1_000_000_000;

            int maxPerWindow = vtiger.maxCallsWithin(WINDOW);
            int refused = vtiger.rateLimited();
            long windows = Math.max(1, seconds * 1000 / WINDOW.toMillis());
            int allowed = vtiger.rateLimitedCallTimes().size();
            long storeCalls = StoreOperations.ALL_CALLS.sum();

            // Nothing lost, nothing made twice: one Lead and one Contact per email, three records linked each.
            Map<Object, Long> leads = vtiger.records("Leads").stream().map(r -> r.get("email"))
                    .filter(emails::contains).collect(Collectors.groupingBy(e -> e, Collectors.counting()));
            Map<Object, Long> contacts = vtiger.records("Contacts").stream().map(r -> r.get("email"))
                    .filter(emails::contains).collect(Collectors.groupingBy(e -> e, Collectors.counting()));
            long linked = keys.stream().filter(k -> ledger.link(k).vtigerIds().size() == 3).count();
            Map<QueueStatus, Long> depth = queue.depth();

            BenchReport report = new BenchReport("60-call-budget", "Vtiger call budget: backfill and drain");
            report.table(List.of("measurement", "value"), List.of(
                    List.of("budget / double's limit", CALLS + " calls per " + WINDOW),
                    List.of("customers backfilled and drained", Integer.toString(CUSTOMERS)),
                    List.of("drain runs", Integer.toString(reports.size())),
                    List.of("wall time", seconds + " s"),
                    List.of("Vtiger calls answered", Integer.toString(allowed)),
                    List.of("calls per window, max over any sliding window", Integer.toString(maxPerWindow)),
                    List.of("429s from the double", Integer.toString(refused)),
                    List.of("items paused (no attempt counted)",
                            Integer.toString(reports.stream().mapToInt(DrainReport::paused).sum())),
                    List.of("retried / dead", reports.stream().mapToInt(DrainReport::retried).sum() + " / "
                            + reports.stream().mapToInt(DrainReport::dead).sum()),
                    List.of("DynamoDB requests per Vtiger call (all: queue, ledger, log, budget)",
                            BenchReport.f2(storeCalls / (double) Math.max(1, allowed))),
                    List.of("Leads / Contacts / customers with 3 linked records", leads.size() + " / "
                            + contacts.size() + " / " + linked),
                    List.of("queue after", depth.toString())));
            report.summary("Vtiger calls per window under a budget of " + CALLS, maxPerWindow + " (max, sliding)",
                    "<= " + CALLS, BenchReport.met(maxPerWindow <= CALLS));
            report.summary("429s while draining " + CUSTOMERS + " customers", refused + " in " + windows
                    + " windows", "<= 1 per window", BenchReport.met(refused <= windows));
            report.write();

            assertThat(maxPerWindow).isLessThanOrEqualTo(CALLS);
            assertThat((long) refused).isLessThanOrEqualTo(windows);
            assertThat(leads).hasSize(CUSTOMERS).allSatisfy((e, n) -> assertThat(n).isEqualTo(1L));
            assertThat(contacts).hasSize(CUSTOMERS).allSatisfy((e, n) -> assertThat(n).isEqualTo(1L));
            assertThat(linked).isEqualTo(CUSTOMERS);
            assertThat(depth.get(QueueStatus.PENDING) + depth.get(QueueStatus.IN_PROGRESS)).isZero();
            assertThat(depth.get(QueueStatus.DEAD)).isZero();
        } finally {
            vtiger.setRateLimit(0, null);
        }
    }

    @Test
    @Order(2)
    void fourDrainsAndAnotherContainerShareOneBudget() throws Exception {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < PRODUCTS; i++) {
            String sku = "BUDGET-" + RUN + "-" + i;
            skus.add(sku);
            queue.enqueue(new Arrival(EntityType.PRODUCT, "product#" + sku, "productsSaved", "budget:" + sku,
                    Samples.product("rest/product_get_MB-TRAVEL-01.json", sku)));
        }
        vtiger.setRateLimit(CALLS, WINDOW);
        // Another container: its own budget over the same table, calling the double directly about 5 times a second.
        CallBudget other = new CallBudget(budgetConfig, budgetStore, clock);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger otherCalls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        long started = System.nanoTime();
        try {
            Future<?> container = pool.submit(() -> {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest challenge = HttpRequest.newBuilder(URI.create(vtiger.endpoint()
                        + "?operation=getchallenge&username=admin")).GET().build();
                while (running.get()) {
                    try {
                        CallBudget.waitingAtMost(WINDOW, () -> {
                            other.beforeCall("getchallenge");
                            return null;
                        });
                        HttpResponse<String> r = http.send(challenge, HttpResponse.BodyHandlers.ofString());
                        other.afterAnswer("getchallenge", r.statusCode(), h -> r.headers().firstValue(h).orElse(null));
                        otherCalls.incrementAndGet();
                        Thread.sleep(200);
                    } catch (VtigerPausedException e) {
                        // waits for the window with the next round
                    }
                }
                return null;
            });
            List<Future<List<DrainReport>>> drains = new ArrayList<>();
            for (int d = 0; d < 4; d++) {
                drains.add(pool.submit(() -> drainUntilEmpty(Duration.ofMillis((long) (PRODUCTS * 2.0 / CALLS
                        * WINDOW.toMillis() * 4) + 120_000))));
            }
            List<DrainReport> reports = new ArrayList<>();
            for (Future<List<DrainReport>> f : drains) {
                reports.addAll(f.get(2, TimeUnit.HOURS));
            }
            running.set(false);
            container.get(5, TimeUnit.MINUTES);
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            int maxPerWindow = vtiger.maxCallsWithin(WINDOW);
            int refused = vtiger.rateLimited();
            long windows = Math.max(1, seconds * 1000 / WINDOW.toMillis());
            Map<Object, Long> bySku = vtiger.records("Products").stream().map(r -> r.get("productcode"))
                    .filter(skus::contains).collect(Collectors.groupingBy(k -> k, Collectors.counting()));

            BenchReport report = new BenchReport("61-call-budget-shared", "Vtiger call budget: four drains and"
                    + " another container at once");
            report.table(List.of("measurement", "value"), List.of(
                    List.of("products drained by 4 drains at once", Integer.toString(PRODUCTS)),
                    List.of("calls by the other container", Integer.toString(otherCalls.get())),
                    List.of("wall time", seconds + " s"),
                    List.of("combined calls per window, max over any sliding window", Integer.toString(maxPerWindow)),
                    List.of("429s from the double", Integer.toString(refused)),
                    List.of("claimed / paused", reports.stream().mapToInt(DrainReport::claimed).sum() + " / "
                            + reports.stream().mapToInt(DrainReport::paused).sum())));
            report.summary("four drains + another container, calls per window (budget " + CALLS + ")",
                    maxPerWindow + " (max, sliding)", "<= " + CALLS, BenchReport.met(maxPerWindow <= CALLS));
            report.write();

            assertThat(maxPerWindow).isLessThanOrEqualTo(CALLS);
            assertThat((long) refused).isLessThanOrEqualTo(windows);
            assertThat(bySku).hasSize(PRODUCTS).allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
            assertThat(vtiger.rateLimitedCallTimes().size()).isGreaterThan(otherCalls.get());
        } finally {
            running.set(false);
            pool.shutdownNow();
            vtiger.setRateLimit(0, null);
        }
    }

    /** Drains back to back until nothing is pending; a drain that stopped for the budget sleeps to its end. */
    private List<DrainReport> drainUntilEmpty(Duration timeout) throws InterruptedException {
        List<DrainReport> reports = new ArrayList<>();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Map<QueueStatus, Long> depth = queue.depth();
            if (depth.get(QueueStatus.PENDING) + depth.get(QueueStatus.IN_PROGRESS) == 0) {
                break;
            }
            DrainReport r = drainer.drain(new DrainRequest(Duration.ofSeconds(50), 4, ALL, Instant.now()));
            reports.add(r);
            if (r.callsResumeAt() != null) {
                Thread.sleep(Math.max(10, r.callsResumeAt().toEpochMilli() - System.currentTimeMillis() + 20));
            } else if (r.claimed() == 0) {
                Thread.sleep(200); // held by another drain, or due in a moment
            }
        }
        return reports;
    }
}
