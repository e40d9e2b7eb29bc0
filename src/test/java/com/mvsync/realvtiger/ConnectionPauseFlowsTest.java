package com.mvsync.realvtiger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.admin.AdminApi;
import com.mvsync.magento.EntityType;
import com.mvsync.drain.DrainReport;
import com.mvsync.drain.DrainRequest;
import com.mvsync.drain.Drainer;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.queue.QueuedEvent.Arrival;
import com.mvsync.testing.lambda.FunctionEvents;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.realvtiger.RealVtigerEnv;
import com.mvsync.testing.realvtiger.RealVtigerProfile;
import com.mvsync.testing.realvtiger.RealVtigerTier;
import com.mvsync.testing.vtiger.RawVtiger;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectionPauseTest}'s first case on a real, stock Vtiger 8.2.0: a wrong access key saved (forced) while 50
 * customers are queued pauses the drain, visibly, with no dead letter and no attempt counted; the right key saved
 * ends the pause and every customer is synced, one Lead each.
 */
@RealVtigerTier
@QuarkusTest
@TestProfile(ConnectionPauseFlowsTest.Profile.class)
class ConnectionPauseFlowsTest {

    static final String WRONG_KEY = "MistypedKey-Rv34";
    static final Set<EntityType> ALL = Set.of(EntityType.values());

    public static class Profile extends RealVtigerProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("mvsync.store.table", "real-vtiger-pause-test");
            config.put("mvsync.connection.parameter-prefix", "/real-vtiger-pause-test/");
            return config;
        }
    }

    @Inject
    AdminApi admin;
    @Inject
    Drainer drainer;
    @Inject
    QueueStore queue;

    final long base = System.currentTimeMillis() % 1_000_000 * 100;
    final List<Long> customers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        admin("PUT", "/admin/connection?force=true", "{\"vtiger\":{\"accessKey\":null}}");
        RawVtiger.Session vtiger = RealVtigerEnv.session();
        for (String module : List.of("Contacts", "Leads")) {
            for (JsonNode row : vtiger.query("SELECT id FROM " + module + " WHERE email LIKE 'rpause" + base / 100
                    + "%'")) {
                vtiger.delete(row.path("id").asText());
            }
        }
    }

    @Test
    void aWrongKeyPausesWithoutDeadLettersAndTheRightKeyResumes() {
        for (int i = 0; i < 50; i++) {
            long id = base + i;
            customers.add(id);
            queue.enqueue(new Arrival(EntityType.CUSTOMER, "customer#" + id, "customersCreated", "rpause:" + id,
                    Samples.customer("rest/customer_get_42.json", id, email(id))));
        }
        JsonNode refused = admin("PUT", "/admin/connection", "{\"vtiger\":{\"accessKey\":\"" + WRONG_KEY + "\"}}");
        assertThat(refused.path("status").asInt()).as("%s", refused).isEqualTo(409);
        assertThat(refused.at("/body/check/vtiger/reason").asText()).isEqualTo("wrong_credentials");
        assertThat(admin("PUT", "/admin/connection?force=true", "{\"vtiger\":{\"accessKey\":\"" + WRONG_KEY
                + "\"}}").path("status").asInt()).isEqualTo(200);

        DrainReport paused = drain();
        assertThat(paused.dead()).as("%s", paused).isZero();
        assertThat(paused.retried()).as("%s", paused).isZero();
        assertThat(paused.succeeded()).isZero();
        JsonNode pause = admin("GET", "/admin/pause", null).path("body");
        assertThat(pause.path("paused").asBoolean()).as("%s", pause).isTrue();
        assertThat(pause.path("reason").asText()).contains("INVALID_USER_CREDENTIALS").doesNotContain(WRONG_KEY);
        assertThat(drain().claimed()).isZero();
        for (long id : customers) {
            QueuedEvent item = queue.get("customer#" + id).orElseThrow();
            assertThat(item.status()).isEqualTo(QueueStatus.PENDING);
            assertThat(item.attempts()).isZero();
        }

        JsonNode fixed = admin("PUT", "/admin/connection", "{\"vtiger\":{\"accessKey\":\""
                + RealVtigerEnv.accessKey() + "\"}}");
        assertThat(fixed.path("status").asInt()).as("%s", fixed).isEqualTo(200);
        assertThat(admin("GET", "/admin/pause", null).at("/body/paused").asBoolean()).isFalse();
        for (int run = 0; run < 20 && customers.stream().anyMatch(id -> queue.get("customer#" + id).isPresent());
                run++) {
            drain();
        }
        RawVtiger.Session vtiger = RealVtigerEnv.session();
        List<JsonNode> leads = vtiger.query("SELECT id, email FROM Leads WHERE email LIKE 'rpause" + base / 100 + "%'");
        assertThat(leads).as("one Lead per customer, none twice").hasSize(50);
        assertThat(leads.stream().map(r -> r.path("email").asText()).distinct().count()).isEqualTo(50);
        for (long id : customers) {
            assertThat(queue.get("customer#" + id)).as("customer %s synced", id).isEmpty();
        }
        assertThat(queue.depth().getOrDefault(QueueStatus.DEAD, 0L)).isZero();
    }

    private static String email(long id) {
        return "rpause" + id + "@example.com";
    }

    private DrainReport drain() {
        return drainer.drain(new DrainRequest(Duration.ofSeconds(30), 4, ALL, Instant.now()));
    }

    private JsonNode admin(String method, String path, String body) {
        return FunctionEvents.answer(admin.handle(FunctionEvents.admin(method, path, body)));
    }
}
