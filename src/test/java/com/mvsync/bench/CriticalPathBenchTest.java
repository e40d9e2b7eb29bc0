package com.mvsync.bench;

import static com.mvsync.bench.BenchReport.f2;
import static com.mvsync.bench.BenchReport.met;
import static com.mvsync.bench.BenchReport.ms;
import static com.mvsync.bench.BenchReport.percentile;

import com.mvsync.functions.WebhookFunctions;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.timing.DependencyTimer;
import com.mvsync.timing.DependencyTimer.Dependency;
import com.mvsync.vtiger.VtigerConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A new customer end to end (the customersCreated function in-process: lock, claim, three lookups, three creates,
 * commit; DynamoDB on moto) against the Vtiger double answering every call after a fixed delay, divided by the same
 * six Vtiger calls made bare in sequence ({@link BareVtiger}: {@code java.net.http}, a session of its own, as
 * {@link RealVtigerBenchTest} does). The two sides alternate customer by customer in one run, so both see the same
 * machine. Only three calls depend on each other (lookups; Lead and Organization; Contact), so the ideal ratio is
 * 3 × delay / 6 × delay = 0.5; the rest is the function's own work and the two DynamoDB requests left on the path:
 * the lock before the first Vtiger call and the commit after the last (the claim overlaps the lookups).
 */
@Tag("bench")
@QuarkusTest
@TestProfile(BenchProfile.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class CriticalPathBenchTest {

    static final int CUSTOMERS = Integer.getInteger("bench.critical.customers", 100);
    // A Lambda container serves many events: the first ones run code the JIT has not compiled yet (cold starts are
    // measured on their own, by infra/coldstart).
    static final int WARMUP = Integer.getInteger("bench.critical.warmup", 20);
    static final Duration DELAY = Duration.ofMillis(Long.getLong("bench.vtiger.delay-ms", 40));
    static final double TARGET = 0.6;

    @Inject
    WebhookFunctions webhooks;
    @Inject
    VtigerConfig config;

    final FakeVtigerServer vtiger = FakeVtigerResource.server();
    final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 10_000_000 * 1000 + 7_000_000_000L);

    @Test
    void newCustomerAgainstSixBareCallsInSequence() throws Exception {
        BareVtiger bare = new BareVtiger(vtiger.endpoint()).login(FakeVtigerServer.ADMIN_USER,
                FakeVtigerServer.ADMIN_ACCESS_KEY);
        vtiger.setLatency(DELAY);
        try {
            for (int i = 0; i < WARMUP; i++) {
                sync(request(ids.incrementAndGet()));
                bareCustomer(bare, ids.incrementAndGet());
            }
            long[] synced = new long[CUSTOMERS];
            long[] vtigerWait = new long[CUSTOMERS];
            long[] storeWait = new long[CUSTOMERS];
            long[] bareNanos = new long[CUSTOMERS];
            long vtigerCalls = 0;
            for (int i = 0; i < CUSTOMERS; i++) {
                HttpApiEvent request = request(ids.incrementAndGet()); // the sender's work, not timed
                vtiger.resetCounts();
                long started = System.nanoTime();
                sync(request);
                synced[i] = System.nanoTime() - started;
                DependencyTimer.Totals totals = DependencyTimer.totals();
                vtigerWait[i] = totals.wallNanos(Dependency.VTIGER);
                storeWait[i] = totals.wallNanos(Dependency.DYNAMODB);
                vtigerCalls += vtiger.totalCalls();

                started = System.nanoTime();
                bareCustomer(bare, ids.incrementAndGet());
                bareNanos[i] = System.nanoTime() - started;
            }
            report(synced, vtigerWait, storeWait, bareNanos, vtigerCalls);
        } finally {
            vtiger.setLatency(Duration.ZERO);
        }
    }

    private void report(long[] synced, long[] vtigerWait, long[] storeWait, long[] bare, long vtigerCalls) {
        long syncP50 = p50(synced);
        long bareP50 = p50(bare);
        long vtigerP50 = p50(vtigerWait);
        long storeP50 = p50(storeWait);
        double ratio = (double) syncP50 / bareP50;
        double withoutStore = (double) (syncP50 - storeP50) / bareP50;
        double ideal = 3.0 / 6.0;
        BenchReport report = new BenchReport("45-critical-path", "New customer: parallel critical path / six bare "
                + "Vtiger calls in sequence (Vtiger double, " + DELAY.toMillis() + " ms per call)");
        report.table(List.of("", "p50", "p99"), List.of(
                List.of("new customer, customersCreated end to end (in-process, DynamoDB on moto)", ms(syncP50),
                        ms(p99(synced))),
                List.of("of which waiting on Vtiger (wall time, parallel calls counted once)", ms(vtigerP50),
                        ms(p99(vtigerWait))),
                List.of("of which waiting on DynamoDB (moto)", ms(storeP50), ms(p99(storeWait))),
                List.of("the same six Vtiger calls bare in sequence (java.net.http, one session)", ms(bareP50),
                        ms(p99(bare))),
                List.of("ratio end to end / bare (p50)", f2(ratio), ""),
                List.of("ratio less all DynamoDB wait (p50; the claim overlaps the lookups, so this is a bound)",
                        f2(withoutStore), ""),
                List.of("ideal: 3 dependent steps / 6 calls", f2(ideal), "")));
        report.note(CUSTOMERS + " customers after " + WARMUP + " warm-up ones, the two sides alternating; "
                + "Vtiger calls per synced customer: " + f2((double) vtigerCalls / CUSTOMERS)
                + " (3 lookups + 3 creates); sessions per container: " + config.sessions() + ". The bound is the "
                + "three dependent steps (lookups, then Lead and Organization, then the Contact with the "
                + "Organization's id): 3 × " + DELAY.toMillis() + " ms against 6 × " + DELAY.toMillis()
                + " ms, 0.5; the rest is own work and the DynamoDB requests on the path: the lock before the first "
                + "Vtiger call and the commit after the last (the claim overlaps the lookups, which start at the "
                + "entity's first lock).");
        report.summary("New customer, time / six bare Vtiger calls in sequence (double, " + DELAY.toMillis()
                + " ms per call), p50", f2(ratio) + " (" + ms(syncP50) + " vs " + ms(bareP50) + "; without the "
                + "DynamoDB wait " + f2(withoutStore) + ", ideal 0.50)", "≤ " + f2(TARGET), met(ratio <= TARGET));
        report.write();
    }

    /** A signed webhook request for a new customer, as API Gateway hands it to the function. */
    private static HttpApiEvent request(long id) throws Exception {
        String body = Samples.customer("rest/customer_get_42.json", id, "critical" + id + "@example.com");
        return BareVtiger.JSON.readValue(HttpApiRequests.signedPost("/webhooks/customers/created", body),
                HttpApiEvent.class);
    }

    private HttpApiResponse sync(HttpApiEvent event) {
        HttpApiResponse response = webhooks.webhook(event);
        if (response.statusCode() != 200) {
            throw new AssertionError("customersCreated answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** The sync's six calls for a customer nobody has: three lookups that find nothing, three creates. */
    static void bareCustomer(BareVtiger bare, long id) {
        String email = "bare" + id + "@example.com";
        String name = "Bare " + id;
        bare.query("SELECT id, firstname, lastname, email FROM Leads WHERE email = '" + email + "' LIMIT 1;");
        bare.query("SELECT id, accountname, email1 FROM Accounts WHERE accountname = '" + name + "' AND email1 = '"
                + email + "' LIMIT 1;");
        bare.query("SELECT id, firstname, lastname, email, account_id FROM Contacts WHERE email = '" + email
                + "' LIMIT 1;");
        bare.create("Leads", element("lastname", name, "email", email));
        String account = bare.create("Accounts", element("accountname", name, "email1", email));
        bare.create("Contacts", element("lastname", name, "email", email, "account_id", account));
    }

    static Map<String, Object> element(String... fieldsAndValues) {
        Map<String, Object> element = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            element.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        element.put("assigned_user_id", "19x1");
        return element;
    }

    private static long p50(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    private static long p99(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 99);
    }
}
