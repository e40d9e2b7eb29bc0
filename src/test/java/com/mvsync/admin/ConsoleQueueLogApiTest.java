package com.mvsync.admin;

import com.mvsync.store.Outcome;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueuedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.MappingValidator;
import com.mvsync.queue.QueueFixture;
import com.mvsync.queue.QueueStatus;
import com.mvsync.queue.QueueStore;
import com.mvsync.store.LogEntry;
import com.mvsync.store.LogLine;
import com.mvsync.store.Written;
import com.mvsync.store.SyncLog;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import com.mvsync.console.ConsoleHandler;
import com.mvsync.console.ConsoleSettings;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's queue and report routes (ReportAdmin) over moto: counts, retry all dead, log filters, per-day counts. */
class ConsoleQueueLogApiTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    QueueFixture fx;
    QueueStore queue;
    SyncLog log;
    AdminApi api;

    @BeforeEach
    void fresh() {
        fx = new QueueFixture();
        queue = fx.queue(QueueFixture.config());
        log = fx.log();
        MappingStore mappings = new MappingStore(QueueFixture.dynamo(), fx.table, () -> Duration.ZERO, java.time.Clock.systemUTC());
        AdminHttp http = new AdminHttp(JSON);
        api = new AdminApi(http, new ConsoleHandler(new ConsoleSettings(Optional.empty(), null, JSON)), List.of(
                new MappingAdmin(mappings, new MappingValidator(mappings, module -> Optional.empty()), http),
                new QueueAdmin(queue, null, Duration.ofSeconds(5), http,
                        new DeadLetterActions(queue, fx.log(), java.time.Clock.systemUTC()), fx.log()),
                new SettingsAdmin(fx.settings(Duration.ofSeconds(10)), http), new ReportAdmin(queue, log, http)));
    }

    @Test
    void countsPerStatusAndRetryOfEveryDeadLetter() {
        queue.enqueue(new QueuedEvent.Arrival(EntityType.CUSTOMER, "customer#1", "customersCreated", "e1", "{}"));
        queue.deadLetter(new QueuedEvent.Arrival(EntityType.ORDER, "order#7", "ordersPlaced", "e7", "{}"), "Vtiger has no currency EUR");
        queue.deadLetter(new QueuedEvent.Arrival(EntityType.ORDER, "order#8", "ordersPlaced", "e8", "{}"), "Vtiger has no currency EUR");

        Answer counts = call("GET", "/admin/queue/counts", "", null);
        assertThat(counts.status()).isEqualTo(200);
        assertThat(counts.body().toString()).isEqualTo("{\"pending\":1,\"in_progress\":0,\"dead\":2}");

        Answer retried = call("POST", "/admin/queue/retry-dead", "", null);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("retried").asInt()).isEqualTo(2);
        assertThat(queue.get("order#7").orElseThrow().status()).isEqualTo(QueueStatus.PENDING);
        assertThat(call("GET", "/admin/queue/counts", "", null).body().path("dead").asLong()).isZero();
        assertThat(call("POST", "/admin/queue/retry-dead", "", null).body().path("retried").asInt()).isZero();

        assertThat(call("POST", "/admin/queue/counts", "", null).status()).isEqualTo(405);
        assertThat(call("GET", "/admin/queue/retry-dead", "", null).status()).isEqualTo(405);
    }

    @Test
    void theLogFilteredByTypeResultTimeAndMagentoId() {
        Instant now = Instant.now();
        log.record(now.minusSeconds(30), "customer", "42", Map.of("Contacts", "12x42"), Outcome.SYNCED, null);
        log.record(now.minusSeconds(20), "order", "7", Map.of(), Outcome.FAILED, "Vtiger down");
        log.record(now.minusSeconds(10), "customer", "43", Map.of(), Outcome.DEAD, "refused");

        assertThat(magentoIds("type=customer")).isEqualTo("[43, 42]");
        assertThat(magentoIds("result=failed")).isEqualTo("[7]");
        assertThat(magentoIds("magentoId=42")).isEqualTo("[42]");
        assertThat(magentoIds("type=customer&result=dead")).isEqualTo("[43]");
        assertThat(magentoIds("from=" + now.minusSeconds(25))).isEqualTo("[43, 7]");
        assertThat(magentoIds("to=" + now.minusSeconds(15))).isEqualTo("[7, 42]");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(magentoIds("from=" + today + "&to=" + today)).isEqualTo("[43, 7, 42]");
        assertThat(magentoIds("type=product")).isEqualTo("[]");
        assertThat(magentoIds("type=customer&limit=1")).isEqualTo("[43]");

        Answer badResult = call("GET", "/admin/log", "result=ok", null);
        assertThat(badResult.status()).isEqualTo(400);
        assertThat(badResult.message()).isEqualTo("unknown result 'ok'; use one of synced, failed, dead, skipped");
        Answer badFrom = call("GET", "/admin/log", "from=yesterday", null);
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.message()).isEqualTo(
                "from must be a date (2024-05-01) or an instant (2024-05-01T12:00:00Z), not 'yesterday'");
    }

    @Test
    void perDayCountsOldestFirstEndingToday() {
        Instant now = Instant.now();
        log.record(now, "customer", "1", Map.of(), Outcome.SYNCED, null);
        log.record(now, "customer", "2", Map.of(), Outcome.SYNCED, null);
        log.record(now, "order", "3", Map.of(), Outcome.DEAD, "refused");
        log.record(now.minus(Duration.ofDays(1)), "product", "4", Map.of(), Outcome.SKIPPED, null);

        Answer daily = call("GET", "/admin/log/daily", "days=3", null);
        assertThat(daily.status()).isEqualTo(200);
        JsonNode days = daily.body().get("days");
        assertThat(days).hasSize(3);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        assertThat(days.get(2).toString()).isEqualTo("{\"day\":\"" + today
                + "\",\"synced\":2,\"failed\":0,\"dead\":1,\"skipped\":0}");
        assertThat(days.get(1).path("day").asText()).isEqualTo(today.minusDays(1).toString());
        assertThat(days.get(1).path("skipped").asLong()).isEqualTo(1);
        assertThat(days.get(0).path("synced").asLong()).isZero();
        assertThat(call("GET", "/admin/log/daily", "", null).body().get("days").size()).isGreaterThanOrEqualTo(30);
        assertThat(call("GET", "/admin/log/daily", "days=0", null).message())
                .isEqualTo("days must be a whole number from 1 to 90, not '0'");
    }

    @Test
    void entriesCarryTheLabelRecordNamesAndChangesAndAnEntitysHistoryIsNewestFirst() {
        Instant now = Instant.now();
        Written first = new Written(Map.of("Contacts", "Maria Keller"),
                List.of(new Written.Change("Contacts", "lastname", null, "Keller", false)));
        Written edit = new Written(Map.of("Contacts", "Maria Keller-Brandt"),
                List.of(new Written.Change("Contacts", "lastname", "Keller", "Keller-Brandt", false)));
        log.record(now.minusSeconds(30), new LogLine("customer#42", "customer", "42",
                "Maria Keller <maria@example.com>", Outcome.SYNCED, null, List.of(), first), Map.of("Contacts", "12x42"));
        log.record(now.minusSeconds(20), "customer", "43", Map.of(), Outcome.DEAD, "refused");
        log.record(now.minusSeconds(10), new LogLine("customer#42", "customer", "42",
                "Maria Keller-Brandt <maria@example.com>", Outcome.SYNCED, null, List.of("a note"), edit),
                Map.of("Contacts", "12x42"));

        JsonNode latest = call("GET", "/admin/log", "limit=1", null).body().path("entries").get(0);
        assertThat(latest.path("label").asText()).isEqualTo("Maria Keller-Brandt <maria@example.com>");
        assertThat(latest.path("entityKey").asText()).isEqualTo("customer#42");
        assertThat(latest.path("vtigerNames").path("Contacts").asText()).isEqualTo("Maria Keller-Brandt");
        assertThat(latest.path("changes").toString()).isEqualTo("[{\"module\":\"Contacts\",\"field\":\"lastname\","
                + "\"before\":\"Keller\",\"after\":\"Keller-Brandt\",\"cut\":false}]");

        Answer history = call("GET", "/admin/history/customer%2342", "", null);
        assertThat(history.status()).as(history.body().toString()).isEqualTo(200);
        assertThat(history.body().path("entityKey").asText()).isEqualTo("customer#42");
        List<String> labels = new java.util.ArrayList<>();
        history.body().path("entries").forEach(e -> labels.add(e.path("label").asText()));
        assertThat(labels).containsExactly("Maria Keller-Brandt <maria@example.com>", "Maria Keller <maria@example.com>");
        assertThat(history.body().path("entries").get(1).path("changes").get(0).hasNonNull("before")).isFalse();
        assertThat(call("GET", "/admin/history/customer%2343", "", null).body().path("entries").size()).isEqualTo(1);
        assertThat(call("GET", "/admin/history/customer%23404", "", null).body().path("entries").size()).isZero();
    }

    @Test
    void searchFindsAnEntitysEntriesByEmailNameSkuOrderNumberAndIds() {
        Instant now = Instant.now();
        Written names = new Written(Map.of("Contacts", "Maria Keller"), List.of());
        log.record(now.minusSeconds(40), new LogLine("customer#42", "customer", "42",
                "Maria Keller <Maria@Example.com>", Outcome.SYNCED, null, List.of(), names), Map.of("Contacts", "12x42"));
        log.record(now.minusSeconds(30), new LogLine("order#7", "order", "7", "#000000007 · Maria Keller",
                Outcome.SYNCED, null, List.of(), Written.NONE), Map.of("SalesOrder", "6x7"));
        log.record(now.minusSeconds(20), new LogLine("product#MUG-1", "product", "MUG-1", "MUG-1 · Blue mug",
                Outcome.SYNCED, null, List.of(), Written.NONE), Map.of());
        log.record(now.minusSeconds(10), new LogLine("customer#42", "customer", "42",
                "Maria Keller <maria@example.com>", Outcome.FAILED, "Vtiger down", List.of(), Written.NONE), Map.of());

        assertThat(searched("maria@example.com")).containsExactly("customer#42 failed", "customer#42 synced");
        assertThat(searched("  MARIA   keller ")).containsExactly("customer#42 failed", "order#7 synced",
                "customer#42 synced");
        assertThat(searched("keller")).hasSize(3);
        assertThat(searched("mug-1")).containsExactly("product#MUG-1 synced");
        assertThat(searched("#000000007")).containsExactly("order#7 synced");
        // An entry is found by its own terms: the failed one was logged without Vtiger ids.
        assertThat(searched("12x42")).containsExactly("customer#42 synced");
        assertThat(searched("6x7")).containsExactly("order#7 synced");
        assertThat(searched("nobody@example.com")).isEmpty();
        Answer missing = call("GET", "/admin/search", "", null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.message()).startsWith("q is required");
    }

    private List<String> searched(String q) {
        Answer answer = call("GET", "/admin/search", "q=" + java.net.URLEncoder.encode(q,
                java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        List<String> found = new java.util.ArrayList<>();
        answer.body().get("entries").forEach(e -> found.add(e.path("entityKey").asText() + " "
                + e.path("result").asText()));
        return found;
    }

    private String magentoIds(String query) {
        Answer answer = call("GET", "/admin/log", query, null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        answer.body().get("entries").forEach(e -> ids.add(e.path("magentoId").asText()));
        return ids.toString();
    }

    record Answer(int status, JsonNode body) {
        String message() {
            return body.path("message").asText();
        }
    }

    private Answer call(String method, String path, String query, String body) {
        HttpApiEvent event = new HttpApiEvent("2.0", "$default", path, query, Map.of(), null, null,
                new HttpApiEvent.RequestContext("test", new HttpApiEvent.Http(method, path, "127.0.0.1")), body,
                false);
        HttpApiResponse response = api.handle(event);
        try {
            return new Answer(response.statusCode(),
                    response.body() == null ? JSON.createObjectNode() : JSON.readTree(response.body()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
