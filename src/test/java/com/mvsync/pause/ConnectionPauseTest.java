package com.mvsync.pause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.admin.AdminApi;
import com.mvsync.budget.ConnectionPause;
import com.mvsync.functions.DrainFunctions;
import com.mvsync.magento.EntityType;
import com.mvsync.drain.DrainReport;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.queue.QueuedEvent.Arrival;
import com.mvsync.testing.lambda.Invoke;
import com.mvsync.testing.lambda.FunctionEvents;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.vtiger.VtigerClient;
import com.mvsync.vtiger.VtigerConnectionException;
import com.mvsync.vtiger.VtigerException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failure of the connection pauses the drain instead of making dead letters, through the real pipeline, drain,
 * admin API and Vtiger double: a wrong access key saved (forced: its check fails) while 50 customers are queued
 * pauses every call, visibly, with no dead letter and no attempt counted; an immediate webhook meanwhile is queued
 * (202); saving the right key (it checks OK) ends the pause and the drain syncs all of them, each once. A module the
 * user may not use pauses alike, and the drain's own re-check ends that pause once the module is allowed again.
 */
@QuarkusTest
@TestProfile(ConnectionPauseTest.Profile.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class ConnectionPauseTest {

    static final String PATH = "/webhooks/customers/created";
    static final String WRONG_KEY = "MistypedKey-Xx12";
    static final Set<EntityType> ALL = Set.of(EntityType.values());
    static final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "webhook",
                    "mvsync.store.table", "connection-pause-test",
                    "mvsync.connection.parameter-prefix", "/connection-pause-test/",
                    // A re-check a second after the last, so the test need not wait a minute for the drain's.
                    "mvsync.budget.connection-recheck", "PT1S");
        }
    }

    @Inject
    AdminApi admin;
    @Inject
    Drainer drainer;
    @Inject
    DrainFunctions drainFunctions;
    @Inject
    QueueStore queue;
    @Inject
    ConnectionPause pause;
    @Inject
    VtigerClient client;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    @BeforeEach
    void calm() {
        vtiger.clearFaults();
        vtiger.allowAllModules();
        pause.clear();
    }

    @AfterEach
    void restore() {
        vtiger.allowAllModules();
        admin("PUT", "/admin/connection", "{\"vtiger\":{\"accessKey\":null}}");
        pause.clear();
    }

    @Test
    void aWrongKeyPausesTheDrainWithoutDeadLettersAndTheFixedKeyResumesIt() throws InterruptedException {
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long id = ids.incrementAndGet();
            customers.add(id);
            queue.enqueue(new Arrival(EntityType.CUSTOMER, "customer#" + id, "customersCreated", "pause:" + id,
                    customer(id)));
        }

        // Without the admin's confirmation a failing key is not saved.
        JsonNode refused = admin("PUT", "/admin/connection", wrongKey());
        assertThat(refused.path("status").asInt()).as("%s", refused).isEqualTo(409);
        assertThat(refused.at("/body/check/vtiger/reason").asText()).isEqualTo("wrong_credentials");
        assertThat(admin("GET", "/admin/pause", null).at("/body/paused").asBoolean()).isFalse();

        JsonNode forced = admin("PUT", "/admin/connection?force=true", wrongKey());
        assertThat(forced.path("status").asInt()).as("%s", forced).isEqualTo(200);

        // An immediate webhook is the first to log in with it: refused, queued (202) without an attempt, paused.
        long early = ids.incrementAndGet();
        customers.add(early);
        JsonPath refusedLogin = Invoke.signed(PATH, customer(early), 202);
        assertThat(refusedLogin.getString("status")).isEqualTo("queued");
        assertThat(refusedLogin.getString("message")).contains("Vtiger refused the login");

        // The drain's bulk lookups meet the pause (or, in a container that has not seen it yet, the refused login
        // that sets it): nothing is claimed, nothing fails.
        DrainReport first = drain();
        assertThat(first.dead()).as("%s", first).isZero();
        assertThat(first.retried()).as("%s", first).isZero();
        assertThat(first.succeeded()).isZero();

        JsonNode paused = admin("GET", "/admin/pause", null).path("body");
        assertThat(paused.path("paused").asBoolean()).as("%s", paused).isTrue();
        assertThat(paused.path("system").asText()).isEqualTo("vtiger");
        assertThat(paused.path("reason").asText()).contains("Vtiger refused the login")
                .contains("INVALID_USER_CREDENTIALS").doesNotContain(WRONG_KEY);
        assertThat(Instant.parse(paused.path("since").asText())).isBefore(Instant.now().plusMillis(1));
        assertThat(admin("GET", "/admin/budget", null).at("/body/connectionPause/paused").asBoolean()).isTrue();

        // An immediate webhook meanwhile: queued, no Vtiger call tried.
        vtiger.resetCounts();
        long late = ids.incrementAndGet();
        customers.add(late);
        JsonPath answer = Invoke.signed(PATH, customer(late), 202);
        assertThat(answer.getString("status")).isEqualTo("queued");
        assertThat(answer.getString("message")).startsWith("the sync is paused: the vtiger connection failed");
        assertThat(vtiger.totalCalls()).isZero();

        DrainReport second = drain();
        assertThat(second.claimed()).as("the drain claims nothing while paused: %s", second).isZero();
        for (long id : customers) {
            QueuedEvent item = queue.get("customer#" + id).orElseThrow();
            assertThat(item.status()).isEqualTo(QueueStatus.PENDING);
            assertThat(item.attempts()).as("no attempt counted for customer %s", id).isZero();
        }
        assertThat(queue.depth().getOrDefault(QueueStatus.DEAD, 0L)).isZero();
        assertThat(customers.stream().mapToLong(this::leads).sum()).as("nothing written").isZero();

        // The right key, saved (it checks OK): the pause ends, and the drain syncs everything, each once.
        JsonNode fixed = admin("PUT", "/admin/connection", "{\"vtiger\":{\"accessKey\":\""
                + FakeVtigerServer.ADMIN_ACCESS_KEY + "\"}}");
        assertThat(fixed.path("status").asInt()).as("%s", fixed).isEqualTo(200);
        assertThat(admin("GET", "/admin/pause", null).at("/body/paused").asBoolean()).isFalse();
        drainAll();
        for (long id : customers) {
            assertThat(queue.get("customer#" + id)).as("customer %s synced", id).isEmpty();
            assertThat(leads(id)).as("one Lead for customer %s", id).isEqualTo(1);
        }
        assertThat(queue.depth().getOrDefault(QueueStatus.DEAD, 0L)).isZero();
    }

    @Test
    void aDeniedModulePausesAndTheDrainsRecheckResumesOnceItIsAllowed() throws InterruptedException {
        long id = ids.incrementAndGet();
        queue.enqueue(new Arrival(EntityType.CUSTOMER, "customer#" + id, "customersCreated", "pause:" + id,
                customer(id)));
        vtiger.denyModule("Leads");

        DrainReport report = drain();
        assertThat(report.dead()).as("%s", report).isZero();
        assertThat(report.retried()).as("%s", report).isZero();
        JsonNode paused = admin("GET", "/admin/pause", null).path("body");
        assertThat(paused.path("reason").asText()).as("%s", paused).contains("may not use Leads");
        assertThat(paused.path("module").asText()).isEqualTo("Leads");
        assertThat(queue.get("customer#" + id).orElseThrow().attempts()).isZero();

        // Still denied: the drain's re-check keeps the pause.
        Thread.sleep(1100);
        drainFunctions.queueDrain();
        assertThat(pause.stored()).isPresent();
        assertThat(queue.get("customer#" + id)).isPresent();

        vtiger.allowAllModules();
        Thread.sleep(1100);
        drainFunctions.queueDrain();
        assertThat(pause.stored()).as("the re-check passed").isEmpty();
        drainAll();
        assertThat(queue.get("customer#" + id)).isEmpty();
        assertThat(leads(id)).isEqualTo(1);
    }

    @Test
    void anUnknownColumnOrAMissingRecordIsNotTheConnectionsFailure() {
        // Vtiger answers both with ACCESS_DENIED, as it does a denied module; describe of the module works here.
        assertThatThrownBy(() -> client.query("SELECT nosuchcolumn FROM Contacts;"))
                .isInstanceOfSatisfying(VtigerException.class, e -> {
                    assertThat(e.code()).isEqualTo(VtigerException.ACCESS_DENIED);
                    assertThat(e).isNotInstanceOf(VtigerConnectionException.class);
                    assertThat(e.retryable()).isFalse();
                });
        assertThatThrownBy(() -> client.retrieve("12x999999"))
                .isInstanceOfSatisfying(VtigerException.class, e -> assertThat(e)
                        .isNotInstanceOf(VtigerConnectionException.class));
        assertThat(pause.stored()).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private String wrongKey() {
        return "{\"vtiger\":{\"accessKey\":\"" + WRONG_KEY + "\"}}";
    }

    private DrainReport drain() {
        return drainer.drain(new DrainRequest(Duration.ofSeconds(20), 4, ALL, Instant.now()));
    }

    private void drainAll() {
        for (int run = 0; run < 20; run++) {
            DrainReport report = drain();
            if (report.remaining() == 0 && report.claimed() == 0) {
                return;
            }
        }
    }

    private long leads(long id) {
        return vtiger.records("Leads").stream().filter(r -> ("pause" + id + "@example.com").equals(r.get("email")))
                .count();
    }

    private static String customer(long id) {
        return Samples.customer("rest/customer_get_42.json", id, "pause" + id + "@example.com");
    }

    /** An admin API call as the HTTP API delivers it: {"status": ..., "body": the answer's JSON}. */
    private JsonNode admin(String method, String path, String body) {
        return FunctionEvents.answer(admin.handle(FunctionEvents.admin(method, path, body)));
    }
}
