package com.mvsync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.console.ConsoleHandler;
import com.mvsync.console.ConsoleSettings;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.magento.EntityType;
import com.mvsync.queue.QueueFixture;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent;
import com.mvsync.store.LogLine;
import com.mvsync.store.Outcome;
import com.mvsync.store.SyncLog;
import com.mvsync.store.Written;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paged lists of the admin API over moto: {@code limit} and the {@code next} cursor of /admin/log (across days,
 * filters kept), /admin/search (one Query a page), /admin/history and /admin/queue; a cursor not given out is a 400.
 */
class AdminPagingApiTest {

    QueueFixture fx;
    QueueStore queue;
    SyncLog log;
    AdminApi api;

    @BeforeEach
    void fresh() {
        fx = new QueueFixture();
        queue = fx.queue(QueueFixture.config());
        log = fx.log();
        AdminHttp http = new AdminHttp(ConsoleQueueLogApiTest.JSON);
        api = new AdminApi(http, new ConsoleHandler(new ConsoleSettings(Optional.empty(), null,
                ConsoleQueueLogApiTest.JSON)), List.of(
                        new QueueAdmin(queue, null, Duration.ofSeconds(5), http,
                                new DeadLetterActions(queue, log, java.time.Clock.systemUTC()), log),
                        new ReportAdmin(queue, log, http)));
    }

    @Test
    void logPagesCoverEveryEntryNewestFirstAcrossADayBoundaryWithoutOverlap() {
        Instant midnight = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = Instant.now();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // yesterday, the minutes before midnight
            written.add(entry(midnight.minusSeconds(60L * (i + 1)), "y" + i, Outcome.SYNCED));
        }
        for (int i = 0; i < 5; i++) { // today, after midnight
            Instant at = now.minusMillis(10L * (i + 1));
            written.add(entry(at.isBefore(midnight) ? midnight.plusMillis(i + 1) : at, "t" + i, Outcome.SYNCED));
        }
        List<JsonNode> pages = pages("/admin/log", Map.of("limit", "4"));

        List<String> seen = new ArrayList<>();
        List<String> times = new ArrayList<>();
        pages.forEach(p -> p.get("entries").forEach(e -> {
            seen.add(e.path("magentoId").asText());
            times.add(e.path("at").asText());
        }));
        assertThat(pages.get(0).get("entries")).hasSize(4);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
        assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(pages.get(pages.size() - 1).get("next").isNull()).isTrue();
    }

    @Test
    void theCursorOfAFilteredPageContinuesTheFilter() {
        Instant now = Instant.now();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Outcome result = i % 3 == 0 ? Outcome.FAILED : Outcome.SYNCED;
            String id = entry(now.minusSeconds(i + 1), "f" + i, result);
            if (result == Outcome.FAILED) {
                failed.add(id);
            }
        }
        List<JsonNode> pages = pages("/admin/log", Map.of("limit", "2", "result", "failed"));

        List<String> seen = new ArrayList<>();
        pages.forEach(p -> p.get("entries").forEach(e -> {
            assertThat(e.path("result").asText()).isEqualTo("failed");
            seen.add(e.path("magentoId").asText());
        }));
        assertThat(seen).containsExactlyElementsOf(failed); // newest first: f0, f3, f6, f9
        assertThat(pages.get(0).get("entries")).hasSize(2);
    }

    @Test
    void aCursorTheApiDidNotGiveOutIsRefused() {
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            entry(now.minusSeconds(i + 1), "g" + i, Outcome.SYNCED);
        }
        String next = call("/admin/log", "limit=1").body().get("next").asText();
        assertThat(call("/admin/log", "limit=1&cursor=" + next).status()).isEqualTo(200);

        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"pk\":\"QUEUE#customer#1\",\"sk\":\"QUEUE\"}".getBytes(StandardCharsets.UTF_8));
        for (String garbage : List.of("not-a-cursor", "e30", forged, "%%%", "x".repeat(3000))) {
            Answer answer = call("/admin/log", "cursor=" + URLEncoder.encode(garbage, StandardCharsets.UTF_8));
            assertThat(answer.status()).as(garbage).isEqualTo(400);
            assertThat(answer.body().path("error").asText()).as(garbage).isEqualTo("invalid_cursor");
        }
        // A cursor of one list is not one of another.
        assertThat(call("/admin/queue", "status=pending&cursor=" + next).status()).isEqualTo(400);
        assertThat(call("/admin/history/customer%23g0", "cursor=" + next).status()).isEqualTo(400);
    }

    @Test
    void aPageIsTwentyFiveEntriesUnlessAskedAndAtMostTwoHundred() {
        Instant now = Instant.now();
        for (int i = 0; i < 27; i++) {
            entry(now.minusSeconds(i + 1), "l" + i, Outcome.SYNCED);
        }
        Answer first = call("/admin/log", "");
        assertThat(first.body().get("entries")).hasSize(25);
        assertThat(first.body().get("next").isNull()).isFalse();
        assertThat(call("/admin/log", "cursor=" + first.body().get("next").asText()).body().get("entries"))
                .hasSize(2);
        assertThat(call("/admin/log", "limit=200").body().get("entries")).hasSize(27);
        for (String bad : List.of("0", "201", "-1", "ten")) {
            Answer answer = call("/admin/log", "limit=" + bad);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.body().path("message").asText()).contains("from 1 to 200");
        }
        assertThat(call("/admin/queue", "status=dead&limit=201").status()).isEqualTo(400);
        assertThat(call("/admin/search", "q=x&limit=0").status()).isEqualTo(400);
    }

    @Test
    void aSearchByEmailFindsTheCustomerAndTheirOrdersAPageAQuery() {
        Instant now = Instant.now();
        String lea = "Lea Wolf <lea.wolf@example.com>";
        customer(now.minusSeconds(60), "5", lea);
        order(now.minusSeconds(50), "9", "#000000009 · " + lea);
        customer(now.minusSeconds(40), "6", "Paul Koch <paul@example.com>");
        order(now.minusSeconds(30), "10", "#000000010 · " + lea);
        customer(now.minusSeconds(20), "5", lea);
        order(now.minusSeconds(10), "9", "#000000009 · " + lea);

        QueueFixture.REQUESTS.reset();
        Answer all = call("/admin/search", "q=LEA.WOLF%40example.com&limit=10");
        assertThat(QueueFixture.REQUESTS.total()).as("one Query").isEqualTo(1);
        assertThat(keys(all.body())).containsExactly("order#9", "customer#5", "order#10", "order#9", "customer#5");
        assertThat(all.body().get("next").isNull()).isTrue();

        List<JsonNode> pages = pages("/admin/search", Map.of("q", "lea.wolf@example.com", "limit", "2"));
        List<String> paged = new ArrayList<>();
        pages.forEach(p -> paged.addAll(keys(p)));
        assertThat(paged).containsExactly("order#9", "customer#5", "order#10", "order#9", "customer#5");
        assertThat(pages.get(0).get("entries")).hasSize(2);
        // What the list shows comes with the entry: label, result, the changes.
        JsonNode newest = all.body().at("/entries/0");
        assertThat(newest.path("label").asText()).isEqualTo("#000000009 · " + lea);
        assertThat(newest.path("entityType").asText()).isEqualTo("order");
        assertThat(newest.at("/changes/0/after").asText()).isEqualTo("Approved");
    }

    @Test
    void anEntitysHistoryPages() {
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            customer(now.minusSeconds(i + 1), "7", "Anna Klein <anna@example.com>");
        }
        customer(now, "8", "Felix Hahn <felix@example.com>");
        List<JsonNode> pages = pages("/admin/history/customer%237", Map.of("limit", "2"));
        List<String> times = new ArrayList<>();
        pages.forEach(p -> p.get("entries").forEach(e -> {
            assertThat(e.path("entityKey").asText()).isEqualTo("customer#7");
            times.add(e.path("at").asText());
        }));
        assertThat(times).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(pages.get(0).get("entries")).hasSize(2);
    }

    @Test
    void queuePagesCoverEveryItemOfTheStatusOnce() {
        for (int i = 0; i < 7; i++) {
            EntityType type = i % 2 == 0 ? EntityType.CUSTOMER : EntityType.ORDER; // two priority partitions
            queue.enqueue(new QueuedEvent.Arrival(type, type.label() + "#" + i, "r", "e" + i, "{}"));
        }
        for (int i = 0; i < 3; i++) {
            queue.deadLetter(new QueuedEvent.Arrival(EntityType.INVOICE, "invoice#" + i, "r", "d" + i, "{}"), "no");
        }
        List<String> pending = new ArrayList<>();
        pages("/admin/queue", Map.of("status", "pending", "limit", "3"))
                .forEach(p -> p.get("items").forEach(i -> pending.add(i.path("entityKey").asText())));
        assertThat(pending).hasSize(7).doesNotHaveDuplicates();
        assertThat(pending.subList(0, 4)).allMatch(k -> k.startsWith("customer#")); // priority 1 before orders
        List<String> dead = new ArrayList<>();
        List<JsonNode> deadPages = pages("/admin/queue", Map.of("status", "dead", "limit", "2"));
        deadPages.forEach(p -> p.get("items").forEach(i -> dead.add(i.path("entityKey").asText())));
        assertThat(dead).containsExactlyInAnyOrder("invoice#0", "invoice#1", "invoice#2");
        assertThat(deadPages.get(0).get("items")).hasSize(2);
        String deadCursor = deadPages.get(0).get("next").asText();
        assertThat(call("/admin/queue", "status=pending&cursor=" + deadCursor).status()).isEqualTo(400);
        // The Report's question: which of these entities are dead letters now.
        Answer some = call("/admin/queue", "status=dead&keys=invoice%230,customer%230,invoice%239");
        assertThat(some.body().get("items")).hasSize(1);
        assertThat(some.body().at("/items/0/entityKey").asText()).isEqualTo("invoice#0");
    }

    private List<String> keys(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("entries").forEach(e -> out.add(e.path("entityKey").asText()));
        return out;
    }

    /** Every page of a list, following {@code next} until it is null (at most 50 pages). */
    private List<JsonNode> pages(String path, Map<String, String> params) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new LinkedHashMap<>(params);
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Answer answer = call(path, query(query));
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            out.add(answer.body());
            cursor = answer.body().get("next").isNull() ? null : answer.body().get("next").asText();
        } while (cursor != null && out.size() < 50);
        assertThat(cursor).as("the last page has no next").isNull();
        return out;
    }

    private static String query(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    private String entry(Instant at, String magentoId, Outcome result) {
        log.record(at, new LogLine("customer#" + magentoId, "customer", magentoId, null, result,
                result == Outcome.FAILED ? "Vtiger down" : null, List.of(), Written.NONE), Map.of());
        return magentoId;
    }

    private void customer(Instant at, String id, String label) {
        log.record(at, new LogLine("customer#" + id, "customer", id, label, Outcome.SYNCED, null, List.of(),
                Written.NONE), Map.of("Contacts", "12x" + id));
    }

    private void order(Instant at, String id, String label) {
        log.record(at, new LogLine("order#" + id, "order", id, label, Outcome.SYNCED, null, List.of(),
                new Written(Map.of("SalesOrder", "SO" + id), List.of(new Written.Change("SalesOrder", "sostatus",
                        "Created", "Approved", false)))), Map.of("SalesOrder", "6x" + id));
    }

    record Answer(int status, JsonNode body) {
    }

    private Answer call(String path, String query) {
        HttpApiEvent event = new HttpApiEvent("2.0", "$default", path, query, Map.of(), null, null,
                new HttpApiEvent.RequestContext("test", new HttpApiEvent.Http("GET", path, "127.0.0.1")), null,
                false);
        HttpApiResponse response = api.handle(event);
        try {
            return new Answer(response.statusCode(), ConsoleQueueLogApiTest.JSON.readTree(response.body()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
