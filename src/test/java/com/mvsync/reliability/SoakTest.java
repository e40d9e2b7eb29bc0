package com.mvsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.local.LocalHttpServer;
import com.mvsync.local.LocalHttpServerTest;
import com.mvsync.testing.lambda.HttpApiRequests;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.magento.FakeMagentoResource;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.webhook.auth.HmacSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A short soak through the local runner over plain HTTP (the profile of {@code LocalHttpServerTest}, port 0): 3000
 * webhook requests from eight concurrent senders (about two minutes here; moto is the bottleneck). How fast is the
 * benchmark's business, not this test's: the five-minute bound only stops a hang. 60 customers and 60 products are
 * synced once; every later request is a redelivery of a first event (answered from the record) or an unchanged save
 * with a new event id (synced, but nothing to write), so Vtiger stays small while the service does its full per-request
 * work. Every answer must be 200, Vtiger must see no write after the first syncs, and memory must stay steady.
 *
 * <p>Memory criterion: used heap is sampled after {@code System.gc()} (a full collection with the default G1, so the
 * sample is close to the live set) every 200 requests. The reference is the sample taken after a warm-up (the first
 * syncs plus one round of the mix: classes loaded, caches, connection pools and the Vtiger session filled). The median
 * of the last three samples may exceed it by at most max(20 MB, 25%): GC and JIT noise stay well inside that, while
 * anything retained per request (a body of 1-3 KB, its result, a log context) over the thousands of requests after warm-up
 * grows without bound and fails it once it is a few KB per request. The trend (bytes per request, least squares) is
 * printed alongside.
 */
@QuarkusTest
@TestProfile(LocalHttpServerTest.LocalRun.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
@QuarkusTestResource(FakeMagentoResource.class)
class SoakTest {

    static final int CUSTOMERS = 60;
    static final int PRODUCTS = 60;
    static final int TOTAL = 3000;
    static final int SENDERS = 8;
    static final int SAMPLE_EVERY = 200;
    static final Duration BOUND = Duration.ofMinutes(5);
    static final long MB = 1024 * 1024;

    @Inject
    LocalHttpServer server;

    FakeVtigerServer vtiger = FakeVtigerResource.server();
    final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(SENDERS)).build();

    /** A request to send: route and body. */
    record Request(String path, String body) {
    }

    @Test
    void thousandsOfRequestsAllAnswered200WithSteadyMemory() throws Exception {
        long base = System.currentTimeMillis() % 1_000_000 * 1000 + 600_000_000L;
        List<Request> firsts = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            long id = base + i;
            firsts.add(new Request("/webhooks/customers/created", Samples.customer(
                    "adobe-io-events/01_customer_save_commit_after_created.json", id, "soak" + id + "@example.com")));
        }
        for (int i = 0; i < PRODUCTS; i++) {
            firsts.add(new Request("/webhooks/products/saved", Samples.product(
                    "adobe-io-events/05_catalog_product_save_commit_after.json", "SOAK-" + base + "-" + i)));
        }
        vtiger.clearFaults();
        vtiger.resetCounts();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<long[]> samples = new ArrayList<>(); // {requests sent, used heap bytes}
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        int sent = 0;
        try {
            sent += sendAll(senders, firsts, errors);
            int creates = vtiger.calls("create");
            assertThat(creates).as("the first syncs: 3 records per customer, 1 per product")
                    .isEqualTo(3 * CUSTOMERS + PRODUCTS);
            vtiger.resetCounts();

            Random random = new Random(7);
            int round = 0;
            long warm = -1;
            while (sent < TOTAL && System.nanoTime() - started < BOUND.toNanos()) {
                round++;
                // Each entity at most once per batch: a redelivery of its first event, or an unchanged save.
                List<Request> batch = new ArrayList<>();
                for (Request first : firsts) {
                    batch.add(random.nextInt(4) == 0 ? unchangedSave(first, round) : first);
                }
                Collections.shuffle(batch, random);
                for (int from = 0; from < batch.size() && sent < TOTAL; from += SAMPLE_EVERY) {
                    List<Request> slice = batch.subList(from, Math.min(batch.size(), from + SAMPLE_EVERY));
                    slice = slice.subList(0, Math.min(slice.size(), TOTAL - sent));
                    sent += sendAll(senders, slice, errors);
                    long used = usedAfterGc(memory);
                    samples.add(new long[] {sent, used});
                    if (warm < 0 && round >= 1 && sent >= firsts.size() * 2) {
                        warm = used;
                    }
                }
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            System.out.printf("soak: %d requests in %d s; heap after GC (MB) by requests sent: %s; trend %.0f B/request%n",
                    sent, seconds, samples.stream().map(s -> s[0] + ":" + s[1] / MB).toList(), slope(samples));

            assertThat(errors).as("every answer 200").isEmpty();
            assertThat(sent).as("every request sent before the bound (a hang otherwise)").isEqualTo(TOTAL);
            assertThat(vtiger.calls("create") + vtiger.calls("revise") + vtiger.calls("update"))
                    .as("redeliveries and unchanged saves write nothing to Vtiger: %s", vtiger.callCounts()).isZero();
            assertThat(samples.size()).isGreaterThanOrEqualTo(5);
            List<Long> last = samples.subList(samples.size() - 3, samples.size()).stream().map(s -> s[1]).sorted()
                    .toList();
            long median = last.get(1);
            long allowed = warm + Math.max(20 * MB, warm / 4);
            assertThat(median).as("used heap after warm-up %d MB, now %d MB", warm / MB, median / MB)
                    .isLessThanOrEqualTo(allowed);
        } finally {
            senders.shutdownNow();
        }
    }

    /** The same entity with nothing changed, as a new event (its own event id). */
    private static Request unchangedSave(Request first, int round) {
        String path = first.path().contains("customers") ? "/webhooks/customers/updated" : first.path();
        return new Request(path, first.body().replaceFirst("\"event_id\"\\s*:\\s*\"([^\"]+)\"",
                "\"event_id\": \"$1-r" + round + "\""));
    }

    private int sendAll(ExecutorService senders, List<Request> requests, List<String> errors) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (Request r : requests) {
            futures.add(senders.submit(() -> {
                HttpResponse<String> response = send(r);
                if (response.statusCode() != 200) {
                    errors.add(r.path() + ": " + response.statusCode() + " " + response.body());
                } else {
                    JsonNode body = Deliveries.JSON.readTree(response.body());
                    if (!"synced".equals(body.path("status").asText())) {
                        errors.add(r.path() + ": 200 but " + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        return requests.size();
    }

    private HttpResponse<String> send(Request r) throws Exception {
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + r.path()))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Mvsync-Signature", HmacSignature.header(HttpApiRequests.HMAC_SECRET,
                        Instant.now().getEpochSecond(), body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Least-squares slope of used heap over requests sent, in bytes per request. */
    private static double slope(List<long[]> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double mx = samples.stream().mapToDouble(s -> s[0]).average().orElse(0);
        double my = samples.stream().mapToDouble(s -> s[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (long[] s : samples) {
            num += (s[0] - mx) * (s[1] - my);
            den += (s[0] - mx) * (s[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }
}
