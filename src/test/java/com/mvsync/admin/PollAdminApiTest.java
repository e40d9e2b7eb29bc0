package com.mvsync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import com.mvsync.magento.EntityType;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.mapping.MappingStore;
import com.mvsync.mapping.MappingValidator;
import com.mvsync.poll.PollConfig;
import com.mvsync.poll.PollCursorStore;
import com.mvsync.poll.Poller;
import com.mvsync.poll.PollCursor;
import com.mvsync.poll.PollRun;
import com.mvsync.poll.VtigerPollModules;
import com.mvsync.poll.VtigerPollRun;
import com.mvsync.mapping.ConflictRule;
import com.mvsync.mapping.Direction;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.MappingRow;
import com.mvsync.mapping.RecordType;
import com.mvsync.mapping.WriteRule;
import com.mvsync.sync.AccountWriteBack;
import com.mvsync.sync.CustomerWriteBack;
import com.mvsync.sync.OrganizationMembers;
import com.mvsync.sync.OrderWriteBack;
import com.mvsync.sync.ProductWriteBack;
import com.mvsync.sync.WriteBacks;
import com.mvsync.queue.QueueFixture;
import com.mvsync.queue.QueueStore;
import com.mvsync.settings.SettingsStore;
import com.mvsync.telemetry.SyncMetrics;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.magento.MagentoConfigs;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import com.mvsync.console.ConsoleHandler;
import com.mvsync.console.ConsoleSettings;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The poll's settings ({@code sources} of {@code /admin/settings}) and status ({@code GET /admin/poll}). */
class PollAdminApiTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static FakeMagentoServer magento;

    QueueFixture fx;
    SettingsStore settings;
    Poller poller;
    PollCursorStore cursors;
    MappingStore mappings;
    AdminApi api;

    @BeforeAll
    static void start() {
        magento = FakeMagentoServer.start(3, 0, 0, 0).acceptBearer("t");
    }

    @AfterAll
    static void stop() {
        magento.close();
    }

    @BeforeEach
    void fresh() {
        fx = new QueueFixture();
        QueueStore queue = fx.queue(QueueFixture.config());
        settings = fx.settings(Duration.ofSeconds(10));
        PollConfig config = new PollConfig() {
            public Duration overlap() {
                return Duration.ofMinutes(2);
            }

            public Duration budget() {
                return Duration.ofSeconds(10);
            }

            public int pageSize() {
                return 100;
            }


            public int recentLimit() {

                return 2000;

            }
        };
        MagentoRestClient rest = new MagentoRestClient(MagentoConfigs.bearer(magento.baseUrl(), "t"), JSON);
        cursors = new PollCursorStore(QueueFixture.dynamo(), fx.table);
        poller = new Poller(rest, queue, settings, cursors, config, new SyncMetrics(JSON, false), fx.clock);
        mappings = new MappingStore(QueueFixture.dynamo(), fx.table, () -> Duration.ZERO,
                java.time.Clock.systemUTC());
        FieldMapper mapper = new FieldMapper(mappings);
        CustomerWriteBack customers = new CustomerWriteBack(mapper, rest);
        // No Vtiger here: the poll's status reads only the cursors.
        VtigerPollModules modules = new VtigerPollModules(new WriteBacks(customers,
                new AccountWriteBack(customers, new OrganizationMembers(null), mapper),
                new ProductWriteBack(mapper, rest), new OrderWriteBack(mapper, rest), mapper), cursors);
        AdminHttp http = new AdminHttp(JSON);
        api = new AdminApi(http, new ConsoleHandler(new ConsoleSettings(Optional.empty(), null, JSON)), List.of(
                new MappingAdmin(mappings, new MappingValidator(mappings, module -> Optional.empty()), http),
                new QueueAdmin(queue, null, Duration.ofSeconds(5), http,
                        new DeadLetterActions(queue, fx.log(), java.time.Clock.systemUTC()), fx.log()), new SettingsAdmin(settings, http),
                new PollAdmin(settings, cursors, modules, config, http)));
    }

    @Test
    void sourcesAreSettingsAndThePollShowsPerTypeWhereItStands() {
        Answer initial = call("GET", "/admin/settings", null);
        assertThat(initial.body().at("/sources/customer").toString()).isEqualTo("{\"source\":\"webhooks\",\"startFrom\":null}");
        assertThat(initial.body().get("types")).hasSize(8);

        Answer put = call("PUT", "/admin/settings", "{\"sources\":{\"customer\":{\"source\":\"poll\"},"
                + "\"orders\":{\"source\":\"both\",\"startFrom\":\"2026-11-01\"}}}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().at("/sources/customer/source").asText()).isEqualTo("poll");
        assertThat(put.body().at("/sources/customer/startFrom").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(put.body().at("/sources/order/startFrom").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(put.body().at("/sources/product/source").asText()).isEqualTo("webhooks");
        assertThat(put.body().at("/types/CONTACTS/mode").asText()).as("the rest kept").isEqualTo("immediate");

        Answer before = call("GET", "/admin/poll", null);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().at("/types/customer/source").asText()).isEqualTo("poll");
        assertThat(before.body().at("/types/customer/pollable").asBoolean()).isTrue();
        assertThat(before.body().at("/types/customer/lastRun").isNull()).isTrue();
        assertThat(before.body().at("/overlap").asText()).isEqualTo("PT2M");

        poller.run();

        Answer after = call("GET", "/admin/poll", null);
        assertThat(after.body().at("/types/customer/cursor").asText()).isEqualTo("2026-11-27 10:00:00");
        assertThat(after.body().at("/types/customer/lastRun/requests").asInt()).isEqualTo(1);
        assertThat(after.body().at("/types/customer/lastRun/found").asInt()).isZero();
        assertThat(after.body().at("/types/customer/lastRun/status").asText()).isEqualTo("done");
        assertThat(after.body().at("/types/order/lastRun/requests").asInt()).isEqualTo(1);
        assertThat(after.body().at("/types/product/lastRun").isNull()).as("webhooks: never polled").isTrue();
        assertThat(call("POST", "/admin/poll", null).status()).isEqualTo(405);
    }

    /**
     * Beside Magento's poll, each Vtiger module of two-way sync: not polled until a row of it flows back, then its
     * cursor and latest run as the Vtiger poll keeps it, with the records it found linked to no Magento entity.
     */
    @Test
    void thePollShowsEachVtigerModuleOfTwoWaySyncWithItsLatestRunAndUnlinkedRecords() {
        Answer off = call("GET", "/admin/poll", null);
        assertThat(off.body().get("modules").fieldNames()).toIterable()
                .containsExactly("Contacts", "Accounts", "Products", "SalesOrder");
        assertThat(off.body().at("/modules/Contacts/polled").asBoolean()).as("every built-in row is one-way").isFalse();
        assertThat(off.body().at("/modules/Contacts/entityType").asText()).isEqualTo("customer");
        assertThat(off.body().at("/modules/Contacts/lastRun").isNull()).isTrue();
        assertThat(off.body().at("/modules/Contacts/cursor").isNull()).isTrue();

        mappings.put(new MappingRow(RecordType.CONTACT, "phone", "default_billing.telephone", true, "Phone",
                WriteRule.ALWAYS, false, false, Direction.BOTH, ConflictRule.NEWEST_WINS));
        VtigerPollRun run = new VtigerPollRun("Contacts", "2026-12-07T06:00:00Z", PollRun.DONE, 3, 250, 200, 2, 50,
                List.of("12x901", "12x902"), "2026-12-07 05:59:58", null);
        cursors.saveVtiger("Contacts", new PollCursor(EntityType.CUSTOMER, null, run.cursor(), Map.of(),
                0, null, run), 0);

        Answer on = call("GET", "/admin/poll", null);
        assertThat(on.body().at("/modules/Contacts/polled").asBoolean()).isTrue();
        assertThat(on.body().at("/modules/Contacts/fields").toString()).isEqualTo("[\"phone\"]");
        assertThat(on.body().at("/modules/Contacts/cursor").asText()).isEqualTo("2026-12-07 05:59:58");
        JsonNode last = on.body().at("/modules/Contacts/lastRun");
        assertThat(last.path("status").asText()).isEqualTo("done");
        assertThat(last.path("requests").asInt()).isEqualTo(3);
        assertThat(last.path("found").asInt()).isEqualTo(250);
        assertThat(last.path("queued").asInt()).isEqualTo(200);
        assertThat(last.path("skipped").asInt()).isEqualTo(2);
        assertThat(last.path("unlinked").asInt()).isEqualTo(50);
        assertThat(last.path("unlinkedIds").toString()).isEqualTo("[\"12x901\",\"12x902\"]");
        assertThat(last.path("error").isNull()).isTrue();
        assertThat(on.body().at("/modules/Products/polled").asBoolean()).isFalse();
        assertThat(on.body().at("/types/customer/lastRun").isNull()).as("Magento's side apart").isTrue();
        assertThat(on.body().at("/types/customer/cursor").isNull()).isTrue();
        assertThat(on.body().at("/modules/Accounts/entityType").asText()).as("Accounts feed customers too")
                .isEqualTo("customer");
        assertThat(on.body().at("/modules/Accounts/cursor").isNull()).as("a cursor of its own").isTrue();
        assertThat(on.body().at("/modules/Accounts/unlinkedMeans").asText())
                .startsWith("no customer's personal Organization");
        assertThat(on.body().at("/modules/Contacts/unlinkedMeans").asText()).isEqualTo("linked to no Magento entity");
    }

    @Test
    void aVtigerCursorKeptPerEntityTypeByAnEarlierVersionIsShownAndReadAsTheFirstModulesOfItsType() {
        // Before Accounts were polled, the Contacts cursor was the customer type's: POLL / vtiger#customer.
        VtigerPollRun run = new VtigerPollRun("Contacts", "2026-12-06T06:00:00Z", PollRun.DONE, 1, 0, 0, 0, 0,
                List.of(), "2026-12-06 05:59:58", null);
        PollCursor former = new PollCursor(EntityType.CUSTOMER, null, run.cursor(), Map.of("12x7",
                "2026-12-06 05:59:58"), 0, null, run);
        cursors.saveVtiger("customer", former, 0); // the former key, written as the former version wrote it

        Answer status = call("GET", "/admin/poll", null);
        assertThat(status.body().at("/modules/Contacts/cursor").asText()).isEqualTo("2026-12-06 05:59:58");
        assertThat(status.body().at("/modules/Accounts/cursor").isNull()).isTrue();
        PollCursor carried = cursors.vtiger("Contacts", EntityType.CUSTOMER, true).orElseThrow();
        assertThat(carried.recent()).containsEntry("12x7", "2026-12-06 05:59:58");
        assertThat(carried.version()).as("its first save creates the module's item").isZero();
        assertThat(cursors.vtiger("Accounts", EntityType.CUSTOMER, false)).isEmpty();

        cursors.saveVtiger("Contacts", new PollCursor(EntityType.CUSTOMER, null, "2026-12-06 06:05:00",
                Map.of(), 0, null, run), carried.version());
        assertThat(call("GET", "/admin/poll", null).body().at("/modules/Contacts/cursor").asText())
                .as("the module's own item wins from then on").isEqualTo("2026-12-06 06:05:00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"sources\":{\"customer\":{\"source\":\"sometimes\"}}}|sources.customer.source must be one of [webhooks, poll, both], not \"sometimes\"",
        "{\"sources\":{\"customer\":{\"source\":1}}}|sources.customer.source must be one of [webhooks, poll, both], not 1",
        "{\"sources\":{\"wishlist\":{\"source\":\"poll\"}}}|sources: unknown entity type 'wishlist'; expected one of customer, product, order, invoice, creditmemo, shipment",
        "{\"sources\":{\"customer\":{\"source\":\"poll\",\"since\":\"x\"}}}|sources.customer: unknown property 'since'; a source has source and startFrom",
        "{\"sources\":{\"customer\":\"poll\"}}|sources.customer must be an object with source and/or startFrom",
        "{\"sources\":[]}|'sources' must be an object keyed by Magento entity type (customer, product, order, invoice, creditmemo, shipment), e.g. {\"customer\":{\"source\":\"poll\"}}",
        "{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\"yesterday\"}}}|sources.customer.startFrom 'yesterday' is not an ISO-8601 instant or a UTC date, e.g. \"2026-12-01T00:00:00Z\" or \"2026-12-01\"",
        "{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\"2027-01-01\"}}}|sources.customer.startFrom 2027-01-01T00:00:00Z is in the future; the poll reads changes made at or after it",
        "{\"sources\":{\"customer\":{\"startFrom\":\"2026-11-01\"}}}|sources.customer.startFrom applies only when the source is poll or both, not webhooks",
        "{\"source\":{\"customer\":{\"source\":\"poll\"}}}|unknown property 'source'; the settings body has 'types', 'records' and 'sources'"
    })
    void badSourcesAre400WithAMessageAndChangeNothing(String body, String message) {
        Answer bad = call("PUT", "/admin/settings", body);

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").asText()).isEqualTo("invalid_settings");
        assertThat(bad.message()).isEqualTo(message);
        assertThat(settings.read().source(EntityType.CUSTOMER).source().wire()).isEqualTo("webhooks");
    }

    record Answer(int status, JsonNode body) {
        String message() {
            return body.path("message").asText();
        }
    }

    private Answer call(String method, String path, String body) {
        HttpApiEvent event = new HttpApiEvent("2.0", "$default", path, "", Map.of(), null, null,
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
