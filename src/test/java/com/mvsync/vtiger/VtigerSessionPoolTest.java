package com.mvsync.vtiger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.testing.vtiger.FakeVtigerServer.Fault;
import com.mvsync.testing.vtiger.FakeVtigerServer.Served;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's pool of sessions against the Vtiger double, which serves the calls of one session one after another
 * (PHP's session lock) and keeps earlier sessions valid after later logins of the same user, as the recording
 * {@code 15_parallel_calls_one_session_vs_several.json} shows. Each test uses a fresh client (container).
 */
@QuarkusTest
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class VtigerSessionPoolTest {

    private static final String ANY = "SELECT id FROM Contacts LIMIT 1;";

    @Inject
    VtigerConfig config;
    @Inject
    ObjectMapper json;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    VtigerClient client;

    @BeforeEach
    void freshContainer() {
        client = VtigerClient.pooled(config, json, Clock.systemUTC(), VtigerConnection.of(config.url().orElseThrow(),
                config.username().orElseThrow(), config.accessKey().orElseThrow()), 3);
        vtiger.clearFaults();
        vtiger.resetCounts();
    }

    @AfterEach
    void stop() {
        vtiger.clearFaults();
        vtiger.setLatency(Duration.ZERO);
        client.close();
    }

    @Test
    void callsOneAfterAnotherUseOneSession() {
        for (int i = 0; i < 5; i++) {
            client.query(ANY);
        }

        assertThat(vtiger.calls("login")).isEqualTo(1);
        assertThat(client.openSessions()).isEqualTo(1);
        assertThat(sessionsUsed()).hasSize(1);
    }

    @Test
    void callsAtOnceGetASessionEachUpToThePoolSizeAndNeverShareOne() throws Exception {
        vtiger.setLatency(Duration.ofMillis(40));

        runAtOnce(8);

        assertThat(vtiger.calls("query")).isEqualTo(8);
        assertThat(vtiger.calls("login")).as("logged in only as calls found every session busy").isBetween(1, 3);
        assertThat(client.openSessions()).isEqualTo(vtiger.calls("login"));
        assertThat(sessionsUsed()).hasSize(vtiger.calls("login"));
        List<Served> queries = vtiger.served().stream().filter(s -> s.operation().equals("query")).toList();
        assertThat(maxInFlight(queries)).as("never more calls at once than sessions").isLessThanOrEqualTo(3);
        // Earlier sessions stayed valid after the later logins: no call was answered INVALID_SESSIONID.
        assertThat(vtiger.calls("login")).isEqualTo(vtiger.calls("getchallenge"));
    }

    @Test
    void aLostSessionIsLoggedInAgainInItsSlotAndTheCallRepeatedOnce() throws Exception {
        vtiger.setLatency(Duration.ofMillis(40));
        runAtOnce(3);
        int logins = vtiger.calls("login");
        vtiger.resetCounts();
        vtiger.failNext("query", Fault.INVALID_SESSIONID, 1);

        for (int i = 0; i < 3; i++) {
            client.query(ANY);
        }

        assertThat(vtiger.calls("login")).as("one new login, for the one lost session").isEqualTo(1);
        assertThat(vtiger.calls("query")).as("three calls and one repeat").isEqualTo(4);
        assertThat(client.openSessions()).isEqualTo(logins);
    }

    @Test
    void aFailedLoginGivesUpItsSlot() {
        vtiger.failNext("getchallenge", Fault.HTTP_500_EMPTY, 1);
        try {
            client.query(ANY);
        } catch (VtigerException e) {
            assertThat(e.retryable()).isTrue();
        }
        assertThat(client.openSessions()).isZero();

        client.query(ANY);

        assertThat(client.openSessions()).isEqualTo(1);
    }

    private void runAtOnce(int calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                done.add(pool.submit(() -> {
                    start.await();
                    return client.query(ANY);
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Set<String> sessionsUsed() {
        return vtiger.served().stream().filter(s -> s.operation().equals("query")).map(Served::session)
                .collect(Collectors.toSet());
    }

    /** The most calls being served at one moment. */
    private static int maxInFlight(List<Served> calls) {
        int max = 0;
        for (Served a : calls) {
            int overlapping = 0;
            for (Served b : calls) {
                if (b.startedNanos() <= a.startedNanos() && b.answeredNanos() > a.startedNanos()) {
                    overlapping++;
                }
            }
            max = Math.max(max, overlapping);
        }
        return max;
    }
}
