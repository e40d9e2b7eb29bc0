package com.mvsync.admin;

import static com.mvsync.magento.EntityType.CUSTOMER;
import static com.mvsync.magento.EntityType.ORDER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.MappingValidator;
import com.mvsync.queue.QueueFixture;
import com.mvsync.queue.QueueStore;
import com.mvsync.queue.QueuedEvent.Arrival;
import com.mvsync.settings.SettingsStore;
import com.mvsync.store.Outcome;
import com.mvsync.store.SyncLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import com.mvsync.console.ConsoleHandler;
import com.mvsync.console.ConsoleSettings;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settings, queue and log routes of the admin API, called directly with HttpApi events; state in moto. */
class AdminQueueApiTest {

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
        SettingsStore settings = fx.settings(Duration.ofSeconds(10));
        MappingStore mappings = new MappingStore(QueueFixture.dynamo(), fx.table, () -> Duration.ZERO, java.time.Clock.systemUTC());
        AdminHttp http = new AdminHttp(JSON);
        api = new AdminApi(http, new ConsoleHandler(new ConsoleSettings(Optional.empty(), null, JSON)), List.of(
                new MappingAdmin(mappings, new MappingValidator(mappings, module -> Optional.empty()), http),
                new QueueAdmin(queue, null, Duration.ofSeconds(5), http,
                        new DeadLetterActions(queue, fx.log(), java.time.Clock.systemUTC()), fx.log()), new SettingsAdmin(settings, http),
                new ReportAdmin(queue, log, http)));
    }

    @Test
    void settingsReadAndPartialUpdate() {
        Answer initial = call("GET", "/admin/settings", "", null);
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.body().at("/types/CONTACTS").toString())
                .isEqualTo("{\"enabled\":true,\"mode\":\"immediate\",\"periodMinutes\":5,\"onDelete\":\"mark\"}");
        assertThat(initial.body().get("types")).hasSize(8);

        Answer put = call("PUT", "/admin/settings", "",
                "{\"types\":{\"CONTACTS\":{\"enabled\":true,\"mode\":\"cron\",\"periodMinutes\":10},"
                        + "\"INVOICES\":{\"enabled\":false}}}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().at("/types/CONTACTS/mode").asText()).isEqualTo("cron");
        assertThat(put.body().at("/types/INVOICES/enabled").asBoolean()).isFalse();

        Answer again = call("GET", "/admin/settings", "", null);
        assertThat(again.body().at("/types/CONTACTS/periodMinutes").asInt()).isEqualTo(10);
        assertThat(again.body().at("/types/INVOICES/mode").asText()).isEqualTo("immediate");
    }

    @Test
    void invalidSettingsAre400WithAMessage() {
        Answer bad = call("PUT", "/admin/settings", "", "{\"types\":{\"CONTACTS\":{\"periodMinutes\":0}}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("error").asText()).isEqualTo("invalid_settings");
        assertThat(bad.message()).isEqualTo("CONTACTS.periodMinutes must be between 1 and 1440 (a day), not 0");

        Answer malformed = call("PUT", "/admin/settings", "", "{\"types\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.message()).startsWith("the request body is not valid JSON");

        Answer empty = call("PUT", "/admin/settings", "", null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.message()).startsWith("the request body is empty; send {\"types\":");

        Answer method = call("DELETE", "/admin/settings", "", null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.headers()).containsEntry("allow", "GET, PUT");
    }

    @Test
    void settingsFieldsDescribeTheRecordPolicyForTheConsole() {
        Answer fields = call("GET", "/admin/settings/fields", "", null);
        assertThat(fields.status()).isEqualTo(200);
        assertThat(fields.body().at("/records/0").toString())
                .isEqualTo("{\"name\":\"alwaysFetch\",\"type\":\"boolean\",\"default\":false,\"choices\":null,"
                        + "\"maxLength\":null}");
        assertThat(fields.body().at("/records/1/choices").toString()).isEqualTo("[\"magento-wins\",\"vtiger-wins\"]");
        assertThat(fields.body().at("/records/2/default").asText()).isEqualTo("dead-letter");
        assertThat(fields.body().at("/records/4/maxLength").asInt()).isEqualTo(8);
        assertThat(fields.body().at("/records/5").toString()).as("two-way: customers from Contacts, off")
                .isEqualTo("{\"name\":\"contactsCreateCustomers\",\"type\":\"boolean\",\"default\":false,"
                        + "\"choices\":null,\"maxLength\":null}");
    }

    @Test
    void settingsFieldsDescribeEachTypesRowAndTheSources() {
        Answer fields = call("GET", "/admin/settings/fields", "", null);
        assertThat(fields.body().at("/types").findValuesAsText("name"))
                .containsExactly("enabled", "mode", "periodMinutes", "onDelete");
        assertThat(fields.body().at("/types/1").toString()).isEqualTo("{\"name\":\"mode\",\"type\":\"choice\","
                + "\"default\":\"immediate\",\"choices\":[\"immediate\",\"cron\"],\"maxLength\":null}");
        assertThat(fields.body().at("/types/2/min").asInt()).isEqualTo(1);
        assertThat(fields.body().at("/types/2/max").asInt()).isEqualTo(1440);
        assertThat(fields.body().at("/types/3/onlyFor").toString())
                .isEqualTo("[\"LEADS\",\"ORGANIZATIONS\",\"CONTACTS\",\"PRODUCTS\"]");
        assertThat(fields.body().at("/sources/0/choices").toString()).isEqualTo("[\"webhooks\",\"poll\",\"both\"]");
        assertThat(fields.body().at("/sources/0/choicesOnlyFor/poll").toString()).contains("\"customer\"");
        assertThat(fields.body().at("/sources/1/type").asText()).isEqualTo("instant");
    }

    @Test
    void anUnknownPathIs404ListingWhatIsServed() {
        Answer unknown = call("GET", "/admin/nothing", "", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").asText()).isEqualTo("not_found");
        assertThat(unknown.message()).isEqualTo("no admin route GET /admin/nothing; the admin API serves"
                + " /admin/backfill, /admin/history, /admin/log, /admin/mappings, /admin/queue, /admin/search and /admin/settings");
    }

    @Test
    void queueListingAndDeadLetterRetry() {
        queue.enqueue(new Arrival(CUSTOMER, "customer#42", "customersUpdated", "e1", "{\"id\":42}"));
        queue.enqueue(new Arrival(ORDER, "order#7", "ordersPlaced", "e2", "{\"id\":7}"));
        var claim = queue.claim(queue.due(2, fx.clock.instant(), 10).get(0), Duration.ofMinutes(3)).orElseThrow();
        queue.fail(claim, "SalesOrder: subject is mandatory", false);

        Answer pending = call("GET", "/admin/queue", "", null);
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.body().get("status").asText()).isEqualTo("pending");
        assertThat(pending.body().at("/items/0/entityKey").asText()).isEqualTo("customer#42");
        assertThat(pending.body().at("/items/0/body").asText()).isEqualTo("{\"id\":42}");
        assertThat(pending.body().at("/items/0/dueAt").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(pending.body().get("items")).hasSize(1);

        Answer dead = call("GET", "/admin/queue", "status=dead&limit=5", null);
        assertThat(dead.body().at("/items/0/entityKey").asText()).isEqualTo("order#7");
        assertThat(dead.body().at("/items/0/status").asText()).isEqualTo("dead");
        assertThat(dead.body().at("/items/0/lastError").asText()).isEqualTo("SalesOrder: subject is mandatory");

        Answer retried = call("POST", "/admin/queue/order%237/retry", "", null);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("status").asText()).isEqualTo("pending");
        assertThat(retried.body().get("attempts").asInt()).isZero();
        assertThat(call("GET", "/admin/queue", "status=dead", null).body().get("items")).isEmpty();

        Answer notDead = call("POST", "/admin/queue/order%237/retry", "", null);
        assertThat(notDead.status()).isEqualTo(409);
        assertThat(notDead.message()).isEqualTo("order#7 is pending; only a dead item can be retried");
        Answer missing = call("POST", "/admin/queue/customer%23404/retry", "", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.message()).startsWith("no queue item for 'customer#404'");

        assertThat(call("GET", "/admin/queue", "status=done", null).message())
                .isEqualTo("unknown status 'done'; use pending, in_progress or dead");
        assertThat(call("GET", "/admin/queue", "status=in_progress", null).body().get("items")).isEmpty();
        assertThat(call("GET", "/admin/queue/order%237/retry", "", null).status()).isEqualTo(405);
    }

    @Test
    void selectedDeadLettersRetriedAndDiscardedEachAnsweredAndEachDiscardLogged() {
        queue.enqueue(new Arrival(CUSTOMER, "customer#1", "customersCreated", "e1", "{\"id\":1}"));
        for (String id : List.of("7", "8", "9")) {
            queue.deadLetter(new Arrival(ORDER, "order#" + id, "ordersPlaced", "e" + id, "{\"increment_id\":\"00" + id
                    + "\"}"), "SalesOrder: subject is mandatory");
        }
        Answer dead = call("GET", "/admin/queue", "status=dead", null);
        assertThat(dead.body().at("/items/0/failedAt").asText()).isEqualTo("2026-11-27T10:00:00Z");

        Answer retried = call("POST", "/admin/queue/retry", "", "{\"ids\":[\"order#7\",\"customer#1\",\"order#404\"]}");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().toString()).isEqualTo("{\"done\":1,\"results\":[{\"id\":\"order#7\",\"result\":\"ok\"},"
                + "{\"id\":\"customer#1\",\"result\":\"not_dead\"},{\"id\":\"order#404\",\"result\":\"not_found\"}]}");
        assertThat(queue.get("order#7").orElseThrow().status().wire()).isEqualTo("pending");

        Answer discarded = call("POST", "/admin/queue/discard", "",
                "{\"ids\":[\"order#8\",\"order#7\",\"order#404\"]}");
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.body().path("done").asInt()).isEqualTo(1);
        assertThat(discarded.body().at("/results/1/result").asText()).as("pending: not discarded").isEqualTo("not_dead");
        assertThat(discarded.body().at("/results/2/result").asText()).isEqualTo("not_found");
        assertThat(queue.get("order#8")).isEmpty();
        assertThat(queue.get("order#7")).isPresent();
        assertThat(queue.get("order#9").orElseThrow().status().wire()).isEqualTo("dead");

        Answer logged = call("GET", "/admin/log", "", null);
        assertThat(logged.body().get("entries")).hasSize(1);
        assertThat(logged.body().at("/entries/0/entityType").asText()).isEqualTo("order");
        assertThat(logged.body().at("/entries/0/magentoId").asText()).isEqualTo("8");
        assertThat(logged.body().at("/entries/0/result").asText()).isEqualTo("skipped");
        assertThat(logged.body().at("/entries/0/error").asText())
                .isEqualTo("discarded by the admin; it had failed: SalesOrder: subject is mandatory");
    }

    @Test
    void aBadSelectionIs400AndChangesNothing() {
        queue.deadLetter(new Arrival(ORDER, "order#7", "ordersPlaced", "e7", "{}"), "no currency");
        String many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "\"order#" + i + "\"")
                .collect(java.util.stream.Collectors.joining(",", "{\"ids\":[", "]}"));
        for (String path : List.of("/admin/queue/retry", "/admin/queue/discard")) {
            for (String body : List.of("{\"ids\":[]}", "{\"ids\":\"order#7\"}", "{}", many,
                    "{\"ids\":[\"order#7\",42]}", "{\"ids\":[\"order#7\",\"\"]}", "{\"ids\":[\"order#7\",\"7\"]}")) {
                Answer bad = call("POST", path, "", body);
                assertThat(bad.status()).as(path + " " + body).isEqualTo(400);
                assertThat(bad.body().path("error").asText()).isEqualTo("invalid_request");
            }
            assertThat(call("POST", path, "", null).message()).startsWith("the request body is empty");
            assertThat(call("POST", path, "", "{\"ids\":").message()).startsWith("the request body is not valid JSON");
            assertThat(call("GET", path, "", null).status()).isEqualTo(405);
        }
        assertThat(queue.get("order#7").orElseThrow().status().wire()).isEqualTo("dead");
        assertThat(call("GET", "/admin/log", "", null).body().get("entries")).isEmpty();
    }

    @Test
    void theSyncLogNewestFirst() {
        Instant now = Instant.now();
        log.record(now.minusSeconds(2), "customer", "42", Map.of("Contacts", "12x42"), Outcome.SYNCED, null);
        log.record(now.minusSeconds(1), "order", "7", Map.of(), Outcome.FAILED, "Vtiger down");

        Answer answer = call("GET", "/admin/log", "limit=1", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("entries")).hasSize(1);
        assertThat(answer.body().at("/entries/0/magentoId").asText()).isEqualTo("7");
        assertThat(answer.body().at("/entries/0/error").asText()).isEqualTo("Vtiger down");
        assertThat(call("GET", "/admin/log", "", null).body().get("entries")).hasSize(2);
        assertThat(call("GET", "/admin/log", "", null).body().at("/entries/1/vtigerIds/Contacts").asText())
                .isEqualTo("12x42");

        Answer bad = call("GET", "/admin/log", "limit=0", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.message()).isEqualTo("limit must be a whole number from 1 to 200, not '0'");
        assertThat(call("GET", "/admin/log", "limit=201", null).status()).isEqualTo(400);
        assertThat(call("GET", "/admin/log", "limit=200", null).status()).isEqualTo(200);
    }

    record Answer(int status, Map<String, String> headers, JsonNode body) {
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
            return new Answer(response.statusCode(), response.headers(),
                    response.body() == null ? JSON.createObjectNode() : JSON.readTree(response.body()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
