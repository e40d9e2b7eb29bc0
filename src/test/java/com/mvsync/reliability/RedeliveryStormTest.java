package com.mvsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.functions.WebhookFunctions;
import com.mvsync.testing.lambda.FunctionProfiles;
import com.mvsync.testing.lambda.Samples;
import com.mvsync.testing.moto.MotoDynamoDbResource;
import com.mvsync.testing.vtiger.FakeVtigerResource;
import com.mvsync.testing.vtiger.FakeVtigerServer;
import com.mvsync.http.HttpApiEvent;
import com.mvsync.http.HttpApiResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A redelivery storm: 100 customer registrations and 100 product saves, each delivered three times at once by
 * twelve threads calling the function beans in-process (the code each Lambda runs; concurrent Lambda containers in
 * AWS). Every delivery is answered 200 (synced, or replayed from the record) or 409 (the same event is being
 * processed right now); a 409 is re-sent after the storm, as a sender retries, and then answered 200. Exactly one
 * Vtiger record exists per entity and per record type, and the redeliveries cost no Vtiger write.
 *
 * <p>Runs in the profile of {@code CustomersCreatedFunctionTest}, so Quarkus does not restart for it.
 */
@QuarkusTest
@TestProfile(FunctionProfiles.Webhook.class)
@QuarkusTestResource(MotoDynamoDbResource.class)
@QuarkusTestResource(FakeVtigerResource.class)
class RedeliveryStormTest {

    static final int CUSTOMERS = 100;
    static final int PRODUCTS = 100;
    static final int COPIES = 3;
    static final int THREADS = 12;

    @Inject
    WebhookFunctions webhooks;

    FakeVtigerServer vtiger = FakeVtigerResource.server();

    /** One event, the function that receives it and the answers its deliveries got. */
    record Delivery(String name, Function<HttpApiEvent, HttpApiResponse> function, String path, String body) {
        HttpApiResponse send() {
            // Each delivery is signed anew, as a sender's retry is: same body, fresh timestamp.
            return function.apply(Deliveries.signed(path, body));
        }
    }

    @Test
    void everyEntityIsMadeOnceAndRedeliveriesAreAnsweredFromTheRecord() throws Exception {
        long base = System.currentTimeMillis() % 1_000_000 * 1000 + 300_000_000L;
        List<Delivery> events = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            long id = base + i;
            String email = "redeliver" + id + "@example.com";
            emails.add(email);
            // Adobe I/O Events: the event id is "evt-<id>", so the three copies share it.
            events.add(new Delivery("customer " + id, webhooks::webhook, "/webhooks/customers/created",
                    Samples.customer("adobe-io-events/01_customer_save_commit_after_created.json", id, email)));
        }
        for (int i = 0; i < PRODUCTS; i++) {
            String sku = "REDELIVER-" + base + "-" + i;
            skus.add(sku);
            // A bare REST entity has no event id: the copies are recognised by the body's hash.
            events.add(new Delivery("product " + sku, webhooks::webhook, "/webhooks/products/saved",
                    Samples.product("rest/product_get_MB-TRAVEL-01.json", sku)));
        }
        // The three copies of each event are queued next to each other, so they really run at the same time.
        List<Delivery> storm = new ArrayList<>();
        events.forEach(e -> Collections.nCopies(COPIES, e).forEach(storm::add));

        vtiger.clearFaults();
        vtiger.resetCounts();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Map<Delivery, List<Integer>> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        List<Delivery> toResend = Collections.synchronizedList(new ArrayList<>());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (Delivery d : storm) {
                futures.add(pool.submit(() -> {
                    start.await();
                    HttpApiResponse response = d.send();
                    statuses.computeIfAbsent(d, k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(response.statusCode());
                    JsonNode body = Deliveries.body(response);
                    if (response.statusCode() == 409) {
                        assertThat(body.path("error").asText()).isEqualTo("in_progress");
                        toResend.add(d);
                    } else if (response.statusCode() != 200 || !"synced".equals(body.path("status").asText())) {
                        unexpected.add(d.name() + ": " + response.statusCode() + " " + response.body());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).as("every delivery is answered 200 (synced or replayed) or 409").isEmpty();
        assertThat(statuses).hasSize(events.size());
        assertThat(statuses.values()).allSatisfy(s -> assertThat(s).hasSize(COPIES));
        int writesDuringStorm = vtiger.calls("create");
        assertThat(vtiger.calls("update") + vtiger.calls("revise") + vtiger.calls("delete"))
                .as("a registration or an unchanged product is never revised").isZero();
        assertThat(writesDuringStorm).as("one create per Lead, Organization, Contact and Product")
                .isEqualTo(3 * CUSTOMERS + PRODUCTS);

        // The senders retry what was answered 409: now it is answered from the record, at no Vtiger cost.
        vtiger.resetCounts();
        for (Delivery d : toResend) {
            HttpApiResponse response = d.send();
            assertThat(response.statusCode()).as(d.name() + " re-sent after 409").isEqualTo(200);
            assertThat(Deliveries.body(response).path("replayed").asBoolean()).as(d.name() + " replayed").isTrue();
        }
        // And one more copy of every event, long after the storm: all replayed, no Vtiger call at all.
        for (Delivery d : events) {
            HttpApiResponse response = d.send();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Deliveries.body(response).path("replayed").asBoolean()).as(d.name() + " replayed").isTrue();
        }
        assertThat(vtiger.totalCalls()).as("redeliveries cost no Vtiger call: %s", vtiger.callCounts()).isZero();

        Map<Object, List<Map<String, Object>>> allLeads = byField("Leads", "email");
        Map<Object, List<Map<String, Object>>> allContacts = byField("Contacts", "email");
        Map<Object, List<Map<String, Object>>> allAccounts = byField("Accounts", "email1");
        for (String email : emails) {
            List<Map<String, Object>> leads = allLeads.getOrDefault(email, List.of());
            List<Map<String, Object>> contacts = allContacts.getOrDefault(email, List.of());
            List<Map<String, Object>> accounts = allAccounts.getOrDefault(email, List.of());
            assertThat(leads).as("Leads of " + email).hasSize(1);
            assertThat(accounts).as("Organizations of " + email).hasSize(1);
            assertThat(contacts).as("Contacts of " + email).singleElement()
                    .satisfies(c -> assertThat(c.get("account_id")).isEqualTo(accounts.get(0).get("id")));
        }
        Map<Object, Long> productsBySku = vtiger.records("Products").stream().map(r -> r.get("productcode"))
                .filter(Objects::nonNull).filter(skus::contains)
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
        assertThat(productsBySku).as("one Vtiger Product per SKU").hasSize(PRODUCTS)
                .allSatisfy((sku, n) -> assertThat(n).as(sku.toString()).isEqualTo(1L));
        System.out.printf("redelivery storm: %d deliveries, %d answered 409 and re-sent%n", storm.size(),
                toResend.size());
    }

    private Map<Object, List<Map<String, Object>>> byField(String module, String field) {
        return vtiger.records(module).stream().filter(r -> r.get(field) != null)
                .collect(Collectors.groupingBy(r -> r.get(field)));
    }
}
