package com.mvsync.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.queue.QueueFixture;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.settings.Source;
import com.mvsync.telemetry.SyncMetrics;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.magento.FakeMagentoServer.PastLastPage;
import com.mvsync.testing.magento.MagentoConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The poll against the Magento double (filters, sort orders and paging as Magento answers them) and moto: what
 * changed since the cursor is queued exactly once, across page boundaries, restarts and crashes.
 */
class PollerTest {

    static final String TOKEN = "poll-token";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Long before anything the tests change: the store as it was. */
    static final String OLD = "2026-10-01 08:00:00";
    static FakeMagentoServer magento;

    QueueFixture fx;
    QueueStore queue;
    SettingsStore settings;
    PollCursorStore cursors;

    @BeforeAll
    static void start() {
        magento = FakeMagentoServer.start(250, 30, 12, 5).acceptBearer(TOKEN);
    }

    @AfterAll
    static void stop() {
        magento.close();
    }

    @BeforeEach
    void fresh() {
        fx = new QueueFixture();
        queue = fx.queue(QueueFixture.config());
        settings = fx.settings(Duration.ZERO);
        cursors = new PollCursorStore(QueueFixture.dynamo(), fx.table);
        magento.reset();
        for (String collection : new String[] { "customers", "products", "orders", "invoices" }) {
            magento.stampAll(collection, OLD);
        }
    }

    static PollConfig config(int pageSize) {
        return new PollConfig() {
            public Duration overlap() {
                return Duration.ofMinutes(2);
            }

            public Duration budget() {
                return Duration.ofSeconds(30);
            }

            public int pageSize() {
                return pageSize;
            }


            public int recentLimit() {

                return 2000;

            }
        };
    }

    Poller poller(int pageSize) {
        return new Poller(new MagentoRestClient(MagentoConfigs.bearer(magento.baseUrl(), TOKEN), JSON), queue,
                settings, cursors, config(pageSize), new SyncMetrics(JSON, false), fx.clock);
    }

    void source(String body) {
        settings.update(SettingsUpdate.parse(json(body)));
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void change(int customerId, String at) {
        magento.save("customers", Integer.toString(customerId), at, "firstname", "Changed at " + at);
    }

    Set<String> queuedKeys() {
        Set<String> keys = new HashSet<>();
        for (int priority : QueueStore.PRIORITIES) {
            queue.due(priority, fx.clock.instant().plusSeconds(3600), 1000).forEach(e -> keys.add(e.entityKey()));
        }
        return keys;
    }

    static Set<String> customers(int... ids) {
        return java.util.Arrays.stream(ids).mapToObj(i -> "customer#" + i).collect(Collectors.toSet());
    }

    @Test
    void picksUpExactlyWhatChangedSinceTheCursorAcrossPageBoundaries() {
        source("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\"2026-11-27T09:00:00Z\"}}}");
        change(5, "2026-11-27 08:00:00"); // before the start (and its margin): not read
        change(10, "2026-11-27 09:10:00");
        change(11, "2026-11-27 09:10:01");
        change(12, "2026-11-27 09:10:02");
        change(13, "2026-11-27 09:10:03");
        // 14 and 15 share a second, and with 5 per page 14 is the last of page 1 and 15 the first after it.
        change(14, "2026-11-27 09:10:05");
        change(15, "2026-11-27 09:10:05");
        change(16, "2026-11-27 09:10:06");
        change(17, "2026-11-27 09:10:07");

        PollReport first = poller(5).run();

        assertThat(queuedKeys()).isEqualTo(customers(10, 11, 12, 13, 14, 15, 16, 17));
        PollRun run = first.types().get(0);
        assertThat(run.type()).isEqualTo(EntityType.CUSTOMER);
        assertThat(run.status()).isEqualTo(PollRun.DONE);
        assertThat(run.found()).isEqualTo(8);
        assertThat(run.queued()).isEqualTo(8);
        assertThat(run.requests()).as("a full page, then the boundary second onwards (short: done)").isEqualTo(2);
        assertThat(magento.requestCount("/V1/customers/search")).isEqualTo(2);
        assertThat(run.cursor()).isEqualTo("2026-11-27 09:10:07");
        assertThat(first.requests()).isEqualTo(2);
        QueuedEvent fifteen = queue.get("customer#15").orElseThrow();
        assertThat(fifteen.route()).isEqualTo("customersUpdated");
        assertThat(fifteen.eventKey()).startsWith("poll:customer:15:2026-11-27 09:10:05:");
        assertThat(json(fifteen.body()).path("firstname").asText()).isEqualTo("Changed at 2026-11-27 09:10:05");

        // The next run: two changes since, one of them an entity changed before; the margin's re-reads are not
        // queued again.
        fx.clock.advance(Duration.ofMinutes(5));
        change(20, "2026-11-27 09:14:00");
        change(10, "2026-11-27 09:14:30");
        magento.reset();

        PollRun second = poller(5).run().types().get(0);

        assertThat(second.found()).isEqualTo(2);
        assertThat(second.queued()).isEqualTo(2);
        assertThat(second.skipped()).as("re-read within the margin, unchanged").isPositive();
        assertThat(second.cursor()).isEqualTo("2026-11-27 09:14:30");
        assertThat(queuedKeys()).isEqualTo(customers(10, 11, 12, 13, 14, 15, 16, 17, 20));
        QueuedEvent ten = queue.get("customer#10").orElseThrow();
        assertThat(ten.events()).as("coalesced into the pending item").isEqualTo(2);
        assertThat(json(ten.body()).path("updated_at").asText()).isEqualTo("2026-11-27 09:14:30");
        for (int id : new int[] { 11, 12, 13, 14, 15, 16, 17 }) {
            assertThat(queue.get("customer#" + id).orElseThrow().events()).as("customer " + id).isEqualTo(1);
        }

        fx.clock.advance(Duration.ofMinutes(5));
        magento.reset();
        PollRun quiet = poller(5).run().types().get(0);
        assertThat(quiet.found()).isZero();
        assertThat(quiet.requests()).as("nothing changed: one request").isEqualTo(1);
    }

    @Test
    void aCrashAfterQueueingAndBeforeTheCursorReReadsThePageIntoTheSameItems() {
        source("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\"2026-11-27T09:00:00Z\"}}}");
        for (int id = 30; id < 37; id++) {
            change(id, "2026-11-27 09:20:0" + (id - 30));
        }
        PollRun first = poller(5).run().types().get(0);
        assertThat(first.queued()).isEqualTo(7);
        Map<String, QueuedEvent> before = new java.util.HashMap<>();
        for (int id = 30; id < 37; id++) {
            before.put("customer#" + id, queue.get("customer#" + id).orElseThrow());
        }
        // The invocation died after the queue writes and before the cursor write: no cursor, as on the first run.
        QueueFixture.dynamo().deleteItem(b -> b.tableName(fx.table.name()).key(Map.of("pk",
                AttributeValue.fromS(PollCursorStore.PK), "sk", AttributeValue.fromS("customer"))));

        PollRun again = poller(5).run().types().get(0);

        assertThat(again.queued()).as("read again and queued again").isEqualTo(7);
        assertThat(queuedKeys()).isEqualTo(customers(30, 31, 32, 33, 34, 35, 36));
        before.forEach((key, was) -> {
            QueuedEvent now = queue.get(key).orElseThrow();
            assertThat(now.eventKey()).as("same event: the drain answers a done one from its record")
                    .isEqualTo(was.eventKey());
            assertThat(now.body()).isEqualTo(was.body());
            assertThat(now.firstEnqueuedAt()).as("the same item").isEqualTo(was.firstEnqueuedAt());
        });
        assertThat(cursors.get(EntityType.CUSTOMER).orElseThrow().cursor()).isEqualTo("2026-11-27 09:20:06");
    }

    @Test
    void aWebhooksOnlyTypeIsNeverPolled() {
        change(40, "2026-11-27 09:59:00");
        assertThat(poller(100).run().types()).as("nothing is polled by default").isEmpty();
        assertThat(magento.totalRequests()).isZero();

        source("{\"sources\":{\"product\":{\"source\":\"both\"}}}");
        PollReport report = poller(100).run();

        assertThat(report.types()).extracting(PollRun::type).containsExactly(EntityType.PRODUCT);
        assertThat(magento.requestCount("/V1/customers/search")).isZero();
        assertThat(magento.requestCount("/V1/products")).isEqualTo(1);
        assertThat(queuedKeys()).isEmpty();
    }

    @Test
    void theFirstRunStartsAtTheChosenDate() {
        change(50, "2026-11-19 12:00:00");
        change(51, "2026-11-20 00:00:00");
        change(52, "2026-11-25 12:00:00");
        source("{\"sources\":{\"customers\":{\"source\":\"poll\",\"startFrom\":\"2026-11-20\"}}}");

        poller(100).run();

        assertThat(queuedKeys()).isEqualTo(customers(51, 52));
    }

    @Test
    void withoutAStartTheFirstRunStartsWhenTheSourceWasSwitchedNotWithABackfill() {
        change(60, "2026-11-27 09:30:00");
        change(61, "2026-11-27 09:59:30");
        source("{\"sources\":{\"customer\":{\"source\":\"poll\"}}}");
        assertThat(settings.read().source(EntityType.CUSTOMER).startFrom()).isEqualTo(fx.clock.instant());
        assertThat(settings.read().source(EntityType.CUSTOMER).source()).isEqualTo(Source.POLL);

        fx.clock.advance(Duration.ofMinutes(5));
        change(62, "2026-11-27 10:03:00");
        poller(100).run();

        // 61 is within the margin before the switch (a save committing as the admin switched); 60 is history.
        assertThat(queuedKeys()).isEqualTo(customers(61, 62));

        // Switching again to both keeps the start; a new start restarts the cursor from it.
        source("{\"sources\":{\"customer\":{\"source\":\"both\"}}}");
        assertThat(settings.read().source(EntityType.CUSTOMER).startFrom())
                .isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        source("{\"sources\":{\"customer\":{\"startFrom\":\"2026-11-27T09:00:00Z\"}}}");
        magento.reset();
        poller(100).run();
        assertThat(queuedKeys()).isEqualTo(customers(60, 61, 62));
    }

    @Test
    void aCursorMovedByAnotherRunIsNeverOverwritten() {
        PollCursor first = cursors.save(new PollCursor(EntityType.CUSTOMER, Instant.parse("2026-11-27T09:00:00Z"),
                "2026-11-27 09:00:00", Map.of(), 0, null), 0);
        assertThat(first.version()).isEqualTo(1);
        PollCursor second = cursors.save(new PollCursor(EntityType.CUSTOMER, first.origin(), "2026-11-27 09:05:00",
                Map.of(), 0, null), first.version());

        assertThatThrownBy(() -> cursors.save(new PollCursor(EntityType.CUSTOMER, first.origin(),
                "2026-11-27 09:01:00", Map.of(), 0, null), first.version()))
                .isInstanceOf(ConcurrentPollException.class);
        assertThatThrownBy(() -> cursors.save(new PollCursor(EntityType.CUSTOMER, first.origin(),
                "2026-11-27 09:01:00", Map.of(), 0, null), 0)).isInstanceOf(ConcurrentPollException.class);
        assertThat(cursors.get(EntityType.CUSTOMER).orElseThrow().cursor()).isEqualTo(second.cursor());
    }

    /** Whatever Magento does with a page past the end, the poll never asks for one: a short page or the total stops it. */
    @ParameterizedTest
    @EnumSource(PastLastPage.class)
    void exactlyTwoFullPagesCostTwoRequests(PastLastPage mode) {
        magento.pastLastPage(mode);
        source("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\"2026-11-27T09:00:00Z\"}}}");
        // Ten changes in one second: paging by page number within it.
        for (int id = 70; id < 80; id++) {
            change(id, "2026-11-27 09:40:00");
        }

        PollRun run = poller(5).run().types().get(0);

        assertThat(run.queued()).isEqualTo(10);
        assertThat(run.requests()).isEqualTo(2);
        assertThat(queuedKeys()).hasSize(10);
    }

    @Test
    void aMagentoFailureKeepsTheCursorAtTheLastQueuedPage() {
        source("{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\"2026-11-27T09:00:00Z\"}}}");
        for (int id = 80; id < 88; id++) {
            change(id, "2026-11-27 09:50:0" + (id - 80));
        }
        Poller poller = poller(5);
        magento.failAfter(1, 503); // page 1 (09:50:00..09:50:04) answers, the next request fails

        PollRun failed = poller.run().types().get(0);

        assertThat(failed.status()).isEqualTo(PollRun.ERROR);
        assertThat(failed.error()).contains("HTTP 503");
        assertThat(failed.queued()).isEqualTo(5);
        PollCursor cursor = cursors.get(EntityType.CUSTOMER).orElseThrow();
        assertThat(cursor.cursor()).isEqualTo("2026-11-27 09:50:04");
        assertThat(cursor.lastRun().status()).isEqualTo(PollRun.ERROR);
        assertThat(cursor.lastRun().error()).contains("HTTP 503");

        magento.reset();
        PollRun ok = poller.run().types().get(0);
        assertThat(ok.status()).isEqualTo(PollRun.DONE);
        assertThat(ok.queued()).isEqualTo(3);
        assertThat(queuedKeys()).isEqualTo(customers(80, 81, 82, 83, 84, 85, 86, 87));
    }
}
