package com.mvsync.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.mvsync.magento.EntityType;
import com.mvsync.drain.DrainReport;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.queue.QueuedEvent.Arrival;
import com.mvsync.testing.lambda.Invoke;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.testing.vtiger.FakeVtigerServer.Fault;
import com.mvsync.vtiger.VtigerPausedException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The budget and the 429 pause through the real pipeline, drain and Vtiger double: an immediate-mode customer
 * event that meets a spent budget or a pause is queued (202) without a Vtiger call and synced by a later drain; a 429
 * puts the drained item back without an attempt counted, due at the pause's end, and it syncs after it; nothing is
 * made twice. Windows are 10 s here so the test need not wait a minute.
 */
@QuarkusTest
@TestProfile(CallBudgetPipelineTest.Budgeted.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class CallBudgetPipelineTest {

    static final String PATH = "/webhooks/customers/created";
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);
    static final Set<EntityType> ALL = Set.of(EntityType.values());

    public static class Budgeted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "webhook",
                    "mvsync.budget.calls-per-minute", "200", "mvsync.budget.window", WINDOW.toString(),
                    "mvsync.budget.max-wait", "PT0.2S", "mvsync.budget.slices", "1");
        }
    }

    @Inject
    CallBudget budget;
    @Inject
    BudgetStore budgetStore;
    @Inject
    QueueStore queue;
    @Inject
    Drainer drainer;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    @BeforeEach
    void calm() throws InterruptedException {
        vtiger.clearFaults();
        // Everything earlier left due (and any pause) out of the way, then a window of our own.
        Thread.sleep(1200);
        drainer.drain(new DrainRequest(Duration.ofSeconds(20), 4, ALL, Instant.now()));
        freshWindow();
        vtiger.resetCounts();
    }

    @AfterEach
    void off() {
        vtiger.clearFaults();
        vtiger.setRateLimit(0, null);
    }

    /** Sleeps to just after the start of the next window, so a test's steps fall in one window. */
    private static Instant freshWindow() throws InterruptedException {
        long w = WINDOW.toMillis();
        long next = (System.currentTimeMillis() / w + 1) * w;
        Thread.sleep(next - System.currentTimeMillis() + 50);
        return Instant.ofEpochMilli(next + w);
    }

    private static String customer(long id) {
        return Samples.customer("rest/customer_get_42.json", id, "budget" + id + "@example.com");
    }

    private long records(String module, String field, long id) {
        return vtiger.records(module).stream().filter(r -> ("budget" + id + "@example.com").equals(r.get(field)))
                .count();
    }

    @Test
    void anImmediateEventOverTheBudgetIsQueuedAndDrainedInTheNextWindow() throws InterruptedException {
        Instant windowEnds = Instant.ofEpochMilli((System.currentTimeMillis() / WINDOW.toMillis() + 1)
                * WINDOW.toMillis());
        int spent = 0;
        try {
            while (spent <= 200) {
                budget.beforeCall("test");
                spent++;
            }
        } catch (VtigerPausedException e) {
            assertThat(e.resumeAt()).isEqualTo(windowEnds);
        }
        assertThat(spent).as("the window's calls, and not one more").isEqualTo(200);

        long id = ids.incrementAndGet();
        JsonPath answer = Invoke.signed(PATH, customer(id), 202);
        assertThat(answer.getString("status")).isEqualTo("queued");
        assertThat(answer.getString("message")).contains("budget of 200 calls").contains(windowEnds.toString());
        assertThat(vtiger.totalCalls()).as("no Vtiger call was tried").isZero();
        QueuedEvent queued = queue.get("customer#" + id).orElseThrow();
        assertThat(queued.status()).isEqualTo(QueueStatus.PENDING);
        assertThat(queued.attempts()).isZero();

        // 5 s of drain (3 s of it reserve) cannot wait out the window's last 9.
        DrainReport early = drainer.drain(new DrainRequest(Duration.ofSeconds(5), 4, ALL, Instant.now()));
        assertThat(early.claimed()).as("the drain claims nothing while the window is spent: %s", early).isZero();
        assertThat(early.callsResumeAt()).isEqualTo(windowEnds);
        assertThat(early.remaining()).isPositive();
        assertThat(queue.get("customer#" + id)).get().extracting(QueuedEvent::attempts).isEqualTo(0);

        Thread.sleep(Math.max(0, windowEnds.toEpochMilli() - System.currentTimeMillis() + 50));
        DrainReport later = drainer.drain(new DrainRequest(Duration.ofSeconds(20), 4, ALL, Instant.now()));
        assertThat(later.succeeded()).as("%s", later).isEqualTo(1);
        assertThat(queue.get("customer#" + id)).isEmpty();
        assertThat(records("Leads", "email", id)).isEqualTo(1);
        assertThat(records("Contacts", "email", id)).isEqualTo(1);

        // The same delivery again: answered from the record, nothing made twice.
        JsonPath again = Invoke.signed(PATH, customer(id), 200);
        assertThat(again.getBoolean("replayed")).isTrue();
        assertThat(records("Leads", "email", id)).isEqualTo(1);
    }

    @Test
    void aRateLimitPausesEveryCallAndTheItemGoesBackWithoutAnAttempt() throws InterruptedException {
        long id = ids.incrementAndGet();
        queue.enqueue(new Arrival(EntityType.CUSTOMER, "customer#" + id, "customersCreated", "budget:" + id,
                customer(id)));
        vtiger.failNext("create", Fault.HTTP_429, 1); // Retry-After: 1

        Instant before = Instant.now();
        DrainReport report = drainer.drain(new DrainRequest(Duration.ofSeconds(20), 1, ALL, Instant.now()));
        assertThat(report.paused()).as("%s", report).isEqualTo(1);
        assertThat(report.retried()).isZero();
        assertThat(report.dead()).isZero();
        QueuedEvent back = queue.get("customer#" + id).orElseThrow();
        assertThat(back.status()).isEqualTo(QueueStatus.PENDING);
        assertThat(back.attempts()).as("a 429 counts no attempt").isZero();
        assertThat(back.lastError()).contains("RATE_LIMITED");
        assertThat(back.dueAt()).as("due when the pause ends").isAfter(before)
                .isBefore(Instant.now().plusSeconds(2));
        // Read as stored (it may have ended already: Retry-After is 1 s and this machine may be slow).
        // The Lead and Organization creates run at once: the item is due when the latest pause it met ends, never
        // before the shared one.
        Instant shared = budgetStore.pausedUntil().orElseThrow();
        assertThat(back.dueAt()).as("the pause is shared").isAfterOrEqualTo(shared)
                .isBefore(shared.plusSeconds(1));

        // The double now limits like Vtiger Cloud: one call per 10 s. An immediate event's second call is refused
        // (queued, 202); the next event meets the pause every container honours: queued, no call tried.
        Thread.sleep(Math.max(0, back.dueAt().toEpochMilli() - System.currentTimeMillis() + 50));
        freshWindow();
        vtiger.setRateLimit(1, WINDOW);
        vtiger.resetCounts();
        long hit = ids.incrementAndGet();
        JsonPath refused = Invoke.signed(PATH, customer(hit), 202);
        assertThat(refused.getString("status")).isEqualTo("queued");
        // The first answer says Remaining 0, which pauses every container until its reset. A new customer's three
        // lookups go out at once (the parallel path), so the two sent before that answer arrived may meet a 429;
        // nothing after it is sent.
        assertThat(vtiger.rateLimited()).as("%s; calls %s", refused.prettify(), vtiger.callCounts())
                .isLessThanOrEqualTo(2);
        assertThat(vtiger.totalCalls()).as("the call let through, and at most the lookups in flight with it")
                .isBetween(1, 3);
        assertThat(vtiger.calls("create")).as("no create after the pause").isZero();
        Instant pausedUntil = budget.usage().pausedUntil().orElseThrow();
        assertThat(pausedUntil).as("until the double's Retry-After").isAfter(Instant.now());
        long other = ids.incrementAndGet();
        vtiger.resetCounts();
        JsonPath answer = Invoke.signed(PATH, customer(other), 202);
        assertThat(answer.getString("message")).containsAnyOf("429", "Vtiger reports no calls left")
                .contains(pausedUntil.toString());
        assertThat(vtiger.totalCalls()).isZero();
        vtiger.setRateLimit(0, null);

        Thread.sleep(Math.max(0, pausedUntil.toEpochMilli() - System.currentTimeMillis() + 50));
        DrainReport after = drainer.drain(new DrainRequest(Duration.ofSeconds(20), 4, ALL, Instant.now()));
        assertThat(after.succeeded()).as("%s", after).isEqualTo(3);
        for (long each : new long[] { id, hit, other }) {
            assertThat(queue.get("customer#" + each)).isEmpty();
            assertThat(records("Leads", "email", each)).isEqualTo(1);
            assertThat(records("Contacts", "email", each)).isEqualTo(1);
        }
    }

    @Test
    void theDoubleLimitsCallsAsVtigerCloudDocumentsIt() throws Exception {
        vtiger.setRateLimit(2, Duration.ofMinutes(1));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest challenge = HttpRequest.newBuilder(URI.create(vtiger.endpoint()
                + "?operation=getchallenge&username=admin")).GET().build();
        HttpResponse<String> first = http.send(challenge, HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-FloodControl-MinuteLimit")).contains("2");
        assertThat(first.headers().firstValue("X-FloodControl-Remaining")).contains("1");
        http.send(challenge, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> third = http.send(challenge, HttpResponse.BodyHandlers.ofString());
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("X-FloodControl-Remaining")).contains("0");
        long retryAfter = Long.parseLong(third.headers().firstValue("Retry-After").orElseThrow());
        long reset = Long.parseLong(third.headers().firstValue("X-FloodControl-Reset").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(reset).isBetween(vtiger.now().getEpochSecond(), vtiger.now().getEpochSecond() + 61);
        assertThat(vtiger.rateLimited()).isEqualTo(1);
        assertThat(vtiger.rateLimitedCallTimes()).hasSize(2);
        assertThat(vtiger.maxCallsWithin(Duration.ofMinutes(1))).isEqualTo(2);
    }
}
