package com.mvsync.bench;

import static com.mvsync.bench.BenchReport.f2;
import static com.mvsync.bench.BenchReport.met;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mvsync.backfill.Backfill;
import com.mvsync.drain.DrainReport;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.queue.QueueStore;
import com.mvsync.store.SyncTable;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.magento.MagentoConfigs;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * "Add all customers to queue" for a store of new customers, then drains until the queue is empty: the Vtiger calls
 * per customer, by operation, with the drain's batched lookups (one IN query per module and up to 100 customers)
 * against the 6 of a customer synced alone (3 lookups + 3 creates). Knobs: {@code bench.backfill.customers} (1000),
 * {@code bench.backfill.concurrency} (4).
 */
@Tag("bench")
@QuarkusTest
@TestProfile(BenchProfile.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class BackfillCallsBenchTest {

    static final int CUSTOMERS = Integer.getInteger("bench.backfill.customers", 1000);
    static final int CONCURRENCY = Integer.getInteger("bench.backfill.concurrency", 4);
    static final double TARGET = 3.1;
    /** A new customer synced alone: a lookup and a create per record (WebhookBenchTest, "customer created, new"). */
    static final int BEFORE = 6;
    static final String TOKEN = "bench-backfill-token";
    static final Set<EntityType> CUSTOMER = Set.of(EntityType.CUSTOMER);

    @Inject
    QueueStore queue;
    @Inject
    Drainer drainer;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    SyncTable table;
    @Inject
    Clock clock;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    @Test
    void backfillOfNewCustomers() throws IOException {
        ObjectMapper json = new ObjectMapper();
        long base = System.currentTimeMillis() % 1_000_000_000L * 10_000;
        try (FakeMagentoServer magento = FakeMagentoServer.start(0, 0, 0, 0).acceptBearer(TOKEN)) {
            for (int i = 1; i <= CUSTOMERS; i++) {
                long id = base + i;
                // Each its own company: new customers, three new records each.
                magento.putCustomer((ObjectNode) json.readTree(Samples.customer("rest/customer_get_42.json", id,
                        "backfill-" + id + "@example.com")));
            }
            Backfill backfill = new Backfill(new MagentoRestClient(MagentoConfigs.bearer(magento.baseUrl(), TOKEN),
                    json), queue, dynamo, table, 100, clock);
            Backfill.Progress progress = backfill.run(EntityType.CUSTOMER, Duration.ofMinutes(10), true);
            assertThat(progress.queued()).isEqualTo(CUSTOMERS);
        }

        vtiger.resetCounts();
        long started = System.nanoTime();
        List<DrainReport> drains = new ArrayList<>();
        int synced = 0;
        while (drains.size() < 20) {
            DrainReport report = drainer.drain(new DrainRequest(Duration.ofMinutes(10), CONCURRENCY, CUSTOMER,
                    Instant.now().plusSeconds(1)));
            drains.add(report);
            synced += report.succeeded();
            if (report.claimed() == 0 || queue.countDue(Instant.now().plusSeconds(1), CUSTOMER) == 0) {
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Integer> calls = vtiger.callCounts();
        int total = calls.values().stream().mapToInt(Integer::intValue).sum();
        double perCustomer = (double) total / CUSTOMERS;
        String byOperation = calls.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String queries = List.of("Leads", "Accounts", "Contacts").stream()
                .map(m -> m + " " + vtiger.calls("query", m)).collect(Collectors.joining(", "));

        BenchReport report = new BenchReport("15-backfill-calls", "Backfill of new customers: Vtiger calls");
        report.table(List.of("customers", "drains", "synced", "Vtiger calls", "by operation", "queries by module",
                "per customer", "before (alone)", "target", "time"), List.of(List.of(Integer.toString(CUSTOMERS),
                        Integer.toString(drains.size()), Integer.toString(synced), Integer.toString(total),
                        byOperation, queries, f2(perCustomer), Integer.toString(BEFORE), "≤ " + TARGET,
                        f2(seconds) + " s")));
        report.note("Backfill (Magento double, pages of 100) of " + CUSTOMERS + " new customers, each with its own "
                + "company, then drains (concurrency " + CONCURRENCY + ") until the queue is empty. Every Vtiger "
                + "request of the drains counts, including any login and describe. Each drain batch of up to 100 "
                + "queued customers is looked up with one IN query per module; a customer synced alone makes a "
                + "lookup per record. Drain reports: " + drains);
        report.summary("Vtiger calls per new customer, backfill of " + CUSTOMERS + " (before: " + BEFORE + ")",
                f2(perCustomer) + " (" + byOperation + ")", "≤ " + TARGET, met(perCustomer <= TARGET));
        report.write();

        assertThat(synced).isEqualTo(CUSTOMERS);
    }
}
