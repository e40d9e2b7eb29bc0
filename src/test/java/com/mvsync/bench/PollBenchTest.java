package com.mvsync.bench;

import static com.mvsync.bench.BenchReport.met;
import static com.mvsync.bench.BenchReport.ms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mvsync.magento.rest.MagentoRestClient;
import com.mvsync.poll.PollConfig;
import com.mvsync.poll.PollCursorStore;
import com.mvsync.poll.PollRun;
import com.mvsync.poll.Poller;
import com.mvsync.queue.QueueFixture;
import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.telemetry.SyncMetrics;
import com.mvsync.testing.magento.FakeMagentoServer;
import com.mvsync.testing.magento.MagentoConfigs;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The poll's cost: Magento requests per run with N customers changed since the cursor (page size 100), against the
 * Magento double (which counts requests per path) and moto. Knobs: {@code bench.poll.changed} (default
 * {@code 0,1,250}), {@code bench.poll.customers} (the store's size, default 300).
 */
@Tag("bench")
class PollBenchTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter MAGENTO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String TOKEN = "bench-token";

    record Row(String changes, int changed, int requests, int expected, int queued, int storeCalls, long nanos) {
    }

    @Test
    void magentoRequestsPerPollRun() {
        int customers = Integer.getInteger("bench.poll.customers", 300);
        int[] sizes = Arrays.stream(System.getProperty("bench.poll.changed", "0,1,250").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).toArray();
        List<Row> rows = new ArrayList<>();
        try (FakeMagentoServer magento = FakeMagentoServer.start(customers, 0, 0, 0).acceptBearer(TOKEN)) {
            for (int n : sizes) {
                rows.add(run(magento, n, false));
            }
            int largest = Arrays.stream(sizes).max().orElse(0);
            if (largest > 1) {
                rows.add(run(magento, largest, true));
            }
        }
        BenchReport report = new BenchReport("poll", "Poll mode: Magento requests per run");
        List<List<String>> table = new ArrayList<>();
        for (Row r : rows) {
            table.add(List.of(r.changes(), Integer.toString(r.changed()), Integer.toString(r.requests()),
                    Integer.toString(r.expected()), Integer.toString(r.queued()), Integer.toString(r.storeCalls()),
                    ms(r.nanos())));
        }
        report.table(List.of("customers changed since the cursor", "N", "Magento requests", "target",
                "queued", "DynamoDB requests", "run time"), table);
        report.note("Page size 100; a store of " + customers + " customers, the rest unchanged since long before "
                + "the cursor. Target: one request per 100 changed entities, at least one per polled type. The "
                + "poll pages by value (updated_at >= the last page's latest second), so the boundary second of "
                + "each page is read twice: with 100 changes in every page the figure could exceed the target by "
                + "one request per 100 pages. DynamoDB: the settings Query, the cursor read, one queue write per "
                + "changed entity and one conditional cursor write per page (run time is moto's, mostly).");
        for (Row r : rows) {
            report.summary("Magento requests per poll run, " + r.changes() + " (" + r.changed() + ")",
                    Integer.toString(r.requests()), Integer.toString(r.expected()), met(r.requests() <= r.expected()));
        }
        report.write();
    }

    private static Row run(FakeMagentoServer magento, int changed, boolean sameSecond) {
        QueueFixture fx = new QueueFixture();
        magento.reset();
        magento.stampAll("customers", "2026-10-01 08:00:00");
        SettingsStore settings = fx.settings(Duration.ZERO);
        settings.update(SettingsUpdate.parse(json(
                "{\"sources\":{\"customer\":{\"source\":\"poll\",\"startFrom\":\"2026-11-27T09:00:00Z\"}}}")));
        PollConfig config = new PollConfig() {
            public Duration overlap() {
                return Duration.ofMinutes(2);
            }

            public Duration budget() {
                return Duration.ofMinutes(5);
            }

            public int pageSize() {
                return 100;
            }


            public int recentLimit() {

                return 2000;

            }
        };
        Poller poller = new Poller(new MagentoRestClient(MagentoConfigs.bearer(magento.baseUrl(), TOKEN), JSON),
                fx.queue(QueueFixture.config()), settings, new PollCursorStore(QueueFixture.dynamo(), fx.table),
                config, new SyncMetrics(JSON, false), fx.clock);
        poller.run(); // the first run: sets the cursor
        LocalDateTime at = LocalDateTime.of(2026, 11, 27, 9, 30);
        for (int i = 1; i <= changed; i++) {
            magento.save("customers", Integer.toString(i), MAGENTO.format(sameSecond ? at : at.plusSeconds(i)),
                    "firstname", "Changed " + i);
        }
        fx.clock.advance(Duration.ofMinutes(5));
        magento.reset();
        QueueFixture.REQUESTS.reset();
        long started = System.nanoTime();
        PollRun run = poller.run().types().get(0);
        long nanos = System.nanoTime() - started;
        int storeCalls = QueueFixture.REQUESTS.total();
        int requests = magento.requestCount("/V1/customers/search");
        if (requests != run.requests() || run.queued() != changed) {
            throw new AssertionError("requests " + requests + " vs reported " + run.requests() + ", queued "
                    + run.queued() + " of " + changed);
        }
        return new Row(sameSecond ? "all in one second" : "each in its own second", changed, requests,
                Math.max(1, (changed + 99) / 100), run.queued(), storeCalls, nanos);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
